// The director's reports over the API. The work happens in the report runner
// (worker threads on the host), never on the request path.
import type { ReportResult, ReportInfo } from '../../shared/api/reports';
import { reportList } from '../reports/registry';
import type { ReportJob } from '../reports/jobs';
import { ApiError } from './errors';
import type { Ctx, Handlers } from './router';

function runner(ctx: Ctx) {
  if (!ctx.host.reports) throw new ApiError('internal', 'Reports are not available on this host');
  return ctx.host.reports;
}

async function submit<T>(ctx: Ctx, job: ReportJob): Promise<T> {
  return (await runner(ctx).submit(job)) as T;
}

export const reportsHandlers: Handlers = {
  'reports.list': async (): Promise<ReportInfo[]> => reportList(),
  'reports.run': async (ctx, { id, params, locale }) => submit<ReportResult>(ctx, { kind: 'run', id, params, locale }),
  'reports.patients': async (ctx, { id, params, locale, rowIndex, column }) => submit(ctx, { kind: 'patients', id, params, locale, rowIndex, column }),
  'reports.export': async (ctx, { id, params, locale, format }) => submit(ctx, { kind: 'export', id, params, locale, format, title: id }),
  'reports.dashboard': async (ctx, { branchId }) => submit(ctx, { kind: 'dashboard', branchId }),
};
