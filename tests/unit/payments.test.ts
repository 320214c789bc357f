import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addToBalance, rebuildBalances } from '../../main/api/balances';
import type { ChangeEvent } from '../../shared/api';
import { makeClinic, rejection, count, type Clinic } from './harness';

let clinic: Clinic;
let serviceId: number;
beforeEach(async () => {
  clinic = await makeClinic();
  serviceId = (
    await clinic.database.db
      .insertInto('services')
      .values({ code: 'THE-01', name: 'Консультация', category: 'therapy', duration_min: 30, price: 150000 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterEach(async () => clinic.close());

async function patient(lastName = 'Иванов'): Promise<number> {
  return (await clinic.call('reception', 'patients.create', { lastName, firstName: 'Пётр', sourceId: clinic.sourceId })).id;
}

/** A visit written straight into the database; a completed one is charged as the lead's completion charges it. */
async function visit(patientId: number, startAt: string, lines: Array<[qty: number, price: number, discount: number]>, status = 'completed'): Promise<number> {
  const db = clinic.database.db;
  const { id } = await db
    .insertInto('appointments')
    .values({ patient_id: patientId, doctor_id: clinic.users.doctor.id, branch_id: clinic.branchId, start_at: startAt, end_at: startAt.slice(0, 11) + '23:59', status })
    .returning('id')
    .executeTakeFirstOrThrow();
  let total = 0;
  for (const [qty, price, discount] of lines) {
    const amount = qty * price - discount;
    total += amount;
    await db.insertInto('appointment_items').values({ appointment_id: id, service_id: serviceId, qty, price, discount, amount }).execute();
  }
  if (status === 'completed') await addToBalance(db, patientId, { charged: total });
  return id;
}

async function payments(): Promise<number> {
  const r = await clinic.database.db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function balanceRow(patientId: number) {
  return clinic.database.db.selectFrom('patient_balances').select(['charged', 'paid']).where('patient_id', '=', patientId).executeTakeFirst();
}

describe('payments.create', () => {
  it('takes a partial payment for a visit, and the ledger shows the rest as a debt', async () => {
    const p = await patient();
    const a = await visit(p, '2026-03-02T10:00', [[2, 100000, 0], [1, 150000, 50000]]);
    const events: ChangeEvent[] = [];
    clinic.feed.subscribe((e) => events.push(e));

    const pay = await clinic.call('reception', 'payments.create', { patientId: p, appointmentId: a, amount: 120000, method: 'card' });
    expect(pay).toMatchObject({ patientId: p, appointmentId: a, amount: 120000, method: 'card', branchId: clinic.branchId, createdBy: clinic.users.reception.id, reason: null });
    expect(pay.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await balanceRow(p)).toEqual({ charged: 300000, paid: 120000 });
    expect(events.map((e) => [e.entity, e.id, e.op])).toEqual([['payments', pay.id, 'create'], ['patients', p, 'balance']]);
    const audit = await clinic.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'payments').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ method: 'payments.create', entity_id: pay.id, user_id: clinic.users.reception.id });

    const ledger = await clinic.call('doctor', 'payments.ledger', { patientId: p });
    expect(ledger).toMatchObject({ patientId: p, charged: 300000, paid: 120000, balance: 180000 });
    expect(ledger.lines.map((l) => [l.kind, l.amount, l.balance])).toEqual([['charge', 300000, 300000], ['payment', -120000, 180000]]);
    expect(ledger.lines[0].description).toContain('2026-03-02');
    expect(ledger.lines[0].description).toContain(clinic.users.doctor.fullName);
    expect(ledger.lines[1].description).toContain('card');
  });

  it('takes money on account at the cashier\'s branch, dated as given', async () => {
    const p = await patient();
    const pay = await clinic.call('reception', 'payments.create', { patientId: p, amount: 50000, method: 'cash', paidAt: '2026-01-15T09:05' });
    expect(pay).toMatchObject({ appointmentId: null, branchId: clinic.branchId, paidAt: '2026-01-15T09:05' });
    const ledger = await clinic.call('reception', 'payments.ledger', { patientId: p });
    expect(ledger).toMatchObject({ charged: 0, paid: 50000, balance: -50000 });
  });

  it.each(['cancelled', 'no_show'])('refuses to take money for a %s booking with 409 and writes nothing', async (status) => {
    const p = await patient();
    const a = await visit(p, '2026-03-02T10:00', [[1, 150000, 0]], status);
    const auditBefore = await count(clinic, 'audit_log');
    const err = await rejection(clinic.call('reception', 'payments.create', { patientId: p, appointmentId: a, amount: 150000, method: 'cash' }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/cannot pay a (cancelled|missed)/);
    expect(await payments()).toBe(0);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
    expect(await balanceRow(p)).toBeUndefined();
  });

  it('refuses an appointment of another patient, or one that does not exist, naming appointmentId', async () => {
    const p = await patient();
    const other = await patient('Петров');
    const a = await visit(other, '2026-03-02T10:00', [[1, 150000, 0]]);
    for (const appointmentId of [a, 9999]) {
      const err = await rejection(clinic.call('reception', 'payments.create', { patientId: p, appointmentId, amount: 1000, method: 'cash' }));
      expect(err.code).toBe('invalid_input');
      expect(err.extra.issues!.map((i) => i.path)).toEqual(['appointmentId']);
    }
    expect(await payments()).toBe(0);
  });

  it('answers 404 for a patient who does not exist, was deleted or was merged away', async () => {
    const gone = await patient('Сидоров');
    const kept = await patient('Петров');
    const merged = await patient('Иванов');
    await clinic.call('admin', 'patients.delete', { id: gone });
    await clinic.call('admin', 'patients.merge', { sourceId: merged, targetId: kept });
    for (const patientId of [9999, gone, merged]) {
      const err = await rejection(clinic.call('reception', 'payments.create', { patientId, amount: 1000, method: 'cash' }));
      expect(err.code).toBe('not_found');
    }
    expect(await payments()).toBe(0);
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: -500 }],
    ['amount', { amount: 10.5 }],
    ['amount', { amount: '100' }],
    ['method', { method: 'bitcoin' }],
    ['paidAt', { paidAt: 'yesterday' }],
    ['paidAt', { paidAt: '2026-02-30T10:00' }],
    ['paidAt', { paidAt: '2026-01-15T25:00' }],
    ['paidAt', { paidAt: '2999-01-01T10:00' }],
    ['patientId', { patientId: undefined }],
    ['appointmentId', { appointmentId: 0 }],
  ])('rejects a bad %s with 400 naming the field and writes nothing', async (field, patch) => {
    const p = await patient();
    const auditBefore = await count(clinic, 'audit_log');
    const err = await rejection(clinic.call('reception', 'payments.create', { patientId: p, amount: 1000, method: 'cash', ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(err.message).toContain(field);
    expect(await payments()).toBe(0);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
    expect(await balanceRow(p)).toBeUndefined();
  });
});

describe('payments.refund', () => {
  it('is for a director or admin only', async () => {
    const p = await patient();
    await clinic.call('reception', 'payments.create', { patientId: p, amount: 100000, method: 'cash' });
    const err = await rejection(clinic.call('reception', 'payments.refund', { patientId: p, amount: 10000, method: 'cash', reason: 'Жалоба' }));
    expect(err.code).toBe('forbidden');
    expect(await payments()).toBe(1);
  });

  it('stores a negative payment with its reason, and the debt grows back', async () => {
    const p = await patient();
    const a = await visit(p, '2026-03-02T10:00', [[1, 150000, 0]]);
    await clinic.call('reception', 'payments.create', { patientId: p, appointmentId: a, amount: 150000, method: 'card' });
    expect(await balanceRow(p)).toEqual({ charged: 150000, paid: 150000 });
    const refund = await clinic.call('director', 'payments.refund', { patientId: p, appointmentId: a, amount: 40000, method: 'card', reason: ' Не понравилось ' });
    expect(refund).toMatchObject({ amount: -40000, reason: 'Не понравилось', appointmentId: a, createdBy: clinic.users.director.id });
    expect(await balanceRow(p)).toEqual({ charged: 150000, paid: 110000 });
    const ledger = await clinic.call('director', 'payments.ledger', { patientId: p });
    expect(ledger.balance).toBe(40000);
    expect(ledger.lines.at(-1)).toMatchObject({ kind: 'payment', amount: 40000, balance: 40000 });
    expect(ledger.lines.at(-1)!.description).toContain('Не понравилось');
  });

  it('refuses to return more than was paid, by the patient or for the appointment, with 409', async () => {
    const p = await patient();
    const a = await visit(p, '2026-03-02T10:00', [[1, 150000, 0]]);
    await clinic.call('reception', 'payments.create', { patientId: p, appointmentId: a, amount: 100000, method: 'cash' });
    await clinic.call('reception', 'payments.create', { patientId: p, amount: 50000, method: 'cash' });

    const forVisit = await rejection(clinic.call('director', 'payments.refund', { patientId: p, appointmentId: a, amount: 100001, method: 'cash', reason: 'x' }));
    expect(forVisit.code).toBe('conflict');
    expect(forVisit.message).toContain('100000');
    const overall = await rejection(clinic.call('director', 'payments.refund', { patientId: p, amount: 150001, method: 'cash', reason: 'x' }));
    expect(overall.code).toBe('conflict');
    expect(await payments()).toBe(2);

    await clinic.call('director', 'payments.refund', { patientId: p, appointmentId: a, amount: 100000, method: 'cash', reason: 'x' });
    // Earlier refunds count: nothing is left to return for that visit.
    const again = await rejection(clinic.call('director', 'payments.refund', { patientId: p, appointmentId: a, amount: 1, method: 'cash', reason: 'x' }));
    expect(again.code).toBe('conflict');
    expect(await balanceRow(p)).toEqual({ charged: 150000, paid: 50000 });
  });

  it('needs a reason', async () => {
    const p = await patient();
    await clinic.call('reception', 'payments.create', { patientId: p, amount: 1000, method: 'cash' });
    const err = await rejection(clinic.call('director', 'payments.refund', { patientId: p, amount: 500, method: 'cash', reason: '  ' }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['reason']);
  });
});

describe('the ledger and the kept balances', () => {
  it('adds up: totals are the sums of lines, the running balance ends at the balance, and patient_balances matches a full recompute', async () => {
    const p = await patient();
    const other = await patient('Петров');
    const v1 = await visit(p, '2026-01-10T09:00', [[1, 150000, 0], [2, 30000, 6000]]);
    await clinic.call('reception', 'payments.create', { patientId: p, appointmentId: v1, amount: 100000, method: 'cash', paidAt: '2026-01-10T10:00' });
    await clinic.call('reception', 'payments.create', { patientId: p, amount: 70000, method: 'transfer', paidAt: '2026-01-20T12:00' });
    const v2 = await visit(p, '2026-02-01T11:30', [[3, 25000, 0]]);
    await visit(p, '2026-02-05T11:30', [[1, 99000, 0]], 'cancelled');
    await clinic.call('reception', 'payments.create', { patientId: p, appointmentId: v2, amount: 75000, method: 'card', paidAt: '2026-02-01T11:30' });
    await clinic.call('director', 'payments.refund', { patientId: p, amount: 20000, method: 'cash', reason: 'Переплата', paidAt: '2026-02-03T15:00' });
    await visit(other, '2026-01-11T09:00', [[1, 150000, 0]]);
    await clinic.call('reception', 'payments.create', { patientId: other, amount: 150000, method: 'card', paidAt: '2026-01-11T09:40' });
    await clinic.call('admin', 'payments.refund', { patientId: other, amount: 150000, method: 'card', reason: 'Ошибка', paidAt: '2026-01-12T09:00' });

    const ledger = await clinic.call('director', 'payments.ledger', { patientId: p });
    const charges = ledger.lines.filter((l) => l.kind === 'charge');
    const pays = ledger.lines.filter((l) => l.kind === 'payment');
    expect(ledger.charged).toBe(charges.reduce((s, l) => s + l.amount, 0));
    expect(ledger.paid).toBe(-pays.reduce((s, l) => s + l.amount, 0));
    expect(ledger.balance).toBe(ledger.charged - ledger.paid);
    expect(ledger.lines.at(-1)!.balance).toBe(ledger.balance);
    expect(ledger.lines.map((l) => l.at)).toEqual([...ledger.lines.map((l) => l.at)].sort());
    // 204000 + 75000 charged; 100000 + 70000 + 75000 − 20000 paid.
    expect(ledger).toMatchObject({ charged: 279000, paid: 225000, balance: 54000 });
    // Same minute: the visit comes before what was paid for it.
    expect(ledger.lines.map((l) => [l.kind, l.balance])).toEqual([
      ['charge', 204000], ['payment', 104000], ['payment', 34000], ['charge', 109000], ['payment', 34000], ['payment', 54000],
    ]);

    const db = clinic.database.db;
    const kept = await db.selectFrom('patient_balances').selectAll().orderBy('patient_id').execute();
    await rebuildBalances(db);
    expect(await db.selectFrom('patient_balances').selectAll().orderBy('patient_id').execute()).toEqual(kept);
    expect(kept.find((r) => r.patient_id === p)).toMatchObject({ charged: ledger.charged, paid: ledger.paid });
  });
});

describe('payments.receipt', () => {
  it('names the patient, the cashier and the clinic, lists the visit and shows the balance after', async () => {
    await clinic.call('director', 'settings.update', { clinicName: 'Улыбка' });
    const p = await clinic.call('reception', 'patients.create', { lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич', sourceId: clinic.sourceId });
    const a = await visit(p.id, '2026-03-02T10:00', [[2, 100000, 20000]]);
    const pay = await clinic.call('reception', 'payments.create', { patientId: p.id, appointmentId: a, amount: 150000, method: 'card' });
    const receipt = await clinic.call('reception', 'payments.receipt', { id: pay.id });
    expect(receipt).toMatchObject({
      clinicName: 'Улыбка',
      currency: 'RUB',
      patientName: 'Иванов Пётр Сергеевич',
      cashier: 'User reception',
      lines: [{ name: 'Консультация', qty: 2, price: 100000, discount: 20000, amount: 180000 }],
      visitTotal: 180000,
      balanceAfter: 30000,
    });
    expect(receipt.payment.id).toBe(pay.id);

    const onAccount = await clinic.call('reception', 'payments.create', { patientId: p.id, amount: 30000, method: 'cash' });
    expect(await clinic.call('reception', 'payments.receipt', { id: onAccount.id })).toMatchObject({ lines: [], visitTotal: null, balanceAfter: 0 });
    expect((await rejection(clinic.call('reception', 'payments.receipt', { id: 9999 }))).code).toBe('not_found');
  });
});
