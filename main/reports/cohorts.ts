// Cohorts: per month of the period with first visits (the cohort; first visit within [from, to]), its size and
// m1…m12 = % of the cohort with a visit in the k-th calendar month after the cohort month; null while that month is not over at asOf.
import { isoDate } from '../../shared/api/fields';
import { defineReport, filters, type ColumnSpec, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, monthEnd, monthStart, pct, plusMonths, splitByWholeMonths, todayLocal } from './period';

const MONTHS = 12;
const KS = Array.from({ length: MONTHS }, (_, i) => i + 1);
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
    // From migration 0009's summaries: whole cohort months from cohort_months
    // (already counted per cohort × doctor × branch × k), the partial months
    // at the period's ends from patient_cohorts (each patient's bit mask of
    // months with a visit). Visits before asOf need no condition: a month k is
    // shown only when it is over at asOf, so all its visits are before asOf.
    const split = splitByWholeMonths(p.from, p.to);
    const counted = new Map<string, Row>();
    const add = (r: Row) => {
      const row = counted.get(r.cohort as string);
      if (!row) counted.set(r.cohort as string, { ...r });
      else for (const k of ['size', ...KS.map((k) => `m${k}`)]) row[k] = (row[k] as number) + (r[k] as number);
    };
    if (split.months) {
      const fm = filters(p, 'c');
      const sums = db
        .prepare(
          `SELECT c.cohort, c.k, sum(c.patients) AS n FROM cohort_months c WHERE c.cohort >= ? AND c.cohort <= ?${fm.sql} GROUP BY c.cohort, c.k`,
        )
        .all(split.months.first, split.months.last, ...fm.args) as Array<{ cohort: string; k: number; n: number }>;
      for (const s of sums) {
        if (!counted.has(s.cohort)) counted.set(s.cohort, { cohort: s.cohort, size: 0, ...Object.fromEntries(KS.map((k) => [`m${k}`, 0])) });
        counted.get(s.cohort)![s.k === 0 ? 'size' : `m${s.k}`] = s.n;
      }
    }
    const fe = filters(p, 'c');
    const edge = db.prepare(
      `SELECT substr(c.first_at, 1, 7) AS cohort, count(*) AS size, ${KS.map((k) => `sum(c.mask >> ${k} & 1) AS m${k}`).join(', ')}
       FROM patient_cohorts c WHERE c.first_at >= ? AND c.first_at < ?${fe.sql} GROUP BY cohort`,
    );
    for (const e of split.edges) for (const r of edge.all(e.from, dayAfter(e.to), ...fe.args) as Row[]) add(r);
    const rows = (
      [...counted.values()].filter((r) => (r.size as number) > 0).sort((a, b) => ((a.cohort as string) < (b.cohort as string) ? -1 : 1))
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
