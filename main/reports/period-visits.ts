// Completed visits of a period, per branch, per doctor or in all, read from
// the monthly summaries instead of the period's visits: visits and revenue
// from appointment_months (0009), distinct patients from unique_patient_months
// (0012). Only the partial months at the period's ends are read from the
// visits. Shared by activity, branches, staff-revenue and average-check.
import type SQLite from 'better-sqlite3';
import { filters } from './definition';
import type { BaseParams } from './params';
import { dayAfter, monthEnd, splitByWholeMonths } from './period';

export type GroupBy = 'branch' | 'doctor' | null;

export interface GroupVisits {
  /** The branch or doctor id; 0 without grouping. */
  key: number;
  visits: number;
  /** Visits with charged > 0. */
  visitsWithRevenue: number;
  revenue: number;
  /** Distinct patients, when asked for (else 0). */
  uniquePatients: number;
}

type Filters = Pick<BaseParams, 'branchId' | 'doctorId'>;
const KEY = { branch: 'branch_id', doctor: 'doctor_id' } as const;
const keyOf = (by: GroupBy, alias: string) => (by ? `${alias}.${KEY[by]}` : '0');

/** Visits, revenue and (with `unique`) distinct patients in [from, to] within the filters, per `by`; only groups with visits. */
export function periodVisits(db: SQLite.Database, range: { from: string; to: string }, p: Filters, by: GroupBy, opts: { unique?: boolean } = {}): Map<number, GroupVisits> {
  const out = new Map<number, GroupVisits>();
  const add = (rows: Array<Partial<GroupVisits> & { key: number }>) => {
    for (const r of rows) {
      const g = out.get(r.key) ?? { key: r.key, visits: 0, visitsWithRevenue: 0, revenue: 0, uniquePatients: 0 };
      g.visits += r.visits ?? 0;
      g.visitsWithRevenue += r.visitsWithRevenue ?? 0;
      g.revenue += r.revenue ?? 0;
      g.uniquePatients += r.uniquePatients ?? 0;
      out.set(r.key, g);
    }
  };
  const split = splitByWholeMonths(range.from, range.to);
  const f = filters(p);
  if (split.months) {
    const fm = filters(p, 'm');
    add(
      db
        .prepare(
          `SELECT ${keyOf(by, 'm')} AS key, sum(m.n) AS visits, sum(m.charged_n) AS visitsWithRevenue, sum(m.charged) AS revenue
           FROM appointment_months m WHERE m.month >= ? AND m.month <= ? AND m.status = 'completed'${fm.sql} GROUP BY 1`,
        )
        .all(split.months.first, split.months.last, ...fm.args) as GroupVisits[],
    );
  }
  const edge = db.prepare(
    `SELECT ${keyOf(by, 'a')} AS key, count(*) AS visits, sum(a.charged > 0) AS visitsWithRevenue, sum(a.charged) AS revenue
     FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY 1`,
  );
  for (const e of split.edges) add(edge.all(e.from, dayAfter(e.to), ...f.args) as GroupVisits[]);
  if (opts.unique && out.size) add(uniquePatientsIn(db, range, p, by));
  for (const [k, g] of out) if (!g.visits) out.delete(k);
  return out;
}

/** Distinct patients with a visit in [from, to] within the filters. */
export function distinctPatients(db: SQLite.Database, range: { from: string; to: string }, p: Filters): number {
  return uniquePatientsIn(db, range, p, null).reduce((s, r) => s + r.uniquePatients, 0);
}

/**
 * Distinct patients with a visit in [from, to] per `by`. Whole months: the
 * patients whose first visit month in the run (prev_month before it) falls in
 * it, at the summary level the filters name. The partial months at the ends
 * add their patients without a visit in the whole months (probing each one's
 * visits); a period without a whole month counts its visits directly.
 */
function uniquePatientsIn(db: SQLite.Database, range: { from: string; to: string }, p: Filters, by: GroupBy): Array<{ key: number; uniquePatients: number }> {
  const split = splitByWholeMonths(range.from, range.to);
  const f = filters(p);
  if (!split.months) {
    return db
      .prepare(
        `SELECT ${keyOf(by, 'a')} AS key, count(DISTINCT a.patient_id) AS uniquePatients FROM appointments a
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY 1`,
      )
      .all(range.from, dayAfter(range.to), ...f.args) as Array<{ key: number; uniquePatients: number }>;
  }
  const { first, last } = split.months;
  // The level: a filter fixes its column, a grouping spans its ids, else 0 (any).
  const doctor = p.doctorId ? 'u.doctor_id = ?' : by === 'doctor' ? 'u.doctor_id IN (SELECT id FROM users)' : 'u.doctor_id = 0';
  const branch = p.branchId ? 'u.branch_id = ?' : by === 'branch' ? 'u.branch_id > 0' : 'u.branch_id = 0';
  const out = db
    .prepare(
      `SELECT ${keyOf(by, 'u')} AS key, sum(u.patients) AS uniquePatients FROM unique_patient_months u
       WHERE ${doctor} AND ${branch} AND u.month >= ? AND u.month <= ? AND u.prev_month < ? GROUP BY 1`,
    )
    .all(...(p.doctorId ? [p.doctorId] : []), ...(p.branchId ? [p.branchId] : []), first, last, first) as Array<{ key: number; uniquePatients: number }>;
  if (split.edges.length) {
    const fv = filters(p, 'v');
    const inEdge = `SELECT a.patient_id, ${keyOf(by, 'a')} AS key FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}`;
    out.push(
      ...(db
        .prepare(
          `SELECT e.key, count(*) AS uniquePatients FROM (${split.edges.map(() => inEdge).join(' UNION ')}) e
           WHERE NOT EXISTS (SELECT 1 FROM appointments v INDEXED BY visits_by_patient
                             WHERE v.status = 'completed' AND v.patient_id = e.patient_id AND v.start_at >= ? AND v.start_at < ?${fv.sql}${by ? ` AND ${keyOf(by, 'v')} = e.key` : ''})
           GROUP BY 1`,
        )
        .all(...split.edges.flatMap((e) => [e.from, dayAfter(e.to), ...f.args]), `${first}-01`, dayAfter(monthEnd(last)), ...fv.args) as typeof out),
    );
  }
  return out;
}
