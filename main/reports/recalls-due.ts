// Recalls due: patients whose last visit with a recall service (services.recall_days
// set) + interval falls on or before `to`, with no later visit with that service and no future booking.
// One row per patient and service. "Last visit with the service" is the latest
// completed visit on or before `to` with that service among its items; "no
// future booking" = no booked or confirmed appointment starting after that
// visit. The report is "as of to": `from` is accepted but not used. Branch and
// doctor filters apply to where / with whom the service was last done.
// overdueDays = days from dueDate to `to` (0 when due on `to`).
// Rows are ordered most overdue first (due date, patient, service) and capped
// at `limit` (default 1000: a work list, not a dump of 40,000 rows);
// totals.rows is always the exact number of all due rows, counted in SQL over
// the whole list before the cap.
import { z } from 'zod';
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter } from './period';
import { notGone, patientName } from './patient-sql';

/** A work list, not a dump: the most overdue first; `limit` up to 100,000 for a full export. */
const DEFAULT_LIMIT = 1000;

export const recallsDue = defineReport({
  id: 'recalls-due',
  group: 'followup',
  params: reportParams({ limit: z.coerce.number().int().min(1).max(100000).default(DEFAULT_LIMIT) }),
  extraParams: [{ key: 'limit', type: 'int', default: DEFAULT_LIMIT }],
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
    const f = filters(p, 'd');
    // From migration 0013's patient_recalls (each patient's latest visit per
    // recall service, kept by triggers): per recall service, the pairs last
    // done on or before `to` − interval (a range of patient_recalls_due), i.e.
    // due by `to`. A pair done again after `to` (few when `to` is recent) has
    // its last visit on or before `to` looked up in recall_visits (0009): one
    // seek per pair, and a max() that takes branch_id/doctor_id from that same
    // visit. "No future booking": the patient's few open bookings, through
    // the partial index appointments_open.
    const end = dayAfter(p.to);
    const before = (col: string) => `${col} < date(?, '-' || s.recall_days || ' days', '+1 day')`;
    // q: every due pair of a live patient without an open booking (no names
    // yet). Its size is the exact total; names are read only for the pairs up
    // to the `limit`-th due date, which are sorted by date, name, service.
    const rows = db
      .prepare(
        `WITH l AS (
           SELECT x.patient_id, x.service_id, x.last_at, x.branch_id, x.doctor_id
           FROM services s CROSS JOIN patient_recalls x ON x.service_id = s.id AND ${before('x.last_at')}
           WHERE s.recall_days IS NOT NULL
           UNION ALL
           SELECT y.patient_id, y.service_id, y.last_at, y.branch_id, y.doctor_id
           FROM (SELECT r.patient_id, r.service_id, max(r.at) AS last_at, r.branch_id, r.doctor_id
                 FROM services s CROSS JOIN patient_recalls x ON x.service_id = s.id AND x.last_at >= ?
                 CROSS JOIN recall_visits r ON r.patient_id = x.patient_id AND r.service_id = x.service_id AND r.at < ?
                 WHERE s.recall_days IS NOT NULL GROUP BY r.patient_id, r.service_id) y
           JOIN services s ON s.id = y.service_id
           WHERE s.recall_days IS NOT NULL AND ${before('y.last_at')}),
         q AS MATERIALIZED (
           SELECT d.patient_id, d.service_id, d.last_at, julianday(substr(d.last_at, 1, 10)) + s.recall_days AS due_day
           FROM l d JOIN services s ON s.id = d.service_id
           WHERE ${notGone('d.patient_id')}${f.sql}
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = d.patient_id AND b.status IN ('booked', 'confirmed') AND b.start_at > d.last_at)),
         cut AS MATERIALIZED (SELECT coalesce((SELECT due_day FROM q ORDER BY due_day LIMIT 1 OFFSET ?), 1e9) AS due_day, (SELECT count(*) FROM q) AS total)
         SELECT q.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, s.name AS service,
                substr(q.last_at, 1, 10) AS lastDone, date(q.due_day) AS dueDate, CAST(julianday(?) - q.due_day AS INTEGER) AS overdueDays,
                cut.total
         FROM cut CROSS JOIN q ON q.due_day <= cut.due_day JOIN patients pt ON pt.id = q.patient_id JOIN services s ON s.id = q.service_id
         ORDER BY q.due_day, patient, service, q.patient_id LIMIT ?`,
      )
      .all(p.to, end, end, p.to, ...f.args, p.limit - 1, p.to, p.limit) as Row[];
    const total = rows.length ? (rows[0].total as number) : 0;
    return { columns: [...columns], rows: rows.map(({ total: _, ...r }) => r), totals: { rows: total } };
  },
});
