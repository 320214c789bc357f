// Retention per doctor (USU "Удержание клиентов"): primary = patients whose
// first visit ever falls in the period and was with this doctor; returned =
// those with a later visit with the same doctor on or before asOf; repeat =
// distinct patients seen by the doctor in the period whose first visit was before it.
import { isoDate } from '../../shared/api/fields';
import { defineReport, filters, type Row } from './definition';
import type SQLite from 'better-sqlite3';
import { reportParams, type BaseParams } from './params';
import { dayAfter, pct, todayLocal } from './period';

const params = reportParams({ asOf: isoDate.optional() });

function asOfOf(p: { asOf?: string }): string {
  return p.asOf ?? todayLocal();
}

/**
 * The report's totals.retentionPct without its rows (the dashboard's tile):
 * primary and returned come from patient_cohorts alone; the per-doctor
 * `repeat`, which reads the period's visits, is not needed for it.
 */
export function retentionTotalPct(db: SQLite.Database, p: BaseParams & { asOf?: string }): number | null {
  const f = filters(p, 'f');
  const r = db
    .prepare(
      `SELECT count(*) AS prim, coalesce(sum(f.returned_at < ?), 0) AS returned
       FROM patient_cohorts f JOIN users u ON u.id = f.doctor_id WHERE f.first_at >= ? AND f.first_at < ?${f.sql}`,
    )
    .get(dayAfter(asOfOf(p)), p.from, dayAfter(p.to), ...f.args) as { prim: number; returned: number };
  return pct(r.returned, r.prim);
}

export const retention = defineReport({
  id: 'retention',
  group: 'doctors',
  params,
  extraParams: [{ key: 'asOf', type: 'date' }],
  run(db, p) {
    const ff = { first: filters(p, 'f'), visit: filters(p, 'a') };
    const rows = db
      .prepare(
        `WITH ret AS (
           -- Migration 0009's patient_cohorts: each patient's first visit and the first later
           -- visit with the same doctor (returned_at), one range of its first_at index.
           SELECT f.doctor_id, count(*) AS prim, coalesce(sum(f.returned_at < ?), 0) AS returned
           FROM patient_cohorts f WHERE f.first_at >= ? AND f.first_at < ?${ff.first.sql} GROUP BY f.doctor_id),
         rep AS (
           -- Patient by patient among those first seen before the period (in patient order, neighbouring
           -- visits_by_patient seeks), rather than every visit of the period looking up its patient's first visit.
           SELECT doctor_id, count(*) AS repeat FROM (
             SELECT DISTINCT f.patient_id, a.doctor_id
             FROM patient_first_visits f CROSS JOIN appointments a INDEXED BY visits_by_patient ON a.patient_id = f.patient_id
             WHERE +f.first_at < ? AND a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${ff.visit.sql})
           GROUP BY doctor_id)
         SELECT u.id AS doctorId, u.full_name AS doctor, coalesce(ret.prim, 0) AS "primary",
                coalesce(ret.returned, 0) AS returned, coalesce(rep.repeat, 0) AS repeat
         FROM users u LEFT JOIN ret ON ret.doctor_id = u.id LEFT JOIN rep ON rep.doctor_id = u.id
         WHERE ret.doctor_id IS NOT NULL OR rep.doctor_id IS NOT NULL
         ORDER BY u.full_name, u.id`,
      )
      .all(dayAfter(asOfOf(p)), p.from, dayAfter(p.to), ...ff.first.args, p.from, p.from, dayAfter(p.to), ...ff.visit.args) as Array<Row & { primary: number; returned: number }>;
    for (const r of rows) r.retentionPct = pct(r.returned, r.primary);
    const primary = rows.reduce((s, r) => s + r.primary, 0);
    const returned = rows.reduce((s, r) => s + r.returned, 0);
    return {
      columns: [
        { key: 'doctor', type: 'text' },
        { key: 'primary', type: 'int', drill: true },
        { key: 'returned', type: 'int', drill: true },
        { key: 'retentionPct', type: 'pct' },
        { key: 'repeat', type: 'int', drill: true },
      ],
      rows,
      totals: { primary, returned, retentionPct: pct(returned, primary), repeat: rows.reduce((s, r) => s + (r.repeat as number), 0) },
    };
  },
  patients(db, p, row, column) {
    const ff = { first: filters(p, 'f'), visit: filters(p, 'a') };
    const doctor = row ? ' AND f.doctor_id = ?' : '';
    const doctorArgs = row ? [row.doctorId as number] : [];
    if (column === 'repeat') {
      return (
        db
          .prepare(
            `SELECT DISTINCT a.patient_id AS id FROM appointments a JOIN patient_first_visits f ON f.patient_id = a.patient_id
             WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ? AND f.first_at < ?${ff.visit.sql}${row ? ' AND a.doctor_id = ?' : ''}`,
          )
          .all(p.from, dayAfter(p.to), p.from, ...ff.visit.args, ...doctorArgs) as Array<{ id: number }>
      ).map((r) => r.id);
    }
    const returnedOnly =
      column === 'returned'
        ? ` AND EXISTS (SELECT 1 FROM appointments a WHERE a.status = 'completed' AND a.patient_id = f.patient_id
                        AND a.doctor_id = f.doctor_id AND a.start_at > f.first_at AND a.start_at < ?)`
        : '';
    return (
      db
        .prepare(`SELECT f.patient_id AS id FROM patient_first_visits f WHERE f.first_at >= ? AND f.first_at < ?${ff.first.sql}${doctor}${returnedOnly}`)
        .all(p.from, dayAfter(p.to), ...ff.first.args, ...doctorArgs, ...(returnedOnly ? [dayAfter(asOfOf(p))] : [])) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
