// Lost patients: L = a patient's last visit on or before `to`; they are lost on L + thresholdDays when that date is in
// [from, to] and they have no booked/confirmed appointment after L. Per month of the lost date, with counts per churn reason.
import type SQLite from 'better-sqlite3';
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
 * last visit before the day after `to`, mostly comes from patient_last_visits
 * (0008, kept by triggers: each patient's last visit ever), a scan of a small
 * table: when that visit is before the day after `to` it is L; when it is
 * later (the few patients seen after `to`) L is one backwards seek in the
 * covering visits_by_patient index. A last visit ever before `from − t` means
 * L is too, so those patients are skipped unread.
 * Branch/doctor filters apply to L: "lost patients last seen at this branch /
 * by this doctor", so the rows of all branches add up to the clinic's.
 * The reason is the latest churn reason recorded for the patient, else unknown.
 */
function lostCte(db: SQLite.Database, p: LostParams): { sql: string; args: Array<string | number> } {
  const t = p.thresholdDays;
  const f = filters(p, 'v');
  const end = dayAfter(p.to);
  const lastFrom = plusDays(p.from, -t);
  const lastBefore = dayAfter(plusDays(p.to, -t));
  // A window of L of at most a year long before today (a `to` in past years)
  // is cheaper from the patients with a visit in it (a range of
  // visits_by_start, each a seek) than from patient_last_visits, where every
  // patient seen after `to` needs that seek: compared by visit counts per month (appointment_months).
  if (daysBetween(lastFrom, lastBefore) <= 366 && visitsAfter(db, p.to) > visitsBetween(db, lastFrom, lastBefore)) {
    return {
      sql: `last AS MATERIALIZED (
            SELECT f.patient_id,
                   (SELECT max(a.start_at) FROM appointments a INDEXED BY visits_by_patient
                    WHERE a.status = 'completed' AND a.patient_id = f.patient_id AND a.start_at < ?) AS last_at
            FROM (SELECT DISTINCT v.patient_id FROM appointments v INDEXED BY visits_by_start
                  WHERE v.status = 'completed' AND v.start_at >= ? AND v.start_at < ?) f),
          ${lostOf(t, f.sql)}`,
      args: [end, lastFrom, lastBefore, lastFrom, lastBefore, ...f.args],
    };
  }
  return {
    sql: `last AS MATERIALIZED (
            SELECT pl.patient_id,
                   CASE WHEN pl.last_at < ? THEN pl.last_at
                        ELSE (SELECT max(a.start_at) FROM appointments a INDEXED BY visits_by_patient
                              WHERE a.status = 'completed' AND a.patient_id = pl.patient_id AND a.start_at < ?) END AS last_at
            FROM patient_last_visits pl
            WHERE pl.last_at >= ? AND (pl.last_at < ? OR pl.last_at >= ?)),
          ${lostOf(t, f.sql)}`,
    args: [end, end, lastFrom, lastBefore, end, lastFrom, lastBefore, ...f.args],
  };
}

/** The CTE `lost` over `last(patient_id, last_at)`; its arguments: lastFrom, lastBefore, then the filters'. */
function lostOf(t: number, filterSql: string): string {
  return `lost AS MATERIALIZED (
            SELECT l.patient_id, substr(date(substr(l.last_at, 1, 10), '+${t} days'), 1, 7) AS month,
                   coalesce((SELECT c.churn_reason FROM contacts c WHERE c.patient_id = l.patient_id AND c.churn_reason IS NOT NULL
                             ORDER BY c.at DESC, c.id DESC LIMIT 1), '${UNKNOWN}') AS reason
            FROM last l JOIN patients p ON p.id = l.patient_id
            WHERE l.last_at >= ? AND l.last_at < ? AND p.deleted_at IS NULL AND p.merged_into_id IS NULL${
              filterSql
                ? `
              AND EXISTS (SELECT 1 FROM appointments v INDEXED BY visits_by_patient
                          WHERE v.status = 'completed' AND v.patient_id = l.patient_id AND v.start_at = l.last_at${filterSql})`
                : ''
            }
              AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = l.patient_id AND b.start_at > l.last_at
                              AND b.status IN ('booked', 'confirmed')))`;
}

/** Visits in the months after `to`'s month, from appointment_months (0009). */
function visitsAfter(db: SQLite.Database, to: string): number {
  return (db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM appointment_months WHERE month > ? AND status = 'completed'`).get(to.slice(0, 7)) as { n: number }).n;
}

/** Visits in the months of [from, before), from appointment_months. */
function visitsBetween(db: SQLite.Database, from: string, before: string): number {
  return (
    db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM appointment_months WHERE month >= ? AND month <= ? AND status = 'completed'`).get(from.slice(0, 7), before.slice(0, 7)) as { n: number }
  ).n;
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
    const cte = lostCte(db, p);
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
    const cte = lostCte(db, p);
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
