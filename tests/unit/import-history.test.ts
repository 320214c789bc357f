import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, rejection, count, type Clinic } from './harness';
import type { ImportResult } from '../../shared/api/import';
import { rebuildBalances } from '../../main/api/balances';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';
import { parseLocalDateTime, parseMoney } from '../../main/import/values';

let clinic: Clinic;
let ivanova: number;
beforeEach(async () => {
  clinic = await makeClinic();
  const { db } = clinic.database;
  ivanova = (
    await db
      .insertInto('users')
      .values({ login: 'ivanova', password_hash: '!', full_name: 'Иванова Мария Петровна', role: 'doctor', branch_id: clinic.branchId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await clinic.call('director', 'services.create', { code: 'CONS', name: 'Консультация', category: 'therapy', durationMin: 30, price: 150000 });
  await clinic.call('director', 'reasons.save', { kind: 'cancel', code: 'sick', name: 'Заболел' });
  const patients = [
    'external_id,last_name,first_name,phone',
    'P-1,Иванов,Пётр,+7 912 345-67-89',
    'P-2,Смирнова,Анна,+7 903 111-22-33',
    'P-3,Козлова,Ирина,+7 921 555-44-33',
  ].join('\n');
  const r = await clinic.call('director', 'import.patients', { fileName: 'p.csv', contentBase64: base64(patients) });
  expect(r).toMatchObject({ created: 3, errors: [] });
});
afterEach(async () => clinic.close());

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

function importFile(method: 'import.visits' | 'import.payments', content: string | Buffer, options: { dryRun?: boolean; allOrNothing?: boolean; fileName?: string } = {}): Promise<ImportResult> {
  const { fileName = 'history.csv', ...rest } = options;
  return clinic.call('director', method, { fileName, contentBase64: base64(content), dryRun: false, allOrNothing: true, ...rest });
}

const VISITS_HEADER = 'visit_id,patient_id,patient_phone,doctor,branch,start,end,status,reason,service,qty,price,discount,amount';
const VISITS = [
  // V-1: two lines (a new service "Снимок" 2 × 1 250,50 − 100 = 2 401).
  'V-1,P-1,,ivanova,Центр,2024-03-05 10:00,,completed,,CONS,1,1500,,1500',
  'V-1,P-1,,,,,,,,Снимок,2,"1 250,50",100,2401',
  // V-2: the patient by a phone typed differently, an unknown doctor, the only branch, the catalog price.
  'V-2,,8 (921) 555 44 33,Петров П.П.,,05.03.2024 14:30,15:15,выполнен,,Консультация,,,,',
  // V-3: cancelled, its reason named as in the catalog.
  'V-3,P-2,,Иванова Мария Петровна,центр,2024-04-01T09:00,,отменён,Заболел,CONS,1,1500,,',
];
const visitsCsv = (...lines: string[]) => [VISITS_HEADER, ...lines].join('\n') + '\n';

const PAYMENTS = [
  'payment_id,patient_id,patient_phone,visit_id,paid_at,amount,method,reason',
  'PAY-1,P-1,,V-1,2024-03-05,"3 901,00",карта,',
  'PAY-2,P-1,,V-1,10.03.2024 12:00,-500,наличные,Возврат за снимок',
  'PAY-3,,+7 (903) 111 22 33,,2024-04-01 09:05,1000,转账,',
].join('\n');

const db = () => clinic.database.db;
const idOf = async (externalId: string) => (await db().selectFrom('patients').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
const tableCount = async (table: 'appointments' | 'appointment_items' | 'payments' | 'services' | 'reasons') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => ({
  appointments: await tableCount('appointments'),
  items: await tableCount('appointment_items'),
  payments: await tableCount('payments'),
  services: await tableCount('services'),
  reasons: await tableCount('reasons'),
  users: await count(clinic, 'users'),
});
const balances = () => db().selectFrom('patient_balances').selectAll().orderBy('patient_id').execute();
const firstVisits = () => db().selectFrom('patient_first_visits').selectAll().orderBy('patient_id').execute();

describe('import.visits', () => {
  it('refuses the whole file when rows are bad, naming each line and field, and writes nothing', async () => {
    const before = await counts();
    const balancesBefore = await balances();
    const r = await importFile(
      'import.visits',
      visitsCsv(
        ...VISITS,
        'V-4,P-1,,ivanova,Центр,2024-03-06 25:10,,completed,,CONS,1,1500,,',
        'V-5,P-1,,ivanova,Центр,2024-03-07 10:00,,finished-ish,,CONS,1,1500,,',
        'V-6,P-2,,ivanova,Центр,2024-03-08 10:00,,completed,,CONS,1,1500,100,1500',
      ),
    );
    expect(r.errors).toEqual([
      { line: 6, field: 'start', reason: expect.stringContaining('25:10') },
      { line: 7, field: 'status', reason: expect.stringContaining('finished-ish') },
      { line: 8, field: 'amount', reason: expect.stringContaining('1400.00') },
    ]);
    expect(r).toMatchObject({ total: 7, created: 0, updated: 0, committed: false });
    expect(await counts()).toEqual(before);
    expect(await balances()).toEqual(balancesBefore);
    expect(await firstVisits()).toEqual([]);
  });

  it('imports the good visits only when allOrNothing is off', async () => {
    const r = await importFile('import.visits', visitsCsv(...VISITS, 'V-9,P-404,,ivanova,,2024-03-06 10:00,,,,CONS,1,1500,,'), { allOrNothing: false });
    expect(r.errors).toEqual([{ line: 6, field: 'patientId', reason: expect.stringContaining('P-404') }]);
    expect(r).toMatchObject({ created: 3, committed: true });
    expect(await tableCount('appointments')).toBe(3);
  });

  it('creates the visits with their lines, charged totals, first visits and balances', async () => {
    const before = await counts();
    const r = await importFile('import.visits', visitsCsv(...VISITS));
    expect(r).toEqual({
      dryRun: false, total: 4, created: 3, updated: 0, skipped: 0, errors: [], committed: true,
      added: { doctors: ['Петров П.П.'], services: ['Снимок'], reasons: [] },
    });
    expect(await counts()).toEqual({ ...before, appointments: 3, items: 4, services: before.services + 1, users: before.users + 1 });

    const [p1, p2, p3] = [await idOf('P-1'), await idOf('P-2'), await idOf('P-3')];
    const petrov = await db().selectFrom('users').selectAll().where('full_name', '=', 'Петров П.П.').executeTakeFirstOrThrow();
    expect(petrov).toMatchObject({ role: 'doctor', active: 0, password_hash: '!', branch_id: clinic.branchId });
    const login = await rejection(clinic.router.call('auth.login', { login: petrov.login, password: '!' }, { user: null, tokenHash: null }));
    expect(login.code).toBe('unauthorized');

    const visits = await db().selectFrom('appointments').selectAll().orderBy('external_id').execute();
    expect(visits.map((a) => [a.external_id, a.patient_id, a.doctor_id, a.branch_id, a.start_at, a.end_at, a.status, a.reason_code, a.charged])).toEqual([
      ['V-1', p1, ivanova, clinic.branchId, '2024-03-05T10:00', '2024-03-05T11:00', 'completed', null, 390100],
      ['V-2', p3, petrov.id, clinic.branchId, '2024-03-05T14:30', '2024-03-05T15:15', 'completed', null, 150000],
      ['V-3', p2, ivanova, clinic.branchId, '2024-04-01T09:00', '2024-04-01T09:30', 'cancelled', 'sick', 0],
    ]);
    const lines = await db()
      .selectFrom('appointment_items as i')
      .innerJoin('services as s', 's.id', 'i.service_id')
      .select(['i.appointment_id', 's.name', 'i.qty', 'i.price', 'i.discount', 'i.amount'])
      .where('i.appointment_id', '=', visits[0].id)
      .orderBy('i.id')
      .execute();
    expect(lines.map(({ name, qty, price, discount, amount }) => [name, qty, price, discount, amount])).toEqual([
      ['Консультация', 1, 150000, 0, 150000],
      ['Снимок', 2, 125050, 10000, 240100],
    ]);
    const snimok = await db().selectFrom('services').selectAll().where('name', '=', 'Снимок').executeTakeFirstOrThrow();
    expect(snimok).toMatchObject({ code: 'Снимок', category: 'imported', price: 125050 });

    expect(await balances()).toEqual([
      { patient_id: p1, charged: 390100, paid: 0 },
      { patient_id: p2, charged: 0, paid: 0 },
      { patient_id: p3, charged: 150000, paid: 0 },
    ]);
    expect(await firstVisits()).toEqual([
      { patient_id: p1, first_at: '2024-03-05T10:00', doctor_id: ivanova, branch_id: clinic.branchId },
      { patient_id: p3, first_at: '2024-03-05T14:30', doctor_id: petrov.id, branch_id: clinic.branchId },
    ]);
    // The kept summaries are what a rebuild from history gives.
    const kept = { b: await balances(), f: await firstVisits() };
    await rebuildBalances(db());
    await rebuildVisitSummaries(db());
    expect({ b: await balances(), f: await firstVisits() }).toEqual(kept);
  });

  it('re-imports by visit_id: nothing is duplicated and a visit’s lines are replaced', async () => {
    await importFile('import.visits', visitsCsv(...VISITS));
    const after = await counts();
    const again = await importFile('import.visits', visitsCsv(...VISITS));
    expect(again).toMatchObject({ created: 0, updated: 3, errors: [], committed: true, added: { doctors: [], services: [], reasons: [] } });
    expect(await counts()).toEqual(after);

    const edited = await importFile('import.visits', visitsCsv(VISITS[0], VISITS[2], VISITS[3]));
    expect(edited).toMatchObject({ created: 0, updated: 3 });
    expect(await tableCount('appointment_items')).toBe(after.items - 1);
    const p1 = await idOf('P-1');
    expect(await db().selectFrom('patient_balances').selectAll().where('patient_id', '=', p1).executeTakeFirst()).toEqual({ patient_id: p1, charged: 150000, paid: 0 });
  });

  it('reports a dry run without writing anything', async () => {
    const before = await counts();
    const auditBefore = await count(clinic, 'audit_log');
    const r = await importFile('import.visits', visitsCsv(...VISITS), { dryRun: true });
    expect(r).toEqual({
      dryRun: true, total: 4, created: 3, updated: 0, skipped: 0, errors: [], committed: false,
      added: { doctors: ['Петров П.П.'], services: ['Снимок'], reasons: [] },
    });
    expect(await counts()).toEqual(before);
    expect(await count(clinic, 'audit_log')).toBe(auditBefore);
  });

  it('adds an unknown no-show reason, and checks visits against each other and the clinic', async () => {
    const ok = await importFile(
      'import.visits',
      visitsCsv(
        'V-7,P-2,,ivanova,,2024-04-02 11:00,,неявка,Не дозвонились,,,,,',
        // A future booking of two lines; the second line's empty cells are the first line's.
        'V-15,P-3,,ivanova,,2099-01-10 10:00,,booked,,CONS,,,,',
        'V-15,,,,,,,,,CONS,,,,',
      ),
    );
    expect(ok).toMatchObject({ created: 2, errors: [], added: { reasons: ['Не дозвонились'] } });
    expect(await db().selectFrom('appointments').select(['status', 'end_at', 'charged']).where('external_id', '=', 'V-15').executeTakeFirstOrThrow()).toEqual({
      status: 'booked', end_at: '2099-01-10T11:00', charged: 0,
    });
    const reason = await db().selectFrom('reasons').selectAll().where('name', '=', 'Не дозвонились').executeTakeFirstOrThrow();
    expect(reason).toMatchObject({ kind: 'no_show', code: 'imported_1' });
    expect((await db().selectFrom('appointments').select(['status', 'reason_code']).where('external_id', '=', 'V-7').executeTakeFirstOrThrow())).toEqual({ status: 'no_show', reason_code: 'imported_1' });

    await db().insertInto('branches').values({ name: 'Север', city: 'Москва' }).execute();
    const r = await importFile(
      'import.visits',
      visitsCsv(
        'V-8,P-1,,ivanova,,2024-03-05 10:00,,,,CONS,1,1500,,',
        'V-9,P-1,,ivanova,Юг,2024-03-05 10:00,,,,CONS,1,1500,,',
        'V-10,P-1,,ivanova,Центр,2024-03-05 10:00,,,,CONS,1,1500,,',
        'V-10,P-2,,ivanova,Центр,2024-03-05 10:00,,,,CONS,1,1500,,',
        'V-11,P-1,,ivanova,Центр,2024-03-05 10:00,,,,Новая услуга,1,,,',
        'V-12,P-1,,ivanova,Центр,2024-03-05,,,,CONS,1,1500,,',
        'V-13,P-1,,ivanova,Центр,2099-03-05 10:00,,completed,,CONS,1,1500,,',
        'V-14,P-1,,ivanova,Центр,2024-03-05 10:00,09:00,,,CONS,1,1500,2000,',
      ),
    );
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'branch'],
      [3, 'branch'],
      [5, 'patientId'],
      [6, 'price'],
      [7, 'start'],
      [8, 'status'],
      [9, 'end'],
    ]);
    expect(r.committed).toBe(false);
  });

  it('is refused to reception and rejects a file that cannot be read', async () => {
    const denied = await rejection(clinic.call('reception', 'import.visits', { fileName: 'v.csv', contentBase64: base64(visitsCsv(...VISITS)) }));
    expect(denied.code).toBe('forbidden');
    const broken = await rejection(importFile('import.visits', 'not a zip', { fileName: 'v.xlsx' }));
    expect(broken.code).toBe('invalid_input');
    const header = await importFile('import.visits', 'patient_id,service\nP-1,CONS\n');
    expect(header.errors).toEqual([{ line: 1, field: 'header', reason: expect.stringContaining('visit_id') }]);
  });

  it('reads an XLSX with Russian headers and date-time cells', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Визиты');
    sheet.addRow(['Код визита', 'Код пациента', 'Врач', 'Дата', 'Статус', 'Услуга', 'Цена']);
    sheet.addRow(['V-20', 'P-3', 'ivanova', new Date(Date.UTC(2024, 2, 5, 16, 45)), 'завершён', 'CONS', 1500]);
    const r = await importFile('import.visits', Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'визиты.xlsx' });
    expect(r).toMatchObject({ created: 1, errors: [], committed: true });
    const a = await db().selectFrom('appointments').selectAll().where('external_id', '=', 'V-20').executeTakeFirstOrThrow();
    expect([a.start_at, a.end_at, a.charged]).toEqual(['2024-03-05T16:45', '2024-03-05T17:15', 150000]);
  });

  it('lets the reports see the imported visits', async () => {
    await importFile('import.visits', visitsCsv(...VISITS));
    const peak = await clinic.call('director', 'reports.run', { id: 'peak-hours', params: { from: '2024-03-01', to: '2024-04-30' } });
    // Tuesday 2024-03-05 at 10:00 and 14:30; the cancelled visit does not count.
    expect(peak.rows).toEqual([
      { weekday: 2, hour: 10, visits: 1 },
      { weekday: 2, hour: 14, visits: 1 },
    ]);
    const retention = await clinic.call('director', 'reports.run', { id: 'retention', params: { from: '2024-03-01', to: '2024-03-31', asOf: '2024-12-31' } });
    expect(retention.totals).toMatchObject({ primary: 2, returned: 0 });
  });
});

