// Summaries for the patient-list reports (issue 5's speed targets): each
// patient's latest visit per recall service (patient_recalls), kept by
// triggers on recall_visits, and an index of the deleted or merged-away
// patients. See main/api/patient-summaries.ts. Frozen once
// landed, like the others.
import { Kysely, sql } from 'kysely';
import { PATIENT_RECALLS_INDEX, PATIENT_RECALLS_TABLE, PATIENT_RECALLS_TRIGGERS, rebuildPatientRecalls } from '../main/api/patient-summaries';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(PATIENT_RECALLS_TABLE).execute(db);
  await rebuildPatientRecalls(db);
  await sql.raw(PATIENT_RECALLS_INDEX).execute(db);
  for (const t of PATIENT_RECALLS_TRIGGERS) await sql.raw(t).execute(db);
  // The few deleted or merged-away patients, which patient lists leave out: a
  // set read once instead of a seek in patients per listed row.
  await sql`CREATE INDEX patients_gone ON patients(id) WHERE deleted_at IS NOT NULL OR merged_into_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS patients_gone`.execute(db);
  for (const t of ['patient_recalls_insert', 'patient_recalls_delete', 'patient_recalls_update']) await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  await sql`DROP TABLE IF EXISTS patient_recalls`.execute(db);
}
