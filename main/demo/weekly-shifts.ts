// The demo doctors' weekly working hours, read off the history the generator
// wrote: per doctor and weekday, from the earliest start to the latest end
// of their recent appointments (whole hours), on weekdays they worked at
// least three times in the last 13 weeks. So the book, booking rules and
// triage see the same hours the history shows.
import type SQLite from 'better-sqlite3';

export function deriveWeeklyShifts(sqlite: SQLite.Database): number {
  const last = (sqlite.prepare('SELECT max(substr(start_at, 1, 10)) AS d FROM appointments').get() as { d: string | null }).d;
  if (!last) return 0;
  const rows = sqlite
    .prepare(
      `SELECT doctor_id, branch_id,
              CAST(strftime('%u', start_at) AS INTEGER) AS weekday,
              min(substr(start_at, 12, 2)) AS first_hour,
              max(substr(end_at, 12, 5)) AS last_end,
              count(DISTINCT substr(start_at, 1, 10)) AS days
       FROM appointments
       WHERE start_at >= date(?, '-91 days')
       GROUP BY doctor_id, branch_id, weekday
       HAVING days >= 3`,
    )
    .all(last) as Array<{ doctor_id: number; branch_id: number; weekday: number; first_hour: string; last_end: string; days: number }>;
  const insert = sqlite.prepare('INSERT INTO doctor_shifts (doctor_id, weekday, start_time, end_time, branch_id) VALUES (?, ?, ?, ?, ?)');
  const ceilHour = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return `${String(Math.min(23, m > 0 ? h + 1 : h)).padStart(2, '0')}:00`;
  };
  sqlite.transaction(() => {
    for (const r of rows) insert.run(r.doctor_id, r.weekday, `${r.first_hour}:00`, ceilHour(r.last_end), r.branch_id);
  })();
  return rows.length;
}
