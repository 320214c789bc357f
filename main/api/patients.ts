// The patient registry: create with a duplicate check, edit with optimistic
// concurrency, the card with its history, search as you type, merge of
// duplicates and soft delete.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Patient, PatientCard, DuplicateCandidate, PatientFields } from '../../shared/api/patients';
import { normalizePhone } from '../../shared/domain/phone';
import type { Db } from '../db/connection';
import type { PatientRow } from '../db/schema';
import { changedFields } from './audit';
import { ApiError, invalid, notFound } from './errors';
import type { Handlers } from './router';
import { readSettings } from './settings';
import { searchPatients } from './patients-search';
import { balanceOf, rebuildBalances } from './balances';
import { rebuildVisitSummaries } from './visit-summaries';
import { carriedOptOuts, mergeCampaignMembers, recountAudienceSummaries } from './patient-merge-follow-up';

/** Every table whose rows belong to a patient: merge moves them all. Later domains add theirs. */
export const PATIENT_HISTORY_TABLES = ['appointments', 'payments', 'contacts', 'tasks', 'messages', 'message_opt_outs'] as const;

export function toPatient(r: PatientRow): Patient {
  return {
    id: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    middleName: r.middle_name,
    birthDate: r.birth_date,
    sex: r.sex as Patient['sex'],
    phone: r.phone,
    email: r.email,
    city: r.city,
    address: r.address,
    sourceId: r.source_id,
    referralNote: r.referral_note,
    consentSms: r.consent_sms === 1,
    consentEmail: r.consent_email === 1,
    comment: r.comment,
    branchId: r.branch_id,
    externalId: r.external_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

type Fields = Partial<z.output<typeof PatientFields>>;

/** Maps API fields onto columns; the phone is normalized with the clinic's country. */
export function toColumns(f: Fields, country: string): Partial<PatientRow> {
  const c: Partial<PatientRow> = {};
  if (f.lastName !== undefined) c.last_name = f.lastName;
  if (f.firstName !== undefined) c.first_name = f.firstName;
  if (f.middleName !== undefined) c.middle_name = f.middleName;
  if (f.birthDate !== undefined) c.birth_date = f.birthDate;
  if (f.sex !== undefined) c.sex = f.sex;
  if (f.phone !== undefined) {
    if (f.phone === null) {
      c.phone = null;
      c.phone_national = null;
    } else {
      const phone = normalizePhone(f.phone, country);
      if (!phone) {
        throw invalid('phone', `"${f.phone}" is not a phone number; type it with the country code, e.g. +7 912 345-67-89`);
      }
      c.phone = phone.e164;
      c.phone_national = phone.nationalDigits;
    }
  }
  if (f.email !== undefined) c.email = f.email;
  if (f.city !== undefined) c.city = f.city;
  if (f.address !== undefined) c.address = f.address;
  if (f.sourceId !== undefined) c.source_id = f.sourceId;
  if (f.referralNote !== undefined) c.referral_note = f.referralNote;
  if (f.consentSms !== undefined) c.consent_sms = f.consentSms ? 1 : 0;
  if (f.consentEmail !== undefined) c.consent_email = f.consentEmail ? 1 : 0;
  if (f.comment !== undefined) c.comment = f.comment;
  if (f.branchId !== undefined) c.branch_id = f.branchId;
  return c;
}

export async function findDuplicates(
  db: Db,
  probe: { phone?: string | null; lastName?: string | null; firstName?: string | null; birthDate?: string | null; excludeId?: number },
): Promise<DuplicateCandidate[]> {
  const out = new Map<number, DuplicateCandidate>();
  const base = () =>
    db
      .selectFrom('patients')
      .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'phone'])
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .$if(probe.excludeId !== undefined, (q) => q.where('id', '!=', probe.excludeId!))
      .limit(10);
  const add = (rows: Array<Pick<PatientRow, 'id' | 'last_name' | 'first_name' | 'middle_name' | 'birth_date' | 'phone'>>, match: DuplicateCandidate['match']) => {
    for (const r of rows) {
      if (!out.has(r.id)) {
        out.set(r.id, { id: r.id, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, birthDate: r.birth_date, phone: r.phone, match });
      }
    }
  };
  if (probe.phone) add(await base().where('phone', '=', probe.phone).execute(), 'phone');
  if (probe.lastName && probe.firstName && probe.birthDate) {
    // Names are compared in JavaScript: SQLite's lower() folds only ASCII,
    // and a birth date narrows the candidates to a handful anyway.
    const last = probe.lastName.toLocaleLowerCase();
    const first = probe.firstName.toLocaleLowerCase();
    const sameBirth = await base().where('birth_date', '=', probe.birthDate).limit(1000).execute();
    add(sameBirth.filter((r) => r.last_name.toLocaleLowerCase() === last && r.first_name.toLocaleLowerCase() === first), 'name_birth');
  }
  return [...out.values()];
}

