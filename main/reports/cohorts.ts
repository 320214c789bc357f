// Cohorts: per month of the period with first visits (the cohort; first visit within [from, to]), its size and
// m1…m12 = % of the cohort with a visit in the k-th calendar month after the cohort month; null while that month is not over at asOf.
import { isoDate } from '../../shared/api/fields';
import { defineReport, filters, type ColumnSpec, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, monthEnd, monthStart, pct, plusMonths, todayLocal } from './period';

const MONTHS = 12;
const KS = Array.from({ length: MONTHS }, (_, i) => i + 1);
/** A local time's month as a number (year × 12 + month), for month offsets. */
const MONTH_INDEX = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;
const params = reportParams({ asOf: isoDate.optional() });

function asOfOf(p: { asOf?: string }): string {
  return p.asOf ?? todayLocal();
}

/** Month k after the cohort is over when its last day is before asOf. */
function isOver(cohort: string, k: number, asOf: string): boolean {
  return monthEnd(plusMonths(cohort, k)) < asOf;
}

export const cohorts = defineReport({
  id: 'cohorts',
  group: 'patients',
  params,
  extraParams: [{ key: 'asOf', type: 'date' }],
  run(db, p) {
    const asOf = asOfOf(p);
    // Branch/doctor filters choose the cohort (by the first visit); its later
    // visits count at any branch and doctor: does the clinic keep them.
    const f = filters(p, 'f');
    // One query, one row per cohort: each cohort patient's later visits in
    // the 12 months after the cohort month are folded into a bit mask of the
    // month offsets k (1 << k, each month once), per patient in patient order
    // (neighbouring visits_by_patient seeks); the cohort then sums bit k of
    // the masks. Grouping visits by (cohort month, visit month) with
    // count(DISTINCT patient) did the same in about twice the time over 10
    // years. Only visits before asOf matter: a month not over shows null.
    const rows = (
      db
        .prepare(
          `WITH ids AS MATERIALIZED (
             SELECT f.patient_id, f.first_at, ${MONTH_INDEX('f.first_at')} AS base FROM patient_first_visits f
             WHERE f.first_at >= ? AND f.first_at < ?${f.sql} ORDER BY f.patient_id),
           masks AS MATERIALIZED (
             SELECT substr(ids.first_at, 1, 7) AS cohort,
                    coalesce((SELECT sum(DISTINCT 1 << (${MONTH_INDEX('a.start_at')} - ids.base))
                              FROM appointments a INDEXED BY visits_by_patient
                              WHERE a.status = 'completed' AND a.patient_id = ids.patient_id
                                AND a.start_at >= date(ids.first_at, 'start of month', '+1 month')
                                AND a.start_at < date(ids.first_at, 'start of month', '+${MONTHS + 1} months')
                                AND a.start_at < ?), 0) AS mask
             FROM ids)
           SELECT cohort, count(*) AS size, ${KS.map((k) => `sum(mask >> ${k} & 1) AS m${k}`).join(', ')}
           FROM masks GROUP BY cohort ORDER BY cohort`,
        )
        .all(p.from, dayAfter(p.to), ...f.args, asOf) as Row[]
    ).map((r) => {
      const row: Row = { cohort: r.cohort, size: r.size };
      for (const k of KS) row[`m${k}`] = isOver(r.cohort as string, k, asOf) ? pct(r[`m${k}`] as number, r.size as number) : null;
      return row;
    });
    const columns: ColumnSpec[] = [{ key: 'cohort', type: 'month' }, { key: 'size', type: 'int', drill: true }];
    for (const k of KS) columns.push({ key: `m${k}`, type: 'pct', drill: true });
    return { columns, rows, totals: { size: rows.reduce((s, r) => s + (r.size as number), 0) } };
  },
  /** size: the cohort; m<k>: those of it with a visit in the k-th month after the cohort month (up to asOf). */
  patients(db, p, row, column) {
    const f = filters(p, 'f');
    const range = row
      ? { lo: [monthStart(row.cohort as string), p.from].sort()[1], hi: [dayAfter(monthEnd(row.cohort as string)), dayAfter(p.to)].sort()[0] }
      : { lo: p.from, hi: dayAfter(p.to) };
    const k = Number(column.match(/^m(\d+)$/)?.[1] ?? 0);
    const visited = k
      ? ` AND EXISTS (SELECT 1 FROM appointments a WHERE a.status = 'completed' AND a.patient_id = f.patient_id
                      AND a.start_at >= date(f.first_at, 'start of month', '+${k} months')
                      AND a.start_at < date(f.first_at, 'start of month', '+${k + 1} months') AND a.start_at < ?)`
      : '';
    return (
      db
        .prepare(`SELECT f.patient_id AS id FROM patient_first_visits f WHERE f.first_at >= ? AND f.first_at < ?${f.sql}${visited}`)
        .all(range.lo, range.hi, ...f.args, ...(k ? [asOfOf(p)] : [])) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
