// Incoming calls: the PBX posts the caller's number (with its own token, or a
// signed-in workstation does), the host records the call and publishes
// `calls/<id>/incoming` on /api/events; each reception and call-center window
// then reads the card through telephony.card, with its own session, so the
// event itself carries no patient data.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { CallerPatient, IncomingCallCard } from '../../shared/api/telephony';
import { normalizePhone } from '../../shared/domain/phone';
import { hashToken } from './auth';
import { localTime, nowOf } from './clock';
import { ApiError, notFound } from './errors';
import type { Ctx, Handlers } from './router';
import { readSettings, writeSetting } from './settings';
import type { Db } from '../db/connection';
import type { TaskKind } from '../../shared/api/tasks';

const TOKEN_KEY = 'telephonyTokenHash';

async function mayReport(ctx: Ctx): Promise<boolean> {
  if (ctx.user) return true;
  if (!ctx.tokenHash) return false;
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', TOKEN_KEY).executeTakeFirst();
  if (!row) return false;
  const stored = Buffer.from(JSON.parse(row.value) as string, 'hex');
  const given = Buffer.from(ctx.tokenHash, 'hex');
  return stored.length === given.length && crypto.timingSafeEqual(stored, given);
}

async function callerPatients(db: Db, e164: string | null, now: string): Promise<CallerPatient[]> {
  if (!e164) return [];
  const patients = await db
    .selectFrom('patients as p')
    .leftJoin('patient_balances as b', 'b.patient_id', 'p.id')
    .select([
      'p.id',
      sql<string>`trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, ''))`.as('name'),
      'p.phone',
      sql<number>`coalesce(b.charged - b.paid, 0)`.as('debt'),
      sql<string | null>`(SELECT max(v.start_at) FROM appointments v INDEXED BY visits_by_patient WHERE v.status = 'completed' AND v.patient_id = p.id)`.as('lastVisit'),
    ])
    .where('p.phone', '=', e164)
    .where('p.deleted_at', 'is', null)
    .where('p.merged_into_id', 'is', null)
    .orderBy('p.id')
    .limit(5)
    .execute();
  return Promise.all(
    patients.map(async (p) => {
      const next = await db
        .selectFrom('appointments as a')
        .innerJoin('users as d', 'd.id', 'a.doctor_id')
        .select(['a.start_at', 'd.full_name'])
        .where('a.patient_id', '=', p.id)
        .where('a.start_at', '>=', now)
        .where('a.status', 'in', ['booked', 'confirmed'])
        .orderBy('a.start_at')
        .executeTakeFirst();
      const contact = await db.selectFrom('contacts').select(['at', 'channel', 'outcome']).where('patient_id', '=', p.id).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      const tasks = await db.selectFrom('tasks').select(['id', 'kind', 'due_at']).where('patient_id', '=', p.id).where('status', '=', 'open').orderBy('due_at').limit(10).execute();
      return {
        ...p,
        nextBooking: next ? { startAt: next.start_at, doctor: next.full_name } : null,
        lastContact: contact ? { at: localTime(new Date(contact.at)), channel: contact.channel, outcome: contact.outcome } : null,
        openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind as TaskKind, dueAt: t.due_at })),
      };
    }),
  );
}

export const telephonyHandlers: Handlers = {
  'telephony.incoming': async (ctx, { phone }) => {
    if (!(await mayReport(ctx))) {
      throw new ApiError('unauthorized', 'Sign in, or send the telephony token (Authorization: Bearer <token>) set up in the clinic settings');
    }
    const { country } = await readSettings(ctx.db);
    const e164 = normalizePhone(phone, country)?.e164 ?? null;
    const row = await ctx.db
      .insertInto('incoming_calls')
      .values({ phone, phone_e164: e164, reported_by: ctx.user?.id || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const known = !!e164 && !!(await ctx.db.selectFrom('patients').select('id').where('phone', '=', e164).where('deleted_at', 'is', null).executeTakeFirst());
    ctx.emit('calls', row.id, 'incoming');
    return { callId: row.id, known };
  },

  'telephony.card': async (ctx, { callId }) => {
    const call = await ctx.db.selectFrom('incoming_calls').selectAll().where('id', '=', callId).executeTakeFirst();
    if (!call) throw notFound('Call', callId);
    ctx.audit({ entity: 'incoming_calls', entityId: callId });
    return { callId, phone: call.phone, phoneE164: call.phone_e164, at: localTime(new Date(call.at)), patients: await callerPatients(ctx.db, call.phone_e164, localTime(nowOf(ctx))) } satisfies IncomingCallCard;
  },

  'telephony.newToken': async (ctx) => {
    const token = crypto.randomBytes(24).toString('base64url');
    await writeSetting(ctx.db, TOKEN_KEY, hashToken(token));
    ctx.audit({ entity: 'settings', entityId: null, after: { telephonyToken: 'replaced' } });
    return { token };
  },
};
