// Campaigns: per campaign whose period overlaps [from, to], members, contacted (members with a contact for the
// campaign, or its SMS/e-mail sent to them: the first of either starts the window), converted (contacted members with a visit from their FIRST contact to windowDays after it, default 60),
// their revenue in that window, the campaign's cost, and ROI % = (revenue − cost) / cost × 100 (null when cost is 0).
// The window is by local date: a visit on the contact's day (at or after the contact) through the day contact + windowDays
// counts; a later contact does not move it. Revenue is what the visits charged (a refund does not reduce it).
// Branch/doctor filters apply to the visits counted. A contact's `at` is UTC (…Z) and is compared in local time.
import { z } from 'zod';
import { defineReport, filters, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { pct } from './period';

const params = reportParams({ windowDays: z.coerce.number().int().min(1).max(3650).default(60) });
type CampaignParams = BaseParams & { windowDays: number };

/**
 * Each member's first contact for the campaign and their visits in its window,
 * as CTE `m(campaign_id, patient_id, contacted, revenue, visits)`.
 */
function membersCte(p: CampaignParams): { sql: string; args: Array<string | number> } {
  const f = filters(p, 'a');
  return {
    sql: `c AS MATERIALIZED (
            SELECT id FROM campaigns WHERE start_date <= ? AND end_date >= ?),
          firsts AS MATERIALIZED (
            SELECT m.campaign_id, m.patient_id,
                   (SELECT min(t) FROM (
                      SELECT CASE WHEN k.at LIKE '%Z' THEN strftime('%Y-%m-%dT%H:%M', k.at, 'localtime') ELSE substr(k.at, 1, 16) END AS t
                      FROM contacts k WHERE k.campaign_id = m.campaign_id AND k.patient_id = m.patient_id
                      UNION ALL
                      SELECT strftime('%Y-%m-%dT%H:%M', g.sent_at, 'localtime')
                      FROM messages g WHERE g.campaign_id = m.campaign_id AND g.patient_id = m.patient_id AND g.sent_at IS NOT NULL)) AS first_at
            FROM c JOIN campaign_members m ON m.campaign_id = c.id),
          m AS MATERIALIZED (
            SELECT x.campaign_id, x.patient_id, x.first_at IS NOT NULL AS contacted, coalesce(v.revenue, 0) AS revenue, coalesce(v.visits, 0) AS visits
            FROM firsts x LEFT JOIN (
              SELECT y.campaign_id, y.patient_id, sum(a.charged) AS revenue, count(*) AS visits
              FROM firsts y CROSS JOIN appointments a INDEXED BY visits_by_patient
                ON a.status = 'completed' AND a.patient_id = y.patient_id
               AND a.start_at >= y.first_at AND a.start_at < date(substr(y.first_at, 1, 10), '+' || ? || ' days', '+1 day')${f.sql}
              WHERE y.first_at IS NOT NULL
              GROUP BY y.campaign_id, y.patient_id) v ON v.campaign_id = x.campaign_id AND v.patient_id = x.patient_id)`,
    args: [p.to, p.from, p.windowDays, ...f.args],
  };
}

/**
 * The report's numbers per campaign without a row per member: members counted
 * in campaign_members' key; first contacts grouped from the campaign's own
 * contacts and sent messages (members only), the few contacted members then
 * seek their visits. The same numbers as membersCte (the drill-down's list),
 * which computes every member's first contact one by one.
 */
function totalsSql(p: CampaignParams): { sql: string; args: Array<string | number> } {
  const f = filters(p, 'a');
  return {
    sql: `WITH c AS MATERIALIZED (
            SELECT id FROM campaigns WHERE start_date <= ? AND end_date >= ?),
          firsts AS MATERIALIZED (
            SELECT x.campaign_id, x.patient_id, min(x.t) AS first_at FROM (
              SELECT k.campaign_id, k.patient_id,
                     CASE WHEN k.at LIKE '%Z' THEN strftime('%Y-%m-%dT%H:%M', k.at, 'localtime') ELSE substr(k.at, 1, 16) END AS t
              FROM c CROSS JOIN contacts k ON k.campaign_id = c.id
              UNION ALL
              SELECT g.campaign_id, g.patient_id, strftime('%Y-%m-%dT%H:%M', g.sent_at, 'localtime')
              FROM c CROSS JOIN messages g ON g.campaign_id = c.id AND g.sent_at IS NOT NULL) x
            WHERE EXISTS (SELECT 1 FROM campaign_members mm WHERE mm.campaign_id = x.campaign_id AND mm.patient_id = x.patient_id)
            GROUP BY x.campaign_id, x.patient_id),
          v AS MATERIALIZED (
            SELECT y.campaign_id, sum(a.charged) AS revenue, count(DISTINCT y.patient_id) AS converted
            FROM firsts y CROSS JOIN appointments a INDEXED BY visits_by_patient
              ON a.status = 'completed' AND a.patient_id = y.patient_id
             AND a.start_at >= y.first_at AND a.start_at < date(substr(y.first_at, 1, 10), '+' || ? || ' days', '+1 day')${f.sql}
            GROUP BY y.campaign_id)
         SELECT k.id AS campaignId, k.name AS campaign, k.channel, k.start_date AS startDate, k.end_date AS endDate,
                (SELECT count(*) FROM campaign_members mm WHERE mm.campaign_id = k.id) AS members,
                (SELECT count(*) FROM firsts x WHERE x.campaign_id = k.id) AS contacted,
                coalesce((SELECT v.converted FROM v WHERE v.campaign_id = k.id), 0) AS converted,
                coalesce((SELECT v.revenue FROM v WHERE v.campaign_id = k.id), 0) AS revenue, k.cost
         FROM campaigns k JOIN c ON c.id = k.id
         ORDER BY k.start_date, k.name, k.id`,
    args: [p.to, p.from, p.windowDays, ...f.args],
  };
}

export const campaigns = defineReport<CampaignParams>({
  id: 'campaigns',
  group: 'marketing',
  params: params as never,
  extraParams: [{ key: 'windowDays', type: 'int', default: 60 }],
  run(db, p) {
    const q = totalsSql(p);
    const rows = db.prepare(q.sql).all(...q.args) as Row[];
    for (const r of rows) r.roi = pct((r.revenue as number) - (r.cost as number), r.cost as number);
    const sum = (key: string) => rows.reduce((s, r) => s + (r[key] as number), 0);
    const totals: Row = { members: sum('members'), contacted: sum('contacted'), converted: sum('converted'), revenue: sum('revenue'), cost: sum('cost') };
    totals.roi = pct((totals.revenue as number) - (totals.cost as number), totals.cost as number);
    return {
      columns: [
        { key: 'campaign', type: 'text' },
        { key: 'members', type: 'int', drill: true },
        { key: 'contacted', type: 'int', drill: true },
        { key: 'converted', type: 'int', drill: true },
        { key: 'revenue', type: 'money' },
        { key: 'cost', type: 'money' },
        { key: 'roi', type: 'pct' },
      ],
      rows,
      totals,
    };
  },
  patients(db, p, row, column) {
    const cte = membersCte(p);
    const which = column === 'contacted' ? ' AND m.contacted' : column === 'converted' ? ' AND m.visits > 0' : '';
    const one = row ? ' AND m.campaign_id = ?' : '';
    return (
      db
        .prepare(`WITH ${cte.sql} SELECT DISTINCT m.patient_id AS id FROM m WHERE 1${which}${one} ORDER BY m.patient_id`)
        .all(...cte.args, ...(row ? [row.campaignId as number] : [])) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
