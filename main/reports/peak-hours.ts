// Peak hours: completed visits in the period by local weekday (1 = Monday …
// 7 = Sunday) and starting hour (0–23). Only weekday/hour pairs with visits.
import { defineReport, filters } from './definition';
import { reportParams } from './params';
import { dayAfter } from './period';

const WEEKDAY = `((CAST(strftime('%w', a.start_at) AS INTEGER) + 6) % 7) + 1`;
const HOUR = `CAST(substr(a.start_at, 12, 2) AS INTEGER)`;

export const peakHours = defineReport({
  id: 'peak-hours',
  group: 'doctors',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p);
    const rows = db
      .prepare(
        `SELECT ${WEEKDAY} AS weekday, ${HOUR} AS hour, count(*) AS visits
         FROM appointments a
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}
         GROUP BY weekday, hour ORDER BY weekday, hour`,
      )
      .all(p.from, dayAfter(p.to), ...f.args) as Array<{ weekday: number; hour: number; visits: number }>;
    return {
      columns: [
        { key: 'weekday', type: 'int' },
        { key: 'hour', type: 'int' },
        { key: 'visits', type: 'int', drill: true },
      ],
      rows,
      totals: { visits: rows.reduce((s, r) => s + r.visits, 0) },
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

