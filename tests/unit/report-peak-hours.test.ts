import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

describe('peak-hours', () => {
  it('counts Q1 visits by local weekday and starting hour', async () => {
    // Completed visits in Q1: P1 Sat 01-10 10:00, Thu 02-05 10:00, Sun 03-15 23:30;
    // P2 Tue 01-20 00:15; P3 Fri 02-20 11:00 (its cancelled and no-show don't count);
    // P5 Sun 01-25 12:00 (moved in from merged P4) and Sun 03-01 12:00.
    const r = await rc.call('director', 'reports.run', { id: 'peak-hours', params: Q1 });
    expect(r.rows).toEqual([
      { weekday: 2, hour: 0, visits: 1 },
      { weekday: 4, hour: 10, visits: 1 },
      { weekday: 5, hour: 11, visits: 1 },
      { weekday: 6, hour: 10, visits: 1 },
      { weekday: 7, hour: 12, visits: 2 },
      { weekday: 7, hour: 23, visits: 1 },
    ]);
    expect(r.totals).toEqual({ visits: 7 });
  });

  it('filters by branch and doctor', async () => {
    // B2 (Север): P1 03-15 23:30 with D2, P5's two Sunday 12:00 visits.
    const b2 = await rc.call('director', 'reports.run', { id: 'peak-hours', params: { ...Q1, branchId: rc.ids.B2 } });
    expect(b2.rows).toEqual([
      { weekday: 7, hour: 12, visits: 2 },
      { weekday: 7, hour: 23, visits: 1 },
    ]);
    const d1 = await rc.call('director', 'reports.run', { id: 'peak-hours', params: { ...Q1, doctorId: rc.ids.D1 } });
    expect(d1.totals).toEqual({ visits: 4 });
  });
});
