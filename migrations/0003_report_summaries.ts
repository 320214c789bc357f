// What the director's reports read instead of scanning history: each visit's
// charged total on the appointment row, covering partial indexes over
// completed visits, and each patient's first visit (date, doctor, branch).
// The write path keeps them current; `npm run cli -- rebuild-summaries`
// recomputes them, and a test checks the kept values against a rebuild.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('charged', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`UPDATE appointments SET charged = coalesce((SELECT sum(amount) FROM appointment_items i WHERE i.appointment_id = appointments.id), 0)
            WHERE status = 'completed'`.execute(db);
  await sql`CREATE INDEX visits_by_start ON appointments(start_at, doctor_id, patient_id, branch_id, charged) WHERE status = 'completed'`.execute(db);
  await sql`CREATE INDEX visits_by_patient ON appointments(patient_id, start_at, doctor_id, branch_id, charged) WHERE status = 'completed'`.execute(db);
  await sql`CREATE INDEX visits_by_doctor ON appointments(doctor_id, start_at, patient_id, charged) WHERE status = 'completed'`.execute(db);

  await db.schema
    .createTable('patient_first_visits')
    .addColumn('patient_id', 'integer', (c) => c.primaryKey().references('patients.id'))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('doctor_id', 'integer', (c) => c.notNull())
    .addColumn('branch_id', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO patient_first_visits (patient_id, first_at, doctor_id, branch_id)
    SELECT patient_id, start_at, doctor_id, branch_id FROM (
      SELECT patient_id, start_at, doctor_id, branch_id,
             row_number() OVER (PARTITION BY patient_id ORDER BY start_at, id) AS n
      FROM appointments WHERE status = 'completed') WHERE n = 1`.execute(db);
  await sql`CREATE INDEX patient_first_visits_at ON patient_first_visits(first_at, doctor_id, branch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS patient_first_visits`.execute(db);
  for (const i of ['visits_by_start', 'visits_by_patient', 'visits_by_doctor']) await sql`DROP INDEX IF EXISTS ${sql.ref(i)}`.execute(db);
  await db.schema.alterTable('appointments').dropColumn('charged').execute();
}
