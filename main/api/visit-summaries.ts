// Keeps the report summaries of migration 0003 current when a visit is
// completed (its charged total, the patient's first visit), and rebuilds them
// for given patients (merge) or for everybody (history import, demo, CLI).
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { rebuildAppointmentMonths, rebuildCohorts, rebuildRecallVisits, refreshCohorts } from './report-summaries';
import { rebuildPeriodSummaries } from './period-summaries';
import { rebuildPatientDebts, rebuildPatientRecalls } from './patient-summaries';

export async function recordVisit(db: Db, v: { id: number; patientId: number; doctorId: number; branchId: number; startAt: string; charged: number }): Promise<void> {
  await db.updateTable('appointments').set({ charged: v.charged }).where('id', '=', v.id).execute();
  await db
    .insertInto('patient_first_visits')
    .values({ patient_id: v.patientId, first_at: v.startAt, doctor_id: v.doctorId, branch_id: v.branchId })
    .onConflict((oc) =>
      oc
        .column('patient_id')
        .doUpdateSet({ first_at: v.startAt, doctor_id: v.doctorId, branch_id: v.branchId })
        .where('patient_first_visits.first_at', '>', v.startAt),
    )
    .execute();
}

const FIRST_VISITS = sql`
  SELECT patient_id, start_at, doctor_id, branch_id FROM (
    SELECT patient_id, start_at, doctor_id, branch_id,
           row_number() OVER (PARTITION BY patient_id ORDER BY start_at, id) AS n
    FROM appointments WHERE status = 'completed') WHERE n = 1`;

export async function rebuildVisitSummaries(db: Db, patientIds?: number[]): Promise<void> {
  const only = patientIds ? sql`AND patient_id IN (${sql.join(patientIds.length ? patientIds : [-1])})` : sql``;
  await sql`UPDATE appointments SET charged = coalesce((SELECT sum(amount) FROM appointment_items i WHERE i.appointment_id = appointments.id), 0)
            WHERE status = 'completed' ${only}`.execute(db);
  await sql`DELETE FROM patient_first_visits WHERE 1 ${only}`.execute(db);
  await sql`INSERT INTO patient_first_visits (patient_id, first_at, doctor_id, branch_id)
            SELECT * FROM (${FIRST_VISITS}) WHERE 1 ${only}`.execute(db);
  // Migration 0009's summaries, which read the first visits just rebuilt.
  if (patientIds) {
    await refreshCohorts(db, patientIds);
  } else {
    await rebuildAppointmentMonths(db);
    await rebuildCohorts(db);
    await rebuildRecallVisits(db);
    await rebuildPeriodSummaries(db);
    await rebuildPatientRecalls(db);
    await rebuildPatientDebts(db);
  }
}

/** After a visit is completed (its status written): the patient's summaries that read completed visits. */
export async function visitCompleted(db: Db, patientId: number): Promise<void> {
  await refreshCohorts(db, [patientId]);
}

/** The trigger families (name prefixes, `_` escaped for LIKE) a bulk writer drops: 0012's and 0014's. */
const BULK_TRIGGERS = ['visit\\_hours', 'unique\\_patient\\_months', 'payment\\_months', 'patient\\_debts'];

/**
 * Drops the triggers of migrations 0012 and 0014 (patient_debts) and returns
 * the SQL that recreates them: for a bulk writer (the demo generator, which
 * also drops the visit indexes the triggers look up, and would recount a
 * patient's debt per inserted visit) that rebuilds the summaries from history afterwards.
 */
export function dropSummaryTriggers(sqlite: SQLite.Database): string[] {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
      AND (${BULK_TRIGGERS.map((t) => `name LIKE '${t}\\_%' ESCAPE '\\'`).join(' OR ')})
      ORDER BY rowid`)
    .all() as Array<{ name: string; sql: string }>;
  for (const { name } of rows) sqlite.exec(`DROP TRIGGER "${name}"`);
  return rows.map((r) => r.sql);
}
