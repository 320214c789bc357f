// The report summaries of migration 0009 (see there): recomputing them for
// everybody (migration, `rebuild-summaries`, the demo generator) and keeping
// the per-patient ones current for given patients (a visit completed, a
// merge, a history import). appointment_months and recall_visits need no
// call: triggers on appointments and appointment_items keep them.
import { sql, type Kysely } from 'kysely';

// Any Kysely: the migration runs this on Kysely<any>, the app on Kysely<Database>.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Months k after the cohort month that cohorts shows (bit 0 of a mask is the cohort month itself: its size). */
export const COHORT_MONTHS = 12;
const MONTH_INDEX = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;
const KS = `json_each('[${Array.from({ length: COHORT_MONTHS + 1 }, (_, k) => k).join(',')}]')`;

export async function rebuildAppointmentMonths(db: AnyDb): Promise<void> {
  await sql`DELETE FROM appointment_months`.execute(db);
  await sql`INSERT INTO appointment_months (month, doctor_id, branch_id, status, reason, n, charged, charged_n)
            SELECT substr(start_at, 1, 7), doctor_id, branch_id, status, coalesce(reason_code, ''), count(*), sum(charged), sum(charged > 0)
            FROM appointments GROUP BY 1, 2, 3, 4, 5`.execute(db);
}

/** Each patient's cohort row: their first visit (patient_first_visits, kept first) and the mask of months with a visit. */
function cohortRows(only: string): string {
  return `SELECT f.patient_id, f.first_at, f.doctor_id, f.branch_id,
            (SELECT min(a.start_at) FROM appointments a INDEXED BY visits_by_patient
             WHERE a.status = 'completed' AND a.patient_id = f.patient_id AND a.doctor_id = f.doctor_id AND a.start_at > f.first_at) AS returned_at,
            1 | coalesce((SELECT sum(DISTINCT 1 << (${MONTH_INDEX('a.start_at')} - ${MONTH_INDEX('f.first_at')}))
                          FROM appointments a INDEXED BY visits_by_patient
                          WHERE a.status = 'completed' AND a.patient_id = f.patient_id
                            AND a.start_at >= date(f.first_at, 'start of month', '+1 month')
                            AND a.start_at < date(f.first_at, 'start of month', '+${COHORT_MONTHS + 1} months')), 0) AS mask
          FROM patient_first_visits f WHERE 1 ${only}`;
}

/** patient_cohorts rows (of the given patients) spread into cohort_months counts. */
function cohortCounts(only: string): string {
  return `SELECT substr(c.first_at, 1, 7) AS cohort, c.doctor_id, c.branch_id, k.value AS k, count(*) AS n
          FROM patient_cohorts c, ${KS} k WHERE (c.mask >> k.value) & 1 ${only} GROUP BY 1, 2, 3, 4`;
}

export async function rebuildCohorts(db: AnyDb): Promise<void> {
  await sql`DELETE FROM patient_cohorts`.execute(db);
  await sql`DELETE FROM cohort_months`.execute(db);
  await sql.raw(`INSERT INTO patient_cohorts (patient_id, first_at, doctor_id, branch_id, returned_at, mask) ${cohortRows('')}`).execute(db);
  await sql.raw(`INSERT INTO cohort_months (cohort, doctor_id, branch_id, k, patients) ${cohortCounts('')}`).execute(db);
}

/** Every completed visit with a recall service (recall_visits; triggers keep it, this recomputes it). */
export async function rebuildRecallVisits(db: AnyDb): Promise<void> {
  await sql`DELETE FROM recall_visits`.execute(db);
  await sql`INSERT OR IGNORE INTO recall_visits (patient_id, service_id, at, appointment_id, doctor_id, branch_id)
            SELECT a.patient_id, i.service_id, a.start_at, a.id, a.doctor_id, a.branch_id
            FROM appointment_items i CROSS JOIN appointments a ON a.id = i.appointment_id
            WHERE i.service_id IN (SELECT id FROM services WHERE recall_days IS NOT NULL) AND a.status = 'completed'`.execute(db);
}

/** Recomputes the given patients' cohort rows and moves cohort_months by the difference. */
export async function refreshCohorts(db: AnyDb, patientIds: number[]): Promise<void> {
  if (!patientIds.length) return;
  const ids = patientIds.map((id) => Number(id)).filter(Number.isInteger).join(',');
  const only = (alias: string) => `AND ${alias}.patient_id IN (${ids})`;
  await sql.raw(`UPDATE cohort_months SET patients = patients - d.n FROM (${cohortCounts(only('c'))}) d
                 WHERE cohort_months.cohort = d.cohort AND cohort_months.doctor_id = d.doctor_id AND cohort_months.branch_id = d.branch_id AND cohort_months.k = d.k`).execute(db);
  await sql.raw(`DELETE FROM patient_cohorts WHERE patient_id IN (${ids})`).execute(db);
  await sql.raw(`INSERT INTO patient_cohorts (patient_id, first_at, doctor_id, branch_id, returned_at, mask) ${cohortRows(only('f'))}`).execute(db);
  await sql.raw(`INSERT INTO cohort_months (cohort, doctor_id, branch_id, k, patients) SELECT * FROM (${cohortCounts(only('c'))}) WHERE true
                 ON CONFLICT DO UPDATE SET patients = patients + excluded.patients`).execute(db);
  await sql`DELETE FROM cohort_months WHERE patients = 0`.execute(db);
}
