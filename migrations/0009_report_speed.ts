// Summary tables that bring the slow 10-year reports to a few milliseconds
// (DESIGN.md "How reports get fast"):
// - appointment_months: appointments per month × doctor × branch × status ×
//   reason code, with their charged totals. Kept by triggers on appointments,
//   so every writer (the front desk, history import, the demo generator, a
//   merge) keeps it right without knowing about it. no-shows reads it.
// - patient_cohorts: per patient, the cohort (month of the first visit, its
//   doctor and branch), the first later visit with the same doctor (retention), and a bit mask of the months k = 0…12 after the cohort
//   month with a visit (bit 0: the cohort itself); cohort_months adds them up
//   per cohort × doctor × branch × k. Kept per patient by the visit write path
//   (main/api/report-summaries.ts). cohorts reads it.
// - recall_visits: every completed visit with a recall service, in patient ×
//   service × time order, kept by triggers on appointments and their items.
//   recalls-due reads it instead of all appointment items.
// - appointments_open: the few booked/confirmed appointments by patient.
// `npm run cli -- rebuild-summaries` recomputes all of them; tests compare the
// kept tables with a recomputation after a sequence of writes.
import { Kysely, sql } from 'kysely';
import { rebuildAppointmentMonths, rebuildCohorts, rebuildRecallVisits } from '../main/api/report-summaries';

const KEY = (row: 'new' | 'old') =>
  `month = substr(${row}.start_at, 1, 7) AND doctor_id = ${row}.doctor_id AND branch_id = ${row}.branch_id AND status = ${row}.status AND reason = coalesce(${row}.reason_code, '')`;
const ADD = `INSERT INTO appointment_months (month, doctor_id, branch_id, status, reason, n, charged, charged_n)
  VALUES (substr(new.start_at, 1, 7), new.doctor_id, new.branch_id, new.status, coalesce(new.reason_code, ''), 1, new.charged, new.charged > 0)
  ON CONFLICT DO UPDATE SET n = n + 1, charged = charged + excluded.charged, charged_n = charged_n + excluded.charged_n;`;
const REMOVE = `UPDATE appointment_months SET n = n - 1, charged = charged - old.charged, charged_n = charged_n - (old.charged > 0) WHERE ${KEY('old')};
  DELETE FROM appointment_months WHERE ${KEY('old')} AND n = 0;`;
const RECALL_ADD = (appointment: string, item: string) => `INSERT OR IGNORE INTO recall_visits (patient_id, service_id, at, appointment_id, doctor_id, branch_id)
  SELECT a.patient_id, i.service_id, a.start_at, a.id, a.doctor_id, a.branch_id
  FROM appointments a JOIN appointment_items i ON i.appointment_id = a.id JOIN services s ON s.id = i.service_id
  WHERE a.id = ${appointment} AND a.status = 'completed' AND s.recall_days IS NOT NULL${item};`;
const RECALL_TRIGGERS = [
  `CREATE TRIGGER recall_visits_item_insert AFTER INSERT ON appointment_items BEGIN ${RECALL_ADD('new.appointment_id', ' AND i.id = new.id')} END`,
  `CREATE TRIGGER recall_visits_item_delete AFTER DELETE ON appointment_items BEGIN
     DELETE FROM recall_visits WHERE appointment_id = old.appointment_id AND service_id = old.service_id
       AND NOT EXISTS (SELECT 1 FROM appointment_items i WHERE i.appointment_id = old.appointment_id AND i.service_id = old.service_id); END`,
  `CREATE TRIGGER recall_visits_appointment_update AFTER UPDATE OF status, patient_id, start_at, doctor_id, branch_id ON appointments
   WHEN old.status = 'completed' OR new.status = 'completed' BEGIN
     DELETE FROM recall_visits WHERE appointment_id = old.id; ${RECALL_ADD('new.id', '')} END`,
  `CREATE TRIGGER recall_visits_appointment_delete AFTER DELETE ON appointments BEGIN DELETE FROM recall_visits WHERE appointment_id = old.id; END`,
];
const TRIGGERS = [
  `CREATE TRIGGER appointment_months_insert AFTER INSERT ON appointments BEGIN ${ADD} END`,
  `CREATE TRIGGER appointment_months_delete AFTER DELETE ON appointments BEGIN ${REMOVE} END`,
  // Only when a counted column really changes: rebuilds rewrite charged on every visit with the same value.
  `CREATE TRIGGER appointment_months_update AFTER UPDATE OF start_at, doctor_id, branch_id, status, reason_code, charged ON appointments
   WHEN old.start_at IS NOT new.start_at OR old.doctor_id IS NOT new.doctor_id OR old.branch_id IS NOT new.branch_id OR old.status IS NOT new.status
     OR old.reason_code IS NOT new.reason_code OR old.charged IS NOT new.charged
   BEGIN ${REMOVE} ${ADD} END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE appointment_months (
    month TEXT NOT NULL, doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
    n INTEGER NOT NULL, charged INTEGER NOT NULL, charged_n INTEGER NOT NULL,
    PRIMARY KEY (month, doctor_id, branch_id, status, reason)) WITHOUT ROWID`.execute(db);
  for (const t of TRIGGERS) await sql.raw(t).execute(db);
  await rebuildAppointmentMonths(db);

  await sql`CREATE TABLE patient_cohorts (
    patient_id INTEGER PRIMARY KEY, first_at TEXT NOT NULL, doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL,
    returned_at TEXT, mask INTEGER NOT NULL)`.execute(db);
  await sql`CREATE INDEX patient_cohorts_first ON patient_cohorts(first_at, doctor_id, branch_id, mask, returned_at)`.execute(db);
  await sql`CREATE TABLE cohort_months (
    cohort TEXT NOT NULL, doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL, k INTEGER NOT NULL, patients INTEGER NOT NULL,
    PRIMARY KEY (cohort, doctor_id, branch_id, k)) WITHOUT ROWID`.execute(db);
  await rebuildCohorts(db);

  // recalls-due: every completed visit with a recall service, in (patient, service, time) order, kept by triggers
  // on appointments and their items (services.update rebuilds it when a service starts or stops being a recall one).
  await sql`CREATE TABLE recall_visits (
    patient_id INTEGER NOT NULL, service_id INTEGER NOT NULL, at TEXT NOT NULL, appointment_id INTEGER NOT NULL,
    doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL,
    PRIMARY KEY (patient_id, service_id, at, appointment_id)) WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX recall_visits_appointment ON recall_visits(appointment_id)`.execute(db);
  await sql`CREATE INDEX appointment_items_service ON appointment_items(service_id, appointment_id)`.execute(db);
  for (const t of RECALL_TRIGGERS) await sql.raw(t).execute(db);
  await rebuildRecallVisits(db);
  // The few open bookings (booked/confirmed) of a patient, for "no future booking" (recalls-due, lost).
  await sql`CREATE INDEX appointments_open ON appointments(patient_id, start_at) WHERE status IN ('booked', 'confirmed')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['appointment_items_service', 'appointments_open']) await sql.raw(`DROP INDEX IF EXISTS ${i}`).execute(db);
  await sql`DROP TABLE IF EXISTS recall_visits`.execute(db);
  for (const t of ['appointment_months_insert', 'appointment_months_delete', 'appointment_months_update', 'recall_visits_item_insert', 'recall_visits_item_delete', 'recall_visits_appointment_update', 'recall_visits_appointment_delete']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  }
  for (const t of ['appointment_months', 'patient_cohorts', 'cohort_months']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
