import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
// Campaigns on top of the report fixture (visits listed there), contacts recorded through the API at these local times:
//
// "Вернуть спящих", 2025-06-01 … 2026-01-31, cost 20000, members P1 P2 P3 P6 P7 P8:
//   P1 contacted 2026-01-05 09:00 and again 2026-02-01 10:00 → the FIRST contact counts: window to 2026-03-06 (day 60):
//      01-10 10000 + 02-05 30000 = 40000 (the 03-15 visit is after the window; from the second contact it would count)
//   P2 contacted 2025-12-21 12:00 → the 2025-12-20 visit was before it; 2026-01-20 00:15 (day 30) 10000
//   P3 contacted 2025-12-22 15:00 → 2026-02-20 11:00 is day 60 exactly (earlier in the day than the call: the window
//      is by date) 9000; the refund of 2000 on 02-25 does not reduce revenue
//   P6 not contacted
//   P7 contacted 2025-06-01 10:00 → the 2025-08-01 visit is day 61: not converted
//   P8 contacted 2025-07-17 10:00 → the 2025-09-15 visit is day 60: 30000
//   members 6, contacted 5, converted 4 (P1 P2 P3 P8), revenue 89000, ROI (89000 − 20000) / 20000 = 345 %
// "Весна", 2026-03-01 … 2026-03-31, cost 0, members P5 P6: P5 contacted 2026-01-26 10:00 (after P4's merged
//   01-25 visit), 03-01 (day 34) 10000 → members 2, contacted 1, converted 1, 10000, ROI null
// "Старая", 2025-01-01 … 2025-05-31, member P7 contacted: outside Q1, no row.
// Totals: 8 members, 6 contacted, 5 converted, 99000, cost 20000, ROI 395 %.
const ids: Record<string, number> = {};
beforeAll(async () => {
  rc = await makeReportClinic();
  const { P1, P2, P3, P5, P6, P7, P8 } = rc.ids;
  const campaign = async (name: string, startDate: string, endDate: string, cost: number, patientIds: number[]) => {
    const c = await rc.call('director', 'campaigns.create', { name, channel: 'call', startDate, endDate, cost });
    await rc.call('director', 'campaigns.addMembers', { id: c.id, patientIds });
    const members = (await rc.call('callcenter', 'campaigns.members', { id: c.id, limit: 500 })).rows;
    ids[name] = c.id;
    return (patientId: number, at: string) => {
      rc.setNow(at);
      return rc.call('callcenter', 'campaigns.recordOutcome', { memberId: members.find((m) => m.patientId === patientId)!.memberId, outcome: 'reached' });
    };
  };
  const winter = await campaign('Вернуть спящих', '2025-06-01', '2026-01-31', 20000, [P1, P2, P3, P6, P7, P8]);
  await winter(P1, '2026-01-05T09:00');
  await winter(P1, '2026-02-01T10:00');
  await winter(P2, '2025-12-21T12:00');
  await winter(P3, '2025-12-22T15:00');
  await winter(P7, '2025-06-01T10:00');
  await winter(P8, '2025-07-17T10:00');
  const spring = await campaign('Весна', '2026-03-01', '2026-03-31', 0, [P5, P6]);
  await spring(P5, '2026-01-26T10:00');
  const old = await campaign('Старая', '2025-01-01', '2025-05-31', 5000, [P7]);
  await old(P7, '2025-02-01T10:00');
});
afterAll(async () => rc.close());

const pick = (rows: Array<Record<string, unknown>>) => rows.map(({ campaign, members, contacted, converted, revenue, cost, roi }) => ({ campaign, members, contacted, converted, revenue, cost, roi }));

describe('campaigns report', () => {
  it('counts members, contacted, converted in the window after the first contact, their revenue, cost and ROI', async () => {
    const r = await rc.call('director', 'reports.run', { id: 'campaigns', params: Q1 });
    expect(r.columns.map((c) => c.key)).toEqual(['campaign', 'members', 'contacted', 'converted', 'revenue', 'cost', 'roi']);
    expect(r.columns.filter((c) => c.drill).map((c) => c.key)).toEqual(['members', 'contacted', 'converted']);
    expect(pick(r.rows)).toEqual([
      { campaign: 'Вернуть спящих', members: 6, contacted: 5, converted: 4, revenue: 89000, cost: 20000, roi: 345 },
      { campaign: 'Весна', members: 2, contacted: 1, converted: 1, revenue: 10000, cost: 0, roi: null },
    ]);
    expect(r.rows[0].campaignId).toBe(ids['Вернуть спящих']);
    expect(r.totals).toEqual({ members: 8, contacted: 6, converted: 5, revenue: 99000, cost: 20000, roi: 395 });
  });

  it('takes the window length from windowDays', async () => {
    // 30 days: P1 to 02-04 → 01-10 only 10000; P2 01-20 is day 30 → 10000; P3 and P8 out. Spring: 03-01 is day 34 → out.
    const r = await rc.call('director', 'reports.run', { id: 'campaigns', params: { ...Q1, windowDays: 30 } });
    expect(pick(r.rows)).toEqual([
      { campaign: 'Вернуть спящих', members: 6, contacted: 5, converted: 2, revenue: 20000, cost: 20000, roi: 0 },
      { campaign: 'Весна', members: 2, contacted: 1, converted: 0, revenue: 0, cost: 0, roi: null },
    ]);
  });

  it('counts only visits at the chosen branch', async () => {
    // B2: P1's window visits were at B1; P2 01-20 B1; P3 B1; P8 B1 → Winter 0. Spring: P5 03-01 at B2 → 10000.
    const r = await rc.call('director', 'reports.run', { id: 'campaigns', params: { ...Q1, branchId: rc.ids.B2 } });
    expect(pick(r.rows).map((x) => [x.converted, x.revenue, x.roi])).toEqual([[0, 0, -100], [1, 10000, null]]);
  });

  it('includes campaigns whose period overlaps the report period, and none outside', async () => {
    const r = await rc.call('director', 'reports.run', { id: 'campaigns', params: { from: '2025-05-31', to: '2025-06-01' } });
    expect(pick(r.rows).map((x) => x.campaign)).toEqual(['Старая', 'Вернуть спящих']);
    const none = await rc.call('director', 'reports.run', { id: 'campaigns', params: { from: '2030-01-01', to: '2030-01-31' } });
    expect(none.rows).toEqual([]);
    expect(none.totals).toEqual({ members: 0, contacted: 0, converted: 0, revenue: 0, cost: 0, roi: null });
  });

  it('lists the patients behind members, contacted and converted', async () => {
    const { P1, P2, P3, P5, P6, P7, P8 } = rc.ids;
    const list = async (column: string, rowIndex?: number) =>
      (await rc.call('director', 'reports.patients', { id: 'campaigns', params: Q1, column, rowIndex })).map((p) => p.id).sort((a, b) => a - b);
    expect(await list('converted', 0)).toEqual([P1, P2, P3, P8]);
    expect(await list('contacted', 0)).toEqual([P1, P2, P3, P7, P8]);
    expect(await list('members', 1)).toEqual([P5, P6]);
    expect(await list('converted')).toEqual([P1, P2, P3, P5, P8]);
  });

  it('refuses a bad windowDays naming it', async () => {
    for (const windowDays of [0, 'x']) {
      const err = await rc.call('director', 'reports.run', { id: 'campaigns', params: { ...Q1, windowDays } }).catch((e) => e);
      expect(err.extra.issues.map((i: { path: string }) => i.path)).toEqual(['params.windowDays']);
    }
  });
});
