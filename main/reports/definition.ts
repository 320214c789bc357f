// What a report is: its id and group, its parameters, and `run`, which
// computes rows from the database with SQL (SQLite dialect: this folder is
// the SQLite-specific part of reporting). Reports run on a read-only
// better-sqlite3 connection in a worker thread, so they are synchronous.
import type SQLite from 'better-sqlite3';
import type { z } from 'zod';
import type { Cell, ReportColumn, ReportGroup, ReportId, ReportInfo } from '../../shared/api/reports';
import type { BaseParams } from './params';

export type Row = Record<string, Cell>;
export type ColumnSpec = Omit<ReportColumn, 'label'>;

export interface ReportOutput {
  columns: ColumnSpec[];
  rows: Row[];
  totals?: Row;
}

export interface ReportDefinition<P extends BaseParams = BaseParams> {
  id: ReportId;
  group: ReportGroup;
  params: z.ZodType<P>;
  extraParams?: ReportInfo['extraParams'];
  run(db: SQLite.Database, p: P): ReportOutput;
  /** The patients behind a drillable number (`column` of `row`; row is null for a total). */
  patients?(db: SQLite.Database, p: P, row: Row | null, column: string): number[];
}

export function defineReport<P extends BaseParams>(def: ReportDefinition<P>): ReportDefinition<BaseParams> {
  return def as unknown as ReportDefinition<BaseParams>;
}

/** SQL fragment and arguments for the optional branch/doctor filters on an appointments alias. */
export function filters(p: Pick<BaseParams, 'branchId' | 'doctorId'>, alias = 'a'): { sql: string; args: number[] } {
  const parts: string[] = [];
  const args: number[] = [];
  if (p.branchId) {
    parts.push(`${alias}.branch_id = ?`);
    args.push(p.branchId);
  }
  if (p.doctorId) {
    parts.push(`${alias}.doctor_id = ?`);
    args.push(p.doctorId);
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', args };
}

/** Adds up numeric columns for a totals row. */
export function sumColumns(rows: Row[], keys: string[]): Row {
  const totals: Row = {};
  for (const k of keys) totals[k] = rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  return totals;
}
