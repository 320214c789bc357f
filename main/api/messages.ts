// Messages and reminders: templates, preview, the outbox's list with retry
// and cancel, unsubscribes, the messaging settings with "send test message",
// and the SMS gateway's callbacks (delivery reports, STOP replies).
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Message, MessageTemplate } from '../../shared/api/messages';
import { renderTemplate, type MessageChannel, type MessageKind, type MessageLocale } from '../../shared/domain/templates';
import { smsLength } from '../../shared/domain/sms';
import { normalizePhone } from '../../shared/domain/phone';
import type { Db } from '../db/connection';
import type { MessageTemplatesTable } from '../db/schema';
import { ApiError, invalid, notFound } from './errors';
import { nowOf } from './clock';
import type { Ctx, Handlers } from './router';
import { readSettings } from './settings';
import { cancelQueued, enqueueMessage } from '../jobs/outbox';
import { runReminders } from '../jobs/reminders';
import { checkVariables, valuesFor } from '../messages/compose';
import { patientForMessage, sampleValues } from '../messages/values';
import { publicSettings, readMessagingConfig, redacted, updateMessagingConfig } from '../messages/settings';
import { EmailSender } from '../messages/email';
import { deliveryStatus, sendSms } from '../messages/sms-gateway';
import { SendError } from '../messages/send-error';

function toTemplate(r: Selectable<MessageTemplatesTable>): MessageTemplate {
  return { id: r.id, kind: r.kind as MessageKind, channel: r.channel as MessageChannel, locale: r.locale as MessageLocale, subject: r.subject, body: r.body, updatedAt: r.updated_at };
}

function messagesQuery(db: Db) {
  return db
    .selectFrom('messages as m')
    .innerJoin('patients as p', 'p.id', 'm.patient_id')
    .select([
      'm.id',
      'm.patient_id',
      'p.last_name',
      'p.first_name',
      'm.channel',
      'm.kind',
      'm.template_id',
      'm.locale',
      'm.subject',
      'm.body',
      'm.recipient',
      'm.status',
      'm.error',
      'm.attempts',
      'm.next_attempt_at',
      'm.appointment_id',
      'm.campaign_id',
      'm.provider_id',
      'm.created_at',
      'm.sent_at',
      'm.delivered_at',
    ]);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messagesQuery>['executeTakeFirstOrThrow']>>;

function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: `${r.last_name} ${r.first_name}`,
    channel: r.channel as MessageChannel,
    kind: r.kind as MessageKind,
    templateId: r.template_id,
    locale: r.locale as MessageLocale,
    subject: r.subject,
    body: r.body,
    recipient: r.recipient,
    status: r.status as Message['status'],
    error: r.error,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    appointmentId: r.appointment_id,
    campaignId: r.campaign_id,
    providerId: r.provider_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
  };
}

export async function loadMessage(db: Db, id: number): Promise<Message> {
  const r = await messagesQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Message', id);
  return toMessage(r);
}

async function livePatient(db: Db, patientId: number) {
  const p = await patientForMessage(db, patientId);
  if (!p) throw invalid('patientId', `patient ${patientId} does not exist`);
  return p;
}

/** Clears the consent, records the unsubscribe and cancels what was waiting. */
async function optOut(ctx: Ctx, patientId: number, channel: MessageChannel, source: 'manual' | 'sms_reply', note: string | null): Promise<number> {
  const now = nowOf(ctx);
  await ctx.db
    .updateTable('patients')
    .set(channel === 'email' ? { consent_email: 0, updated_at: now.toISOString() } : { consent_sms: 0, updated_at: now.toISOString() })
    .where('id', '=', patientId)
    .execute();
  await ctx.db.insertInto('message_opt_outs').values({ patient_id: patientId, channel, source, note, at: now.toISOString(), created_by: ctx.user?.id ?? null }).execute();
  const cancelled = await cancelQueued(ctx.db, patientId, channel, source === 'manual' ? 'the patient unsubscribed' : 'the patient replied STOP', now);
  ctx.audit({ entity: 'patients', entityId: patientId, before: { [`consent_${channel}`]: true }, after: { [`consent_${channel}`]: false, optOut: source, cancelled } });
  ctx.emit('patients', patientId, 'opt_out');
  ctx.emit('messages', null, 'cancel');
  return cancelled;
}

