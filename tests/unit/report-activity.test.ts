import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityTuning } from '../../main/reports/activity';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

// Visits (completed appointments) by date:
//   2025-08-01 P7 D1, 2025-09-15 P8 D1, 2025-12-20 P2 D2,
//   2026-01-10 P1 D1, 2026-01-20 P2 D1, 2026-01-25 P5 D2 (moved in from P4),
//   2026-02-05 P1 D1, 2026-02-20 P3 D1, 2026-03-01 P5 D2, 2026-03-15 P1 D2.
describe('activity', () => {
  it('compares the period with the previous months and the same months a year before', async () => {
    // Q1 2026: 7 visits by P1 (3), P2, P3, P5 (2) → 4 patients. Whole months, so
    // previous = Q4 2025: P2's 12-20 visit. Q1 2025: nothing.
    const r = await rc.call('director', 'reports.run', { id: 'activity', params: Q1 });
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([
      ['period', false], ['from', false], ['to', false], ['uniquePatients', true], ['visits', false],
    ]);
    expect(r.rows).toEqual([
      { period: 'current', from: '2026-01-01', to: '2026-03-31', uniquePatients: 4, visits: 7 },
      { period: 'previous', from: '2025-10-01', to: '2025-12-31', uniquePatients: 1, visits: 1 },
      { period: 'lastYear', from: '2025-01-01', to: '2025-03-31', uniquePatients: 0, visits: 0 },
    ]);
  });

  it('takes the same number of days before when the period is not whole months', async () => {
    // 01-15 … 02-14 is 31 days → previous 2025-12-15 … 2026-01-14 (P2 12-20, P1 01-10).
    // Current: P2 01-20, P5 01-25, P1 02-05.
    const r = await rc.call('director', 'reports.run', { id: 'activity', params: { from: '2026-01-15', to: '2026-02-14' } });
    expect(r.rows).toEqual([
      { period: 'current', from: '2026-01-15', to: '2026-02-14', uniquePatients: 3, visits: 3 },
      { period: 'previous', from: '2025-12-15', to: '2026-01-14', uniquePatients: 2, visits: 2 },
      { period: 'lastYear', from: '2025-01-15', to: '2025-02-14', uniquePatients: 0, visits: 0 },
    ]);
  });

  it('counts the year before', async () => {
    // Q3 2026 has no visits, nor has Q2 (P6's booking and P8's confirmed one are
    // not visits); Q3 2025 had P7 (08-01) and P8 (09-15).
    const r = await rc.call('director', 'reports.run', { id: 'activity', params: { from: '2026-07-01', to: '2026-09-30' } });
    expect(r.rows.map((x) => [x.period, x.from, x.to, x.uniquePatients, x.visits])).toEqual([
      ['current', '2026-07-01', '2026-09-30', 0, 0],
      ['previous', '2026-04-01', '2026-06-30', 0, 0],
      ['lastYear', '2025-07-01', '2025-09-30', 2, 2],
    ]);
  });

  it('applies the doctor and branch filters to the visits', async () => {
    // D1 in Q1: P1 01-10 and 02-05, P2 01-20, P3 02-20 → 4 visits, 3 patients.
    // P2's 2025-12-20 visit was with D2, so D1's previous quarter is empty.
    const d1 = await rc.call('director', 'reports.run', { id: 'activity', params: { ...Q1, doctorId: rc.ids.D1 } });
    expect(d1.rows.map((x) => [x.period, x.uniquePatients, x.visits])).toEqual([['current', 3, 4], ['previous', 0, 0], ['lastYear', 0, 0]]);
    // B2 in Q1: P5 01-25 and 03-01, P1 03-15 → 3 visits, 2 patients; Q4 2025: P2.
    const b2 = await rc.call('director', 'reports.run', { id: 'activity', params: { ...Q1, branchId: rc.ids.B2 } });
    expect(b2.rows.map((x) => [x.period, x.uniquePatients, x.visits])).toEqual([['current', 2, 3], ['previous', 1, 1], ['lastYear', 0, 0]]);
  });

  it('always has its three rows, with zeros for an empty period', async () => {
    // The rows are the three periods by definition, so an empty period gives three rows of zeros, not [].
    const r = await rc.call('director', 'reports.run', { id: 'activity', params: { from: '2030-01-01', to: '2030-01-31' } });
    expect(r.rows).toEqual([
      { period: 'current', from: '2030-01-01', to: '2030-01-31', uniquePatients: 0, visits: 0 },
      { period: 'previous', from: '2029-12-01', to: '2029-12-31', uniquePatients: 0, visits: 0 },
      { period: 'lastYear', from: '2029-01-01', to: '2029-01-31', uniquePatients: 0, visits: 0 },
    ]);
  });

  it('counts the same from the monthly summaries as over the visits', async () => {
    for (const params of [Q1, { ...Q1, doctorId: rc.ids.D1 }, { ...Q1, branchId: rc.ids.B2 }, { from: '2026-01-15', to: '2026-02-14' }]) {
      const summed = await rc.call('director', 'reports.run', { id: 'activity', params });
      activityTuning.fromSummaries = false;
      try {
        const plain = await rc.call('director', 'reports.run', { id: 'activity', params });
        expect(summed.rows).toEqual(plain.rows);
      } finally {
        activityTuning.fromSummaries = true;
      }
    }
  });

  it('lists the patients of each period', async () => {
    const current = await rc.call('director', 'reports.patients', { id: 'activity', params: Q1, rowIndex: 0, column: 'uniquePatients' });
    expect(current.map((p) => p.name)).toEqual(['Анна А', 'Борис Б', 'Вера В', 'Галина Г']);
    const previous = await rc.call('director', 'reports.patients', { id: 'activity', params: Q1, rowIndex: 1, column: 'uniquePatients' });
    expect(previous.map((p) => p.id)).toEqual([rc.ids.P2]);
  });
});
