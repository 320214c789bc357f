import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { priceOn } from '../../main/api/services';
import { makeClinic, rejection, count, type Clinic } from './harness';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
  setToday('2026-03-10');
});
afterEach(async () => clinic.close());

/** Stands the host's clock at noon of a local day. */
function setToday(day: string): void {
  clinic.setNow(`${day}T12:00`);
}

const consult = { code: 'THE-01', name: 'Консультация терапевта', category: 'Терапия', durationMin: 30, price: 150000 };

async function priceRows(serviceId: number) {
  return clinic.database.db.selectFrom('service_prices').select(['price', 'valid_from']).where('service_id', '=', serviceId).orderBy('id').execute();
}

describe('services.create', () => {
  it('stores the service with its first price dated today, audited', async () => {
    const s = await clinic.call('director', 'services.create', { ...consult, specialty: 'therapist', recallDays: 180 });
    expect(s).toEqual({ id: s.id, code: 'THE-01', name: 'Консультация терапевта', category: 'Терапия', specialty: 'therapist', durationMin: 30, price: 150000, recallDays: 180, active: true });
    expect(await priceRows(s.id)).toEqual([{ price: 150000, valid_from: '2026-03-10' }]);
    const audit = await clinic.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'services').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ method: 'services.create', entity_id: s.id, user_id: clinic.users.director.id });
    expect(await clinic.call('doctor', 'services.list', {})).toEqual([s]);
  });

  it('refuses a code already taken with 409 naming code, and writes nothing', async () => {
    await clinic.call('admin', 'services.create', consult);
    const auditBefore = await count(clinic, 'audit_log');
    const err = await rejection(clinic.call('admin', 'services.create', { ...consult, name: 'Другая', code: ' THE-01 ' }));
    expect(err.code).toBe('conflict');
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['code']);
    expect(err.message).toContain('THE-01');
    expect(await clinic.call('admin', 'services.list', { includeInactive: true })).toHaveLength(1);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
  });

  it.each([
    ['price', { price: 10.5 }],
    ['price', { price: -1 }],
    ['durationMin', { durationMin: 0 }],
    ['code', { code: '' }],
    ['name', { name: ' ' }],
  ])('rejects a bad %s with 400 naming the field', async (field, patch) => {
    const err = await rejection(clinic.call('director', 'services.create', { ...consult, ...patch }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await clinic.database.db.selectFrom('services').selectAll().execute()).toEqual([]);
  });

  it('is for a director or admin', async () => {
    expect((await rejection(clinic.call('reception', 'services.create', consult))).code).toBe('forbidden');
  });
});

describe('services.list', () => {
  it('lists active services by category and name; inactive ones on request', async () => {
    const b = await clinic.call('director', 'services.create', { ...consult, code: 'B', category: 'Хирургия', name: 'Удаление' });
    const a2 = await clinic.call('director', 'services.create', { ...consult, code: 'A2', name: 'Чистка' });
    const a1 = await clinic.call('director', 'services.create', { ...consult, code: 'A1', name: 'Осмотр' });
    const off = await clinic.call('director', 'services.create', { ...consult, code: 'OFF', name: 'Архив', active: false });
    expect((await clinic.call('reception', 'services.list', {})).map((s) => s.id)).toEqual([a1.id, a2.id, b.id]);
    expect((await clinic.call('reception', 'services.list', { includeInactive: true })).map((s) => s.id)).toEqual([off.id, a1.id, a2.id, b.id]);
  });
});

