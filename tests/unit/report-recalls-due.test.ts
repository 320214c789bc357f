import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'recalls-due', params });

describe('recalls-due', () => {
  it('lists patients whose recall service is due by `to`', async () => {
    // Cleaning recalls every 180 days. P7: cleaning 2025-08-01 → due 2026-01-28, 62 days overdue on 03-31.
    // P8: cleaning 2025-09-15 → due 2026-03-14, but her confirmed booking on 04-02 keeps her off.
    // P1: cleaning 2026-02-05 → due 2026-08-04, not yet. Consults have no recall.
    const r = await run(Q1);
    expect(r.columns.map((c) => c.key)).toEqual(['patientId', 'patient', 'phone', 'service', 'lastDone', 'dueDate', 'overdueDays']);
    expect(r.rows).toEqual([
      { patientId: rc.ids.P7, patient: 'Евгений Е', phone: '+79000000007', service: 'Гигиена', lastDone: '2025-08-01', dueDate: '2026-01-28', overdueDays: 62 },
    ]);
  });

  it('is "as of to": due on `to` is 0 days overdue, the day before is not due; `from` is not used', async () => {
    expect((await run({ from: '2026-01-01', to: '2026-01-27' })).rows).toEqual([]);
    expect((await run({ from: '2026-01-28', to: '2026-01-28' })).rows.map((x) => [x.patient, x.overdueDays])).toEqual([['Евгений Е', 0]]);
    // 2026-08-04: P1's cleaning of 02-05 falls due (0 days); P7 is 188 days overdue (01-28 → 08-04).
    expect((await run({ from: '2026-08-01', to: '2026-08-04' })).rows.map((x) => [x.patient, x.lastDone, x.dueDate, x.overdueDays])).toEqual([
      ['Евгений Е', '2025-08-01', '2026-01-28', 188],
      ['Анна А', '2026-02-05', '2026-08-04', 0],
    ]);
  });

  it('filters by where and with whom the service was last done', async () => {
    expect((await run({ ...Q1, branchId: rc.ids.B1 })).rows.map((x) => x.patientId)).toEqual([rc.ids.P7]);
    expect((await run({ ...Q1, doctorId: rc.ids.D1 })).rows.map((x) => x.patientId)).toEqual([rc.ids.P7]);
    expect((await run({ ...Q1, branchId: rc.ids.B2 })).rows).toEqual([]);
    expect((await run({ ...Q1, doctorId: rc.ids.D2 })).rows).toEqual([]);
  });

  it('lists the `limit` most overdue, with the exact number of all in totals.rows', async () => {
    const period = { from: '2026-08-01', to: '2026-08-04' };
    expect((await run(period)).totals).toEqual({ rows: 2 });
    const one = await run({ ...period, limit: 1 });
    expect(one.rows.map((x) => [x.patient, x.overdueDays])).toEqual([['Евгений Е', 188]]);
    expect(one.totals).toEqual({ rows: 2 });
    expect((await run(Q1)).totals).toEqual({ rows: 1 });
  });

  it('is empty before any recall service was done', async () => {
    expect((await run({ from: '2025-01-01', to: '2025-12-31' })).rows).toEqual([]);
  });

  // Changes the clinic: keep last.
  it('drops a patient who had the service again, and lists one whose booking was cancelled', async () => {
    const { sqlite, ids } = rc;
    // P8's 04-02 booking is cancelled → due 2026-03-14, 17 days overdue on 03-31.
    sqlite.prepare("UPDATE appointments SET status = 'cancelled' WHERE patient_id = ? AND status = 'confirmed'").run(ids.P8);
    // P7 has a cleaning again on 2026-03-01 → due 2026-08-28.
    const a = Number(
      sqlite
        .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, charged) VALUES (?, ?, ?, '2026-03-01T10:00', '2026-03-01T11:00', 'completed', 30000)")
        .run(ids.P7, ids.D1, ids.B1).lastInsertRowid,
    );
    sqlite.prepare('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, 30000, 0, 30000)').run(a, ids.cleaning);
    expect((await run(Q1)).rows.map((x) => [x.patient, x.lastDone, x.dueDate, x.overdueDays])).toEqual([['Жанна Ж', '2025-09-15', '2026-03-14', 17]]);
    // As of 02-28 the 03-01 cleaning has not happened yet: P7 is 31 days overdue; P8 is not yet due.
    expect((await run({ ...Q1, to: '2026-02-28' })).rows.map((x) => [x.patient, x.lastDone, x.overdueDays])).toEqual([['Евгений Е', '2025-08-01', 31]]);
  });
});
