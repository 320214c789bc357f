// Consistent online backups through SQLite's backup API: daily (the last 14
// kept), monthly (the last 12) and before every migration. Each copy is
// checked with PRAGMA integrity_check; a copy that fails is deleted and reported.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { format } from 'date-fns';

export const KEEP_DAILY = 14;
export const KEEP_MONTHLY = 12;

export class BackupCheckError extends Error {}

/** Opens a file read-only and runs SQLite's integrity check; throws with the reason when it fails. */
export function checkDatabaseFile(file: string): void {
  if (!fs.existsSync(file)) throw new BackupCheckError(`${file} does not exist`);
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const verdict = rows.map((r) => r.integrity_check).join('; ');
    if (verdict !== 'ok') throw new BackupCheckError(`${file} failed the integrity check: ${verdict}`);
    const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kysely_migration'").get();
    if (!hasSchema) throw new BackupCheckError(`${file} is not a Clinic CRM database (no migration table)`);
  } catch (e) {
    if (e instanceof BackupCheckError) throw e;
    throw new BackupCheckError(`${file} is not a readable SQLite database: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Copies the live database into `dest` and checks the copy. */
export async function backupTo(sqlite: SQLite.Database, dest: string): Promise<string> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { force: true });
  await sqlite.backup(tmp);
  try {
    // The copy inherits WAL mode from the live file's header: switch it to a
    // rollback journal, so a backup is one self-contained file and opening it
    // read-only (the check below, a restore's check) leaves no -wal/-shm behind.
    const copy = new SQLite(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    checkDatabaseFile(tmp);
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
  fs.renameSync(tmp, dest);
  return dest;
}

function prune(dir: string, keep: number): void {
  if (!fs.existsSync(dir)) return;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort();
  for (const f of files.slice(0, Math.max(0, files.length - keep))) fs.rmSync(path.join(dir, f), { force: true });
}

export interface BackupPlan {
  dir: string;
  /** The daily copy made (or already there) for `now`. */
  daily: string;
  /** The monthly copy, made from the first daily copy of a month. */
  monthly: string;
}

export function planFor(backupDir: string, now: Date): BackupPlan {
  return {
    dir: backupDir,
    daily: path.join(backupDir, 'daily', `clinic-${format(now, 'yyyy-MM-dd')}.sqlite`),
    monthly: path.join(backupDir, 'monthly', `clinic-${format(now, 'yyyy-MM')}.sqlite`),
  };
}

/** Makes today's backup if it is not there yet, the month's if missing, and prunes old ones. */
export async function dailyBackup(sqlite: SQLite.Database, backupDir: string, now = new Date()): Promise<string | null> {
  const plan = planFor(backupDir, now);
  let made: string | null = null;
  if (!fs.existsSync(plan.daily)) made = await backupTo(sqlite, plan.daily);
  if (!fs.existsSync(plan.monthly)) {
    fs.mkdirSync(path.dirname(plan.monthly), { recursive: true });
    fs.copyFileSync(plan.daily, plan.monthly);
  }
  prune(path.join(backupDir, 'daily'), KEEP_DAILY);
  prune(path.join(backupDir, 'monthly'), KEEP_MONTHLY);
  return made;
}

export function manualBackupPath(backupDir: string, now = new Date()): string {
  return path.join(backupDir, 'manual', `clinic-${format(now, "yyyy-MM-dd'T'HHmmss")}.sqlite`);
}

export function preMigrationPath(backupDir: string, now = new Date()): string {
  return path.join(backupDir, 'pre-migration', `clinic-${format(now, "yyyy-MM-dd'T'HHmmss")}.sqlite`);
}

/**
 * Replaces the database file with a checked backup while the host is stopped.
 * The current database is kept aside (returned path) rather than deleted.
 */
export function restoreFrom(backupFile: string, dbFile: string, now = new Date()): string | null {
  checkDatabaseFile(backupFile);
  let keptAside: string | null = null;
  if (fs.existsSync(dbFile)) {
    keptAside = `${dbFile}.before-restore-${format(now, "yyyyMMdd'T'HHmmss")}`;
    // Fold the WAL into the main file first so the copy kept aside is whole.
    const live = new SQLite(dbFile);
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.close();
    fs.renameSync(dbFile, keptAside);
    for (const ext of ['-wal', '-shm']) fs.rmSync(dbFile + ext, { force: true });
  }
  fs.copyFileSync(backupFile, dbFile);
  return keptAside;
}

/** Runs the daily backup now and then every hour (it is a no-op once today's copy exists). */
export function scheduleBackups(sqlite: SQLite.Database, backupDir: string, onError: (e: unknown) => void): () => void {
  const run = () => dailyBackup(sqlite, backupDir).catch(onError);
  const first = setTimeout(run, 5_000);
  const hourly = setInterval(run, 60 * 60_000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
