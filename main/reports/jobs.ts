// The work a report thread does, on its own read-only connection: run a
// report, list the patients behind a number, export a file. Errors come back
// as ApiErrors so the client sees the same 400s as anywhere else.
import type SQLite from 'better-sqlite3';
import type { Locale } from '../../shared/api/settings';
import { reportPatientIds, runReport } from './registry';
import { toCsv, toXlsx } from './export';
import { dashboard } from './dashboard';

export type ReportJob =
  | { kind: 'run'; id: string; params: Record<string, unknown>; locale: Locale }
  | { kind: 'patients'; id: string; params: Record<string, unknown>; locale: Locale; rowIndex?: number; column: string }
  | { kind: 'export'; id: string; params: Record<string, unknown>; locale: Locale; format: 'csv' | 'xlsx'; title: string }
  | { kind: 'dashboard'; branchId?: number };

export async function doJob(db: SQLite.Database, job: ReportJob): Promise<unknown> {
  switch (job.kind) {
    case 'run':
      return runReport(db, job.id, job.params, job.locale);
    case 'dashboard':
      return dashboard(db, job.branchId);
    case 'patients': {
      const ids = reportPatientIds(db, job.id, job.params, job.rowIndex, job.column);
      if (!ids.length) return [];
      // Chunks keep the statement under SQLite's variable limit.
      const out: Array<{ id: number; name: string; phone: string | null }> = [];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        out.push(
          ...(db
            .prepare(
              `SELECT id, trim(last_name || ' ' || first_name || ' ' || coalesce(middle_name, '')) AS name, phone
               FROM patients WHERE id IN (${chunk.map(() => '?').join(',')})`,
            )
            .all(...chunk) as Array<{ id: number; name: string; phone: string | null }>),
        );
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    }
    case 'export': {
      const result = runReport(db, job.id, job.params, job.locale);
      const stamp = `${job.id}_${String(result.params.from)}_${String(result.params.to)}`;
      if (job.format === 'csv') return { fileName: `${stamp}.csv`, mime: 'text/csv', contentBase64: toCsv(result).toString('base64') };
      return {
        fileName: `${stamp}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        contentBase64: (await toXlsx(result, job.title)).toString('base64'),
      };
    }
  }
}
