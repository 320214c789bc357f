// Search as you type over the trigram index (SQLite FTS5): any part of a
// name, phone digits typed in any format, or e-mail; one or two letters match
// the start of a name word through a second, word-prefix index (migration
// 0005), since trigrams need three characters. This file is the one
// SQLite-specific piece of the registry; a PostgreSQL host would put pg_trgm here.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { PatientListItem, SearchPatientsInput } from '../../shared/api/patients';
import { digitsOf } from '../../shared/domain/phone';
import type { Db } from '../db/connection';

type SearchInput = z.output<typeof SearchPatientsInput>;

const PHONE_TOKEN = /^[+\d()\-.\s]*\d[\d()\-.\s]*$/;

interface Term {
  column: 'phone_digits' | 'text';
  value: string;
}

/**
 * Splits what was typed into terms. The index holds both the E.164 digits
 * (79123456789) and the digits as dialled at home (89123456789), so a phone
 * typed in any format is found by its digits alone.
 */
export function searchTerms(query: string): Term[] {
  const q = query.trim();
  if (!q) return [];
  // A whole query that reads as one phone number ("+7 (912) 345-67-89") is one term.
  if (PHONE_TOKEN.test(q)) return [{ column: 'phone_digits', value: digitsOf(q) }];
  return q
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (PHONE_TOKEN.test(t) ? { column: 'phone_digits' as const, value: digitsOf(t) } : { column: 'text' as const, value: t.toLowerCase() }));
}

/** Above this many matches a page is found by walking the sort order (measured on 100k patients: the plans cross near a thousand). */
const WALK_SORT_INDEX_FROM = 1000;

function ftsQuote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export async function searchPatients(db: Db, input: SearchInput): Promise<{ items: PatientListItem[]; total: number }> {
  const terms = searchTerms(input.query);
  const trigrams = terms
    .filter((t) => t.value.length >= 3)
    .map((t) => (t.column === 'phone_digits' ? `phone_digits : ${ftsQuote(t.value)}` : `{name email} : ${ftsQuote(t.value)}`))
    .join(' AND ');
  const wordStarts = terms
    .filter((t) => t.column === 'text' && t.value.length < 3)
    .map((t) => `${ftsQuote(t.value)} *`)
    .join(' AND ');
  // One or two digits say little about a phone; they filter the rows found otherwise.
  const shortDigits = terms.filter((t) => t.column === 'phone_digits' && t.value.length < 3);
  // The patients the full-text indexes find, intersected on their ids alone
  // before any patient row is read. Both indexes hold live patients only
  // (their triggers skip deleted and merged ones).
  const found = [
    trigrams && sql`SELECT rowid FROM patients_fts WHERE patients_fts MATCH ${trigrams}`,
    wordStarts && sql`SELECT rowid FROM patients_name_words WHERE patients_name_words MATCH ${wordStarts}`,
  ].filter((x) => !!x);
  const ids = found.length ? sql`(${sql.join(found, sql` INTERSECT `)})` : null;
  const count = async (rows: ReturnType<typeof sql>) => (await sql<{ n: number }>`SELECT count(*) AS n FROM (${rows})`.execute(db)).rows[0].n;
  // A source or city filter has its own partial index over live patients (migration 0005).
  const filterIndex = sql.raw(input.sourceId ? 'patients_live_source' : input.city ? 'patients_live_city' : 'patients_live_source');

  // Which index SQLite finds rows by: the found ids, the filter's index, or
  // neither, walking the sort order's index. A unary + keeps SQLite from
  // driving by a term, which then only filters.
  type Drive = 'ids' | 'filter' | 'sort';
  const conditions = (drive: Drive, only?: 'filter'): Expression<SqlBool> => {
    const by = (d: Drive) => sql.raw(drive === d ? '' : '+');
    const filters: Expression<SqlBool>[] = [sql<SqlBool>`p.deleted_at IS NULL`, sql<SqlBool>`p.merged_into_id IS NULL`];
    if (input.sourceId) filters.push(sql<SqlBool>`${by('filter')}p.source_id = ${input.sourceId}`);
    if (input.city) filters.push(sql<SqlBool>`${by('filter')}p.city = ${input.city}`);
    if (only !== 'filter') {
      if (ids) filters.push(sql<SqlBool>`${by('ids')}p.id IN ${ids}`);
      for (const t of shortDigits) filters.push(sql<SqlBool>`p.phone LIKE ${'%' + t.value + '%'}`);
    }
    return sql.join(filters, sql` AND `);
  };
  const filtered = Boolean(input.sourceId || input.city);

  // The count comes first: it also picks the plan for the page.
  let drive: Drive;
  let total: number;
  if (ids && !filtered && !shortDigits.length) {
    drive = 'ids';
    total = await count(sql`SELECT * FROM ${ids}`);
  } else if (!ids && !shortDigits.length) {
    // Even with no filter: the narrow partial index counts the live list
    // five times faster than SQLite's own choice, a scan of the table.
    drive = 'filter';
    total = await count(sql`SELECT 1 FROM patients p INDEXED BY ${filterIndex} WHERE ${conditions(drive)}`);
  } else {
    // Found ids and a filter: reading a thousand patients by id costs about
    // what walking the filter's whole index (entries only, no rows) does.
    drive = 'ids';
    if (ids && filtered && (await count(sql`SELECT * FROM ${ids}`)) > WALK_SORT_INDEX_FROM) drive = 'filter';
    total = await count(sql`SELECT 1 FROM patients p WHERE ${conditions(drive)}`);
  }
  // Few matches (a phone's digits, a full surname, a rare source): find them
  // through their index and sort them. Thousands ("Але", the biggest source):
  // sorting all cost 20 ms; walking the sort order's index and keeping the
  // matches stops after one page instead.
  if (total > WALK_SORT_INDEX_FROM && input.sort !== 'lastVisit') drive = 'sort';
  const where = conditions(drive);

  const lastVisit = sql<string | null>`(SELECT max(a.start_at) FROM appointments a WHERE a.patient_id = p.id AND a.status = 'completed')`;
  const dir = sql.raw(input.direction === 'desc' ? 'DESC' : 'ASC');
  const order = {
    name: sql`p.last_name ${dir}, p.first_name ${dir}, p.id ${dir}`,
    createdAt: sql`p.created_at ${dir}, p.id ${dir}`,
    birthDate: sql`p.birth_date ${dir}, p.id ${dir}`,
    lastVisit: sql`last_visit ${dir}, p.id ${dir}`,
  }[input.sort];

  const rows = await sql<{
    id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
    birth_date: string | null;
    phone: string | null;
    email: string | null;
    city: string | null;
    source_id: number | null;
    created_at: string;
    source_name: string | null;
    last_visit: string | null;
  }>`SELECT p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.phone, p.email, p.city,
            p.source_id, p.created_at, s.name AS source_name, ${lastVisit} AS last_visit
     FROM patients p LEFT JOIN sources s ON s.id = p.source_id
     WHERE ${where}
     ORDER BY ${order}
     LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db);
  return {
    total,
    items: rows.rows.map((r) => ({
      id: r.id,
      lastName: r.last_name,
      firstName: r.first_name,
      middleName: r.middle_name,
      birthDate: r.birth_date,
      phone: r.phone,
      email: r.email,
      city: r.city,
      sourceId: r.source_id,
      createdAt: r.created_at,
      sourceName: r.source_name,
      lastVisit: r.last_visit,
    })),
  };
}
