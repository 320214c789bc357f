// Recalls due: patients whose last visit with a recall service (services.recall_days
// set) + interval falls on or before `to`, with no later visit with that service and no future booking.
// One row per patient and service. "Last visit with the service" is the latest
// completed visit on or before `to` with that service among its items; "no
// future booking" = no booked or confirmed appointment starting after that
// visit. The report is "as of to": `from` is accepted but not used. Branch and
// doctor filters apply to where / with whom the service was last done.
// overdueDays = days from dueDate to `to` (0 when due on `to`).
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter } from './period';
import { livePatient, patientName } from './patient-sql';

export const recallsDue = defineReport({
  id: 'recalls-due',
  group: 'followup',
  params: reportParams({}),
  run(db, p) {
    const columns = [
      { key: 'patientId', type: 'int' },
      { key: 'patient', type: 'text' },
      { key: 'phone', type: 'text' },
      { key: 'service', type: 'text' },
      { key: 'lastDone', type: 'date' },
      { key: 'dueDate', type: 'date' },
      { key: 'overdueDays', type: 'int' },
    ] as const;
    const f = filters(p, 'l');
    // From migration 0009's recall_visits (every visit with a recall service in
    // patient, service, time order): the last on or before `to` per patient and
    // service without a sort; with max(), SQLite takes branch_id/doctor_id from
    // that same latest visit. "No future booking": the patient's few open
    // bookings, through the partial index appointments_open.
    const end = dayAfter(p.to);
    const rows = db
      .prepare(
        `WITH last AS (
           SELECT r.patient_id, r.service_id, max(r.at) AS last_at, r.branch_id, r.doctor_id
           FROM recall_visits r WHERE r.at < ? GROUP BY r.patient_id, r.service_id),
         l AS (
           SELECT last.*, s.name AS service, date(substr(last.last_at, 1, 10), '+' || s.recall_days || ' days') AS due_date
           FROM last JOIN services s ON s.id = last.service_id WHERE s.recall_days IS NOT NULL)
         SELECT l.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, l.service,
                substr(l.last_at, 1, 10) AS lastDone, l.due_date AS dueDate, CAST(julianday(?) - julianday(l.due_date) AS INTEGER) AS overdueDays
         FROM l JOIN patients pt ON pt.id = l.patient_id
         WHERE l.due_date <= ?${f.sql} AND ${livePatient('pt')}
           AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = l.patient_id AND b.status IN ('booked', 'confirmed') AND b.start_at > l.last_at)
         ORDER BY l.due_date, patient, l.service, l.patient_id`,
      )
      .all(end, p.to, p.to, ...f.args) as Row[];
    return { columns: [...columns], rows };
  },
});
