// The debtors report's summaries (patient_charges, patient_debts: see
// main/api/patient-summaries.ts), so it reads ~12k rows and a seek per debtor
// who paid later instead of placing every debt over the debtor's visits
// (1 year on the large clinic was 356 ms p95). Frozen once landed.
import { Kysely, sql } from 'kysely';
import { PATIENT_DEBTS_TABLES, PATIENT_DEBTS_TRIGGERS, rebuildPatientDebts } from '../main/api/patient-summaries';

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of PATIENT_DEBTS_TABLES) await sql.raw(t).execute(db);
  await rebuildPatientDebts(db);
  for (const t of PATIENT_DEBTS_TRIGGERS) await sql.raw(t).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['visit_insert', 'visit_delete', 'visit_update', 'visit_move', 'payment_insert', 'payment_delete', 'payment_update']) {
    await sql.raw(`DROP TRIGGER IF EXISTS patient_debts_${t}`).execute(db);
  }
  for (const t of ['patient_debts', 'patient_charges']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