/** Foreign keys named by the client are checked here, so a bad one is a 400 naming the field, not a 500. */
async function checkReferences(db: Db, cols: Partial<PatientRow>): Promise<void> {
  if (cols.source_id != null && !(await db.selectFrom('sources').select('id').where('id', '=', cols.source_id).executeTakeFirst())) {
    throw invalid('sourceId', `there is no marketing source ${cols.source_id}`);
  }
  if (cols.branch_id != null && !(await db.selectFrom('branches').select('id').where('id', '=', cols.branch_id).executeTakeFirst())) {
    throw invalid('branchId', `there is no branch ${cols.branch_id}`);
  }
}

async function livePatient(db: Db, id: number): Promise<PatientRow> {
  const row = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.deleted_at) throw notFound('Patient', id);
  if (row.merged_into_id) {
    throw new ApiError('not_found', `Patient ${id} was merged into patient ${row.merged_into_id}`, { current: { mergedIntoId: row.merged_into_id } });
  }
  return row;
}

async function loadCard(db: Db, row: PatientRow): Promise<PatientCard> {
  const visits = await db
    .selectFrom('appointments as a')
    .innerJoin('users as d', 'd.id', 'a.doctor_id')
    .innerJoin('branches as b', 'b.id', 'a.branch_id')
    .select([
      'a.id',
      'a.start_at as startAt',
      'a.status',
      'd.full_name as doctor',
      'b.name as branch',
      sql<number>`coalesce((SELECT sum(i.amount) FROM appointment_items i WHERE i.appointment_id = a.id), 0)`.as('amount'),
    ])
    .where('a.patient_id', '=', row.id)
    .orderBy('a.start_at', 'desc')
    .limit(500)
    .execute();
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'paid_at as paidAt', 'amount', 'method'])
    .where('patient_id', '=', row.id)
    .orderBy('paid_at', 'desc')
    .limit(500)
    .execute();
  const source = row.source_id
    ? await db.selectFrom('sources').select('name').where('id', '=', row.source_id).executeTakeFirst()
    : undefined;
  return { patient: toPatient(row), sourceName: source?.name ?? null, visits, payments, balance: await balanceOf(db, row.id) };
}

