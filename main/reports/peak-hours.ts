// Peak hours: completed visits in the period by local weekday (1 = Monday …
// 7 = Sunday) and starting hour (0–23). Only weekday/hour pairs with visits.
// Whole months come from migration 0012's visit_hours at the level the
// filters name (10 years: ~120 × 80 rows), the partial months at the
// period's ends from the visits (visits_by_start).
import { HOUR_OF, WEEKDAY_OF } from '../api/period-summaries';
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, splitByWholeMonths } from './period';

const WEEKDAY = WEEKDAY_OF('a.start_at');
const HOUR = HOUR_OF('a.start_at');

export const peakHours = defineReport({
  id: 'peak-hours',
  group: 'doctors',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p);
    const split = splitByWholeMonths(p.from, p.to);
    const parts: Array<{ weekday: number; hour: number; visits: number }> = [];
    if (split.months) {
      parts.push(
        ...(db
          .prepare(
            `SELECT h.weekday, h.hour, sum(h.visits) AS visits FROM visit_hours h
             WHERE h.doctor_id = ? AND h.branch_id = ? AND h.month >= ? AND h.month <= ? GROUP BY h.weekday, h.hour`,
          )
          .all(p.doctorId ?? 0, p.branchId ?? 0, split.months.first, split.months.last) as typeof parts),
      );
    }
    const edge = db.prepare(
      `SELECT ${WEEKDAY} AS weekday, ${HOUR} AS hour, count(*) AS visits
       FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY weekday, hour`,
    );
    for (const e of split.edges) parts.push(...(edge.all(e.from, dayAfter(e.to), ...f.args) as typeof parts));
    const byCell = new Map<number, { weekday: number; hour: number; visits: number }>();
    for (const c of parts) {
      const key = c.weekday * 24 + c.hour;
      const known = byCell.get(key);
      if (known) known.visits += c.visits;
      else byCell.set(key, { ...c });
    }
    const rows: Row[] = [...byCell.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    return {
      columns: [
        { key: 'weekday', type: 'int' },
        { key: 'hour', type: 'int' },
        { key: 'visits', type: 'int', drill: true },
      ],
      rows,
      totals: { visits: parts.reduce((s, r) => s + r.visits, 0) },
    };
  },
  patients(db, p, row) {
    const f = filters(p);
    const where = row ? ` AND ${WEEKDAY} = ? AND ${HOUR} = ?` : '';
    const args = row ? [row.weekday, row.hour] : [];
    return (
      db
        .prepare(`SELECT DISTINCT a.patient_id AS id FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}${where}`)
        .all(p.from, dayAfter(p.to), ...f.args, ...args) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
