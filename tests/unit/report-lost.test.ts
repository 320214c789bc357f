import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

// Each patient's last visit L on or before 2026-03-31, and L + t:
//   P1 03-15 (D2 B2), P2 01-20 (D1 B1), P3 02-20 (D1 B1), P5 03-01 (D2 B2),
//   P7 2025-08-01 (D1 B1, churn reason "price" recorded 2026-02-01),
//   P8 2025-09-15 (D1 B1, confirmed booking on 2026-04-02 → never lost).
//   P6 has no visit and P4 none left after the merge: never lost.
// With t = 180: P7 → 2026-01-28 (in Q1); P8 → 2026-03-14 but booked; P2 →
// 07-19, P3 → 08-19, P5 → 08-28, P1 → 09-11: after Q1.
describe('lost', () => {
  it('counts patients lost in each month of the period with their churn reasons', async () => {
    const r = await rc.call('director', 'reports.run', { id: 'lost', params: Q1 });
    expect(r.params).toEqual({ ...Q1, thresholdDays: 180 });
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([['month', false], ['lost', true], ['reason:price', true]]);
    expect(r.rows).toEqual([
      { month: '2026-01', lost: 1, 'reason:price': 1 },
      { month: '2026-02', lost: 0, 'reason:price': 0 },
      { month: '2026-03', lost: 0, 'reason:price': 0 },
    ]);
    expect(r.totals).toEqual({ lost: 1, 'reason:price': 1 });
    const ru = await rc.call('director', 'reports.run', { id: 'lost', params: Q1, locale: 'ru' });
    expect(ru.columns.map((c) => c.label)).toEqual(['Месяц', 'Потерянные', 'Цена']);
  });

  it('uses thresholdDays, the last visit up to `to`, and unknown for no reason', async () => {
    // t = 30: P2 01-20 → 02-19; P3 02-20 → 03-22; P5 03-01 → 03-31 (the last day
    // counts); P1 03-15 → 04-14 is after Q1; P7 → 2025-08-31 is before it. None of
    // P2, P3, P5 has a churn reason or a booking after L (P3's cancelled and
    // no-show bookings were before her visit).
    const r = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays: 30 } });
    expect(r.rows).toEqual([
      { month: '2026-01', lost: 0, 'reason:unknown': 0 },
      { month: '2026-02', lost: 1, 'reason:unknown': 1 },
      { month: '2026-03', lost: 2, 'reason:unknown': 2 },
    ]);
    // Over 2025-01 … 2026-03 P7 is lost on 2025-08-31 too; reason columns by code, unknown last.
    const long = await rc.call('director', 'reports.run', { id: 'lost', params: { from: '2025-01-01', to: '2026-03-31', thresholdDays: 30 } });
    expect(long.rows).toHaveLength(15);
    expect(long.columns.map((c) => c.key)).toEqual(['month', 'lost', 'reason:price', 'reason:unknown']);
    expect(long.rows.filter((x) => x.lost).map((x) => [x.month, x.lost, x['reason:price'], x['reason:unknown']])).toEqual([
      ['2025-08', 1, 1, 0],
      ['2026-02', 1, 0, 1],
      ['2026-03', 2, 0, 2],
    ]);
    expect(long.totals).toEqual({ lost: 4, 'reason:price': 1, 'reason:unknown': 3 });
  });

  it('applies the branch and doctor filters to the last visit', async () => {
    // t = 30: P5's last visit was with D2 at B2; P2's and P3's with D1 at B1.
    // P2 also saw D2 on 2025-12-20, but that is not her last visit: not D2's.
    const d2 = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays: 30, doctorId: rc.ids.D2 } });
    expect(d2.rows.map((x) => x.lost)).toEqual([0, 0, 1]);
    const b1 = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays: 30, branchId: rc.ids.B1 } });
    expect(b1.rows.map((x) => x.lost)).toEqual([0, 1, 1]);
    // t = 180: P7's last visit was at B1, so B2 lost nobody.
    const b2 = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, branchId: rc.ids.B2 } });
    expect(b2.rows).toEqual([
      { month: '2026-01', lost: 0 },
      { month: '2026-02', lost: 0 },
      { month: '2026-03', lost: 0 },
    ]);
  });

  it('has one row of zeros per month for an empty period', async () => {
    // One row per month of the period by definition, so no data means a row of zeros, not [].
    const r = await rc.call('director', 'reports.run', { id: 'lost', params: { from: '2030-01-01', to: '2030-01-31' } });
    expect(r.rows).toEqual([{ month: '2030-01', lost: 0 }]);
  });

  it('refuses a threshold that is not a positive whole number', async () => {
    for (const thresholdDays of [0, 1.5, 'soon']) {
      await expect(rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays } })).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });

  it('lists the patients behind a month, a reason and the total', async () => {
    const params = { ...Q1, thresholdDays: 30 };
    const march = await rc.call('director', 'reports.patients', { id: 'lost', params, rowIndex: 2, column: 'lost' });
    expect(march.map((p) => p.name)).toEqual(['Вера В', 'Галина Г']);
    const unknown = await rc.call('director', 'reports.patients', { id: 'lost', params, column: 'reason:unknown' });
    expect(unknown.map((p) => p.id).sort()).toEqual([rc.ids.P2, rc.ids.P3, rc.ids.P5].sort());
    const price = await rc.call('director', 'reports.patients', { id: 'lost', params: Q1, rowIndex: 0, column: 'reason:price' });
    expect(price.map((p) => p.id)).toEqual([rc.ids.P7]);
  });

  // Last: these change this file's clinic.
  it('takes the latest churn reason, sorts unknown last, and ignores deleted patients', async () => {
    const contact = rc.sqlite.prepare("INSERT INTO contacts (patient_id, channel, direction, outcome, churn_reason, at) VALUES (?, 'call', 'out', 'refused', ?, ?)");
    contact.run(rc.ids.P3, 'quality', '2026-03-01T10:00:00.000Z');
    contact.run(rc.ids.P3, 'went_elsewhere', '2026-03-05T10:00:00.000Z');
    contact.run(rc.ids.P3, null, '2026-03-06T10:00:00.000Z');
    // t = 30: P3's latest reason is went_elsewhere (the later call without a
    // reason does not erase it); P2 and P5 stay unknown, whose column is last
    // although "unknown" sorts before "went_elsewhere".
    const r = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays: 30 } });
    expect(r.columns.map((c) => c.key)).toEqual(['month', 'lost', 'reason:went_elsewhere', 'reason:unknown']);
    expect(r.rows[2]).toEqual({ month: '2026-03', lost: 2, 'reason:went_elsewhere': 1, 'reason:unknown': 1 });
    await rc.call('admin', 'patients.delete', { id: rc.ids.P5 });
    const afterDelete = await rc.call('director', 'reports.run', { id: 'lost', params: { ...Q1, thresholdDays: 30 } });
    expect(afterDelete.rows.map((x) => x.lost)).toEqual([0, 1, 1]);
  });
});
