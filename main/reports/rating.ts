// Rating: patients ranked by revenue in the period (ties: more visits first,
// then name), with their visits and payments in the period; `limit` default 100.
// Only patients with a visit in the period. With branch/doctor filters, visits
// and revenue are those at the branch / with the doctor, and paid counts the
// payments for that branch's / doctor's appointments.
import type SQLite from 'better-sqlite3';
import { z } from 'zod';
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, daysBetween, monthOf } from './period';
import { livePatient, patientName } from './patient-sql';

const params = reportParams({ limit: z.coerce.number().int().min(1).max(10000).default(100) });

/** How many patients the bounded walk below may read before it gives up for the general query. */
const MAX_WALK = 2000;

/**
 * Past a year without filters, the patients who can rank: a patient's revenue
 * in any period is at most their lifetime charged total (patient_balances,
 * kept with every visit written; charges are never negative). Walking the live
 * patients from the largest total down, summing each one's visits in the
 * period, stops at the first whose total is below the `limit`-th revenue found
 * so far: nobody after them can reach it. Over 10 years that is a few hundred
 * patients instead of all of them. Only when the period holds nearly all the
 * clinic's revenue (else lifetime totals bound little and the walk runs long)
 * and the limit is small; null otherwise, or when the walk gives up: read every patient then.
 */
function candidates(db: SQLite.Database, from: string, end: string, limit: number): number[] | null {
  if (4 * limit > MAX_WALK) return null;
  const share = db
    .prepare(
      `SELECT coalesce(sum(CASE WHEN m.month >= ? AND m.month <= ? THEN m.charged END) * 1.0 / sum(m.charged), 0) AS share
       FROM appointment_months m WHERE m.status = 'completed'`,
    )
    .get(monthOf(from), monthOf(end)) as { share: number };
  if (share.share < 0.9) return null;
  // patients_audience (id, deleted_at, merged_into_id, …) is a narrower scan than the patients table.
  const byTotal = db.prepare(
    `SELECT pt.id, b.charged FROM patients pt INDEXED BY patients_audience LEFT JOIN patient_balances b ON b.patient_id = pt.id
     WHERE ${livePatient('pt')} ORDER BY coalesce(b.charged, 9e18) DESC, pt.id LIMIT ?`,
  );
  const inPeriod = db.prepare(
    `SELECT count(*) AS visits, coalesce(sum(a.charged), 0) AS revenue FROM appointments a INDEXED BY visits_by_patient
     WHERE a.status = 'completed' AND a.patient_id = ? AND a.start_at >= ? AND a.start_at < ?`,
  );
  const found: number[] = [];
  const revenues: number[] = [];
  let threshold = -Infinity;
  // A first short list usually suffices; the long one only when it did not.
  const first = Math.min(MAX_WALK, Math.max(500, 4 * limit));
  let walk = byTotal.all(first) as Array<{ id: number; charged: number | null }>;
  for (let i = 0; i < walk.length; i++) {
    const { id, charged } = walk[i];
    if (charged !== null && charged < threshold) return found;
    const v = inPeriod.get(id, from, end) as { visits: number; revenue: number };
    if (v.visits) {
      found.push(id);
      revenues.push(v.revenue);
      // The limit-th largest revenue so far only grows; recomputing it now and then is enough (a lower one stops later).
      if (revenues.length >= limit && (revenues.length === limit || i % 64 === 0)) threshold = [...revenues].sort((a, b) => b - a)[limit - 1];
    }
    if (i === walk.length - 1 && walk.length === first && first < MAX_WALK) walk = byTotal.all(MAX_WALK) as typeof walk;
  }
  return null;
}

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
    // Visits per patient. Past a year without filters: only the patients who
    // can rank (candidates()). Past a quarter without a doctor filter: patient
    // by patient over visits_by_patient, already grouped (no sort of the
    // period's visits), and only for the patients whose last visit
    // (patient_last_visits, 0008, kept by triggers) is in or after the period;
    // otherwise the period's range of visits_by_start / visits_by_doctor, grouped.
    const few = daysBetween(p.from, p.to) > 366 && !f.sql ? candidates(db, p.from, end, p.limit) : null;
    const long = !few && daysBetween(p.from, p.to) > 92 && !p.doctorId;
    const perPatient = few
      ? `SELECT a.patient_id, count(*) AS visits, sum(a.charged) AS revenue
         FROM json_each(?) j CROSS JOIN appointments a INDEXED BY visits_by_patient ON a.patient_id = j.value
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ? GROUP BY a.patient_id`
      : long
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
      .all(...(few ? [JSON.stringify(few)] : long ? [p.from] : []), p.from, end, ...f.args, p.limit, p.from, end, ...(f.sql ? f.args : [])) as Row[];
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
