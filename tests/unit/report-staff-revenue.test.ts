import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'staff-revenue', params });

describe('staff-revenue', () => {
  it('sums visits, patients and revenue per doctor with the share of the total', async () => {
    // D1 Алексеев: P1 01-10 10000, P1 02-05 30000, P2 01-20 10000, P3 02-20 9000 → 4 visits, 3 patients, 59000.
    // D2 Борисова: P5 01-25, P5 03-01, P1 03-15, 10000 each → 3 visits, 2 patients, 30000.
    // Shares of 89000: 59000 → 66.29 → 66.3 %; 30000 → 33.71 → 33.7 %. P1 saw both: 4 distinct patients.
    const r = await run(Q1);
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([
      ['doctor', false], ['visits', false], ['uniquePatients', true], ['revenue', false], ['sharePct', false],
    ]);
    expect(r.rows).toEqual([
      { doctorId: rc.ids.D1, doctor: 'Алексеев Антон', visits: 4, uniquePatients: 3, revenue: 59000, sharePct: 66.3 },
      { doctorId: rc.ids.D2, doctor: 'Борисова Бэла', visits: 3, uniquePatients: 2, revenue: 30000, sharePct: 33.7 },
    ]);
    expect(r.totals).toEqual({ visits: 7, uniquePatients: 4, revenue: 89000, sharePct: 100 });
  });

  it('lists the patients of a doctor and of the total', async () => {
    const patients = async (rowIndex?: number) =>
      (await rc.call('director', 'reports.patients', { id: 'staff-revenue', params: Q1, rowIndex, column: 'uniquePatients' })).map((x) => x.id).sort((a, b) => a - b);
    expect(await patients(1)).toEqual([rc.ids.P1, rc.ids.P5]);
    expect(await patients()).toEqual([rc.ids.P1, rc.ids.P2, rc.ids.P3, rc.ids.P5]);
  });

  it('takes the share of the filtered total', async () => {
    // January at B1: D1 saw P1 (10000) and P2 (10000); D2 worked only at B2.
    const r = await run({ from: '2026-01-01', to: '2026-01-31', branchId: rc.ids.B1 });
    expect(r.rows).toEqual([{ doctorId: rc.ids.D1, doctor: 'Алексеев Антон', visits: 2, uniquePatients: 2, revenue: 20000, sharePct: 100 }]);
    expect((await run({ ...Q1, doctorId: rc.ids.D2 })).totals).toEqual({ visits: 3, uniquePatients: 2, revenue: 30000, sharePct: 100 });
  });

  it('counts the same over a period longer than a year (unique patients counted per patient)', async () => {
    // Adds P2's 2025-12-20 visit with D2 and the 2025 cleanings of P7 and P8 with D1 (30000 each):
    // D1 6 visits, P1 P2 P3 P7 P8, 119000 (74.8 %); D2 4 visits, P1 P2 P5, 40000 (25.2 %); 6 patients in all.
    // 2025-06-01 … 2026-05-31 (under a year) holds the same visits.
    for (const period of [{ from: '2025-01-01', to: '2026-12-31' }, { from: '2025-06-01', to: '2026-05-31' }]) {
      const r = await run(period);
      expect(r.rows.map((x) => [x.doctor, x.visits, x.uniquePatients, x.revenue, x.sharePct])).toEqual([
        ['Алексеев Антон', 6, 5, 119000, 74.8],
        ['Борисова Бэла', 4, 3, 40000, 25.2],
      ]);
      expect(r.totals).toEqual({ visits: 10, uniquePatients: 6, revenue: 159000, sharePct: 100 });
    }
  });

  it('is empty for an empty period', async () => {
    const r = await run({ from: '2030-01-01', to: '2030-12-31' });
    expect(r.rows).toEqual([]);
    expect(r.totals).toEqual({ visits: 0, uniquePatients: 0, revenue: 0, sharePct: null });
  });
});
