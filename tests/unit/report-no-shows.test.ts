import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const run = (params: Record<string, unknown>, locale: 'en' | 'ru' = 'en') => rc.call('director', 'reports.run', { id: 'no-shows', params, locale });

describe('no-shows', () => {
  it('counts how the period’s appointments ended per doctor, with reasons', async () => {
    // D1 in Q1: P1 01-10, P1 02-05, P2 01-20, P3 02-20 completed; P3 02-10 cancelled (changed_mind);
    //   P3 02-12 no-show (forgot) → scheduled 6, no-show rate 1/6 = 16.7 %.
    // D2 in Q1: P5 01-25, P5 03-01, P1 03-15 completed → 3, 0 %.
    // Totals: 9 scheduled, 7 completed, 1/9 = 11.1 %.
    const r = await run(Q1, 'ru');
    expect(r.columns.map((c) => [c.key, c.label])).toEqual([
      ['doctor', 'Врач'], ['scheduled', 'Записано'], ['completed', 'Состоялось'], ['noShow', 'Неявки'], ['cancelled', 'Отменено'],
      ['noShowPct', 'Доля неявок, %'], ['reason:changed_mind', 'Передумал'], ['reason:forgot', 'Забыл'],
    ]);
    expect(r.rows).toEqual([
      { doctorId: rc.ids.D1, doctor: 'Алексеев Антон', scheduled: 6, completed: 4, noShow: 1, cancelled: 1, noShowPct: 16.7, 'reason:changed_mind': 1, 'reason:forgot': 1 },
      { doctorId: rc.ids.D2, doctor: 'Борисова Бэла', scheduled: 3, completed: 3, noShow: 0, cancelled: 0, noShowPct: 0, 'reason:changed_mind': 0, 'reason:forgot': 0 },
    ]);
    expect(r.totals).toEqual({ scheduled: 9, completed: 7, noShow: 1, cancelled: 1, noShowPct: 11.1, 'reason:changed_mind': 1, 'reason:forgot': 1 });
  });

  it('counts bookings not yet ended as scheduled', async () => {
    // Through April D1 also has P8's confirmed 04-02 and P6's booked 04-10 → 8 scheduled, 1/8 = 12.5 %.
    const r = await run({ from: '2026-01-01', to: '2026-04-30' });
    expect(r.rows.map((x) => [x.doctor, x.scheduled, x.completed, x.noShow, x.cancelled, x.noShowPct])).toEqual([
      ['Алексеев Антон', 8, 4, 1, 1, 12.5],
      ['Борисова Бэла', 3, 3, 0, 0, 0],
    ]);
  });

  it('filters by doctor, with reason columns only for reasons that occur', async () => {
    const r = await run({ ...Q1, doctorId: rc.ids.D2 });
    expect(r.columns.map((c) => c.key)).toEqual(['doctor', 'scheduled', 'completed', 'noShow', 'cancelled', 'noShowPct']);
    expect(r.rows).toEqual([{ doctorId: rc.ids.D2, doctor: 'Борисова Бэла', scheduled: 3, completed: 3, noShow: 0, cancelled: 0, noShowPct: 0 }]);
    // February at B1: only D1 — P1 02-05, P3 02-20 completed, P3's cancellation and no-show → 1/4 = 25 %.
    const b1 = await run({ from: '2026-02-01', to: '2026-02-28', branchId: rc.ids.B1 });
    expect(b1.totals).toEqual({ scheduled: 4, completed: 2, noShow: 1, cancelled: 1, noShowPct: 25, 'reason:changed_mind': 1, 'reason:forgot': 1 });
  });

  it('is empty for an empty period', async () => {
    const r = await run({ from: '2030-01-01', to: '2030-12-31' });
    expect(r.rows).toEqual([]);
    expect(r.totals).toEqual({ scheduled: 0, completed: 0, noShow: 0, cancelled: 0, noShowPct: null });
  });

  // Changes the clinic: keep last.
  it('counts a cancellation without a reason as reason:unknown, after the known ones', async () => {
    const { sqlite, ids } = rc;
    sqlite
      .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status) VALUES (?, ?, ?, '2026-03-20T10:00', '2026-03-20T10:30', 'cancelled')")
      .run(ids.P2, ids.D2, ids.B2);
    const r = await run(Q1);
    expect(r.columns.slice(6).map((c) => c.key)).toEqual(['reason:changed_mind', 'reason:forgot', 'reason:unknown']);
    expect(r.rows.map((x) => [x.doctor, x.scheduled, x.cancelled, x['reason:unknown']])).toEqual([
      ['Алексеев Антон', 6, 1, 0],
      ['Борисова Бэла', 4, 1, 1],
    ]);
  });
});
