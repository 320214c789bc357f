import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, rejection, count, type Clinic } from './harness';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
});
afterEach(async () => clinic.close());

const ivanov = (sourceId: number) => ({
  lastName: 'Иванов',
  firstName: 'Пётр',
  middleName: 'Сергеевич',
  birthDate: '1985-03-14',
  sex: 'male' as const,
  phone: '+7 (912) 345-67-89',
  email: 'Petr@Example.com',
  city: 'Москва',
  sourceId,
  consentSms: true,
});

describe('patients.create', () => {
  it('stores a patient with the phone in E.164 and the e-mail lower-cased, audited', async () => {
    const p = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    expect(p.phone).toBe('+79123456789');
    expect(p.email).toBe('petr@example.com');
    expect(p.consentSms).toBe(true);
    const audit = await clinic.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', p.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].method).toBe('patients.create');
    expect(audit[0].user_id).toBe(clinic.users.reception.id);
    expect(JSON.parse(audit[0].after!)).toMatchObject({ last_name: 'Иванов', phone: '+79123456789' });
  });

  it.each([
    ['lastName', { lastName: '' }],
    ['firstName', { firstName: undefined }],
    ['birthDate', { birthDate: '1985-02-30' }],
    ['birthDate', { birthDate: '2999-01-01' }],
    ['email', { email: 'not-an-email' }],
    ['sourceId', { sourceId: undefined }],
    ['sex', { sex: 'x' }],
  ])('rejects a bad %s with 400 naming the field and writes nothing', async (field, patch) => {
    const before = await count(clinic, 'patients');
    const auditBefore = await count(clinic, 'audit_log');
    const err = await rejection(clinic.call('reception', 'patients.create', { ...ivanov(clinic.sourceId), ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(err.message).toContain(field);
    expect(await count(clinic, 'patients')).toBe(before);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
  });

  it('rejects a source or branch that does not exist, naming the field', async () => {
    for (const [field, patch] of [['sourceId', { sourceId: 999 }], ['branchId', { branchId: 999 }]] as const) {
      const err = await rejection(clinic.call('reception', 'patients.create', { ...ivanov(clinic.sourceId), ...patch }));
      expect(err.code).toBe('invalid_input');
      expect(err.extra.issues![0].path).toBe(field);
    }
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('rejects a malformed phone naming the phone field', async () => {
    const err = await rejection(clinic.call('reception', 'patients.create', { ...ivanov(clinic.sourceId), phone: '12' }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues![0].path).toBe('phone');
    expect(await count(clinic, 'patients')).toBe(0);
  });

  it('warns of a duplicate by the same phone typed differently, and creates it anyway on request', async () => {
    const first = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const other = { ...ivanov(clinic.sourceId), lastName: 'Петров', birthDate: null, phone: '8 912 345 67 89' };
    const err = await rejection(clinic.call('reception', 'patients.create', other));
    expect(err.code).toBe('duplicate');
    expect(err.extra.current).toEqual([expect.objectContaining({ id: first.id, match: 'phone' })]);
    expect(await count(clinic, 'patients')).toBe(1);
    const forced = await clinic.call('reception', 'patients.create', { ...other, force: true });
    expect(forced.id).not.toBe(first.id);
  });

  it('warns of a duplicate by the same name and birth date, ignoring case', async () => {
    await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const err = await rejection(
      clinic.call('reception', 'patients.create', { ...ivanov(clinic.sourceId), lastName: 'ИВАНОВ', phone: '+7 900 000-00-01' }),
    );
    expect(err.code).toBe('duplicate');
    expect((err.extra.current as Array<{ match: string }>)[0].match).toBe('name_birth');
  });

  it('is refused to a doctor (403) and to nobody signed in (401)', async () => {
    expect((await rejection(clinic.call('doctor', 'patients.create', ivanov(clinic.sourceId)))).code).toBe('forbidden');
    const anon = await rejection(clinic.router.call('patients.create', ivanov(clinic.sourceId), { user: null, tokenHash: null }));
    expect(anon.code).toBe('unauthorized');
  });
});

describe('patients.update', () => {
  it('changes fields, audits only what changed, and refuses a stale edit with the current record', async () => {
    const p = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const edited = await clinic.call('reception', 'patients.update', { id: p.id, updatedAt: p.updatedAt, city: 'Казань' });
    expect(edited.city).toBe('Казань');
    const audit = await clinic.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('method', '=', 'patients.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toEqual({ city: 'Москва' });
    expect(JSON.parse(audit.after!)).toEqual({ city: 'Казань' });

    const stale = await rejection(clinic.call('reception', 'patients.update', { id: p.id, updatedAt: p.updatedAt, city: 'Тверь' }));
    expect(stale.code).toBe('conflict');
    expect(stale.extra.current).toMatchObject({ city: 'Казань' });
    const card = await clinic.call('reception', 'patients.get', { id: p.id });
    expect(card.patient.city).toBe('Казань');
  });

  it('rejects an unknown field and a missing patient', async () => {
    const p = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const err = await rejection(clinic.call('reception', 'patients.update', { id: p.id, updatedAt: p.updatedAt, colour: 'red' } as never));
    expect(err.code).toBe('invalid_input');
    expect((await rejection(clinic.call('reception', 'patients.update', { id: 999, updatedAt: 'x' }))).code).toBe('not_found');
  });
});

describe('patients.search', () => {
  beforeEach(async () => {
    await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    await clinic.call('reception', 'patients.create', {
      lastName: 'Смирнова', firstName: 'Анна', phone: '+7 903 111-22-33', email: 'anna@mail.ru', sourceId: clinic.sourceId,
    });
    await clinic.call('reception', 'patients.create', { lastName: 'Wang', firstName: 'Li', phone: '+86 138 0013 8000', sourceId: clinic.sourceId });
  });

  it.each([
    ['4567', 'Иванов'],
    ['+7 (912) 345-67-89', 'Иванов'],
    ['89123456789', 'Иванов'],
    ['912-345', 'Иванов'],
    ['ванов', 'Иванов'],
    ['смирн', 'Смирнова'],
    ['анна смир', 'Смирнова'],
    ['anna@mail', 'Смирнова'],
    ['Wa', 'Wang'],
    // One or two letters: the start of a name word, in any case and script.
    ['ив', 'Иванов'],
    ['СМ', 'Смирнова'],
    ['а смирн', 'Смирнова'],
    ['l', 'Wang'],
    ['13800138000', 'Wang'],
  ])('finds %s', async (query, lastName) => {
    const r = await clinic.call('callcenter', 'patients.search', { query });
    expect(r.items.map((i) => i.lastName)).toEqual([lastName]);
    expect(r.total).toBe(1);
  });

  it('pages and sorts the whole list', async () => {
    const all = await clinic.call('doctor', 'patients.search', { query: '', sort: 'name', direction: 'desc', limit: 2 });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.lastName)).toEqual(['Смирнова', 'Иванов']);
    const second = await clinic.call('doctor', 'patients.search', { query: '', sort: 'name', direction: 'desc', limit: 2, offset: 2 });
    expect(second.items.map((i) => i.lastName)).toEqual(['Wang']);
  });

  it('gives the same pages whether a query matches a few or thousands (both plans)', async () => {
    // 1,200 "Петровы" cross the broad-query plan's threshold; 40 "Петрищевы"
    // stay under it. Deleted and merged ones must vanish from both.
    const { db } = clinic.database;
    const firstNames = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дина'];
    const rows = Array.from({ length: 1240 }, (_, i) => ({
      last_name: i < 1200 ? 'Петров' : 'Петрищев',
      first_name: `${firstNames[i % 5]}${String(i).padStart(4, '0')}`,
      source_id: clinic.sourceId,
      created_at: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
      deleted_at: i % 97 === 5 ? '2026-01-01T00:00:00Z' : null,
    }));
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('patients').values(rows.slice(i, i + 200)).execute();
    const survivor = (await db.selectFrom('patients').select('id').where('last_name', '=', 'Петров').orderBy('id').executeTakeFirstOrThrow()).id;
    await db.updateTable('patients').set({ merged_into_id: survivor }).where('first_name', '=', 'Вера0002').execute();
    const live = await db.selectFrom('patients').select(['id', 'last_name', 'first_name', 'created_at'])
      .where('deleted_at', 'is', null).where('merged_into_id', 'is', null).where('last_name', 'like', 'Петр%').execute();

    // SQLite orders text by its bytes, which for these names is JavaScript's < order.
    const cmpBinary = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const binaryByName = (a: (typeof live)[number], b: (typeof live)[number]) =>
      cmpBinary(a.last_name, b.last_name) || cmpBinary(a.first_name, b.first_name) || a.id - b.id;
    for (const [query, lastName] of [['Петров', 'Петров'], ['Петрищ', 'Петрищев']] as const) {
      const expected = live.filter((p) => p.last_name === lastName);
      const asc = [...expected].sort(binaryByName);
      const desc = [...asc].reverse();
      const newest = [...expected].sort((a, b) => cmpBinary(b.created_at, a.created_at) || b.id - a.id);
      const page = (sort: 'name' | 'createdAt', direction: 'asc' | 'desc', offset: number) =>
        clinic.call('reception', 'patients.search', { query, sort, direction, limit: 25, offset });
      const first = await page('name', 'asc', 0);
      expect(first.total).toBe(expected.length);
      expect(first.items.map((i) => i.id)).toEqual(asc.slice(0, 25).map((p) => p.id));
      expect((await page('name', 'asc', 30)).items.map((i) => i.id)).toEqual(asc.slice(30, 55).map((p) => p.id));
      expect((await page('name', 'desc', 0)).items.map((i) => i.id)).toEqual(desc.slice(0, 25).map((p) => p.id));
      expect((await page('createdAt', 'desc', 0)).items.map((i) => i.id)).toEqual(newest.slice(0, 25).map((p) => p.id));
    }
    // A filter next to a broad query is counted by the table, not the index.
    const other = (await db.insertInto('sources').values({ code: 'friends', name: 'Друзья' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.updateTable('patients').set({ source_id: other }).where('first_name', 'like', 'Анна%').where('last_name', '=', 'Петров').execute();
    const annas = live.filter((p) => p.last_name === 'Петров' && p.first_name.startsWith('Анна')).length;
    expect((await clinic.call('reception', 'patients.search', { query: 'Петров', sourceId: other })).total).toBe(annas);
    expect((await clinic.call('reception', 'patients.search', { query: '', sourceId: other })).total).toBe(annas);
  });
});

describe('patients.merge and delete', () => {
  it('moves all history of the duplicate into the survivor and hides the duplicate', async () => {
    const a = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const b = await clinic.call('reception', 'patients.create', {
      lastName: 'Иванов', firstName: 'Петр', phone: null, email: null, sourceId: clinic.sourceId, address: 'ул. Ленина, 1',
    });
    const { db } = clinic.database;
    const doctorId = clinic.users.doctor.id;
    const appt = await db
      .insertInto('appointments')
      .values({ patient_id: b.id, doctor_id: doctorId, branch_id: clinic.branchId, start_at: '2026-01-10T10:00', end_at: '2026-01-10T10:30', status: 'completed' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('payments').values({ patient_id: b.id, appointment_id: appt.id, paid_at: '2026-01-10T10:40', amount: 5000, method: 'cash' }).execute();

    const err = await rejection(clinic.call('reception', 'patients.merge', { sourceId: b.id, targetId: a.id }));
    expect(err.code).toBe('forbidden');

    const survivor = await clinic.call('director', 'patients.merge', { sourceId: b.id, targetId: a.id });
    expect(survivor.address).toBe('ул. Ленина, 1');
    const card = await clinic.call('director', 'patients.get', { id: a.id });
    expect(card.visits).toHaveLength(1);
    expect(card.payments).toHaveLength(1);
    expect((await rejection(clinic.call('director', 'patients.get', { id: b.id }))).code).toBe('not_found');
    const list = await clinic.call('director', 'patients.search', { query: 'Иванов' });
    expect(list.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('refuses merging a patient into itself', async () => {
    const a = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    const err = await rejection(clinic.call('director', 'patients.merge', { sourceId: a.id, targetId: a.id }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues![0].path).toBe('targetId');
  });

  it('lets only an admin delete, softly', async () => {
    const a = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    expect((await rejection(clinic.call('reception', 'patients.delete', { id: a.id }))).code).toBe('forbidden');
    await clinic.call('admin', 'patients.delete', { id: a.id });
    const row = await clinic.database.db.selectFrom('patients').select('deleted_at').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect((await clinic.call('admin', 'patients.search', { query: '4567' })).total).toBe(0);
  });

  it('audits the opening of a card and publishes change events', async () => {
    const seen: string[] = [];
    clinic.feed.subscribe((e) => seen.push(`${e.entity}:${e.op}`));
    const a = await clinic.call('reception', 'patients.create', ivanov(clinic.sourceId));
    await clinic.call('doctor', 'patients.get', { id: a.id });
    const opened = await clinic.database.db.selectFrom('audit_log').selectAll().where('method', '=', 'patients.get').execute();
    expect(opened).toEqual([expect.objectContaining({ user_id: clinic.users.doctor.id, entity_id: a.id })]);
    expect(seen).toEqual(['patients:create']);
  });
});
