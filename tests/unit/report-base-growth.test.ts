import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

// First visits ever (patient_first_visits, after the merge of P4 into P5):
// P7 2025-08-01 D1 B1, P8 2025-09-15 D1 B1, P2 2025-12-20 D2 B2,
// P1 2026-01-10 D1 B1, P5 2026-01-25 D2 B2 (the visit moved in from P4),
// P3 2026-02-20 D1 B1. P6 has only a booking, P4 has nothing left.
describe('base-growth', () => {
  it('counts new patients per month and the running total at each month end', async () => {
    // Before Q1: P7, P8, P2 → 3. January: P1, P5 → 5; February: P3 → 6; March: none → 6.
    const r = await rc.call('director', 'reports.run', { id: 'base-growth', params: Q1 });
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([['month', false], ['newPatients', true], ['totalPatients', true]]);
    expect(r.rows).toEqual([
      { month: '2026-01', newPatients: 2, totalPatients: 5 },
      { month: '2026-02', newPatients: 1, totalPatients: 6 },
      { month: '2026-03', newPatients: 0, totalPatients: 6 },
    ]);
    // New patients of the period, and the base at its end.
    expect(r.totals).toEqual({ newPatients: 3, totalPatients: 6 });
  });

  it('applies the branch and doctor filters to the first visit', async () => {
    // B2: P2 before Q1 (1), P5 in January (2). Nobody else first came to B2.
    const b2 = await rc.call('director', 'reports.run', { id: 'base-growth', params: { ...Q1, branchId: rc.ids.B2 } });
    expect(b2.rows.map((x) => [x.newPatients, x.totalPatients])).toEqual([[1, 2], [0, 2], [0, 2]]);
    // D1: P7 and P8 before Q1 (2), P1 in January (3), P3 in February (4).
    const d1 = await rc.call('director', 'reports.run', { id: 'base-growth', params: { ...Q1, doctorId: rc.ids.D1 } });
    expect(d1.rows.map((x) => [x.newPatients, x.totalPatients])).toEqual([[1, 3], [1, 4], [0, 4]]);
  });

  it('clips the first and last month to the period', async () => {
    // 01-15 … 02-10: P1 (01-10) is already in the base (P7, P8, P2, P1 = 4);
    // P5 (01-25) is January's only new patient → 5; nobody first came 02-01 … 02-10.
    const r = await rc.call('director', 'reports.run', { id: 'base-growth', params: { from: '2026-01-15', to: '2026-02-10' } });
    expect(r.rows).toEqual([
      { month: '2026-01', newPatients: 1, totalPatients: 5 },
      { month: '2026-02', newPatients: 0, totalPatients: 5 },
    ]);
  });

  it('has one row per month even when nobody came', async () => {
    // One row per month of the period by definition, so a month without data is
    // a row of zeros, not an empty result. Before any visit the base is 0 too;
    // after the data it stays at the 6 patients with a visit.
    const before = await rc.call('director', 'reports.run', { id: 'base-growth', params: { from: '2020-01-01', to: '2020-01-31' } });
    expect(before.rows).toEqual([{ month: '2020-01', newPatients: 0, totalPatients: 0 }]);
    const after = await rc.call('director', 'reports.run', { id: 'base-growth', params: { from: '2030-01-01', to: '2030-01-31' } });
    expect(after.rows).toEqual([{ month: '2030-01', newPatients: 0, totalPatients: 6 }]);
  });

  it('lists the patients behind a month and behind the totals', async () => {
    const jan = await rc.call('director', 'reports.patients', { id: 'base-growth', params: Q1, rowIndex: 0, column: 'newPatients' });
    expect(jan.map((p) => p.id).sort()).toEqual([rc.ids.P1, rc.ids.P5].sort());
    const base = await rc.call('director', 'reports.patients', { id: 'base-growth', params: Q1, rowIndex: 0, column: 'totalPatients' });
    expect(base.map((p) => p.id).sort()).toEqual([rc.ids.P1, rc.ids.P2, rc.ids.P5, rc.ids.P7, rc.ids.P8].sort());
    const all = await rc.call('director', 'reports.patients', { id: 'base-growth', params: Q1, column: 'newPatients' });
    expect(all.map((p) => p.name)).toEqual(['Анна А', 'Вера В', 'Галина Г']);
  });
});
