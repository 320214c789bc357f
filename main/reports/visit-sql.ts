// Shapes of SQL over completed visits that SQLite answers from the covering
// partial indexes of migration 0003 without sorting a whole period's visits
// (GROUP BY on a column the index is not ordered by sorts every row; over 10
// years that sort costs more than the scan). Shared by the per-doctor reports.
import type SQLite from 'better-sqlite3';
import { filters } from './definition';
import type { BaseParams } from './params';
import { dayAfter, daysBetween } from './period';

/** Past a year, probing each patient's visits (visits_by_patient) beats sorting the period's visits to count distinct patients. */
export function isLongPeriod(p: BaseParams): boolean {
  return daysBetween(p.from, p.to) > 366;
}

export interface DoctorVisits {
  doctorId: number;
  /** Completed visits. */
  visits: number;
  /** Completed visits with charged > 0. */
  visitsWithRevenue: number;
  revenue: number;
  /** Only when asked for. */
  uniquePatients?: number;
}

/**
 * Completed visits in the period per doctor. Without a branch filter: doctor by
 * doctor over visits_by_doctor(doctor_id, start_at, …), already grouped; with
 * one (visits_by_doctor has no branch) over visits_by_start, sorting that branch's visits.
 */
export function visitsPerDoctor(db: SQLite.Database, p: BaseParams, opts: { uniquePatients?: boolean } = {}): DoctorVisits[] {
  const unique = opts.uniquePatients ? ', count(DISTINCT a.patient_id) AS uniquePatients' : '';
  const cols = `count(*) AS visits, coalesce(sum(a.charged > 0), 0) AS visitsWithRevenue, coalesce(sum(a.charged), 0) AS revenue${unique}`;
  const period = `a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?`;
  if (p.branchId) {
    const f = filters(p);
    return db.prepare(`SELECT a.doctor_id AS doctorId, ${cols} FROM appointments a WHERE ${period}${f.sql} GROUP BY a.doctor_id`).all(p.from, dayAfter(p.to), ...f.args) as DoctorVisits[];
  }
  const doctor = p.doctorId ? ' AND u.id = ?' : '';
  return db
    .prepare(`SELECT u.id AS doctorId, ${cols} FROM users u CROSS JOIN appointments a ON a.doctor_id = u.id WHERE ${period}${doctor} GROUP BY u.id`)
    .all(p.from, dayAfter(p.to), ...(p.doctorId ? [p.doctorId] : [])) as DoctorVisits[];
}

/**
 * Distinct patients with a completed visit in the period, within the filters
 * and an optional extra condition on `a`. A long period probes each patient
 * (visits_by_patient); a short one counts distinct over the period's range of visits_by_start.
 */
export function uniquePatients(db: SQLite.Database, p: BaseParams, extra: { sql: string; args: unknown[] } = { sql: '', args: [] }): number {
  const f = filters(p);
  const where = `a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}${extra.sql}`;
  const args = [p.from, dayAfter(p.to), ...f.args, ...extra.args];
  const sql = isLongPeriod(p)
    ? `SELECT count(*) AS n FROM patients pt WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = pt.id AND ${where})`
    : `SELECT count(DISTINCT a.patient_id) AS n FROM appointments a WHERE ${where}`;
  return (db.prepare(sql).get(...args) as { n: number }).n;
}

/** The given doctors in name order (SQL collation, as every per-doctor report sorts). */
export function doctorsByName(db: SQLite.Database, ids: number[]): Array<{ id: number; name: string }> {
  return db
    .prepare('SELECT id, full_name AS name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY full_name, id')
    .all(JSON.stringify(ids)) as Array<{ id: number; name: string }>;
}
