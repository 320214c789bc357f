// Search as you type over the trigram index (SQLite FTS5): any part of a
// name, phone digits typed in any format, or e-mail. This file is the one
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

function ftsQuote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export async function searchPatients(db: Db, input: SearchInput): Promise<{ items: PatientListItem[]; total: number }> {
  const terms = searchTerms(input.query);
  // Trigrams need three characters; shorter terms are matched with LIKE.
  const fts = terms
    .filter((t) => t.value.length >= 3)
    .map((t) => (t.column === 'phone_digits' ? `phone_digits : ${ftsQuote(t.value)}` : `{name email} : ${ftsQuote(t.value)}`));
  const short = terms.filter((t) => t.value.length < 3);

  const filters: Expression<SqlBool>[] = [sql<SqlBool>`p.deleted_at IS NULL`, sql<SqlBool>`p.merged_into_id IS NULL`];
  if (fts.length) {
    filters.push(sql<SqlBool>`p.id IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH ${fts.join(' AND ')})`);
  }
  for (const t of short) {
    const like = `${t.value}%`;
    filters.push(
      t.column === 'phone_digits'
        ? sql<SqlBool>`p.phone LIKE ${'%' + t.value + '%'}`
        : sql<SqlBool>`(p.last_name LIKE ${like} OR p.first_name LIKE ${like} OR p.middle_name LIKE ${like})`,
    );
  }
  if (input.sourceId) filters.push(sql<SqlBool>`p.source_id = ${input.sourceId}`);
  if (input.city) filters.push(sql<SqlBool>`p.city = ${input.city}`);
  const where = sql.join(filters, sql` AND `);

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
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM patients p WHERE ${where}`.execute(db);

  return {
    total: count.rows[0].n,
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
