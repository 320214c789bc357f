// The writer's statement cache: repeated SQL reuses one prepared statement,
// the cache stays bounded, EXPLAIN is never reused, and a cached statement
// still sees a schema change (SQLite re-prepares it).
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { withStatementCache } from '../../main/db/statement-cache';
import { tempDir } from './harness';

let sqlite: SQLite.Database | null = null;
afterEach(() => sqlite?.close());

function open(): SQLite.Database {
  sqlite = new SQLite(path.join(tempDir(), 'cache.sqlite'));
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  return sqlite;
}

describe('withStatementCache', () => {
  it('reuses the statement of the same SQL and keeps the most recent ones', () => {
    const cached = withStatementCache(open(), 2);
    const a = cached.prepare('SELECT * FROM t WHERE id = ?');
    expect(cached.prepare('SELECT * FROM t WHERE id = ?')).toBe(a);
    const b = cached.prepare('SELECT name FROM t');
    cached.prepare('SELECT * FROM t WHERE id = ?'); // a used last
    cached.prepare('SELECT id FROM t'); // evicts b, the least recently used
    expect(cached.prepare('SELECT * FROM t WHERE id = ?')).toBe(a);
    expect(cached.prepare('SELECT name FROM t')).not.toBe(b);
    expect(cached.prepare('EXPLAIN SELECT 1')).not.toBe(cached.prepare('EXPLAIN SELECT 1'));
  });

  it('answers everything else from the database, and a cached statement follows a schema change', () => {
    const cached = withStatementCache(open());
    expect(cached.open).toBe(true);
    cached.prepare('INSERT INTO t (name) VALUES (?)').run('a');
    const all = cached.prepare('SELECT * FROM t');
    expect(all.all()).toEqual([{ id: 1, name: 'a' }]);
    cached.exec("ALTER TABLE t ADD COLUMN city TEXT DEFAULT 'Kazan'");
    expect(cached.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, name: 'a', city: 'Kazan' }]);
  });
});
