import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const months = (from: number, to: number, value: number | null) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`m${from + i}`, value]));

// Cohorts of Q1 by first visit: January = P1 (01-10 D1 B1) and P5 (01-25 D2 B2,
// moved in from P4); February = P3 (02-20 D1 B1); nobody first came in March.
// Later visits: P1 02-05 (D1 B1) and 03-15 (D2 B2); P5 03-01 (D2 B2); P3 none.
describe('cohorts', () => {
  it('gives the share of each cohort that came back in each later month', async () => {
    // asOf 04-01: February and March are over, April is not.
    // January: m1 = February: P1 → 1/2 = 50; m2 = March: P1 and P5 → 100.
    // February: m1 = March: nobody → 0.
    const r = await rc.call('director', 'reports.run', { id: 'cohorts', params: { ...Q1, asOf: '2026-04-01' } });
    expect(r.columns.map((c) => c.key)).toEqual(['cohort', 'size', ...Object.keys(months(1, 12, null))]);
    expect(r.columns.filter((c) => c.drill).map((c) => c.key)).toEqual(['size', ...Object.keys(months(1, 12, null))]);
    expect(r.rows).toEqual([
      { cohort: '2026-01', size: 2, m1: 50, m2: 100, ...months(3, 12, null) },
      { cohort: '2026-02', size: 1, m1: 0, ...months(2, 12, null) },
    ]);
    expect(r.totals).toEqual({ size: 3 });
  });

  it('shows a month only once it is over at asOf', async () => {
    // asOf 03-31: March is still running (its last day is not before asOf).
    const r = await rc.call('director', 'reports.run', { id: 'cohorts', params: { ...Q1, asOf: '2026-03-31' } });
    expect(r.rows).toEqual([
      { cohort: '2026-01', size: 2, m1: 50, ...months(2, 12, null) },
      { cohort: '2026-02', size: 1, ...months(1, 12, null) },
    ]);
    // Long after: every month is over; nobody came after March.
    const later = await rc.call('director', 'reports.run', { id: 'cohorts', params: { ...Q1, asOf: '2027-12-31' } });
    expect(later.rows).toEqual([
      { cohort: '2026-01', size: 2, m1: 50, m2: 100, ...months(3, 12, 0) },
      { cohort: '2026-02', size: 1, ...months(1, 12, 0) },
    ]);
  });

  it('chooses the cohort by the filters on the first visit and counts later visits anywhere', async () => {
    const asOf = '2026-04-01';
    // D2: only P5 first came to D2 (January); she came back in March → m1 0, m2 100.
    const d2 = await rc.call('director', 'reports.run', { id: 'cohorts', params: { ...Q1, asOf, doctorId: rc.ids.D2 } });
    expect(d2.rows).toEqual([{ cohort: '2026-01', size: 1, m1: 0, m2: 100, ...months(3, 12, null) }]);
    // B1: P1 (January) and P3 (February). P1's March visit was at B2 and still counts.
    const b1 = await rc.call('director', 'reports.run', { id: 'cohorts', params: { ...Q1, asOf, branchId: rc.ids.B1 } });
    expect(b1.rows).toEqual([
      { cohort: '2026-01', size: 1, m1: 100, m2: 100, ...months(3, 12, null) },
      { cohort: '2026-02', size: 1, m1: 0, ...months(2, 12, null) },
    ]);
  });

  it('returns no rows for an empty period', async () => {
    // Rows are the months in which patients had their first visit: none in 2030.
    const r = await rc.call('director', 'reports.run', { id: 'cohorts', params: { from: '2030-01-01', to: '2030-01-31', asOf: '2030-12-31' } });
    expect(r.rows).toEqual([]);
  });

  it('lists a cohort and those of it who came back in a month', async () => {
    const params = { ...Q1, asOf: '2026-04-01' };
    const jan = await rc.call('director', 'reports.patients', { id: 'cohorts', params, rowIndex: 0, column: 'size' });
    expect(jan.map((p) => p.name)).toEqual(['Анна А', 'Галина Г']);
    const m1 = await rc.call('director', 'reports.patients', { id: 'cohorts', params, rowIndex: 0, column: 'm1' });
    expect(m1.map((p) => p.id)).toEqual([rc.ids.P1]);
    const m2 = await rc.call('director', 'reports.patients', { id: 'cohorts', params, rowIndex: 0, column: 'm2' });
    expect(m2.map((p) => p.id).sort()).toEqual([rc.ids.P1, rc.ids.P5].sort());
    const all = await rc.call('director', 'reports.patients', { id: 'cohorts', params, column: 'size' });
    expect(all).toHaveLength(3);
  });
});