describe('import.payments', () => {
  beforeEach(async () => {
    expect(await importFile('import.visits', visitsCsv(...VISITS))).toMatchObject({ created: 3, errors: [] });
  });

  it('imports payments and a refund linked to a visit, and re-importing changes nothing', async () => {
    const [p1, p2] = [await idOf('P-1'), await idOf('P-2')];
    const v1 = await db().selectFrom('appointments').select('id').where('external_id', '=', 'V-1').executeTakeFirstOrThrow();
    const r = await importFile('import.payments', PAYMENTS);
    expect(r).toEqual({ dryRun: false, total: 3, created: 3, updated: 0, skipped: 0, errors: [], committed: true });
    const rows = await db().selectFrom('payments').selectAll().orderBy('external_id').execute();
    expect(rows.map((p) => [p.external_id, p.patient_id, p.appointment_id, p.branch_id, p.paid_at, p.amount, p.method, p.reason])).toEqual([
      // A date alone on the visit's day is the visit's time.
      ['PAY-1', p1, v1.id, clinic.branchId, '2024-03-05T10:00', 390100, 'card', null],
      ['PAY-2', p1, v1.id, clinic.branchId, '2024-03-10T12:00', -50000, 'cash', 'Возврат за снимок'],
      ['PAY-3', p2, null, clinic.branchId, '2024-04-01T09:05', 100000, 'transfer', null],
    ]);
    const p1Balance = { patient_id: p1, charged: 390100, paid: 340100 };
    expect(await db().selectFrom('patient_balances').selectAll().where('patient_id', 'in', [p1, p2]).orderBy('patient_id').execute()).toEqual([
      p1Balance,
      { patient_id: p2, charged: 0, paid: 100000 },
    ]);
    const ledger = await clinic.call('reception', 'payments.ledger', { patientId: p1 });
    expect(ledger.balance).toBe(50000);

    const before = await counts();
    const again = await importFile('import.payments', PAYMENTS);
    expect(again).toMatchObject({ created: 0, updated: 3, errors: [] });
    expect(await counts()).toEqual(before);
    expect(await db().selectFrom('patient_balances').selectAll().where('patient_id', '=', p1).executeTakeFirst()).toEqual(p1Balance);
    const kept = await balances();
    await rebuildBalances(db());
    expect(await balances()).toEqual(kept);
  });

  it('skips a payment without an id that is already there, and writes nothing in a dry run', async () => {
    const noIds = PAYMENTS.replace(/PAY-\d/g, '');
    const dry = await importFile('import.payments', noIds, { dryRun: true });
    expect(dry).toMatchObject({ created: 3, committed: false });
    expect(await tableCount('payments')).toBe(0);
    expect(await importFile('import.payments', noIds)).toMatchObject({ created: 3, skipped: 0 });
    expect(await importFile('import.payments', noIds)).toMatchObject({ created: 0, skipped: 3, committed: false });
    expect(await tableCount('payments')).toBe(3);
  });

  it('names the line and field of bad payments and writes none', async () => {
    const r = await importFile(
      'import.payments',
      [
        'payment_id,patient_id,visit_id,paid_at,amount,method',
        'PAY-1,P-1,V-1,2024-03-05,3901,card',
        'PAY-2,P-2,V-1,2024-03-05,100,card',
        'PAY-3,P-1,V-404,2024-03-05,100,card',
        'PAY-4,P-1,,2099-01-01,100,card',
        'PAY-5,P-1,,2024-03-05,0,card',
        'PAY-6,P-1,,2024-03-05,"1,500",card',
        'PAY-7,P-1,,2024-03-05,100,bitcoin',
        'PAY-1,P-1,,2024-03-05,100,card',
      ].join('\n'),
    );
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'visitId'],
      [4, 'visitId'],
      [5, 'paidAt'],
      [6, 'amount'],
      [7, 'amount'],
      [8, 'method'],
      [9, 'paymentId'],
    ]);
    expect(r.committed).toBe(false);
    expect(await tableCount('payments')).toBe(0);
  });
});

describe('history cell readers', () => {
  it('reads money into minor units without floats', () => {
    expect(['1500', '1 500,50', '1500.5', '1,500.50', '1.500,50', '-200', '0,01', '1\u00a0234\u00a0567,89'].map(parseMoney)).toEqual([
      150000, 150050, 150050, 150050, 150050, -20000, 1, 123456789,
    ]);
    expect(['1,500', '12.', 'abc', '1.2.3', '', '10,123'].map(parseMoney)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads local date-times in the common formats', () => {
    expect(['2024-03-05 10:00', '05.03.2024 10:00', '5/3/2024 9:05', '2024-03-05T10:00:30', '2024-03-05'].map((t) => parseLocalDateTime(t))).toEqual([
      { at: '2024-03-05T10:00', dateOnly: false },
      { at: '2024-03-05T10:00', dateOnly: false },
      { at: '2024-03-05T09:05', dateOnly: false },
      { at: '2024-03-05T10:00', dateOnly: false },
      { at: '2024-03-05T00:00', dateOnly: true },
    ]);
    expect(['2024-02-30 10:00', '2024-03-05 24:00', '05.03.24 10:00', 'вчера'].map((t) => parseLocalDateTime(t))).toEqual([null, null, null, null]);
  });
});
