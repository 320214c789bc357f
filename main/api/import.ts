// Import of patients from another system's CSV/XLSX export. All-or-nothing
// by default (the router's transaction holds every row); a dry run reports
// what would happen; a row whose external id is already known updates that
// patient, so importing the same file twice creates no duplicates.
import type { ImportResult, ImportRowError } from '../../shared/api/import';
import type { Db } from '../db/connection';
import type { PatientRow } from '../db/schema';
import { readTableFile, type TableRow } from '../import/table-file';
import { readPatientRow, recognizedColumns, type ImportedPatient } from '../import/patients';
import { invalid } from './errors';
import { findDuplicates } from './patients';
import type { Handlers } from './router';
import { readSettings } from './settings';

type Plan = { kind: 'create' } | { kind: 'update'; id: number } | { kind: 'skip' };

async function sourceIdFor(db: Db, name: string | null, cache: Map<string, number>): Promise<number | null> {
  if (!name) return null;
  const key = name.toLowerCase();
  if (cache.has(key)) return cache.get(key)!;
  const sources = await db.selectFrom('sources').select(['id', 'code', 'name']).execute();
  const found = sources.find((s) => s.code.toLowerCase() === key || s.name.toLowerCase() === key);
  let id = found?.id ?? null;
  if (!found) {
    const base = key.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'source';
    let code = base;
    for (let n = 2; sources.some((s) => s.code === code); n++) code = `${base}-${n}`;
    id = (await db.insertInto('sources').values({ code, name }).returning('id').executeTakeFirstOrThrow()).id;
  }
  if (id !== null) cache.set(key, id);
  return id;
}

function columnsOf(p: ImportedPatient, sourceId: number | null): Partial<PatientRow> {
  return {
    external_id: p.externalId,
    last_name: p.lastName,
    first_name: p.firstName,
    middle_name: p.middleName,
    birth_date: p.birthDate,
    sex: p.sex,
    phone: p.phone?.e164 ?? null,
    phone_national: p.phone?.nationalDigits ?? null,
    email: p.email,
    city: p.city,
    address: p.address,
    source_id: sourceId,
    comment: p.comment,
    consent_sms: p.consentSms ? 1 : 0,
    consent_email: p.consentEmail ? 1 : 0,
  };
}

export function checkHeader(rows: TableRow[]): ImportRowError | null {
  if (!rows.length) return null;
  const cols = recognizedColumns(rows[0]);
  if (!('lastName' in cols) && !('fullName' in cols)) {
    return { line: 1, field: 'header', reason: 'no last_name (or full_name) column; see the README for the column names' };
  }
  return null;
}

export const importHandlers: Handlers = {
  'import.patients': async (ctx, input) => {
    let rows: TableRow[];
    try {
      rows = await readTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    } catch (e) {
      throw invalid('contentBase64', `the file cannot be read as ${/\.xlsx$/i.test(input.fileName) ? 'XLSX' : 'CSV'}: ${(e as Error).message}`);
    }
    const { country } = await readSettings(ctx.db);
    const today = new Date().toISOString().slice(0, 10);
    const errors: ImportRowError[] = [];
    const headerError = checkHeader(rows);
    if (headerError) errors.push(headerError);

    const good: Array<{ row: TableRow; patient: ImportedPatient }> = [];
    const seenExternal = new Map<string, number>();
    for (const row of headerError ? [] : rows) {
      const { patient, errors: rowErrors } = readPatientRow(row, country, today);
      errors.push(...rowErrors);
      if (!patient) continue;
      if (patient.externalId) {
        const first = seenExternal.get(patient.externalId);
        if (first) {
          errors.push({ line: row.line, field: 'externalId', reason: `external id ${patient.externalId} is also on line ${first}` });
          continue;
        }
        seenExternal.set(patient.externalId, row.line);
      }
      good.push({ row, patient });
    }

    const result: ImportResult = { dryRun: input.dryRun, total: rows.length, created: 0, updated: 0, skipped: 0, errors, committed: false };
    if (errors.length && input.allOrNothing) return result;

    const plans: Plan[] = [];
    for (const { patient } of good) {
      const existing = patient.externalId
        ? await ctx.db.selectFrom('patients').select('id').where('external_id', '=', patient.externalId).executeTakeFirst()
        : undefined;
      if (existing) plans.push({ kind: 'update', id: existing.id });
      else {
        const dups = await findDuplicates(ctx.db, { ...patient, phone: patient.phone?.e164 });
        plans.push(dups.length && !patient.externalId ? { kind: 'skip' } : { kind: 'create' });
      }
    }
    result.created = plans.filter((p) => p.kind === 'create').length;
    result.updated = plans.filter((p) => p.kind === 'update').length;
    result.skipped = plans.filter((p) => p.kind === 'skip').length;
    if (input.dryRun) return result;

    const sourceCache = new Map<string, number>();
    const now = new Date().toISOString();
    for (let i = 0; i < good.length; i++) {
      const { patient } = good[i];
      const plan = plans[i];
      if (plan.kind === 'skip') continue;
      const cols = columnsOf(patient, await sourceIdFor(ctx.db, patient.source, sourceCache));
      if (plan.kind === 'update') {
        await ctx.db.updateTable('patients').set({ ...cols, updated_at: now }).where('id', '=', plan.id).execute();
      } else {
        await ctx.db
          .insertInto('patients')
          .values({
            ...(cols as Required<typeof cols>),
            created_at: patient.createdAt ? `${patient.createdAt}T00:00:00.000Z` : now,
            created_by: ctx.user?.id ?? null,
          })
          .execute();
      }
    }
    result.committed = result.created + result.updated > 0;
    ctx.audit({ entity: 'patients', entityId: null, after: { import: input.fileName, created: result.created, updated: result.updated } });
    ctx.emit('patients', null, 'import');
    return result;
  },
};
