import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'average-check', params });

describe('average-check', () => {
  it('divides revenue by visits per month of the period', async () => {
    // Q1 visits (all charged > 0):
    // Jan: P1 01-10 10000, P2 01-20 10000, P5 01-25 10000 (moved in from merged P4) → 3, 30000, 10000
    // Feb: P1 02-05 30000, P3 02-20 9000 (10000 − 1000 discount) → 2, 39000, 19500
    // Mar: P1 03-15 10000, P5 03-01 10000 → 2, 20000, 10000
    // Total: 7 visits, 89000; 89000 / 7 = 12714.29 → 12714. Cancelled/no-show/booked ones are not visits.
    const r = await run(Q1);
    expect(r.params).toEqual({ ...Q1, groupBy: 'month' });
    expect(r.columns.map((c) => c.key)).toEqual(['month', 'visits', 'revenue', 'averageCheck']);
    expect(r.rows).toEqual([
      { month: '2026-01', visits: 3, revenue: 30000, averageCheck: 10000 },
      { month: '2026-02', visits: 2, revenue: 39000, averageCheck: 19500 },
      { month: '2026-03', visits: 2, revenue: 20000, averageCheck: 10000 },
    ]);
    expect(r.totals).toEqual({ visits: 7, revenue: 89000, averageCheck: 12714 });
  });

  it('groups by doctor with groupBy=doctor', async () => {
    // D1 Алексеев: P1 01-10 10000, P1 02-05 30000, P2 01-20 10000, P3 02-20 9000 → 4, 59000, 14750
    // D2 Борисова: P1 03-15 10000, P5 01-25 10000, P5 03-01 10000 → 3, 30000, 10000
    const r = await run({ ...Q1, groupBy: 'doctor' });
    expect(r.columns.map((c) => c.key)).toEqual(['doctor', 'visits', 'revenue', 'averageCheck']);
    expect(r.rows).toEqual([
      { doctorId: rc.ids.D1, doctor: 'Алексеев Антон', visits: 4, revenue: 59000, averageCheck: 14750 },
      { doctorId: rc.ids.D2, doctor: 'Борисова Бэла', visits: 3, revenue: 30000, averageCheck: 10000 },
    ]);
    expect(r.totals).toEqual({ visits: 7, revenue: 89000, averageCheck: 12714 });
    expect((await rejection(run({ ...Q1, groupBy: 'branch' }))).extra.issues!.map((i) => i.path)).toEqual(['params.groupBy']);
  });

  it('filters by branch; a month without visits has no average', async () => {
    // B2 Север: Jan P5 01-25 10000; Feb nothing; Mar P5 03-01 and P1 03-15, 10000 each.
    const r = await run({ ...Q1, branchId: rc.ids.B2 });
    expect(r.rows).toEqual([
      { month: '2026-01', visits: 1, revenue: 10000, averageCheck: 10000 },
      { month: '2026-02', visits: 0, revenue: 0, averageCheck: null },
      { month: '2026-03', visits: 2, revenue: 20000, averageCheck: 10000 },
    ]);
    expect(r.totals).toEqual({ visits: 3, revenue: 30000, averageCheck: 10000 });
  });

  it('lists the months of an empty period with zeros, and no doctors', async () => {
    const empty = { from: '2030-01-01', to: '2030-02-28' };
    expect((await run(empty)).rows).toEqual([
      { month: '2030-01', visits: 0, revenue: 0, averageCheck: null },
      { month: '2030-02', visits: 0, revenue: 0, averageCheck: null },
    ]);
    const byDoctor = await run({ ...empty, groupBy: 'doctor' });
    expect(byDoctor.rows).toEqual([]);
    expect(byDoctor.totals).toEqual({ visits: 0, revenue: 0, averageCheck: null });
  });

  // Changes the clinic: keep last.
  it('counts only visits with revenue and rounds half away from zero', async () => {
    // A free follow-up for P2 on 03-20 (charged 0) is a visit without revenue:
    // it does not lower March's average. A paid one for P3 on 03-21 for 5001:
    // March = 10000 + 10000 + 5001 = 25001 over 3 visits = 8333.67 → 8334;
    // 03-15 … 03-21 = P1 10000 + 5001 = 15001 / 2 = 7500.5 → 7501.
    const { sqlite, ids } = rc;
    const add = (patient: number, start: string, charged: number) =>
      sqlite
        .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, charged) VALUES (?, ?, ?, ?, ?, 'completed', ?)")
        .run(patient, ids.D1, ids.B1, start, start, charged);
    add(ids.P2, '2026-03-20T10:00', 0);
    add(ids.P3, '2026-03-21T10:00', 5001);
    expect((await run({ from: '2026-03-01', to: '2026-03-31' })).rows).toEqual([{ month: '2026-03', visits: 3, revenue: 25001, averageCheck: 8334 }]);
    expect((await run({ from: '2026-03-15', to: '2026-03-21' })).totals).toEqual({ visits: 2, revenue: 15001, averageCheck: 7501 });
  });
});
