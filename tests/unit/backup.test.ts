import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, tempDir, type Clinic } from './harness';
import { backupTo, checkDatabaseFile, dailyBackup, restoreFrom, BackupCheckError, KEEP_DAILY, KEEP_MONTHLY } from '../../main/jobs/backup';
import { networkShareOf } from '../../main/db/network-share';
import { openDatabase, DatabaseLocationError } from '../../main/db/connection';

let clinic: Clinic;
let out: string;
beforeEach(async () => {
  clinic = await makeClinic();
  out = tempDir('clinic-backup-');
});
afterEach(async () => {
  await clinic.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const addPatient = (lastName: string, phone: string) =>
  clinic.call('reception', 'patients.create', { lastName, firstName: 'Тест', phone, sourceId: clinic.sourceId });

/** Last names of the patients in a database file, read by a separate connection. */
function lastNamesIn(file: string): string[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT last_name FROM patients ORDER BY id').all() as Array<{ last_name: string }>).map((r) => r.last_name);
  } finally {
    db.close();
  }
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('backupTo and checkDatabaseFile', () => {
  it('makes a checked copy holding the data, leaving no partial file', async () => {
    await addPatient('Архипов', '+7 912 000-00-01');
    await addPatient('Борисова', '+7 912 000-00-02');
    const dest = path.join(out, 'nested', 'copy.sqlite');
    expect(await backupTo(clinic.database.sqlite, dest)).toBe(dest);
    expect(() => checkDatabaseFile(dest)).not.toThrow();
    expect(lastNamesIn(dest)).toEqual(['Архипов', 'Борисова']);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['copy.sqlite']);
  });

  it('rejects a garbage file, a missing file, another app\'s database and a truncated copy', async () => {
    const garbage = path.join(out, 'garbage.sqlite');
    fs.writeFileSync(garbage, crypto.randomBytes(64 * 1024));
    expect(() => checkDatabaseFile(garbage)).toThrow(BackupCheckError);
    expect(() => checkDatabaseFile(path.join(out, 'missing.sqlite'))).toThrow(BackupCheckError);

    const foreign = path.join(out, 'other-app.sqlite');
    const other = new SQLite(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    expect(() => checkDatabaseFile(foreign)).toThrow(/not a Clinic CRM database/);

    // Enough rows that the copy spans many pages.
    clinic.database.sqlite.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO patients (last_name, first_name, comment) SELECT 'Пациент' || i, 'Тест', hex(randomblob(100)) FROM n`);
    const good = await backupTo(clinic.database.sqlite, path.join(out, 'good.sqlite'));
    const truncated = path.join(out, 'truncated.sqlite');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(() => checkDatabaseFile(truncated)).toThrow(BackupCheckError);
  });
});

describe('restoreFrom', () => {
  it('refuses a bad file and leaves the current database untouched', async () => {
    await addPatient('Васильев', '+7 912 000-00-03');
    const file = clinic.database.file;
    await clinic.database.close();
    const before = sha(file);
    const bad = path.join(out, 'bad.sqlite');
    fs.writeFileSync(bad, 'SQLite format 3\0 but not really');

    expect(() => restoreFrom(bad, file)).toThrow(BackupCheckError);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(lastNamesIn(file)).toEqual(['Васильев']);
    clinic.database = await openDatabase(file);
  });

  it('replaces the database with a good copy and keeps the old one aside', async () => {
    await addPatient('Григорьев', '+7 912 000-00-04');
    const backup = await backupTo(clinic.database.sqlite, path.join(out, 'b.sqlite'));
    await addPatient('Данилова', '+7 912 000-00-05');
    const file = clinic.database.file;
    await clinic.database.close();

    const aside = restoreFrom(backup, file, new Date(2026, 4, 17, 9, 30, 0));
    expect(aside).toBe(`${file}.before-restore-20260517T093000`);
    expect(fs.existsSync(aside!)).toBe(true);
    expect(lastNamesIn(aside!)).toEqual(['Григорьев', 'Данилова']);
    expect(lastNamesIn(file)).toEqual(['Григорьев']);

    clinic.database = await openDatabase(file);
    const found = await clinic.database.db.selectFrom('patients').select('last_name').execute();
    expect(found).toEqual([{ last_name: 'Григорьев' }]);
  });
});

describe('dailyBackup', () => {
  const listed = (sub: string) => fs.readdirSync(path.join(out, sub)).sort();

  it('keeps the last 14 daily copies, one per day', async () => {
    const made: Array<string | null> = [];
    for (let d = 1; d <= 20; d++) made.push(await dailyBackup(clinic.database.sqlite, out, new Date(2026, 0, d, 3)));
    expect(made.every((m) => m !== null)).toBe(true);
    // A second run the same day makes nothing.
    expect(await dailyBackup(clinic.database.sqlite, out, new Date(2026, 0, 20, 23))).toBeNull();
    expect(KEEP_DAILY).toBe(14);
    expect(listed('daily')).toEqual(Array.from({ length: 14 }, (_, i) => `clinic-2026-01-${String(i + 7).padStart(2, '0')}.sqlite`));
    expect(listed('monthly')).toEqual(['clinic-2026-01.sqlite']);
    for (const f of listed('daily')) expect(() => checkDatabaseFile(path.join(out, 'daily', f))).not.toThrow();
  });

  it('keeps the last 12 monthly copies', async () => {
    for (let m = 0; m < 14; m++) {
      await addPatient(`Месяц${m}`, `+7 912 200-00-${String(10 + m)}`);
      await dailyBackup(clinic.database.sqlite, out, new Date(2025, m, 1, 3));
    }
    expect(KEEP_MONTHLY).toBe(12);
    const monthly = listed('monthly');
    expect(monthly).toHaveLength(12);
    expect(monthly[0]).toBe('clinic-2025-03.sqlite');
    expect(monthly[11]).toBe('clinic-2026-02.sqlite');
    expect(listed('daily')).toHaveLength(14);
    // The monthly copy is the data of its month.
    expect(lastNamesIn(path.join(out, 'monthly', 'clinic-2025-03.sqlite'))).toHaveLength(3);
    expect(() => checkDatabaseFile(path.join(out, 'monthly', 'clinic-2026-02.sqlite'))).not.toThrow();
  });
});

describe('network shares', () => {
  const statfsOf = (type: number) => () => ({ type });

  it('names NFS and CIFS by their statfs magic numbers, and UNC paths by their form', () => {
    const file = path.join(out, 'clinic.sqlite');
    expect(networkShareOf(file, statfsOf(0x6969))).toBe('NFS');
    expect(networkShareOf(file, statfsOf(0xff534d42))).toBe('CIFS');
    // statfs may report the magic as a signed 32-bit number.
    expect(networkShareOf(file, statfsOf(0xff534d42 | 0))).toBe('CIFS');
    expect(networkShareOf(file, statfsOf(0xef53))).toBeNull();
    expect(networkShareOf('\\\\server\\share\\x.sqlite')).toBe('UNC');
    expect(networkShareOf('//server/share/x.sqlite')).toBe('UNC');
  });

  it('finds a local temp folder local, even for a file not created yet', () => {
    expect(networkShareOf(path.join(out, 'not', 'yet', 'clinic.sqlite'))).toBeNull();
    const probed: string[] = [];
    networkShareOf(path.join(out, 'not', 'yet', 'clinic.sqlite'), (p) => (probed.push(p), { type: 0xef53 }));
    expect(probed).toEqual([out]);
  });

  it('refuses to open a database on a UNC path', async () => {
    await expect(openDatabase('\\\\server\\share\\clinic.sqlite')).rejects.toThrow(DatabaseLocationError);
    await expect(openDatabase('//server/share/clinic.sqlite')).rejects.toThrow(/network share \(UNC\)/);
  });
});
