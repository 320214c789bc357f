// A report thread: one read-only connection, jobs in, results out.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../api/errors';
import { doJob, type ReportJob } from './jobs';
import { openReadOnly } from './runner';

const db = openReadOnly((workerData as { file: string }).file);

parentPort!.on('message', async ({ id, job }: { id: number; job: ReportJob }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: await doJob(db, job) });
  } catch (e) {
    const error = e instanceof ApiError ? { code: e.code, message: e.message, extra: e.extra } : { code: 'internal', message: (e as Error).message, extra: {} };
    parentPort!.postMessage({ id, ok: false, error });
  }
});
