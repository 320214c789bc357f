import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

describe('retention', () => {
  it('counts primary, returned and repeat patients per doctor', async () => {
    // First visits in Q1: P1 01-10 with D1, P3 02-20 with D1, P5 01-25 with D2
    // (the visit moved in from merged P4). P2's first visit (2025-12-20) was
    // with D2, before Q1. P7 and P8 first came in 2025.
    // Returned by 03-31: P1 saw D1 again on 02-05; P3 did not return; P5 saw D2 on 03-01.
    // Repeat: D1 saw P2 on 01-20, whose first visit was before Q1 (with D2).
    const r = await rc.call('director', 'reports.run', { id: 'retention', params: { ...Q1, asOf: '2026-03-31' } });
    expect(r.rows.map(({ doctor, primary, returned, retentionPct, repeat }) => ({ doctor, primary, returned, retentionPct, repeat }))).toEqual([
      { doctor: 'Алексеев Антон', primary: 2, returned: 1, retentionPct: 50, repeat: 1 },
      { doctor: 'Борисова Бэла', primary: 1, returned: 1, retentionPct: 100, repeat: 0 },
    ]);
    expect(r.totals).toEqual({ primary: 3, returned: 2, retentionPct: 66.7, repeat: 1 });
  });

  it('counts a return only up to asOf', async () => {
    // By 2026-02-28 P5 has not yet come back (03-01); P1 had (02-05).
    const r = await rc.call('director', 'reports.run', { id: 'retention', params: { ...Q1, asOf: '2026-02-28' } });
    expect(r.rows.map((x) => [x.doctor, x.returned, x.retentionPct])).toEqual([
      ['Алексеев Антон', 1, 50],
      ['Борисова Бэла', 0, 0],
    ]);
  });
});
