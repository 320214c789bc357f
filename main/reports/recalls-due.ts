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
import { dayAfter, daysBetween } from './period';
import { livePatient, patientName } from './patient-sql';

export const recallsDue = defineReport({
  id: 'recalls-due',
  group: 'followup',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p, 'l');
    const rows = db
      .prepare(
        `WITH last AS (
           -- max() makes SQLite take branch_id/doctor_id from that same latest visit.
           SELECT a.patient_id, i.service_id, max(a.start_at) AS last_at, a.branch_id, a.doctor_id
           FROM services s JOIN appointment_items i ON i.service_id = s.id JOIN appointments a ON a.id = i.appointment_id
           WHERE s.recall_days IS NOT NULL AND a.status = 'completed' AND a.start_at < ?
           GROUP BY a.patient_id, i.service_id),
         l AS (
           SELECT last.*, s.name AS service, date(substr(last.last_at, 1, 10), '+' || s.recall_days || ' days') AS due_date
           FROM last JOIN services s ON s.id = last.service_id)
         SELECT l.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, l.service_id AS serviceId, l.service,
                substr(l.last_at, 1, 10) AS lastDone, l.due_date AS dueDate
         FROM l JOIN patients pt ON pt.id = l.patient_id
         WHERE l.due_date <= ? AND ${livePatient('pt')}${f.sql}
           AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = l.patient_id AND b.start_at > l.last_at
                           AND b.status IN ('booked', 'confirmed'))
         ORDER BY l.due_date, patient, l.service, l.patient_id`,
      )
      .all(dayAfter(p.to), p.to, ...f.args) as Array<Row & { dueDate: string }>;
    for (const r of rows) r.overdueDays = daysBetween(r.dueDate, p.to);
    return {
      columns: [
        { key: 'patientId', type: 'int' },
        { key: 'patient', type: 'text' },
        { key: 'phone', type: 'text' },
        { key: 'service', type: 'text' },
        { key: 'lastDone', type: 'date' },
        { key: 'dueDate', type: 'date' },
        { key: 'overdueDays', type: 'int' },
      ],
      rows,
    };
  },
});
