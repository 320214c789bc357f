import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'branches', params });

describe('branches', () => {
  it('sums visits, patients, revenue, payments and expenses per branch', async () => {
    // B1 Центр: P1 01-10 10000, P1 02-05 30000, P2 01-20 10000, P3 02-20 9000 → 4 visits,
    //   3 patients, 59000; paid in Q1 for B1 appointments 10000 + 20000 + 10000 + 9000 − 2000 = 47000;
    //   expenses 5000 (marketing 01-15) + 100000 (rent 01-31) = 105000; profit 59000 − 105000 = −46000.
    // B2 Север: P5 01-25, P5 03-01, P1 03-15, 10000 each → 3 visits, 2 patients, 30000; paid 10000 + 10000
    //   (P2's 2025-12-20 payment is before Q1; P1's 03-15 visit is unpaid); expenses 3000; profit 27000.
    // Totals: 4 distinct patients (P1 came to both branches), 67000 paid, 108000 expenses.
    const r = await run(Q1);
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([
      ['branch', false], ['city', false], ['visits', false], ['uniquePatients', true],
      ['revenue', false], ['paid', false], ['expenses', false], ['profit', false],
    ]);
    expect(r.rows).toEqual([
      { branchId: rc.ids.B2, branch: 'Север', city: 'Казань', visits: 3, uniquePatients: 2, revenue: 30000, paid: 20000, expenses: 3000, profit: 27000 },
      { branchId: rc.ids.B1, branch: 'Центр', city: 'Москва', visits: 4, uniquePatients: 3, revenue: 59000, paid: 47000, expenses: 105000, profit: -46000 },
    ]);
    expect(r.totals).toEqual({ visits: 7, uniquePatients: 4, revenue: 89000, paid: 67000, expenses: 108000, profit: -19000 });
  });

  it('lists the unique patients of a branch and of the total', async () => {
    const patients = async (rowIndex?: number) =>
      (await rc.call('director', 'reports.patients', { id: 'branches', params: Q1, rowIndex, column: 'uniquePatients' })).map((x) => x.id).sort((a, b) => a - b);
    expect(await patients(1)).toEqual([rc.ids.P1, rc.ids.P2, rc.ids.P3]);
    expect(await patients(0)).toEqual([rc.ids.P1, rc.ids.P5]);
    expect(await patients()).toEqual([rc.ids.P1, rc.ids.P2, rc.ids.P3, rc.ids.P5]);
  });

  it('lists a branch with only expenses or only payments in the period', async () => {
    // 01-31: B1's rent, nothing else.
    expect((await run({ from: '2026-01-31', to: '2026-01-31' })).rows).toEqual([
      { branchId: rc.ids.B1, branch: 'Центр', city: 'Москва', visits: 0, uniquePatients: 0, revenue: 0, paid: 0, expenses: 100000, profit: -100000 },
    ]);
    // 02-25: P3's 2000 refund for the B1 visit of 02-20.
    expect((await run({ from: '2026-02-25', to: '2026-02-25' })).rows.map((x) => [x.branch, x.visits, x.paid])).toEqual([['Центр', 0, -2000]]);
  });

  it('filters by branch and by doctor', async () => {
    const b2 = await run({ ...Q1, branchId: rc.ids.B2 });
    expect(b2.rows.map((x) => x.branch)).toEqual(['Север']);
    expect(b2.totals).toEqual({ visits: 3, uniquePatients: 2, revenue: 30000, paid: 20000, expenses: 3000, profit: 27000 });
    // D1 works only at B1: B2, where D1 had no visits or payments, is not listed though it had expenses;
    // B1 keeps its whole expenses.
    const d1 = await run({ ...Q1, doctorId: rc.ids.D1 });
    expect(d1.rows.map((x) => [x.branch, x.visits, x.uniquePatients, x.revenue, x.paid, x.expenses, x.profit])).toEqual([
      ['Центр', 4, 3, 59000, 47000, 105000, -46000],
    ]);
  });

  it('counts the same over a period longer than a year (unique patients counted per patient)', async () => {
    // 2025 … 2026 adds P2's 2025-12-20 visit at B2 (10000, paid that day), and the 2025 cleanings
    // of P7 and P8 at B1 (30000 each, paid). B1: 6 visits, P1 P2 P3 P7 P8, 119000, paid 47000 + 60000,
    // profit 119000 − 105000 = 14000. B2: 4 visits, P1 P2 P5, 40000, paid 20000 + 10000, profit 37000.
    const r = await run({ from: '2025-01-01', to: '2026-12-31' });
    expect(r.rows.map((x) => [x.branch, x.visits, x.uniquePatients, x.revenue, x.paid, x.expenses, x.profit])).toEqual([
      ['Север', 4, 3, 40000, 30000, 3000, 37000],
      ['Центр', 6, 5, 119000, 107000, 105000, 14000],
    ]);
    expect(r.totals).toEqual({ visits: 10, uniquePatients: 6, revenue: 159000, paid: 137000, expenses: 108000, profit: 51000 });
  });

  it('is empty for an empty period', async () => {
    const r = await run({ from: '2030-01-01', to: '2030-12-31' });
    expect(r.rows).toEqual([]);
    expect(r.totals).toEqual({ visits: 0, uniquePatients: 0, revenue: 0, paid: 0, expenses: 0, profit: 0 });
  });
});
