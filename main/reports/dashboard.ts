// The director's home: this month so far against the whole previous month —
// new patients, unique patients, revenue, average check, debt, lost patients
// and retention — each read from the report that the tile opens, so a tile
// and its report can never disagree. Debt and retention read only the part of
// their report that makes the total, and unique patients only the current
// period of activity (debtTotal, retentionTotalPct, uniquePatientsIn: same
// SQL, no rows); a test checks them against the full reports. One dashboard runs
// a report with the same parameters once (average-check feeds two tiles).
import type SQLite from 'better-sqlite3';
import type { Dashboard, DashboardTile, ReportId, ReportResult } from '../../shared/api/reports';
import { runReport } from './registry';
import { debtTotal } from './debtors';
import { retentionTotalPct } from './retention';
import { uniquePatientsIn } from './activity';
import { monthEnd, monthOf, monthStart, plusMonths, todayLocal } from './period';

type Period = { from: string; to: string };

const TILES: Array<{ key: DashboardTile['key']; reportId: ReportId; type: DashboardTile['type']; read(db: SQLite.Database, p: Period & { branchId?: number }): number | null }> = [
  { key: 'newPatients', reportId: 'base-growth', type: 'int', read: (db, p) => total(db, 'base-growth', p, 'newPatients') },
  { key: 'uniquePatients', reportId: 'activity', type: 'int', read: (db, p) => uniquePatientsIn(db, p) },
  { key: 'revenue', reportId: 'average-check', type: 'money', read: (db, p) => total(db, 'average-check', p, 'revenue') },
  { key: 'averageCheck', reportId: 'average-check', type: 'money', read: (db, p) => total(db, 'average-check', p, 'averageCheck') },
  { key: 'debtTotal', reportId: 'debtors', type: 'money', read: (db, p) => debtTotal(db, p) },
  { key: 'lostThisMonth', reportId: 'lost', type: 'int', read: (db, p) => sumRows(db, 'lost', p, 'lost') },
  { key: 'retentionPct', reportId: 'retention', type: 'pct', read: (db, p) => retentionTotalPct(db, { ...p, asOf: p.to }) },
];

/** Results of the dashboard being built, by report and parameters. */
let memo: Map<string, ReportResult> | null = null;

function run(db: SQLite.Database, id: ReportId, p: Record<string, unknown>): ReportResult {
  const params = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
  const key = JSON.stringify([id, params]);
  const hit = memo?.get(key);
  if (hit) return hit;
  const result = runReport(db, id, params, 'en');
  memo?.set(key, result);
  return result;
}

function total(db: SQLite.Database, id: ReportId, p: Period, key: string): number | null {
  const v = run(db, id, p).totals?.[key];
  return typeof v === 'number' ? v : null;
}

function sumRows(db: SQLite.Database, id: ReportId, p: Period, key: string): number {
  return run(db, id, p).rows.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);
}

export function dashboard(db: SQLite.Database, branchId?: number, today = todayLocal()): Dashboard {
  const month = monthOf(today);
  const previousMonth = plusMonths(month, -1);
  const current = { from: monthStart(month), to: today, branchId };
  const previous = { from: monthStart(previousMonth), to: monthEnd(previousMonth), branchId };
  const safe = (f: () => number | null) => {
    try {
      return f();
    } catch {
      // A report not yet available on this host leaves its tile empty rather than failing the page.
      return null;
    }
  };
  memo = new Map();
  try {
    return {
      month,
      previousMonth,
      tiles: TILES.map((t) => ({ key: t.key, reportId: t.reportId, type: t.type, current: safe(() => t.read(db, current)), previous: safe(() => t.read(db, previous)) })),
    };
  } finally {
    memo = null;
  }
}
