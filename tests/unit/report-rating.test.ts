import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>) => rc.call('director', 'reports.run', { id: 'rating', params });

describe('rating', () => {
  it('ranks patients by revenue in the period, with their payments in the period', async () => {
    // Q1 revenue: P1 10000 + 30000 + 10000 = 50000 over 3 visits, paid 10000 + 20000;
    // P5 10000 + 10000 (one visit moved in from merged P4), paid both;
    // P2 10000 on 01-20 (its 2025-12-20 visit and payment are before Q1), paid 10000;
    // P3 9000, paid 9000 − 2000 refund = 7000. P6, P7, P8 have no Q1 visit.
    const r = await run(Q1);
    expect(r.params).toEqual({ ...Q1, limit: 100 });
    expect(r.columns.map((c) => c.key)).toEqual(['rank', 'patientId', 'patient', 'visits', 'revenue', 'paid']);
    expect(r.rows).toEqual([
      { rank: 1, patientId: rc.ids.P1, patient: 'Анна А', visits: 3, revenue: 50000, paid: 30000 },
      { rank: 2, patientId: rc.ids.P5, patient: 'Галина Г', visits: 2, revenue: 20000, paid: 20000 },
      { rank: 3, patientId: rc.ids.P2, patient: 'Борис Б', visits: 1, revenue: 10000, paid: 10000 },
      { rank: 4, patientId: rc.ids.P3, patient: 'Вера В', visits: 1, revenue: 9000, paid: 7000 },
    ]);
  });

  it('keeps the top `limit` and refuses a limit out of 1…10000', async () => {
    expect((await run({ ...Q1, limit: 2 })).rows.map((x) => x.patientId)).toEqual([rc.ids.P1, rc.ids.P5]);
    for (const limit of [0, 10001, 1.5]) {
      expect((await rejection(run({ ...Q1, limit }))).extra.issues!.map((i) => i.path)).toEqual(['params.limit']);
    }
  });

  it('breaks ties of revenue and visits by name', async () => {
    // January: P1, P2 and P5 each one visit of 10000, each paid 10000 that month.
    const r = await run({ from: '2026-01-01', to: '2026-01-31' });
    expect(r.rows.map((x) => [x.rank, x.patient, x.visits, x.revenue, x.paid])).toEqual([
      [1, 'Анна А', 1, 10000, 10000],
      [2, 'Борис Б', 1, 10000, 10000],
      [3, 'Галина Г', 1, 10000, 10000],
    ]);
  });

  it('ranks the same way over a period longer than a year', async () => {
    // 2025 … 2026: P7's and P8's 2025 cleanings (30000, paid) tie on revenue and visits → by name;
    // P2 (2025-12-20 + 01-20) and P5 (01-25 + 03-01) tie at 20000 over 2 visits → by name.
    const r = await run({ from: '2025-01-01', to: '2026-12-31' });
    expect(r.rows.map((x) => [x.rank, x.patient, x.visits, x.revenue, x.paid])).toEqual([
      [1, 'Анна А', 3, 50000, 30000],
      [2, 'Евгений Е', 1, 30000, 30000],
      [3, 'Жанна Ж', 1, 30000, 30000],
      [4, 'Борис Б', 2, 20000, 20000],
      [5, 'Галина Г', 2, 20000, 20000],
      [6, 'Вера В', 1, 9000, 7000],
    ]);
  });

  it('filters visits and payments by doctor', async () => {
    // D2 in Q1: P5 01-25 and 03-01 (both paid against those appointments);
    // P1 03-15 — P1's payments were for the D1 visits, so paid 0.
    const r = await run({ ...Q1, doctorId: rc.ids.D2 });
    expect(r.rows).toEqual([
      { rank: 1, patientId: rc.ids.P5, patient: 'Галина Г', visits: 2, revenue: 20000, paid: 20000 },
      { rank: 2, patientId: rc.ids.P1, patient: 'Анна А', visits: 1, revenue: 10000, paid: 0 },
    ]);
  });

  it('is empty for a period without visits, even with payments in it', async () => {
    // 2026-02-25: only P3's refund, no visit.
    expect((await run({ from: '2026-02-25', to: '2026-02-25' })).rows).toEqual([]);
    expect((await run({ from: '2030-01-01', to: '2030-12-31' })).rows).toEqual([]);
  });

  // Changes the clinic: keep last.
  it('puts more visits first among equal revenue', async () => {
    // A free follow-up (charged 0) for P2 on 01-21: still 10000 in January, but 2 visits.
    const { sqlite, ids } = rc;
    sqlite
      .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, charged) VALUES (?, ?, ?, ?, ?, 'completed', 0)")
      .run(ids.P2, ids.D1, ids.B1, '2026-01-21T10:00', '2026-01-21T10:30');
    const r = await run({ from: '2026-01-01', to: '2026-01-31' });
    expect(r.rows.map((x) => [x.rank, x.patient, x.visits, x.revenue])).toEqual([
      [1, 'Борис Б', 2, 10000],
      [2, 'Анна А', 1, 10000],
      [3, 'Галина Г', 1, 10000],
    ]);
  });
});
