// Base growth: per month of the period, newPatients = patients whose first visit ever falls in that month
// (within [from, to]); totalPatients = patients whose first visit is on or before that month's end (or `to`).
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, monthEnd, monthStart, monthsIn } from './period';

/** [lo, hi) of local times of `month` clipped to the period. */
function monthBounds(p: { from: string; to: string }, month: string): { lo: string; hi: string } {
  const start = monthStart(month);
  const end = monthEnd(month);
  return { lo: start > p.from ? start : p.from, hi: dayAfter(end < p.to ? end : p.to) };
}

export const baseGrowth = defineReport({
  id: 'base-growth',
  group: 'patients',
  params: reportParams({}),
  run(db, p) {
    // Branch/doctor filters apply to the first visit: "patients who first came to this branch / doctor".
    const f = filters(p, 'f');
    const before = (
      db.prepare(`SELECT count(*) AS n FROM patient_first_visits f WHERE f.first_at < ?${f.sql}`).get(p.from, ...f.args) as { n: number }
    ).n;
    // One count per month over the covering patient_first_visits_at index: a
    // few index ranges instead of grouping every first visit (no temp B-tree).
    const count = db.prepare(`SELECT count(*) AS n FROM patient_first_visits f WHERE f.first_at >= ? AND f.first_at < ?${f.sql}`);
    let total = before;
    const rows: Row[] = monthsIn(p.from, p.to).map((month) => {
      const { lo, hi } = monthBounds(p, month);
      const newPatients = (count.get(lo, hi, ...f.args) as { n: number }).n;
      total += newPatients;
      return { month, newPatients, totalPatients: total };
    });
    return {
      columns: [
        { key: 'month', type: 'month' },
        { key: 'newPatients', type: 'int', drill: true },
        { key: 'totalPatients', type: 'int', drill: true },
      ],
      rows,
      // The total of a running total is its value at the end of the period.
      totals: { newPatients: total - before, totalPatients: total },
    };
  },
  patients(db, p, row, column) {
    const f = filters(p, 'f');
    const { lo, hi } = row ? monthBounds(p, row.month as string) : { lo: p.from, hi: dayAfter(p.to) };
    const sql =
      column === 'totalPatients'
        ? `SELECT f.patient_id AS id FROM patient_first_visits f WHERE f.first_at < ?${f.sql}`
        : `SELECT f.patient_id AS id FROM patient_first_visits f WHERE f.first_at >= ? AND f.first_at < ?${f.sql}`;
    const args = column === 'totalPatients' ? [hi, ...f.args] : [lo, hi, ...f.args];
    return (db.prepare(sql).all(...args) as Array<{ id: number }>).map((r) => r.id);
  },
});
