// Debtors: patients whose lifetime revenue − paid > 0 as of `to`; the debt is
// aged by the oldest visit not fully covered when payments are applied oldest-first.
// The report is "as of to": `from` is accepted (every report takes a period)
// but not used. Only visits and payments on or before `to` count. Buckets are
// days from that visit's date to `to`: 0-30, 31-60, 61-90, 90+.
// Branch/doctor filters select visits: a patient's payments still cover all
// their visits oldest-first, clinic-wide; the row shows the part of the debt
// left on visits at that branch / with that doctor, aged by the oldest of those.
// (So the debts of the branches add up to the clinic's.)
//
// How it stays fast (1 year on the large clinic: ~12k debtors): the write path
// keeps each patient's balance (patient_balances) and oldest unpaid visit
// (patient_debts, migration 0014); as of a past `to`, the charges and
// payments after it are subtracted, and a patient who paid after `to` has
// the oldest unpaid visit looked up in the running totals (patient_charges).
// Only a branch/doctor filter walks each debtor's visits.
//
// A work list: the biggest debts first, capped at `limit` (default 1000);
// names are read for the listed rows only. The totals are exact over all
// debtors: the debt, the number of rows, and the debt per age bucket (the
// chart). Ordering, ageing and totals run in SQL: on this machine sorting
// 12k rows in JavaScript costs more than the whole query.
import type SQLite from 'better-sqlite3';
import { z } from 'zod';
import { defineReport, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { dayAfter } from './period';
import { notGone, patientName } from './patient-sql';

const BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;

/** A work list, not a dump: the biggest debts first; `limit` up to 100,000 for a full export. */
const DEFAULT_LIMIT = 1000;

/** The age bucket of a YYYY-MM-DD column: days from it to `to` (@to). */
const BUCKET = (day: string) => `CASE WHEN julianday(@to) - julianday(${day}) <= 30 THEN '0-30'
  WHEN julianday(@to) - julianday(${day}) <= 60 THEN '31-60' WHEN julianday(@to) - julianday(${day}) <= 90 THEN '61-90' ELSE '90+' END`;

/**
 * CTEs ending in `d(patient_id, debt, charged, unpaid_since)`: as of the day
 * before @end, clinic-wide, each patient's charged − paid, what was charged
 * by then, and the oldest visit left unpaid. Charges and payments after `to`
 * are read through visits_by_start / payments_paid_at: nothing at all when
 * `to` is today. Visits after `to` do not move the oldest unpaid one (the same
 * payments cover the same oldest visits), so patient_debts still names it;
 * for a patient who paid after `to`, it is the first visit whose running
 * total tops what they had paid by then: one seek in patient_charges, skipped
 * when @aged is 0 (the total alone: unpaid_since is then '').
 */
const DEBTS_AS_OF = `ac AS MATERIALIZED (
    SELECT a.patient_id, sum(a.charged) AS charged FROM appointments a INDEXED BY visits_by_start
    WHERE a.status = 'completed' AND a.start_at >= @end GROUP BY a.patient_id),
  ap AS MATERIALIZED (
    SELECT pm.patient_id, sum(pm.amount) AS paid FROM payments pm INDEXED BY payments_paid_at
    WHERE pm.paid_at >= @end GROUP BY pm.patient_id),
  d AS (
    SELECT u.patient_id, b.charged - coalesce(ac.charged, 0) - b.paid AS debt, b.charged - coalesce(ac.charged, 0) AS charged, u.unpaid_since
    FROM patient_debts u JOIN patient_balances b ON b.patient_id = u.patient_id LEFT JOIN ac ON ac.patient_id = u.patient_id
    WHERE u.unpaid_since < @end AND u.patient_id NOT IN (SELECT patient_id FROM ap)
    UNION ALL
    SELECT r.patient_id, r.charged - r.paid, r.charged,
           CASE WHEN r.charged > r.paid AND @aged THEN
             (SELECT c.at FROM patient_charges c WHERE c.patient_id = r.patient_id AND c.upto > r.paid ORDER BY c.upto LIMIT 1) ELSE '' END
    FROM (SELECT ap.patient_id, b.charged - coalesce(ac.charged, 0) AS charged, b.paid - ap.paid AS paid
          FROM ap JOIN patient_balances b ON b.patient_id = ap.patient_id LEFT JOIN ac ON ac.patient_id = ap.patient_id) r)`;
/** A listed debtor: a live patient owing something, with a charged visit on or before `to`. */
const OWING = `d.debt > 0 AND d.charged > 0 AND ${notGone('d.patient_id')}`;
/** `o(patient_id, debt, day)`: every debtor as of `to`, clinic-wide. */
const CLINIC_DEBTS = `${DEBTS_AS_OF},
  o AS (SELECT d.patient_id, d.debt, substr(d.unpaid_since, 1, 10) AS day FROM d WHERE ${OWING})`;
/** The same from the debts placed at a branch / with a doctor (@placed: JSON [[patientId, debt, day], ...]). */
const PLACED_DEBTS = `o AS (SELECT value ->> 0 AS patient_id, value ->> 1 AS debt, value ->> 2 AS day FROM json_each(@placed))`;

interface Visit {
  day: string;
  charged: number;
  branchId: number;
  doctorId: number;
}

/**
 * With a branch/doctor filter: the part of each debt left on the visits
 * there, aged by the oldest of those, as [patientId, debt, day]. Payments
 * cover the oldest visits first, so the debt sits on the newest: walk each
 * debtor's visits newest-first (visits_by_patient) until it is placed.
 */
function placedDebts(db: SQLite.Database, p: BaseParams): Array<[number, number, string]> {
  const end = dayAfter(p.to);
  const owing = db
    .prepare(`WITH ${CLINIC_DEBTS} SELECT patient_id AS patientId, debt FROM o`)
    .all({ end, to: p.to, aged: 0 }) as Array<{ patientId: number; debt: number }>;
  const matches = (v: Visit) => (!p.branchId || v.branchId === p.branchId) && (!p.doctorId || v.doctorId === p.doctorId);
  const newestFirst = db.prepare(
    `SELECT substr(a.start_at, 1, 10) AS day, a.charged, a.branch_id AS branchId, a.doctor_id AS doctorId FROM appointments a
     WHERE a.status = 'completed' AND a.patient_id = ? AND a.start_at < ? AND a.charged > 0 ORDER BY a.start_at DESC`,
  );
  const out: Array<[number, number, string]> = [];
  for (const c of owing) {
    let left = c.debt;
    let debt = 0;
    let oldest: string | null = null;
    for (const v of newestFirst.iterate(c.patientId, end) as IterableIterator<Visit>) {
      const unpaid = Math.min(v.charged, left);
      left -= unpaid;
      if (matches(v)) {
        debt += unpaid;
        oldest = v.day;
      }
      if (left === 0) break;
    }
    if (debt > 0 && oldest) out.push([c.patientId, debt, oldest]);
  }
  return out;
}

/**
 * The total debt as of `to` without listing or ageing the debtors (the
 * dashboard's tile). With a branch/doctor filter the debt is placed visit by
 * visit: the report's total.
 */
export function debtTotal(db: SQLite.Database, p: BaseParams): number {
  if (p.branchId || p.doctorId) return placedDebts(db, p).reduce((s, [, debt]) => s + debt, 0);
  const row = db.prepare(`WITH ${CLINIC_DEBTS} SELECT coalesce(sum(debt), 0) AS debt FROM o`).get({ end: dayAfter(p.to), to: p.to, aged: 0 }) as { debt: number };
  return row.debt;
}

export const debtors = defineReport({
  id: 'debtors',
  group: 'money',
  params: reportParams({ limit: z.coerce.number().int().min(1).max(100000).default(DEFAULT_LIMIT) }),
  extraParams: [{ key: 'limit', type: 'int', default: DEFAULT_LIMIT }],
  run(db, p) {
    const filtered = Boolean(p.branchId || p.doctorId);
    // b: the debtors with their age bucket; t: the totals over all of them;
    // cut: the limit-th row in (debt, day) order. Names are read for the rows
    // up to the cut (and those tied with it, where the name decides).
    const rows = db
      .prepare(
        `WITH ${filtered ? PLACED_DEBTS : CLINIC_DEBTS},
         b AS MATERIALIZED (SELECT patient_id, debt, day, ${BUCKET('day')} AS bucket FROM o),
         t AS MATERIALIZED (
           SELECT count(*) AS t_rows, coalesce(sum(debt), 0) AS t_debt,
                  ${BUCKETS.map((k, i) => `coalesce(sum(debt) FILTER (WHERE bucket = '${k}'), 0) AS t_${i}`).join(', ')}
           FROM b),
         cut AS MATERIALIZED (SELECT debt, day FROM b ORDER BY debt DESC, day LIMIT 1 OFFSET @limit - 1)
         SELECT b.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, b.debt, b.day AS oldestUnpaid, b.bucket, t.*
         FROM t CROSS JOIN b CROSS JOIN patients pt ON pt.id = b.patient_id
         WHERE NOT EXISTS (SELECT 1 FROM cut) OR b.debt > (SELECT debt FROM cut) OR (b.debt = (SELECT debt FROM cut) AND b.day <= (SELECT day FROM cut))
         -- Biggest debt first; then the oldest, then by name.
         ORDER BY b.debt DESC, b.day, patient, b.patient_id LIMIT @limit`,
      )
      .all({ end: dayAfter(p.to), to: p.to, aged: 1, limit: p.limit, ...(filtered ? { placed: JSON.stringify(placedDebts(db, p)) } : {}) }) as Row[];
    const first = rows[0] ?? {};
    const totals: Row = {
      debt: (first.t_debt as number) ?? 0,
      rows: (first.t_rows as number) ?? 0,
      ...Object.fromEntries(BUCKETS.map((k, i) => [k, (first[`t_${i}`] as number) ?? 0])),
    };
    return {
      columns: [
        { key: 'patientId', type: 'int' },
        { key: 'patient', type: 'text' },
        { key: 'phone', type: 'text' },
        { key: 'debt', type: 'money' },
        { key: 'oldestUnpaid', type: 'date' },
        { key: 'bucket', type: 'text' },
      ],
      rows: rows.map((r) => ({ patientId: r.patientId, patient: r.patient, phone: r.phone, debt: r.debt, oldestUnpaid: r.oldestUnpaid, bucket: r.bucket })),
      totals,
    };
  },
});
