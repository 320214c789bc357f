// The checkpoint thread's job: with the writer's auto-checkpoint off, its
// committed pages reach the database file only through checkpointEvery.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { checkpointEvery } from '../../main/db/checkpoints';
import { tempDir } from './harness';

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('checkpointEvery', () => {
  it('moves the WAL into the database file from its own connection', async () => {
    const file = path.join(tempDir(), 'wal.sqlite');
    const writer = new SQLite(file);
    stops.push(() => writer.close());
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    const size = () => fs.statSync(file).size;
    // Everything is still in the WAL: the database file holds a page or two.
    expect(size()).toBeLessThan(16 * 1024);
    stops.push(checkpointEvery(file, 20));
    const deadline = Date.now() + 5000;
    while (size() < 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // 2000 rows of 500 bytes are now in the file itself, and read back whole.
    expect(size()).toBeGreaterThan(1_000_000);
    const reader = new SQLite(file, { readonly: true });
    stops.push(() => reader.close());
    expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2000 });
  });
});
