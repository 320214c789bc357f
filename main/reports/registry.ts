// Every report by id, and running one: validate the id and the parameters
// (400 naming the field), compute, label the columns in the caller's language.
import type SQLite from 'better-sqlite3';
import { REPORT_IDS, type ReportId, type ReportInfo, type ReportResult } from '../../shared/api/reports';
import type { Locale } from '../../shared/api/settings';
import { ApiError, invalid } from '../api/errors';
import type { ReportDefinition, Row } from './definition';
import { columnLabel } from './labels';
import { peakHours } from './peak-hours';
import { retention } from './retention';
import { activity } from './activity';
import { baseGrowth } from './base-growth';
import { cohorts } from './cohorts';
import { lost } from './lost';
import { sources } from './sources';
import { averageCheck } from './average-check';
import { rating } from './rating';
import { debtors } from './debtors';
import { branches } from './branches';
import { staffRevenue } from './staff-revenue';
import { noShows } from './no-shows';
import { recallsDue } from './recalls-due';
import { tasks } from './tasks';
import { campaigns } from './campaigns';

export const REPORTS: Partial<Record<ReportId, ReportDefinition>> = {
  'peak-hours': peakHours,
  retention,
  'base-growth': baseGrowth,
  sources,
  lost,
  activity,
  cohorts,
  'average-check': averageCheck,
  rating,
  debtors,
  branches,
  'staff-revenue': staffRevenue,
  'no-shows': noShows,
  'recalls-due': recallsDue,
  tasks,
  campaigns,
};

export function reportList(): ReportInfo[] {
  return REPORT_IDS.filter((id) => REPORTS[id]).map((id) => ({ id, group: REPORTS[id]!.group, extraParams: REPORTS[id]!.extraParams ?? [] }));
}

function definitionOf(id: string): ReportDefinition {
  const def = REPORTS[id as ReportId];
  if (!def) throw invalid('id', `there is no report "${id}"; known reports: ${Object.keys(REPORTS).join(', ')}`);
  return def;
}

function parse(def: ReportDefinition, raw: Record<string, unknown>): Record<string, unknown> & { from: string; to: string } {
  const parsed = def.params.safeParse(raw);
  if (parsed.success) return parsed.data as never;
  const issues = parsed.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys.join(',') : i.path.join('.');
    return { path: `params.${keys}`, message: i.code === 'unrecognized_keys' ? 'unknown parameter' : i.message };
  });
  throw new ApiError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

export function runReport(db: SQLite.Database, id: string, raw: Record<string, unknown>, locale: Locale): ReportResult {
  const def = definitionOf(id);
  const params = parse(def, raw);
  const out = def.run(db, params);
  return {
    id: def.id,
    params,
    columns: out.columns.map((c) => ({ ...c, label: columnLabel(c.key, locale) })),
    rows: out.rows,
    ...(out.totals ? { totals: out.totals } : {}),
  };
}

/** The patients behind one drillable number: a row's cell, or the column total when rowIndex is absent. */
export function reportPatientIds(db: SQLite.Database, id: string, raw: Record<string, unknown>, rowIndex: number | undefined, column: string): number[] {
  const def = definitionOf(id);
  const params = parse(def, raw);
  const out = def.run(db, params);
  const col = out.columns.find((c) => c.key === column);
  if (!col?.drill || !def.patients) throw invalid('column', `"${column}" of ${id} does not count patients`);
  let row: Row | null = null;
  if (rowIndex !== undefined) {
    row = out.rows[rowIndex] ?? null;
    if (!row) throw invalid('rowIndex', `${id} has ${out.rows.length} rows`);
  }
  return def.patients(db, params, row, column);
}
