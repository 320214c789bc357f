// A report thread: one read-only connection, jobs in, results out.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../api/errors';
import { doJob, type ReportJob } from './jobs';
import { openReadOnly } from './runner';
import { checkpointEvery } from '../db/checkpoints';

const { file, checkpointMs } = workerData as { file: string; checkpointMs?: number };
const db = openReadOnly(file);
// The host's WAL checkpoints run here, off its event loop (main/db/checkpoints.ts).
if (checkpointMs) checkpointEvery(file, checkpointMs);

parentPort!.on('message', async ({ id, job }: { id: number; job: ReportJob }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: await doJob(db, job) });
  } catch (e) {
    const error = e instanceof ApiError ? { code: e.code, message: e.message, extra: e.extra } : { code: 'internal', message: (e as Error).message, extra: {} };
    parentPort!.postMessage({ id, ok: false, error });
  }
});
