// Activity: distinct patients with a visit, and visits, in the period (current), the previous period (whole calendar
// months → the same number of months just before, else the same number of days) and the same dates a year before (lastYear).
import type SQLite from 'better-sqlite3';
import { defineReport, filters, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { dayAfter, previousPeriod, yearBefore } from './period';
import { periodVisits } from './period-visits';

type PeriodKey = 'current' | 'previous' | 'lastYear';

/** false: count over the period's visits instead of the monthly summaries (tests compare the two). */
export const activityTuning = { fromSummaries: true };

function periods(p: BaseParams): Array<{ period: PeriodKey; from: string; to: string }> {
  const prev = previousPeriod(p.from, p.to);
  return [
    { period: 'current', from: p.from, to: p.to },
    { period: 'previous', from: prev.from, to: prev.to },
    { period: 'lastYear', from: yearBefore(p.from), to: yearBefore(p.to) },
  ];
}

function counts(db: SQLite.Database, period: { from: string; to: string }, p: BaseParams): { uniquePatients: number; visits: number } {
  const g = periodVisits(db, period, p, null, { unique: true }).get(0);
  return { uniquePatients: g?.uniquePatients ?? 0, visits: g?.visits ?? 0 };
}

/** The report's first row's uniquePatients (the dashboard's tile) without the two periods it is compared with. */
export function uniquePatientsIn(db: SQLite.Database, p: BaseParams): number {
  return counts(db, p, p).uniquePatients;
}

export const activity = defineReport({
  id: 'activity',
  group: 'patients',
  params: reportParams({}),
  run(db, p) {
    // Whole months from the summaries (appointment_months, unique_patient_months), partial ones from the visits.
    const f = filters(p);
    const plain = db.prepare(
      `SELECT count(DISTINCT a.patient_id) AS uniquePatients, count(*) AS visits FROM appointments a
       WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}`,
    );
    const rows: Row[] = periods(p).map((x) => {
      if (!activityTuning.fromSummaries) return { ...x, ...(plain.get(x.from, dayAfter(x.to), ...f.args) as { uniquePatients: number; visits: number }) };
      return { ...x, ...counts(db, x, p) };
    });
    return {
      columns: [
        { key: 'period', type: 'text' },
        { key: 'from', type: 'date' },
        { key: 'to', type: 'date' },
        { key: 'uniquePatients', type: 'int', drill: true },
        { key: 'visits', type: 'int' },
      ],
      rows,
    };
  },
  /** The patients seen in the row's period; without a row (there is no totals row), the current period. */
  patients(db, p, row) {
    const f = filters(p);
    const range = row ? { from: row.from as string, to: row.to as string } : { from: p.from, to: p.to };
    return (
      db
        .prepare(`SELECT DISTINCT a.patient_id AS id FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}`)
        .all(range.from, dayAfter(range.to), ...f.args) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
