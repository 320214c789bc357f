import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, tempDir, type Clinic } from './harness';
import { openDatabase, schemaVersionOf, type OpenedDatabase } from '../../main/db/connection';
import { latestSchemaVersion } from '../../main/db/migrations';
import type { Database } from '../../main/db/schema';
import { findDuplicates } from '../../main/api/patients';

describe('openDatabase', () => {
  let dir: string;
  let opened: OpenedDatabase | null = null;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await opened?.close();
    opened = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates an empty file to the latest version with durable pragmas', async () => {
    const file = path.join(dir, 'sub', 'clinic.sqlite');
    opened = await openDatabase(file);
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(1);
    expect(schemaVersionOf(opened.sqlite)).toBe(latestSchemaVersion);
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['patients', 'patients_fts', 'users', 'sessions', 'audit_log', 'appointments', 'payments']));
    const fts = opened.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'patients_fts'").get() as { sql: string };
    expect(fts.sql).toMatch(/USING fts5/i);
  });

  it('does nothing when reopened at the latest version, and takes no backup', async () => {
    const file = path.join(dir, 'clinic.sqlite');
    const first = await openDatabase(file);
    const applied = first.sqlite.prepare('SELECT name, timestamp FROM kysely_migration ORDER BY name').all();
    await first.db.insertInto('branches').values({ name: 'Центр', city: 'Киев' }).execute();
    await first.close();

    const backups: unknown[] = [];
    opened = await openDatabase(file, { backupBeforeMigration: async (s) => void backups.push(s) });
    expect(schemaVersionOf(opened.sqlite)).toBe(latestSchemaVersion);
    expect(opened.sqlite.prepare('SELECT name, timestamp FROM kysely_migration ORDER BY name').all()).toEqual(applied);
    expect(await opened.db.selectFrom('branches').select('name').execute()).toEqual([{ name: 'Центр' }]);
    expect(backups).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    opened = await openDatabase(path.join(dir, 'clinic.sqlite'));
    expect(() =>
      opened!.sqlite.prepare("INSERT INTO payments (patient_id, paid_at, amount, method) VALUES (999, '2026-01-01', 100, 'cash')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('query plans', () => {
  let dir: string;
  let opened: OpenedDatabase;
  beforeEach(async () => {
    dir = tempDir();
    opened = await openDatabase(path.join(dir, 'clinic.sqlite'));
  });
  afterEach(async () => {
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs findDuplicates as the app does and returns the query plan of every statement it sent. */
  async function plansOf(probe: Parameters<typeof findDuplicates>[1]): Promise<string[]> {
    const queries: CompiledQuery[] = [];
    // A second kysely over the same connection, logging what it runs; not destroyed, as that would close the connection.
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: opened.sqlite }),
      log: (e) => void queries.push(e.query),
    });
    await findDuplicates(logged, probe);
    expect(queries.length).toBeGreaterThan(0);
    return queries.map((q) =>
      (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | '),
    );
  }

  it('finds duplicates by phone through patients_phone', async () => {
    const [plan] = await plansOf({ phone: '+79123456789' });
    expect(plan).toMatch(/USING INDEX patients_phone \(phone=\?\)/);
    expect(plan).not.toMatch(/SCAN patients\b/);
  });

  it('finds duplicates by name and birth date through patients_birth_date', async () => {
    const plans = await plansOf({ lastName: 'Иванов', firstName: 'Пётр', birthDate: '1985-03-14' });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/USING INDEX patients_birth_date \(birth_date=\?\)/);
  });
});

describe('patient search index', () => {
  let clinic: Clinic;
  beforeEach(async () => {
    clinic = await makeClinic();
  });
  afterEach(async () => clinic.close());

  const find = async (query: string) => (await clinic.call('reception', 'patients.search', { query })).items.map((i) => i.lastName);
  const ftsRows = () => (clinic.database.sqlite.prepare('SELECT count(*) AS n FROM patients_fts').get() as { n: number }).n;

  it('follows inserts, updates and soft deletes', async () => {
    const p = await clinic.call('reception', 'patients.create', {
      lastName: 'Ефимова', firstName: 'Дарья', phone: '+7 915 222-33-44', email: 'daria@mail.ru', sourceId: clinic.sourceId,
    });
    expect(ftsRows()).toBe(1);
    expect(await find('ефим')).toEqual(['Ефимова']);
    expect(await find('2223344')).toEqual(['Ефимова']);
    expect(await find('daria@')).toEqual(['Ефимова']);

    const edited = await clinic.call('reception', 'patients.update', {
      id: p.id, updatedAt: p.updatedAt, lastName: 'Жукова', phone: '+7 915 999-88-77',
    });
    expect(await find('ефим')).toEqual([]);
    expect(await find('2223344')).toEqual([]);
    expect(await find('жуков')).toEqual(['Жукова']);
    expect(await find('9998877')).toEqual(['Жукова']);
    expect(await find('daria@')).toEqual(['Жукова']);
    expect(ftsRows()).toBe(1);

    await clinic.call('reception', 'patients.update', { id: p.id, updatedAt: edited.updatedAt, email: null });
    expect(await find('daria@')).toEqual([]);

    await clinic.call('admin', 'patients.delete', { id: p.id });
    expect(await find('жуков')).toEqual([]);
    expect(await find('9998877')).toEqual([]);
    expect(ftsRows()).toBe(0);
  });

  it('drops a merged duplicate from the index and keeps the survivor', async () => {
    const a = await clinic.call('reception', 'patients.create', { lastName: 'Зуев', firstName: 'Илья', phone: '+7 915 100-00-01', sourceId: clinic.sourceId });
    const b = await clinic.call('reception', 'patients.create', { lastName: 'Зуев', firstName: 'Илья', phone: '+7 915 100-00-02', sourceId: clinic.sourceId });
    await clinic.call('director', 'patients.merge', { sourceId: b.id, targetId: a.id });
    expect((await clinic.call('reception', 'patients.search', { query: 'зуев' })).items.map((i) => i.id)).toEqual([a.id]);
    expect(await find('1000002')).toEqual([]);
    expect(ftsRows()).toBe(1);
  });
});
