// The host: owns the SQLite file, serves the API and the UI. The same entry
// runs under `npm run serve`, `npm run demo` and Electron's utilityProcess.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type OpenedDatabase } from '../db/connection';
import { createRouter } from '../api';
import { ChangeFeed } from '../api/events';
import { readFlag } from '../api/settings';
import type { Router } from '../api/router';
import { backupTo, preMigrationPath, scheduleBackups } from '../jobs/backup';
import { buildHttp } from './http';
import { WorkerReportRunner } from '../reports/runner';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from '../db/checkpoints';
import { scheduleTaskRules } from '../jobs/task-rules-schedule';
import { startMessaging } from '../jobs/messaging';

export interface HostOptions {
  dataDir: string;
  port: number;
  host: string;
  /** Renderer build folder; defaults to dist/renderer of this checkout. */
  rendererDir?: string | null;
  backups?: boolean;
  /** The automatic task rules' job (on start and every 10 minutes); default on. */
  taskRules?: boolean;
  logger?: boolean;
  /** The host's clock; browser tests run the host at a chosen time of day. */
  now?: () => Date;
}

export interface RunningHost {
  url: string;
  port: number;
  router: Router;
  database: OpenedDatabase;
  app: FastifyInstance;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4780;

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'clinic.sqlite');
}

export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');
}

/** Host settings from the environment, as the README documents them. */
export function hostOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HostOptions {
  const port = env.CLINIC_PORT ? Number(env.CLINIC_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CLINIC_PORT must be a port number, not "${env.CLINIC_PORT}"`);
  return {
    dataDir: path.resolve(env.CLINIC_DATA_DIR ?? 'data'),
    port,
    host: env.CLINIC_HOST ?? '127.0.0.1',
  };
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const database = await openDatabase(databaseFile(opts.dataDir), {
    backupBeforeMigration: async (sqlite) => {
      await backupTo(sqlite, preMigrationPath(backupDir(opts.dataDir)));
    },
  });
  const feed = new ChangeFeed();
  // The report thread also checkpoints the WAL, so no request pays for it.
  const reports = new WorkerReportRunner(database.file, 1, { checkpointMs: 2000 });
  database.sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const router = createRouter({ db: database.db, feed, demo: await readFlag(database.db, 'demo'), reports, now: opts.now });
  const app = await buildHttp({
    router,
    sqlite: database.sqlite,
    rendererDir: opts.rendererDir === undefined ? defaultRendererDir() : opts.rendererDir,
    logger: opts.logger,
  });
  let stopBackups = () => {};
  let stopRules = () => {};
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (e) {
    await reports.close();
    await database.close();
    throw e;
  }
  if (opts.backups !== false) {
    stopBackups = scheduleBackups(database.sqlite, backupDir(opts.dataDir), (e) => app.log.error(e));
  }
  if (opts.taskRules !== false) stopRules = scheduleTaskRules(router, (e) => app.log.error(e));
  const stopMessaging = await startMessaging(database.db, feed, opts.now ?? (() => new Date()), (e) => app.log.error(e));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    router,
    database,
    app,
    close: async () => {
      stopBackups();
      stopRules();
      await stopMessaging();
      await app.close();
      await reports.close();
      await database.close();
    },
  };
}
