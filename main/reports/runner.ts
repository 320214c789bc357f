// Where reports run. On the host: worker threads with their own read-only
// connections (WAL lets them read beside the writer), so a 10-year report
// never stalls a booking on the host's event loop. In tests and the CLI: the
// same jobs in-process.
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { ApiError } from '../api/errors';
import { applyPragmas } from '../db/connection';
import { doJob, type ReportJob } from './jobs';

export interface ReportRunner {
  submit(job: ReportJob): Promise<unknown>;
  close(): Promise<void>;
}

export function openReadOnly(file: string): SQLite.Database {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  applyPragmas(db, true);
  return db;
}

export class LocalReportRunner implements ReportRunner {
  private db: SQLite.Database | null = null;
  constructor(private readonly file: string) {}

  async submit(job: ReportJob): Promise<unknown> {
    this.db ??= openReadOnly(this.file);
    return doJob(this.db, job);
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** A small pool of report threads; jobs go to the least busy one. */
export class WorkerReportRunner implements ReportRunner {
  private readonly workers: Array<{ worker: Worker; busy: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** `checkpointMs`: the first thread also checkpoints the WAL that often (see main/db/checkpoints.ts). */
  constructor(file: string, threads = 1, opts: { checkpointMs?: number } = {}) {
    for (let i = 0; i < threads; i++) {
      const checkpointMs = i === 0 ? opts.checkpointMs : undefined;
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { file, checkpointMs } });
      const slot = { worker, busy: 0 };
      worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: { code: string; message: string; extra: object } }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        slot.busy--;
        if (m.ok) p.resolve(m.value);
        else if (m.error?.code && m.error.code !== 'internal') p.reject(new ApiError(m.error.code as never, m.error.message, m.error.extra));
        else p.reject(new Error(m.error?.message ?? 'report failed'));
      });
      worker.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      worker.unref();
      this.workers.push(slot);
    }
  }

  submit(job: ReportJob): Promise<unknown> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
