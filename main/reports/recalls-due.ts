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
    const recall = (db.prepare('SELECT id FROM services WHERE recall_days IS NOT NULL').all() as Array<{ id: number }>).map((s) => s.id);
    if (!recall.length) return { columns: [...columns], rows: [] };
    const f = filters(p, 'l');
    // Items of recall services in one pass over appointment_items (no index by
    // service), each joined to its appointment by primary key.
    const rows = db
      .prepare(
        `WITH last AS (
           -- With max(), SQLite takes branch_id/doctor_id from that same latest visit.
           SELECT a.patient_id, i.service_id, max(a.start_at) AS last_at, a.branch_id, a.doctor_id
           FROM appointment_items i CROSS JOIN appointments a ON a.id = i.appointment_id
           WHERE i.service_id IN (SELECT value FROM json_each(?)) AND a.status = 'completed' AND a.start_at < ?
           GROUP BY a.patient_id, i.service_id),
         -- Each patient's latest booked/confirmed appointment: the few such rows are found
         -- through appointments_start(start_at, status) without reading the others.
         booked AS (
           SELECT b.patient_id, max(b.start_at) AS next_at FROM appointments b INDEXED BY appointments_start
           WHERE b.start_at > '' AND b.status IN ('booked', 'confirmed') GROUP BY b.patient_id),
         l AS (
           SELECT last.*, s.name AS service, date(substr(last.last_at, 1, 10), '+' || s.recall_days || ' days') AS due_date
           FROM last JOIN services s ON s.id = last.service_id)
         SELECT l.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, l.service,
                substr(l.last_at, 1, 10) AS lastDone, l.due_date AS dueDate, CAST(julianday(?) - julianday(l.due_date) AS INTEGER) AS overdueDays
         FROM l JOIN patients pt ON pt.id = l.patient_id LEFT JOIN booked ON booked.patient_id = l.patient_id
         WHERE l.due_date <= ?${f.sql} AND ${livePatient('pt')} AND (booked.next_at IS NULL OR booked.next_at <= l.last_at)
         ORDER BY l.due_date, patient, l.service, l.patient_id`,
      )
      .all(JSON.stringify(recall), dayAfter(p.to), p.to, p.to, ...f.args) as Row[];
    return { columns: [...columns], rows };
  },
});
