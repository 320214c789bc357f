// Debtors: patients whose lifetime revenue − paid > 0 as of `to`; the debt is
// aged by the oldest visit not fully covered when payments are applied oldest-first.
// The report is "as of to": `from` is accepted (every report takes a period)
// but not used. Only visits and payments on or before `to` count. Buckets are
// days from that visit's date to `to`: 0-30, 31-60, 61-90, 90+.
// Branch/doctor filters select visits: a patient's payments still cover all
// their visits oldest-first, clinic-wide; the row shows the part of the debt
// left on visits at that branch / with that doctor, aged by the oldest of those.
// (So the debts of the branches add up to the clinic's.)
import type SQLite from 'better-sqlite3';
import { defineReport, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { dayAfter } from './period';
import { livePatient, patientName } from './patient-sql';

type Bucket = '0-30' | '31-60' | '61-90' | '90+';

/** Days since 1970-01-01 of a YYYY-MM-DD date (cheap: runs for every debtor). */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

function bucketOf(days: number): Bucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

interface Candidate {
  patientId: number;
  patient: string;
  phone: string | null;
  debt: number;
  /** The newest visit with a charge on or before `to` (one row per visit at that minute). */
  lastDay: string;
  lastCharged: number;
  lastBranchId: number;
  lastDoctorId: number;
}

/**
 * CTEs ending in `d(patient_id, debt)`: each patient's charged − paid as of
 * `to`, clinic-wide (null when nothing was charged by then). Reads the cheaper
 * side of `to`: when `to` is in the last third of the history, the balances
 * the write path keeps (patient_balances, lifetime) minus what was charged or
 * paid after `to` (nothing to read when `to` is today); otherwise the sums up to `to`.
 */
function debtsCte(db: SQLite.Database, to: string): { sql: string; args: string[] } | null {
  const end = dayAfter(to);
  // The ends of the history: two seeks in visits_by_start.
  const span = db
    .prepare(
      `SELECT (SELECT min(start_at) FROM appointments WHERE status = 'completed') AS first,
              (SELECT max(start_at) FROM appointments WHERE status = 'completed') AS last`,
    )
    .get() as { first: string | null; last: string | null };
  if (!span.first || !span.last || span.first >= end) return null;
  // Reading after `to` costs about twice as much per row (balances and both sums are joined).
  const early = span.last >= end && dayNumber(end) - dayNumber(span.first) < 2 * (dayNumber(span.last) - dayNumber(end));
  // Ranges read through visits_by_start / payments_paid_at, not the per-patient indexes.
  const range = early ? '<' : '>=';
  const sums = `ac AS (
         SELECT a.patient_id, sum(a.charged) AS charged FROM appointments a INDEXED BY visits_by_start
         WHERE a.status = 'completed' AND a.start_at ${range} ? GROUP BY a.patient_id),
       ap AS (
         SELECT pm.patient_id, sum(pm.amount) AS paid FROM payments pm INDEXED BY payments_paid_at
         WHERE pm.paid_at ${range} ? GROUP BY pm.patient_id)`;
  const debts = early
    ? `d AS (SELECT ac.patient_id, ac.charged - coalesce(ap.paid, 0) AS debt FROM ac LEFT JOIN ap ON ap.patient_id = ac.patient_id)`
    : `c AS (
         SELECT patient_id FROM patient_balances WHERE charged - paid > 0
         UNION SELECT patient_id FROM ac UNION SELECT patient_id FROM ap),
       d AS (
         SELECT c.patient_id, (b.charged - coalesce(ac.charged, 0)) - (b.paid - coalesce(ap.paid, 0)) AS debt
         FROM c JOIN patient_balances b ON b.patient_id = c.patient_id
         LEFT JOIN ac ON ac.patient_id = c.patient_id LEFT JOIN ap ON ap.patient_id = c.patient_id)`;
  return { sql: `${sums},\n       ${debts}`, args: [end, end] };
}

/** Patients with charged − paid > 0 as of `to`, clinic-wide, with their newest charged visit. */
function candidates(db: SQLite.Database, to: string): Candidate[] {
  const end = dayAfter(to);
  const cte = debtsCte(db, to);
  if (!cte) return [];
  return db
    .prepare(
      `WITH ${cte.sql},
       l AS MATERIALIZED (
         SELECT d.patient_id, d.debt,
                (SELECT max(a.start_at) FROM appointments a WHERE a.status = 'completed' AND a.patient_id = d.patient_id
                 AND a.start_at < ? AND a.charged > 0) AS last_at
         FROM d WHERE d.debt > 0)
       SELECT l.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, l.debt, substr(l.last_at, 1, 10) AS lastDay,
              a.charged AS lastCharged, a.branch_id AS lastBranchId, a.doctor_id AS lastDoctorId
       FROM l CROSS JOIN patients pt ON pt.id = l.patient_id
       CROSS JOIN appointments a ON a.patient_id = l.patient_id AND a.start_at = l.last_at AND a.status = 'completed' AND a.charged > 0
       WHERE ${livePatient('pt')}`,
    )
    .all(...cte.args, end) as Candidate[];
}

/**
 * The report's total debt as of `to` without listing or ageing the debtors
 * (the dashboard's tile): unfiltered, each listed debtor's debt is their
 * charged − paid, so the total is the sum over the same candidates — live
 * patients with a positive balance and a charged visit on or before `to`.
 * With a branch/doctor filter the debt is placed visit by visit: the report.
 */
export function debtTotal(db: SQLite.Database, p: BaseParams): number {
  if (p.branchId || p.doctorId) return (debtors.run(db, p).totals?.debt as number) ?? 0;
  const cte = debtsCte(db, p.to);
  if (!cte) return 0;
  const row = db
    .prepare(
      `WITH ${cte.sql}
       SELECT coalesce(sum(d.debt), 0) AS debt FROM d CROSS JOIN patients pt ON pt.id = d.patient_id
       WHERE d.debt > 0 AND ${livePatient('pt')}
         AND EXISTS (SELECT 1 FROM appointments a WHERE a.status = 'completed' AND a.patient_id = d.patient_id AND a.start_at < ? AND a.charged > 0)`,
    )
    .get(...cte.args, dayAfter(p.to)) as { debt: number };
  return row.debt;
}

export const debtors = defineReport({
  id: 'debtors',
  group: 'money',
  params: reportParams({}),
  run(db, p) {
    const end = dayAfter(p.to);
    const filtered = Boolean(p.branchId || p.doctorId);
    const matches = (v: { branchId: number; doctorId: number }) =>
      (!p.branchId || v.branchId === p.branchId) && (!p.doctorId || v.doctorId === p.doctorId);
    // Payments cover the oldest visits first, so the debt sits on the newest
    // visits. Mostly it fits in the newest one; otherwise walk the debtor's
    // visits newest-first (visits_by_patient) until the debt is placed.
    const newestFirst = db.prepare(
      `SELECT substr(a.start_at, 1, 10) AS day, a.charged, a.branch_id AS branchId, a.doctor_id AS doctorId FROM appointments a
       WHERE a.status = 'completed' AND a.patient_id = ? AND a.start_at < ? AND a.charged > 0 ORDER BY a.start_at DESC`,
    );
    const asOf = dayNumber(p.to);
    const list = candidates(db, p.to);
    const visitsAtLast = new Map<number, number>();
    for (const c of list) visitsAtLast.set(c.patientId, (visitsAtLast.get(c.patientId) ?? 0) + 1);
    const rows: Row[] = [];
    const push = (c: Candidate, debt: number, oldest: string) =>
      rows.push({ patientId: c.patientId, patient: c.patient, phone: c.phone, debt, oldestUnpaid: oldest, bucket: bucketOf(asOf - dayNumber(oldest)) });
    for (const c of list) {
      const n = visitsAtLast.get(c.patientId)!;
      if (n === 0) continue; // already placed (several visits at the newest minute)
      if (n === 1 && c.debt <= c.lastCharged) {
        if (matches({ branchId: c.lastBranchId, doctorId: c.lastDoctorId })) push(c, c.debt, c.lastDay);
        continue;
      }
      visitsAtLast.set(c.patientId, 0);
      let left = c.debt;
      let debt = 0;
      let oldest: string | null = null;
      for (const v of newestFirst.iterate(c.patientId, end) as IterableIterator<{ day: string; charged: number; branchId: number; doctorId: number }>) {
        const unpaid = Math.min(v.charged, left);
        left -= unpaid;
        if (matches(v)) {
          debt += unpaid;
          oldest = v.day;
        }
        if (left === 0) break;
      }
      // Unfiltered, the debt is charged − paid, even if refunds exceed payments
      // (then more than the visits' total is owed).
      if (!filtered) debt = c.debt;
      if (debt > 0 && oldest) push(c, debt, oldest);
    }
    // Biggest debt first; then the oldest, then by name (code-point order, as SQL sorts names elsewhere).
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    rows.sort(
      (a, b) =>
        (b.debt as number) - (a.debt as number) ||
        cmp(a.oldestUnpaid as string, b.oldestUnpaid as string) ||
        cmp(a.patient as string, b.patient as string) ||
        (a.patientId as number) - (b.patientId as number),
    );
    return {
      columns: [
        { key: 'patientId', type: 'int' },
        { key: 'patient', type: 'text' },
        { key: 'phone', type: 'text' },
        { key: 'debt', type: 'money' },
        { key: 'oldestUnpaid', type: 'date' },
        { key: 'bucket', type: 'text' },
      ],
      rows,
      totals: { debt: rows.reduce((s, r) => s + (r.debt as number), 0) },
    };
  },
});

