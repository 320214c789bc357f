// Rating: patients ranked by revenue in the period (ties: more visits first,
// then name), with their visits and payments in the period; `limit` default 100.
// Only patients with a visit in the period. With branch/doctor filters, visits
// and revenue are those at the branch / with the doctor, and paid counts the
// payments for that branch's / doctor's appointments.
import { z } from 'zod';
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, daysBetween } from './period';
import { livePatient, patientName } from './patient-sql';

const params = reportParams({ limit: z.coerce.number().int().min(1).max(10000).default(100) });

export const rating = defineReport({
  id: 'rating',
  group: 'patients',
  params,
  extraParams: [{ key: 'limit', type: 'int', default: 100 }],
  run(db, p) {
    const f = filters(p);
    const end = dayAfter(p.to);
    // Payments are summed only for the `limit` ranked patients (index payments_patient).
    const paid = f.sql
      ? `SELECT coalesce(sum(pm.amount), 0) FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
         WHERE pm.patient_id = t.patient_id AND pm.paid_at >= ? AND pm.paid_at < ?${f.sql}`
      : `SELECT coalesce(sum(pm.amount), 0) FROM payments pm WHERE pm.patient_id = t.patient_id AND pm.paid_at >= ? AND pm.paid_at < ?`;
    // Visits per patient. Past a quarter without a doctor filter: patient by
    // patient over visits_by_patient, already grouped (no sort of the period's
    // visits), and only for the patients whose last visit (patient_last_visits,
    // 0008, kept by triggers) is in or after the period; otherwise the
    // period's range of visits_by_start / visits_by_doctor, grouped.
    const long = daysBetween(p.from, p.to) > 92 && !p.doctorId;
    const perPatient = long
      ? `SELECT l.patient_id, count(*) AS visits, sum(a.charged) AS revenue
         FROM patient_last_visits l CROSS JOIN appointments a INDEXED BY visits_by_patient ON a.patient_id = l.patient_id
         WHERE +l.last_at >= ? AND a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY l.patient_id`
      : `SELECT a.patient_id, count(*) AS visits, sum(a.charged) AS revenue FROM appointments a
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY a.patient_id`;
    const rows = db
      .prepare(
        `WITH v AS (${perPatient}),
         t AS (
           SELECT v.patient_id, ${patientName('pt')} AS patient, v.visits, v.revenue
           FROM v JOIN patients pt ON pt.id = v.patient_id
           WHERE ${livePatient('pt')}
           ORDER BY v.revenue DESC, v.visits DESC, patient, v.patient_id LIMIT ?)
         SELECT row_number() OVER (ORDER BY t.revenue DESC, t.visits DESC, t.patient, t.patient_id) AS rank,
                t.patient_id AS patientId, t.patient, t.visits, t.revenue, (${paid}) AS paid
         FROM t ORDER BY rank`,
      )
      .all(...(long ? [p.from] : []), p.from, end, ...f.args, p.limit, p.from, end, ...(f.sql ? f.args : [])) as Row[];
    return {
      columns: [
        { key: 'rank', type: 'int' },
        { key: 'patientId', type: 'int' },
        { key: 'patient', type: 'text' },
        { key: 'visits', type: 'int' },
        { key: 'revenue', type: 'money' },
        { key: 'paid', type: 'money' },
      ],
      rows,
    };
  },
});