describe('services.update', () => {
  it('changes fields partially, audits only what changed, and leaves the price history alone', async () => {
    const s = await clinic.call('director', 'services.create', consult);
    const after = await clinic.call('director', 'services.update', { id: s.id, name: 'Приём терапевта', durationMin: 45, price: 150000 });
    expect(after).toMatchObject({ name: 'Приём терапевта', durationMin: 45, price: 150000, code: 'THE-01' });
    expect(await priceRows(s.id)).toHaveLength(1);
    const audit = await clinic.database.db.selectFrom('audit_log').select(['before', 'after']).where('method', '=', 'services.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toEqual({ name: 'Консультация терапевта', durationMin: 30 });
    expect(JSON.parse(audit.after!)).toEqual({ name: 'Приём терапевта', durationMin: 45 });
    const off = await clinic.call('director', 'services.update', { id: s.id, active: false });
    expect(off.active).toBe(false);
    expect(await clinic.call('director', 'services.list', {})).toEqual([]);
  });

  it('keeps the price history: a visit before the change keeps the old price, one after gets the new', async () => {
    const s = await clinic.call('director', 'services.create', consult);
    setToday('2026-04-01');
    const raised = await clinic.call('director', 'services.update', { id: s.id, price: 180000 });
    expect(raised.price).toBe(180000);
    expect(await clinic.call('reception', 'services.prices', { id: s.id })).toEqual([
      { price: 180000, validFrom: '2026-04-01' },
      { price: 150000, validFrom: '2026-03-10' },
    ]);
    const db = clinic.database.db;
    expect(await priceOn(db, s.id, '2026-03-31')).toBe(150000);
    expect(await priceOn(db, s.id, '2026-04-01')).toBe(180000);
    expect(await priceOn(db, s.id, '2026-04-01T18:30')).toBe(180000);
    // Before the first recorded price, the service's own price stands.
    expect(await priceOn(db, s.id, '2020-01-01')).toBe(180000);
    const audit = await db.selectFrom('audit_log').select('after').where('method', '=', 'services.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toEqual({ price: 180000, priceChange: { price: 180000, validFrom: '2026-04-01' } });
  });

  it('announces a future price without changing today\'s, and shows it from its day', async () => {
    const s = await clinic.call('director', 'services.create', consult);
    const planned = await clinic.call('director', 'services.update', { id: s.id, price: 200000, priceFrom: '2026-05-01' });
    expect(planned.price).toBe(150000);
    expect((await clinic.database.db.selectFrom('services').select('price').where('id', '=', s.id).executeTakeFirstOrThrow()).price).toBe(150000);
    expect(await priceOn(clinic.database.db, s.id, '2026-04-30')).toBe(150000);
    expect(await priceOn(clinic.database.db, s.id, '2026-05-01')).toBe(200000);
    setToday('2026-05-02');
    expect((await clinic.call('reception', 'services.list', {}))[0].price).toBe(200000);
  });

  it('a back-dated change does not override a later one', async () => {
    const s = await clinic.call('director', 'services.create', consult);
    setToday('2026-04-01');
    await clinic.call('director', 'services.update', { id: s.id, price: 180000 });
    const back = await clinic.call('director', 'services.update', { id: s.id, price: 160000, priceFrom: '2026-03-20' });
    expect(back.price).toBe(180000);
    expect(await priceOn(clinic.database.db, s.id, '2026-03-25')).toBe(160000);
    expect(await priceOn(clinic.database.db, s.id, '2026-03-15')).toBe(150000);
  });

  it('refuses a taken code with 409, a date without a price with 400, an unknown service with 404', async () => {
    const s = await clinic.call('director', 'services.create', consult);
    await clinic.call('director', 'services.create', { ...consult, code: 'THE-02' });
    const taken = await rejection(clinic.call('director', 'services.update', { id: s.id, code: 'THE-02' }));
    expect(taken.code).toBe('conflict');
    expect(taken.extra.issues!.map((i) => i.path)).toEqual(['code']);
    const dateOnly = await rejection(clinic.call('director', 'services.update', { id: s.id, priceFrom: '2026-05-01' }));
    expect(dateOnly.extra.issues!.map((i) => i.path)).toEqual(['priceFrom']);
    const badDate = await rejection(clinic.call('director', 'services.update', { id: s.id, price: 1, priceFrom: '2026-02-30' }));
    expect(badDate.extra.issues!.map((i) => i.path)).toEqual(['priceFrom']);
    const unknownField = await rejection(clinic.call('director', 'services.update', { id: s.id, colour: 'red' } as never));
    expect(unknownField.code).toBe('invalid_input');
    expect((await rejection(clinic.call('director', 'services.update', { id: 999, name: 'x' }))).code).toBe('not_found');
    expect((await rejection(clinic.call('reception', 'services.prices', { id: 999 }))).code).toBe('not_found');
    expect(await priceRows(s.id)).toHaveLength(1);
    // Keeping its own code is no conflict.
    expect((await clinic.call('director', 'services.update', { id: s.id, code: 'THE-01', name: 'Новое' })).name).toBe('Новое');
  });
});

describe('services.update keeps what it is not told', () => {
  it('does not turn a retired service back on when only its name changes', async () => {
    const clinic = await makeClinic();
    try {
      const s = await clinic.call('director', 'services.create', { code: 'R1', name: 'Старое', category: 'therapy', durationMin: 30, price: 1000 });
      await clinic.call('director', 'services.update', { id: s.id, active: false });
      const renamed = await clinic.call('director', 'services.update', { id: s.id, name: 'Снято с прайса' });
      expect(renamed.active).toBe(false);
    } finally {
      await clinic.close();
    }
  });
});
