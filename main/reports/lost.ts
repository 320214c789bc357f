// Lost patients: L = a patient's last visit on or before `to`; they are lost on L + thresholdDays when that date is in
// [from, to] and they have no booked/confirmed appointment after L. Per month of the lost date, with counts per churn reason.
import { z } from 'zod';
import { defineReport, filters, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { dayAfter, daysBetween, monthsIn, plusDays } from './period';

const DEFAULT_THRESHOLD = 180;
const params = reportParams({ thresholdDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_THRESHOLD) });
type LostParams = BaseParams & { thresholdDays: number };

const UNKNOWN = 'unknown';

/**
 * The lost patients of the period as a CTE `lost(patient_id, month, reason)`.
 *
 * Lost on L + t in [from, to] means L's date is in [from − t, to − t]. L, the
 * last visit before the day after `to`, is one backwards seek per patient in
 * the covering visits_by_patient index, taken in patient order (a scan of
 * patient_first_visits by rowid; the unary + keeps SQLite off the first_at
 * index, whose order would scatter the seeks). Grouping the visits from
 * `from − t` to `to` per patient instead costs a sort of all of them: 2–5×
 * slower over 10 years.
 * Branch/doctor filters apply to L: "lost patients last seen at this branch /
 * by this doctor", so the rows of all branches add up to the clinic's.
 * The reason is the latest churn reason recorded for the patient, else unknown.
 */
function lostCte(p: LostParams): { sql: string; args: Array<string | number> } {
  const t = p.thresholdDays;
  const f = filters(p, 'v');
  const lastFrom = plusDays(p.from, -t);
  const lastBefore = dayAfter(plusDays(p.to, -t));
  // A short window of L (a month on the dashboard) starts from the patients
  // with a visit in it (a range of visits_by_start) instead of every patient.
  const short = daysBetween(lastFrom, lastBefore) <= 366;
  const candidates = short
    ? `(SELECT DISTINCT v.patient_id FROM appointments v INDEXED BY visits_by_start
        WHERE v.status = 'completed' AND v.start_at >= ? AND v.start_at < ?) f`
    : 'patient_first_visits f WHERE +f.first_at < ?';
  return {
    sql: `last AS MATERIALIZED (
            SELECT f.patient_id,
                   (SELECT max(a.start_at) FROM appointments a INDEXED BY visits_by_patient
                    WHERE a.status = 'completed' AND a.patient_id = f.patient_id AND a.start_at < ?) AS last_at
            FROM ${candidates}),
          lost AS MATERIALIZED (
            SELECT l.patient_id, substr(date(substr(l.last_at, 1, 10), '+${t} days'), 1, 7) AS month,
                   coalesce((SELECT c.churn_reason FROM contacts c WHERE c.patient_id = l.patient_id AND c.churn_reason IS NOT NULL
                             ORDER BY c.at DESC, c.id DESC LIMIT 1), '${UNKNOWN}') AS reason
            FROM last l JOIN patients p ON p.id = l.patient_id
            WHERE l.last_at >= ? AND l.last_at < ? AND p.deleted_at IS NULL AND p.merged_into_id IS NULL${
              f.sql
                ? `
              AND EXISTS (SELECT 1 FROM appointments v INDEXED BY visits_by_patient
                          WHERE v.status = 'completed' AND v.patient_id = l.patient_id AND v.start_at = l.last_at${f.sql})`
                : ''
            }
              AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = l.patient_id AND b.start_at > l.last_at
                              AND b.status IN ('booked', 'confirmed')))`,
    args: [dayAfter(p.to), ...(short ? [lastFrom, lastBefore] : [lastBefore]), lastFrom, lastBefore, ...f.args],
  };
}

/** Reason columns: by code, unknown last. */
function reasonOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN) return 1;
  if (b === UNKNOWN) return -1;
  return a < b ? -1 : 1;
}

export const lost = defineReport({
  id: 'lost',
  group: 'patients',
  params,
  extraParams: [{ key: 'thresholdDays', type: 'int', default: DEFAULT_THRESHOLD }],
  run(db, p: LostParams) {
    const cte = lostCte(p);
    const counts = db
      .prepare(`WITH ${cte.sql} SELECT month, reason, count(*) AS n FROM lost GROUP BY month, reason`)
      .all(...cte.args) as Array<{ month: string; reason: string; n: number }>;
    const reasonKeys = [...new Set(counts.map((c) => c.reason))].sort(reasonOrder).map((r) => `reason:${r}`);
    const rows: Row[] = monthsIn(p.from, p.to).map((month) => {
      const row: Row = { month, lost: 0 };
      for (const k of reasonKeys) row[k] = 0;
      return row;
    });
    const byMonth = new Map(rows.map((r) => [r.month as string, r]));
    for (const c of counts) {
      const row = byMonth.get(c.month)!;
      row.lost = (row.lost as number) + c.n;
      row[`reason:${c.reason}`] = c.n;
    }
    const totals: Row = { lost: 0 };
    for (const k of ['lost', ...reasonKeys]) totals[k] = rows.reduce((s, r) => s + (r[k] as number), 0);
    return {
      columns: [
        { key: 'month', type: 'month' },
        { key: 'lost', type: 'int', drill: true },
        ...reasonKeys.map((key) => ({ key, type: 'int' as const, drill: true })),
      ],
      rows,
      totals,
    };
  },
  patients(db, p: LostParams, row, column) {
    const cte = lostCte(p);
    const where: string[] = [];
    const args: string[] = [];
    if (row) {
      where.push('month = ?');
      args.push(row.month as string);
    }
    const reason = column.match(/^reason:(.+)$/);
    if (reason) {
      where.push('reason = ?');
      args.push(reason[1]);
    }
    return (
      db
        .prepare(`WITH ${cte.sql} SELECT patient_id AS id FROM lost${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`)
        .all(...cte.args, ...args) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
