// Per-patient summaries of migrations 0013 and 0014 that the patient-list reports read:
// - patient_recalls: for each patient and recall service, the latest visit
//   with it (recalls-due). Kept by triggers on recall_visits (0009), which
//   triggers on appointments and their items keep, so every writer (the front
//   desk, history import, a merge, the demo generator, a service becoming a
//   recall one) keeps it without knowing about it. Ties on the minute go to
//   the lowest appointment id, as max() over recall_visits' key order picks.
// - patient_charges and patient_debts (0014, the debtors report): see below.
// `rebuildPatientRecalls` and `rebuildPatientDebts` recompute them
// (`rebuild-summaries`); a test compares the kept tables with them after every kind of write.
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

// Migration 0014, the debtors report's summaries; payments cover a patient's
// visits oldest-first:
// - patient_charges: every charged visit of a patient with the running total
//   charged up to it (visits in time order), so the oldest visit a paid
//   amount does not cover is one seek, for any amount (a debt as of a past day).
// - patient_debts: for each patient who owes (charged − paid > 0 with a
//   charged visit), that oldest unpaid visit for what they paid so far.
// Kept by triggers on appointments and payments, which recount the patient
// from their visits (a window over a few dozen rows) and the sum of their
// payments, so every writer (front desk, import, merge, a refund) keeps them
// right without knowing about them.

/**
 * The patient's running totals from `since` on: earlier ones do not change,
 * so a new visit (the newest, mostly) rewrites one row, not the history.
 */
const CHARGES_RECOUNT = (patient: string, since: string) => `DELETE FROM patient_charges WHERE patient_id = ${patient} AND at >= ${since};
  INSERT INTO patient_charges (patient_id, upto, at)
    SELECT a.patient_id,
           (SELECT coalesce(max(c.upto), 0) FROM patient_charges c WHERE c.patient_id = ${patient})
             + sum(a.charged) OVER (ORDER BY a.start_at, a.id ROWS UNBOUNDED PRECEDING),
           a.start_at
    FROM appointments a WHERE a.patient_id = ${patient} AND a.status = 'completed' AND a.charged > 0 AND a.start_at >= ${since};`;
const DEBTS_RECOUNT = (patient: string) => `DELETE FROM patient_debts WHERE patient_id = ${patient};
  INSERT INTO patient_debts (patient_id, unpaid_since)
    SELECT c.patient_id, c.at FROM patient_charges c
    WHERE c.patient_id = ${patient} AND c.upto > (SELECT coalesce(sum(pm.amount), 0) FROM payments pm WHERE pm.patient_id = ${patient})
    ORDER BY c.upto LIMIT 1;`;
const RECOUNT = (patient: string, since: string) => `${CHARGES_RECOUNT(patient, since)} ${DEBTS_RECOUNT(patient)}`;

export const PATIENT_DEBTS_TABLES = [
  'CREATE TABLE patient_charges (patient_id INTEGER NOT NULL, upto INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (patient_id, upto)) WITHOUT ROWID',
  'CREATE TABLE patient_debts (patient_id INTEGER PRIMARY KEY, unpaid_since TEXT NOT NULL)',
];

const VISIT_CHANGED = `(old.status = 'completed' OR new.status = 'completed') AND (old.status IS NOT new.status
  OR old.charged IS NOT new.charged OR old.start_at IS NOT new.start_at)`;
export const PATIENT_DEBTS_TRIGGERS = [
  `CREATE TRIGGER patient_debts_visit_insert AFTER INSERT ON appointments WHEN new.status = 'completed' AND new.charged > 0
   BEGIN ${RECOUNT('new.patient_id', 'new.start_at')} END`,
  `CREATE TRIGGER patient_debts_visit_delete AFTER DELETE ON appointments WHEN old.status = 'completed' AND old.charged > 0
   BEGIN ${RECOUNT('old.patient_id', 'old.start_at')} END`,
  // Rebuilds rewrite charged with the same value on every visit: only real changes recount,
  // and the patient once (a completion writes status and charged).
  `CREATE TRIGGER patient_debts_visit_update AFTER UPDATE OF status, charged, start_at ON appointments
   WHEN old.patient_id = new.patient_id AND ${VISIT_CHANGED} BEGIN ${RECOUNT('new.patient_id', 'min(old.start_at, new.start_at)')} END`,
  // A visit moved to another patient (a merge): both.
  `CREATE TRIGGER patient_debts_visit_move AFTER UPDATE OF patient_id ON appointments
   WHEN old.patient_id IS NOT new.patient_id AND (old.status = 'completed' OR new.status = 'completed')
   BEGIN ${RECOUNT('old.patient_id', 'old.start_at')} ${RECOUNT('new.patient_id', 'new.start_at')} END`,
  // A payment moves what is covered, not the running totals.
  `CREATE TRIGGER patient_debts_payment_insert AFTER INSERT ON payments BEGIN ${DEBTS_RECOUNT('new.patient_id')} END`,
  `CREATE TRIGGER patient_debts_payment_delete AFTER DELETE ON payments BEGIN ${DEBTS_RECOUNT('old.patient_id')} END`,
  `CREATE TRIGGER patient_debts_payment_update AFTER UPDATE OF amount, patient_id ON payments
   WHEN old.amount IS NOT new.amount OR old.patient_id IS NOT new.patient_id
   BEGIN ${DEBTS_RECOUNT('old.patient_id')} ${DEBTS_RECOUNT('new.patient_id')} END`,
];

/** Recomputes patient_charges and patient_debts from the visits and payments. */
export async function rebuildPatientDebts(db: AnyDb): Promise<void> {
  await sql`DELETE FROM patient_charges`.execute(db);
  await sql`INSERT INTO patient_charges (patient_id, upto, at)
    SELECT a.patient_id, sum(a.charged) OVER (PARTITION BY a.patient_id ORDER BY a.start_at, a.id ROWS UNBOUNDED PRECEDING), a.start_at
    FROM appointments a WHERE a.status = 'completed' AND a.charged > 0`.execute(db);
  await sql`DELETE FROM patient_debts`.execute(db);
  // Per patient, the first running total above what they paid (patient_charges' key order).
  await sql`INSERT INTO patient_debts (patient_id, unpaid_since)
    SELECT pm.patient_id, (SELECT c.at FROM patient_charges c WHERE c.patient_id = pm.patient_id AND c.upto > pm.paid ORDER BY c.upto LIMIT 1) AS since
    FROM (SELECT c.patient_id, coalesce((SELECT sum(amount) FROM payments p WHERE p.patient_id = c.patient_id), 0) AS paid
          FROM patient_charges c GROUP BY c.patient_id) pm
    WHERE since IS NOT NULL`.execute(db);
}
