// The period summaries of migration 0012 (see there), recomputed from
// history for everybody: the migration, `rebuild-summaries` and the demo
// generator call this. Nothing else needs to: triggers on appointments and
// payments keep all three tables current for every writer.
import { sql, type Kysely } from 'kysely';

// Any Kysely: the migration runs this on Kysely<any>, the app on Kysely<Database>.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Local weekday 1 = Monday … 7 = Sunday and starting hour 0–23 of a local ISO time (the peak-hours report's). */
export const WEEKDAY_OF = (col: string) => `((CAST(strftime('%w', ${col}) AS INTEGER) + 6) % 7) + 1`;
export const HOUR_OF = (col: string) => `CAST(substr(${col}, 12, 2) AS INTEGER)`;

/**
 * The four levels every period summary keeps, as (doctor, branch) SQL over a
 * row alias: 0 stands for "any", so a report reads one level whatever its
 * filters (none, branch, doctor, both) instead of adding up finer rows.
 */
export const LEVELS = (row: string): Array<[string, string]> => [
  ['0', '0'],
  ['0', `${row}.branch_id`],
  [`${row}.doctor_id`, '0'],
  [`${row}.doctor_id`, `${row}.branch_id`],
];

export async function rebuildVisitHours(db: AnyDb): Promise<void> {
  await sql`DELETE FROM visit_hours`.execute(db);
  await sql.raw(`INSERT INTO visit_hours (doctor_id, branch_id, month, weekday, hour, visits)
    SELECT doctor_id, branch_id, substr(start_at, 1, 7), ${WEEKDAY_OF('start_at')}, ${HOUR_OF('start_at')}, count(*)
    FROM appointments WHERE status = 'completed' GROUP BY 1, 2, 3, 4, 5`).execute(db);
  // The coarser levels from the finest one just written.
  for (const [d, b] of LEVELS('h').slice(0, 3)) {
    await sql.raw(`INSERT INTO visit_hours (doctor_id, branch_id, month, weekday, hour, visits)
      SELECT ${d}, ${b}, h.month, h.weekday, h.hour, sum(h.visits) FROM visit_hours h
      WHERE h.doctor_id > 0 AND h.branch_id > 0 GROUP BY 1, 2, 3, 4, 5`).execute(db);
  }
}

export async function rebuildUniquePatientMonths(db: AnyDb): Promise<void> {
  await sql`DELETE FROM unique_patient_months`.execute(db);
  for (const [d, b] of LEVELS('a')) {
    await sql.raw(`INSERT INTO unique_patient_months (doctor_id, branch_id, month, prev_month, patients)
      SELECT d, b, month, prev, count(*) FROM (
        SELECT d, b, month, coalesce(lag(month) OVER (PARTITION BY patient_id, d, b ORDER BY month), '') AS prev FROM (
          SELECT DISTINCT a.patient_id, ${d} AS d, ${b} AS b, substr(a.start_at, 1, 7) AS month
          FROM appointments a WHERE a.status = 'completed'))
      GROUP BY 1, 2, 3, 4`).execute(db);
  }
}

export async function rebuildPaymentMonths(db: AnyDb): Promise<void> {
  await sql`DELETE FROM payment_months`.execute(db);
  await sql`INSERT INTO payment_months (month, doctor_id, branch_id, amount, n)
    SELECT substr(pm.paid_at, 1, 7), a.doctor_id, a.branch_id, sum(pm.amount), count(*)
    FROM payments pm JOIN appointments a ON a.id = pm.appointment_id GROUP BY 1, 2, 3`.execute(db);
}

/** All of migration 0012's summaries from history. */
export async function rebuildPeriodSummaries(db: AnyDb): Promise<void> {
  await rebuildVisitHours(db);
  await rebuildUniquePatientMonths(db);
  await rebuildPaymentMonths(db);
}
