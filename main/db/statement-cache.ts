// Kysely's SQLite driver prepares every query afresh. Preparing an UPDATE of
// appointments compiles every trigger that may fire (the report summaries):
// 2.6 ms of a completion's ~15 ms on the large clinic, for SQL text that
// repeats. This keeps the most recent prepared statements by their SQL.
// Safe on the one writer connection: Kysely runs one query at a time on it,
// and SQLite re-prepares a statement by itself after a schema change.
import type SQLite from 'better-sqlite3';

/** The database as Kysely sees it, with `prepare` answered from a bounded LRU cache. */
export function withStatementCache(sqlite: SQLite.Database, size = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = sqlite.prepare(source);
    // EXPLAIN output is computed at prepare time: never reuse it.
    if (!/^\s*explain/i.test(source)) {
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
