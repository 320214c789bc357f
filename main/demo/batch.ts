// Multi-row INSERT statements for bulk loading: one statement per 100 rows
// crosses into SQLite a hundred times less often.
import type SQLite from 'better-sqlite3';

type Value = string | number | null;

export class BatchInsert {
  private readonly columns: number;
  /** Prepared statements by number of rows: a parent's partial batches recur. */
  private readonly statements = new Map<number, SQLite.Statement>();
  private values: Value[] = [];
  rows = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly table: string,
    private readonly columnList: readonly string[],
    private readonly batch = 100,
    /** Rows this table's rows reference: flushed first, so foreign keys hold at every statement. */
    private readonly parent?: BatchInsert,
  ) {
    this.columns = columnList.length;
  }

  add(...row: Value[]): void {
    for (const v of row) this.values.push(v);
    this.rows++;
    if (this.values.length === this.batch * this.columns) this.flush();
  }

  flush(): void {
    const n = this.values.length / this.columns;
    if (n === 0) return;
    this.parent?.flush();
    let statement = this.statements.get(n);
    if (!statement) this.statements.set(n, (statement = this.prepare(n)));
    statement.run(this.values);
    this.values = [];
  }

  private prepare(rows: number): SQLite.Statement {
    const row = `(${Array(this.columns).fill('?').join(', ')})`;
    return this.sqlite.prepare(`INSERT INTO ${this.table} (${this.columnList.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`);
  }
}

/**
 * Thousands of rows per statement, passed as one JSON array: for patients,
 * whose FTS5 trigger flushes the index once per statement (row by row the
 * insert was four times slower, 100-row VALUES lists still 1.6 times).
 */
export class JsonBatchInsert {
  private readonly statement: SQLite.Statement;
  private rows: Value[][] = [];

  constructor(sqlite: SQLite.Database, table: string, columns: readonly string[], private readonly batch = 5000) {
    const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
    this.statement = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM json_each(?)`);
  }

  add(...row: Value[]): void {
    this.rows.push(row);
    if (this.rows.length === this.batch) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0) return;
    this.statement.run(JSON.stringify(this.rows));
    this.rows = [];
  }
}
