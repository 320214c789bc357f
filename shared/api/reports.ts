import { z } from 'zod';
import { contract } from './contract';
import { LOCALES } from './settings';

export const REPORT_IDS = [
  'base-growth', 'sources', 'retention', 'lost', 'activity', 'peak-hours', 'average-check', 'rating',
  'debtors', 'branches', 'staff-revenue', 'no-shows', 'cohorts', 'recalls-due',
  'tasks',
  'campaigns',
] as const;
export type ReportId = (typeof REPORT_IDS)[number];

export const REPORT_GROUPS = ['patients', 'doctors', 'money', 'marketing', 'followup'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** How the UI and the spreadsheet show it. */
  type: 'text' | 'int' | 'money' | 'pct' | 'date' | 'month';
  /** Counts patients: clicking the number lists them (reports.patients). */
  drill?: boolean;
}

/** The JSON shape of METRICS.md: the same for the API, the CLI and the export. */
export interface ReportResult {
  id: ReportId;
  params: Record<string, unknown>;
  columns: ReportColumn[];
  rows: Array<Record<string, Cell>>;
  totals?: Record<string, Cell>;
}

export interface ReportInfo {
  id: ReportId;
  group: ReportGroup;
  /** The report's own parameters beyond from/to/branchId/doctorId. */
  extraParams: Array<{ key: string; type: 'int' | 'date' | 'enum'; default?: string | number; options?: string[] }>;
}

export interface DashboardTile {
  key: 'newPatients' | 'uniquePatients' | 'revenue' | 'averageCheck' | 'debtTotal' | 'lostThisMonth' | 'retentionPct';
  /** The report the tile opens, for this month. */
  reportId: ReportId;
  current: number | null;
  previous: number | null;
  type: 'int' | 'money' | 'pct';
}

export interface Dashboard {
  /** This month (YYYY-MM) compared with the previous one. */
  month: string;
  previousMonth: string;
  tiles: DashboardTile[];
}

export const RunReportInput = z.object({
  id: z.string().min(1).max(50),
  params: z.record(z.string(), z.unknown()).default({}),
  locale: z.enum(LOCALES).default('en'),
});

export const reportsContracts = {
  'reports.list': contract<ReportInfo[]>()({ input: z.object({}), roles: ['admin', 'director', 'callcenter'], write: false }),
  'reports.run': contract<ReportResult>()({ input: RunReportInput, roles: ['admin', 'director', 'callcenter'], write: false }),
  /** Drill-down: the patients behind one number of a report. */
  'reports.patients': contract<Array<{ id: number; name: string; phone: string | null }>>()({
    input: RunReportInput.extend({ rowIndex: z.number().int().min(0).optional(), column: z.string().min(1).max(60) }),
    roles: ['admin', 'director', 'callcenter'],
    write: false,
  }),
  'reports.export': contract<{ fileName: string; contentBase64: string; mime: string }>()({
    input: RunReportInput.extend({ format: z.enum(['csv', 'xlsx']) }),
    roles: ['admin', 'director', 'callcenter'],
    write: false,
  }),
  /** The director's home: this month against the last, each tile opening its report. */
  'reports.dashboard': contract<Dashboard>()({
    input: z.object({ branchId: z.number().int().positive().optional() }),
    roles: ['admin', 'director'],
    write: false,
  }),
};