/** The gateway's callbacks carry the clinic's secret token; without one configured they are refused. */
async function checkToken(db: Db, token: string): Promise<void> {
  const { webhookToken } = await readMessagingConfig(db);
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!webhookToken || !timingSafeEqual(digest(webhookToken), digest(token))) {
    throw new ApiError('forbidden', 'The callback token does not match the one in Messages → Settings');
  }
}

/** Words that unsubscribe when a patient replies with them alone. */
const STOP_WORDS = new Set(['stop', 'unsubscribe', 'стоп', 'отписаться', 'отписка', 'відписатися', '退订', 'td', 'n', '停止']);

export function isStop(text: string): boolean {
  return STOP_WORDS.has(text.trim().replace(/[.!]+$/, '').toLowerCase());
}

export const messagesHandlers: Handlers = {
  'messages.templates': async (ctx, { kind, channel, locale }) => {
    const rows = await ctx.db
      .selectFrom('message_templates')
      .selectAll()
      .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
      .$if(channel !== undefined, (q) => q.where('channel', '=', channel!))
      .$if(locale !== undefined, (q) => q.where('locale', '=', locale!))
      .orderBy('kind')
      .orderBy('channel')
      .orderBy('locale')
      .execute();
    return rows.map(toTemplate);
  },

  'messages.saveTemplate': async (ctx, input) => {
    checkVariables(input.kind, { subject: input.subject, body: input.body });
    if (input.channel === 'email' && !input.subject) throw invalid('subject', 'an e-mail needs a subject');
    const subject = input.channel === 'email' ? input.subject : null;
    const at = nowOf(ctx).toISOString();
    const before = await ctx.db
      .selectFrom('message_templates')
      .selectAll()
      .where('kind', '=', input.kind)
      .where('channel', '=', input.channel)
      .where('locale', '=', input.locale)
      .executeTakeFirst();
    const row = await ctx.db
      .insertInto('message_templates')
      .values({ kind: input.kind, channel: input.channel, locale: input.locale, subject, body: input.body, created_at: at, updated_at: at, created_by: ctx.user?.id ?? null })
      .onConflict((oc) => oc.columns(['kind', 'channel', 'locale']).doUpdateSet({ subject, body: input.body, updated_at: at }))
      .returningAll()
      .executeTakeFirstOrThrow();
    ctx.audit({ entity: 'message_templates', entityId: row.id, before: before ? { subject: before.subject, body: before.body } : null, after: { subject, body: input.body } });
    ctx.emit('message_templates', row.id, 'save');
    return toTemplate(row);
  },

  'messages.preview': async (ctx, input) => {
    checkVariables(input.kind, { subject: input.subject, body: input.body });
    const settings = await readSettings(ctx.db);
    let values;
    if (input.patientId !== undefined) {
      const p = await livePatient(ctx.db, input.patientId);
      values = await valuesFor(ctx.db, p, input.kind, input.locale, { appointmentId: input.appointmentId, offer: input.vars.offer });
    } else {
      if (input.appointmentId !== undefined) throw invalid('patientId', 'name the patient of the appointment');
      values = sampleValues(input.locale, settings.clinicName, input.vars.offer);
    }
    const body = renderTemplate(input.body, values);
    return { subject: input.channel === 'email' ? renderTemplate(input.subject ?? '', values) : null, body, sms: smsLength(body) };
  },

  'messages.send': async (ctx, input) => {
    await livePatient(ctx.db, input.patientId);
    const r = await enqueueMessage(ctx.db, { ...input, vars: input.vars, createdBy: ctx.user?.id ?? null, now: nowOf(ctx) });
    if (!r.ok) throw new ApiError('conflict', r.reason, { current: { refused: r.code } });
    const m = await loadMessage(ctx.db, r.id);
    ctx.audit({ entity: 'messages', entityId: m.id, after: { patientId: m.patientId, channel: m.channel, kind: m.kind, recipient: m.recipient } });
    ctx.emit('messages', m.id, 'queued');
    return m;
  },

  'messages.list': async (ctx, { patientId, status, limit, offset }) => {
    let q = messagesQuery(ctx.db);
    if (patientId !== undefined) q = q.where('m.patient_id', '=', patientId);
    if (status !== undefined) q = q.where('m.status', '=', status);
    const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(limit).offset(offset).execute();
    let c = ctx.db.selectFrom('messages as m').select((eb) => eb.fn.countAll<number>().as('n'));
    if (patientId !== undefined) c = c.where('m.patient_id', '=', patientId);
    if (status !== undefined) c = c.where('m.status', '=', status);
    const { n } = await c.executeTakeFirstOrThrow();
    return { rows: rows.map(toMessage), total: Number(n) };
  },

  'messages.retry': async (ctx, { id }) => {
    const m = await loadMessage(ctx.db, id);
    if (m.status !== 'failed' && m.status !== 'cancelled' && m.status !== 'queued') {
      throw new ApiError('conflict', `A message that is ${m.status} cannot be sent again`, { current: m });
    }
    const p = await patientForMessage(ctx.db, m.patientId);
    if (!p || !(m.channel === 'email' ? p.consentEmail : p.consentSms)) {
      throw new ApiError('conflict', `${m.patientName} has not consented to ${m.channel === 'email' ? 'e-mail' : 'SMS'} messages`, { current: m });
    }
    const at = nowOf(ctx).toISOString();
    await ctx.db.updateTable('messages').set({ status: 'queued', attempts: 0, error: null, next_attempt_at: at, updated_at: at }).where('id', '=', id).execute();
    ctx.audit({ entity: 'messages', entityId: id, before: { status: m.status }, after: { status: 'queued' } });
    ctx.emit('messages', id, 'retry');
    return loadMessage(ctx.db, id);
  },

  'messages.cancel': async (ctx, { id }) => {
    const m = await loadMessage(ctx.db, id);
    if (m.status !== 'queued') throw new ApiError('conflict', `Only a queued message can be cancelled; this one is ${m.status}`, { current: m });
    const at = nowOf(ctx).toISOString();
    await ctx.db.updateTable('messages').set({ status: 'cancelled', next_attempt_at: null, error: `cancelled by ${ctx.user?.fullName ?? 'the host'}`, updated_at: at }).where('id', '=', id).execute();
    ctx.audit({ entity: 'messages', entityId: id, before: { status: m.status }, after: { status: 'cancelled' } });
    ctx.emit('messages', id, 'cancel');
    return loadMessage(ctx.db, id);
  },

  'messages.optOut': async (ctx, { patientId, channel, note }) => {
    await livePatient(ctx.db, patientId);
    return { cancelled: await optOut(ctx, patientId, channel, 'manual', note) };
  },

  'messages.setLanguage': async (ctx, { patientId, locale }) => {
    const p = await livePatient(ctx.db, patientId);
    await ctx.db.updateTable('patients').set({ language: locale, updated_at: nowOf(ctx).toISOString() }).where('id', '=', patientId).execute();
    ctx.audit({ entity: 'patients', entityId: patientId, before: { language: p.language }, after: { language: locale } });
    ctx.emit('patients', patientId, 'update');
    return { ok: true as const };
  },

  'messages.patient': async (ctx, { patientId }) => {
    const p = await livePatient(ctx.db, patientId);
    const optOuts = await ctx.db
      .selectFrom('message_opt_outs')
      .select(['channel', 'source', 'note', 'at'])
      .where('patient_id', '=', patientId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return {
      language: (p.language as MessageLocale | null) ?? null,
      optOuts: optOuts.map((o) => ({ channel: o.channel as MessageChannel, source: o.source as 'manual' | 'sms_reply', note: o.note, at: o.at })),
    };
  },

  'messages.runReminders': async (ctx) => {
    const r = await runReminders(ctx.db, nowOf(ctx));
    ctx.audit({ entity: 'messages', entityId: null, after: { ...r } });
    if (r.reminders || r.birthdays) ctx.emit('messages', null, 'queued');
    return r;
  },

  'messages.settings': async (ctx) => publicSettings(await readMessagingConfig(ctx.db), ctx.user?.role),

  'messages.updateSettings': async (ctx, input) => {
    const { before, after } = await updateMessagingConfig(ctx.db, input);
    ctx.audit({ entity: 'settings', entityId: null, before: redacted(before), after: redacted(after) });
    ctx.emit('settings', null, 'messaging');
    return publicSettings(after, ctx.user?.role);
  },

  'messages.test': async (ctx, { channel, to }) => {
    const config = await readMessagingConfig(ctx.db);
    const settings = await readSettings(ctx.db);
    const text = `${settings.clinicName}: test message / тестовое сообщение`;
    try {
      if (channel === 'email') {
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) throw invalid('to', `"${to}" is not an e-mail address`);
        // Its own transport: a test never disturbs the outbox's pooled connections.
        const sender = new EmailSender();
        try {
          return { ok: true, error: null, providerId: await sender.send(config, { to, subject: text, text }) };
        } finally {
          sender.close();
        }
      }
      const phone = normalizePhone(to, settings.country);
      if (!phone) throw invalid('to', `"${to}" is not a phone number`);
      return { ok: true, error: null, providerId: await sendSms(config, { to: phone.e164, text }) };
    } catch (e) {
      if (e instanceof ApiError) throw e;
      return { ok: false, error: (e instanceof SendError ? e : SendError.fromSmtp(e)).message, providerId: null };
    }
  },

  'sms.inbound': async (ctx, { token, phone, text }) => {
    await checkToken(ctx.db, token);
    if (!isStop(text)) return { ok: true as const, optedOut: 0 };
    const { country } = await readSettings(ctx.db);
    // Gateways write the sender as 79161234567, +79161234567 or 89161234567: try it as
    // international digits and as dialled in the clinic's country.
    const candidates = [normalizePhone(phone, country)?.e164, /^\d{11,15}$/.test(phone) ? normalizePhone(`+${phone}`, country)?.e164 : undefined].filter((x): x is string => !!x);
    if (!candidates.length) throw invalid('phone', `"${phone}" is not a phone number`);
    const patients = await ctx.db
      .selectFrom('patients')
      .select('id')
      .where('phone', 'in', candidates)
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .execute();
    for (const p of patients) await optOut(ctx, p.id, 'sms', 'sms_reply', text.trim());
    return { ok: true as const, optedOut: patients.length };
  },

  'sms.status': async (ctx, { token, messageId, status, error }) => {
    await checkToken(ctx.db, token);
    const to = deliveryStatus(status);
    if (!to) return { ok: true as const, updated: 0 };
    const at = nowOf(ctx).toISOString();
    const rows = await ctx.db.selectFrom('messages').select('id').where('provider_id', '=', messageId).where('status', 'in', ['sent', 'delivered']).execute();
    for (const r of rows) {
      await ctx.db
        .updateTable('messages')
        .set(to === 'delivered' ? { status: 'delivered', delivered_at: at, updated_at: at } : { status: 'failed', error: `The gateway reports: ${error ?? status}`, updated_at: at })
        .where('id', '=', r.id)
        .execute();
      ctx.audit({ entity: 'messages', entityId: r.id, after: { status: to, gatewayStatus: status } });
      ctx.emit('messages', r.id, to);
    }
    return { ok: true as const, updated: rows.length };
  },
};