export const patientsHandlers: Handlers = {
  'patients.create': async (ctx, input) => {
    const { country } = await readSettings(ctx.db);
    const cols = toColumns(input, country);
    await checkReferences(ctx.db, cols);
    if (!input.force) {
      const dups = await findDuplicates(ctx.db, { phone: cols.phone, lastName: input.lastName, firstName: input.firstName, birthDate: input.birthDate });
      if (dups.length) {
        throw new ApiError('duplicate', 'A patient with the same phone, or the same name and birth date, already exists', { current: dups });
      }
    }
    const row = await ctx.db
      .insertInto('patients')
      .values({ ...(cols as Required<typeof cols>), created_by: ctx.user?.id ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const patient = toPatient(row);
    ctx.audit({ entity: 'patients', entityId: row.id, after: cols });
    ctx.emit('patients', row.id, 'create');
    return patient;
  },

  'patients.update': async (ctx, input) => {
    const { id, updatedAt, force, ...fields } = input;
    const before = await livePatient(ctx.db, id);
    if (before.updated_at !== updatedAt) {
      throw new ApiError('conflict', 'This patient was changed at another workstation since you opened it. Review the current data and save again.', {
        reason: 'stale',
        current: toPatient(before),
      });
    }
    const { country } = await readSettings(ctx.db);
    const cols = toColumns(fields, country);
    await checkReferences(ctx.db, cols);
    const identityChanged = ['phone', 'last_name', 'first_name', 'birth_date'].some(
      (k) => k in cols && cols[k as keyof PatientRow] !== before[k as keyof PatientRow],
    );
    if (identityChanged && !force) {
      const merged = { ...before, ...cols };
      const dups = await findDuplicates(ctx.db, {
        phone: merged.phone,
        lastName: merged.last_name,
        firstName: merged.first_name,
        birthDate: merged.birth_date,
        excludeId: id,
      });
      if (dups.length) throw new ApiError('duplicate', 'Another patient has the same phone, or the same name and birth date', { current: dups });
    }
    const after = await ctx.db
      .updateTable('patients')
      .set({ ...cols, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    ctx.audit({ entity: 'patients', entityId: id, ...changedFields(before, after) });
    ctx.emit('patients', id, 'update');
    return toPatient(after);
  },

  'patients.get': async (ctx, { id }) => {
    const row = await livePatient(ctx.db, id);
    // Opening a card is audited: medical data is read only by those who need it.
    ctx.audit({ entity: 'patients', entityId: id });
    return loadCard(ctx.db, row);
  },

  'patients.search': async (ctx, input) => searchPatients(ctx.db, input),

  'patients.duplicates': async (ctx, input) => {
    const { country } = await readSettings(ctx.db);
    const phone = input.phone ? normalizePhone(input.phone, country)?.e164 : null;
    return findDuplicates(ctx.db, { ...input, phone });
  },

  'patients.merge': async (ctx, { sourceId, targetId }) => {
    const source = await livePatient(ctx.db, sourceId);
    const target = await livePatient(ctx.db, targetId);
    // Before the contacts move: which of two memberships of one campaign was worked.
    const members = await mergeCampaignMembers(ctx.db, sourceId, targetId);
    const optOuts = await carriedOptOuts(ctx.db, source, target, new Date());
    for (const table of PATIENT_HISTORY_TABLES) {
      await ctx.db.updateTable(table).set({ patient_id: targetId }).where('patient_id', '=', sourceId).execute();
    }
    // The survivor keeps its own data and takes what only the duplicate knew.
    const fill: Partial<PatientRow> = {};
    for (const k of ['middle_name', 'birth_date', 'sex', 'phone', 'phone_national', 'email', 'city', 'address', 'source_id', 'referral_note', 'external_id'] as const) {
      if (target[k] === null && source[k] !== null) (fill as Record<string, unknown>)[k] = source[k];
    }
    Object.assign(fill, optOuts);
    const now = new Date().toISOString();
    // The duplicate gives up its external id first: it is unique among patients.
    await ctx.db.updateTable('patients').set({ merged_into_id: targetId, external_id: null, updated_at: now }).where('id', '=', sourceId).execute();
    const after = await ctx.db
      .updateTable('patients')
      .set({ ...fill, updated_at: now })
      .where('id', '=', targetId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await rebuildBalances(ctx.db, [sourceId, targetId]);
    await rebuildVisitSummaries(ctx.db, [sourceId, targetId]);
    await recountAudienceSummaries(ctx.db, sourceId, targetId);
    ctx.audit({ entity: 'patients', entityId: sourceId, before: { merged_into_id: null }, after: { merged_into_id: targetId, campaignMembers: members } });
    ctx.audit({ entity: 'patients', entityId: targetId, ...changedFields(target, after) });
    ctx.emit('patients', sourceId, 'merge');
    ctx.emit('patients', targetId, 'update');
    return toPatient(after);
  },

  'patients.delete': async (ctx, { id }) => {
    await livePatient(ctx.db, id);
    const at = new Date().toISOString();
    await ctx.db.updateTable('patients').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
    ctx.audit({ entity: 'patients', entityId: id, before: { deleted_at: null }, after: { deleted_at: at } });
    ctx.emit('patients', id, 'delete');
    return { ok: true as const };
  },
};
