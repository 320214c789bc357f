// The patient list, faster and fairer. Frozen once landed, like the others.
//
// 1. Counting the live patients of one marketing source or one city scanned
//    the whole table (20+ ms on 100k patients): partial indexes over live
//    patients answer from a small index range, and count the whole live list.
// 2. A name typed with one or two letters ("Ив") cannot use the trigram index
//    and fell back to LIKE, which SQLite folds only for ASCII: "ив" never
//    found "Иванов", after a 300 ms scan. A second full-text index of name
//    words with prefix indexes of 1 and 2 letters finds word starts in any
//    case and script, kept in sync by triggers like the trigram one.
import { Kysely, sql } from 'kysely';

const LIVE = sql`deleted_at IS NULL AND merged_into_id IS NULL`;
const words = (p: string) => sql.raw(`coalesce(${p}.last_name,'') || ' ' || coalesce(${p}.first_name,'') || ' ' || coalesce(${p}.middle_name,'')`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX patients_live_source ON patients (source_id) WHERE ${LIVE}`.execute(db);
  await sql`CREATE INDEX patients_live_city ON patients (city) WHERE ${LIVE}`.execute(db);

  await sql`CREATE VIRTUAL TABLE patients_name_words USING fts5(
    name, tokenize = 'unicode61', prefix = '1 2', content = '', contentless_delete = 1
  )`.execute(db);
  await sql`INSERT INTO patients_name_words(rowid, name) SELECT p.id, ${words('p')} FROM patients p WHERE ${LIVE}`.execute(db);
  await sql`CREATE TRIGGER patients_name_words_insert AFTER INSERT ON patients
    WHEN new.deleted_at IS NULL AND new.merged_into_id IS NULL BEGIN
    INSERT INTO patients_name_words(rowid, name) VALUES (new.id, ${words('new')});
  END`.execute(db);
  await sql`CREATE TRIGGER patients_name_words_update AFTER UPDATE ON patients BEGIN
    DELETE FROM patients_name_words WHERE rowid = old.id;
    INSERT INTO patients_name_words(rowid, name)
      SELECT new.id, ${words('new')} WHERE new.deleted_at IS NULL AND new.merged_into_id IS NULL;
  END`.execute(db);
  await sql`CREATE TRIGGER patients_name_words_delete AFTER DELETE ON patients BEGIN
    DELETE FROM patients_name_words WHERE rowid = old.id;
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['insert', 'update', 'delete']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`patients_name_words_${t}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS patients_name_words`.execute(db);
  await sql`DROP INDEX IF EXISTS patients_live_source`.execute(db);
  await sql`DROP INDEX IF EXISTS patients_live_city`.execute(db);
}
