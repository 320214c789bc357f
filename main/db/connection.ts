// Opens the one writer connection of the host: WAL with synchronous=FULL so an
// acknowledged write survives a power cut, foreign keys on, a busy timeout for
// the worker threads' readers. Migrations run here, with a backup first.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrationProvider, latestSchemaVersion } from './migrations';
import { networkShareOf } from './network-share';
import { withStatementCache } from './statement-cache';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  sqlite: SQLite.Database;
  file: string;
  close(): Promise<void>;
}

export class DatabaseLocationError extends Error {}

export function applyPragmas(sqlite: SQLite.Database, readonly = false): void {
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Pages kept in memory. The report threads scan history (64 MB: the 10-year
  // reports' working set); the writer's queries are seeks — a patient, a day,
  // a search page — and its 32 MB is memory a reception PC keeps.
  sqlite.pragma(`cache_size = ${readonly ? -65536 : -32768}`);
}

export interface OpenOptions {
  /** Called with the path of a fresh backup before pending migrations run. */
  backupBeforeMigration?: (sqlite: SQLite.Database) => Promise<void>;
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const share = networkShareOf(file);
  if (share) {
    throw new DatabaseLocationError(
      `The database ${file} is on a network share (${share}). SQLite cannot lock files safely there. ` +
        'Keep the database on this PC\'s local disk and let other workstations connect to this host over the network.',
    );
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  applyPragmas(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    const pending = schemaVersionOf(sqlite) < latestSchemaVersion;
    if (pending && options.backupBeforeMigration && schemaVersionOf(sqlite) > 0) {
      await options.backupBeforeMigration(sqlite);
    }
    const migrator = new Migrator({ db, provider: migrationProvider });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, sqlite, file, close: () => db.destroy() };
}

/** Number of applied migrations; 0 for an empty database. */
export function schemaVersionOf(sqlite: SQLite.Database): number {
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
    .get();
  if (!exists) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n;
}
