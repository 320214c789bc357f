import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';
import { debtTotal } from '../../main/reports/debtors';
import { rejection } from './harness';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'debtors', params });

describe('debtors', () => {
  it('lists lifetime debts as of `to`, aged by the oldest visit payments do not cover', async () => {
    // As of 03-31: P1 charged 10000 (01-10) + 30000 (02-05) + 10000 (03-15), paid 30000 → 20000.
    //   FIFO: 30000 covers 01-10 (10000) and 20000 of the 02-05 cleaning → oldest unpaid 02-05,
    //   54 days before 03-31 → 31-60.
    // P3 charged 9000 (02-20), paid 9000 − 2000 refund → 2000; oldest unpaid 02-20, 39 days → 31-60.
    // P2, P5 (with merged P4's visit and payment), P7, P8 paid in full; P6 never came.
    const r = await run(Q1);
    expect(r.columns.map((c) => c.key)).toEqual(['patientId', 'patient', 'phone', 'debt', 'oldestUnpaid', 'bucket']);
    expect(r.rows).toEqual([
      { patientId: rc.ids.P1, patient: 'Анна А', phone: '+79000000001', debt: 20000, oldestUnpaid: '2026-02-05', bucket: '31-60' },
      { patientId: rc.ids.P3, patient: 'Вера В', phone: '+79000000003', debt: 2000, oldestUnpaid: '2026-02-20', bucket: '31-60' },
    ]);
    // Totals over all debtors: the debt, the rows, the debt per age bucket (the chart's bars).
    expect(r.totals).toEqual({ debt: 22000, rows: 2, '0-30': 0, '31-60': 22000, '61-90': 0, '90+': 0 });
  });

  it('lists the biggest debts up to `limit`, with totals over every debtor', async () => {
    // limit 1: P1 (20000) is listed; the totals still count P3's 2000.
    const r = await run({ ...Q1, limit: 1 });
    expect(r.rows.map((x) => [x.patient, x.debt])).toEqual([['Анна А', 20000]]);
    expect(r.totals).toEqual({ debt: 22000, rows: 2, '0-30': 0, '31-60': 22000, '61-90': 0, '90+': 0 });
    const bad = await rejection(run({ ...Q1, limit: 0 }));
    expect(bad.code).toBe('invalid_input');
    expect(JSON.stringify(bad.extra)).toContain('limit');
  });

  it('ignores `from`: the debt is lifetime as of `to`', async () => {
    expect((await run({ from: '2026-03-31', to: '2026-03-31' })).rows).toEqual((await run(Q1)).rows);
  });

  it('counts only visits and payments on or before an earlier `to`', async () => {
    // As of 02-10: P1 charged 10000 + 30000, paid 30000 → 10000, oldest unpaid 02-05, 5 days → 0-30.
    // P3's visit (02-20) and payments are later; P1's 03-15 visit too.
    expect((await run({ ...Q1, to: '2026-02-10' })).rows).toEqual([
      { patientId: rc.ids.P1, patient: 'Анна А', phone: '+79000000001', debt: 10000, oldestUnpaid: '2026-02-05', bucket: '0-30' },
    ]);
    // Before anyone came: nobody owes.
    const none = await run({ from: '2025-01-01', to: '2025-07-31' });
    expect(none.rows).toEqual([]);
    expect(none.totals).toEqual({ debt: 0, rows: 0, '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 });
  });

  it('puts the age in buckets 0-30, 31-60, 61-90, 90+', async () => {
    // As of 03-07 / 03-08: P1 owes 10000 from 02-05, 30 / 31 days old; P3 2000 from 02-20, 15 / 16 days.
    const bucketsOn = async (to: string) => (await run({ ...Q1, to })).rows.map((x) => [x.patient, x.debt, x.bucket]);
    expect(await bucketsOn('2026-03-07')).toEqual([['Анна А', 10000, '0-30'], ['Вера В', 2000, '0-30']]);
    expect(await bucketsOn('2026-03-08')).toEqual([['Анна А', 10000, '31-60'], ['Вера В', 2000, '0-30']]);
    // As of 05-10: P1 owes 20000 from 02-05, 94 days; P3 from 02-20, 79 days.
    expect(await bucketsOn('2026-05-10')).toEqual([['Анна А', 20000, '90+'], ['Вера В', 2000, '61-90']]);
  });

  it('shows the part of the debt left on the visits at a branch or with a doctor', async () => {
    // Payments cover each patient's visits oldest-first clinic-wide; P1's 30000 covers
    // 01-10 (B1) and 20000 of 02-05 (B1), leaving 10000 on 02-05 (B1, D1) and 10000 on 03-15 (B2, D2).
    // B2 Север: P1 owes 10000 from 03-15, 16 days → 0-30; P2's and P5's visits there are covered.
    expect((await run({ ...Q1, branchId: rc.ids.B2 })).rows).toEqual([
      { patientId: rc.ids.P1, patient: 'Анна А', phone: '+79000000001', debt: 10000, oldestUnpaid: '2026-03-15', bucket: '0-30' },
    ]);
    // B1 Центр: P1 10000 from 02-05; P3 2000 from 02-20.
    expect((await run({ ...Q1, branchId: rc.ids.B1 })).rows.map((x) => [x.patient, x.debt, x.oldestUnpaid])).toEqual([
      ['Анна А', 10000, '2026-02-05'],
      ['Вера В', 2000, '2026-02-20'],
    ]);
    // D2 saw P1 on 03-15 (unpaid) and P5 (paid); P2's 2025-12-20 visit (paid).
    expect((await run({ ...Q1, doctorId: rc.ids.D2 })).rows.map((x) => [x.patient, x.debt, x.oldestUnpaid])).toEqual([['Анна А', 10000, '2026-03-15']]);
    // The branches' debts add up to the clinic's: 12000 + 10000 = 22000.
    const b1 = await run({ ...Q1, branchId: rc.ids.B1 });
    const b2 = await run({ ...Q1, branchId: rc.ids.B2 });
    expect([b1.totals?.debt, b2.totals?.debt]).toEqual([12000, 10000]);
    // B1's debts are 10000 from 02-05 and 2000 from 02-20, both 31-60 days old as of 03-31.
    expect(b1.totals).toMatchObject({ rows: 2, '31-60': 12000 });
  });

  // Changes the clinic: keep last.
  it('keeps the debt as of `to` when the debtor pays later, and drops it as of a day after', async () => {
    // P1 pays 15000 on 04-05. As of 03-31 nothing changes: still 20000 from 02-05 (the debt is
    // placed again newest-first: 10000 on 03-15, 10000 on 02-05), and 10000 at B2 from 03-15.
    const before = { all: await run(Q1), b2: await run({ ...Q1, branchId: rc.ids.B2 }) };
    rc.sqlite.prepare("INSERT INTO payments (patient_id, branch_id, paid_at, amount, method) VALUES (?, ?, '2026-04-05T10:00', 15000, 'cash')").run(rc.ids.P1, rc.ids.B1);
    rc.sqlite.prepare('UPDATE patient_balances SET paid = paid + 15000 WHERE patient_id = ?').run(rc.ids.P1);
    expect(await run(Q1)).toEqual(before.all);
    expect(await run({ ...Q1, branchId: rc.ids.B2 })).toEqual(before.b2);
    // As of 04-05: P1 paid 45000 of 50000 → 5000 left on the 03-15 consult, 21 days → 0-30; P3 unchanged.
    const after = await run({ ...Q1, to: '2026-04-05' });
    expect(after.rows.map((x) => [x.patient, x.debt, x.oldestUnpaid, x.bucket])).toEqual([
      ['Анна А', 5000, '2026-03-15', '0-30'],
      ['Вера В', 2000, '2026-02-20', '31-60'],
    ]);
    // The dashboard's total reads the same debts without ageing them.
    expect(debtTotal(rc.sqlite, { from: Q1.from, to: '2026-04-05' })).toBe(7000);
    expect(debtTotal(rc.sqlite, Q1)).toBe(22000);
  });
});
