// History import: the id a visit or a payment had in the clinic's old system,
// so importing the same file again updates those rows instead of duplicating
// them (patients got theirs in 0001). Frozen once landed, like the others.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['appointments', 'payments']) {
    await db.schema.alterTable(table).addColumn('external_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_external_id`)
      .on(table)
      .column('external_id')
      .unique()
      .where(sql.ref('external_id'), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['appointments', 'payments']) {
    await sql`DROP INDEX IF EXISTS ${sql.ref(`${table}_external_id`)}`.execute(db);
    await db.schema.alterTable(table).dropColumn('external_id').execute();
  }
}
