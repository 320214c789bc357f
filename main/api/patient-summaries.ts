// Per-patient summaries of migration 0013 that the patient-list reports read:
// - patient_recalls: for each patient and recall service, the latest visit
//   with it (recalls-due). Kept by triggers on recall_visits (0009), which
//   triggers on appointments and their items keep, so every writer (the front
//   desk, history import, a merge, the demo generator, a service becoming a
//   recall one) keeps it without knowing about it. Ties on the minute go to
//   the lowest appointment id, as max() over recall_visits' key order picks.
// `rebuildPatientRecalls` recomputes it (`rebuild-summaries`); a test compares
// the kept table with it after every kind of write.
import { sql, type Kysely } from 'kysely';

// Any Kysely: the migration runs this on Kysely<any>, the app on Kysely<Database>.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const COLUMNS = 'patient_id, service_id, last_at, appointment_id, branch_id, doctor_id';
const LATEST = (where: string) => `SELECT r.patient_id, r.service_id, r.at, r.appointment_id, r.branch_id, r.doctor_id FROM recall_visits r
  WHERE ${where} ORDER BY r.at DESC, r.appointment_id LIMIT 1`;

export const PATIENT_RECALLS_TABLE = `CREATE TABLE patient_recalls (
  patient_id INTEGER NOT NULL, service_id INTEGER NOT NULL, last_at TEXT NOT NULL, appointment_id INTEGER NOT NULL,
  branch_id INTEGER NOT NULL, doctor_id INTEGER NOT NULL,
  PRIMARY KEY (patient_id, service_id)) WITHOUT ROWID`;
// recalls-due reads, per recall service, the pairs last done before `to` − interval.
export const PATIENT_RECALLS_INDEX = 'CREATE INDEX patient_recalls_due ON patient_recalls(service_id, last_at, patient_id, branch_id, doctor_id)';

export const PATIENT_RECALLS_TRIGGERS = [
  // A later visit (or the same minute with a lower appointment id) becomes the latest.
  `CREATE TRIGGER patient_recalls_insert AFTER INSERT ON recall_visits BEGIN
     INSERT INTO patient_recalls (${COLUMNS}) VALUES (new.patient_id, new.service_id, new.at, new.appointment_id, new.branch_id, new.doctor_id)
     ON CONFLICT (patient_id, service_id) DO UPDATE SET
       last_at = excluded.last_at, appointment_id = excluded.appointment_id, branch_id = excluded.branch_id, doctor_id = excluded.doctor_id
     WHERE excluded.last_at > patient_recalls.last_at
        OR (excluded.last_at = patient_recalls.last_at AND excluded.appointment_id < patient_recalls.appointment_id);
   END`,
  // The latest one gone: the next latest of the pair, if any (one seek in recall_visits' key).
  `CREATE TRIGGER patient_recalls_delete AFTER DELETE ON recall_visits BEGIN
     DELETE FROM patient_recalls WHERE patient_id = old.patient_id AND service_id = old.service_id
       AND last_at = old.at AND appointment_id = old.appointment_id;
     INSERT OR IGNORE INTO patient_recalls (${COLUMNS})
       ${LATEST('r.patient_id = old.patient_id AND r.service_id = old.service_id')};
   END`,
  // recall_visits rows are only inserted and deleted; an update recounts the pairs anyway.
  `CREATE TRIGGER patient_recalls_update AFTER UPDATE ON recall_visits BEGIN
     DELETE FROM patient_recalls WHERE (patient_id = old.patient_id AND service_id = old.service_id)
       OR (patient_id = new.patient_id AND service_id = new.service_id);
     INSERT OR IGNORE INTO patient_recalls (${COLUMNS}) ${LATEST('r.patient_id = old.patient_id AND r.service_id = old.service_id')};
     INSERT OR IGNORE INTO patient_recalls (${COLUMNS}) ${LATEST('r.patient_id = new.patient_id AND r.service_id = new.service_id')};
   END`,
];

/** Recomputes patient_recalls from recall_visits. */
export async function rebuildPatientRecalls(db: AnyDb): Promise<void> {
  await sql`DELETE FROM patient_recalls`.execute(db);
  // Per pair, the first row of its group in (at DESC, appointment_id) order.
  await sql.raw(`INSERT INTO patient_recalls (${COLUMNS})
    SELECT patient_id, service_id, at, appointment_id, branch_id, doctor_id FROM (
      SELECT r.*, row_number() OVER (PARTITION BY r.patient_id, r.service_id ORDER BY r.at DESC, r.appointment_id) AS n FROM recall_visits r)
    WHERE n = 1`).execute(db);
}
