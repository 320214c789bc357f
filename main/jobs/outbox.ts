// The outbox. The `messages` table is the queue: a message is queued by
// `enqueueMessage`, and the host's Outbox picks due messages, sends them (SMTP
// or the SMS gateway) and records the result. So nothing is lost across a
// restart, a message left `sending` by a crash goes back to the queue at
// start-up (it may then go twice: at-least-once, never lost).
//
// Rules: only to patients who consented to the channel; never in quiet hours
// (queued messages wait); a failed attempt retries after retryBaseSeconds,
// doubling, up to maxAttempts, then the message is failed with the reason;
// while the server is unreachable (offline) or not set up, messages wait
// without using up their attempts.
import type { MessageChannel, MessageKind } from '../../shared/domain/templates';
import type { Db } from '../db/connection';
import { compose } from '../messages/compose';
import { patientForMessage } from '../messages/values';
import { EmailSender } from '../messages/email';
import { sendSms } from '../messages/sms-gateway';
import { SendError } from '../messages/send-error';
import { isQuiet, readMessagingConfig, type MessagingConfig } from '../messages/settings';
import { localTime } from '../api/clock';

export interface EnqueueRequest {
  patientId: number;
  channel: MessageChannel;
  kind: MessageKind;
  /** Fills {date}, {time}, {doctor}, {service}; must be this patient's. */
  appointmentId?: number | null;
  /** A campaign's id, kept on the message for its report. */
  campaignId?: number | null;
  /** The sender's own values, e.g. a campaign's {offer}. */
  vars?: { offer?: string };
  /** Own text instead of the stored template of kind × channel × language (variables checked the same way). */
  text?: { subject?: string | null; body: string };
  /** At most one message per key, e.g. `appointment_reminder:17`; a second one is refused as a duplicate. */
  dedupeKey?: string | null;
  createdBy?: number | null;
  /** The clock (tests and the host pass theirs). */
  now?: Date;
}

export type RefusalCode = 'no_patient' | 'no_consent' | 'no_address' | 'no_template' | 'duplicate';
export type EnqueueResult = { ok: true; id: number } | { ok: false; code: RefusalCode; reason: string };

/**
 * Queues one message. Refusals (no consent, no address, no template, a
 * duplicate) are returned, not thrown, so a campaign sending to hundreds of
 * patients records each one's reason; bad input (an appointment that is not
 * the patient's, an unknown variable in `text`) throws a 400 ApiError. Runs
 * on whatever connection it is given: inside a router handler pass ctx.db, so
 * the message commits with the rest of the write.
 */
export async function enqueueMessage(db: Db, req: EnqueueRequest): Promise<EnqueueResult> {
  const p = await patientForMessage(db, req.patientId);
  if (!p) return { ok: false, code: 'no_patient', reason: `patient ${req.patientId} does not exist` };
  const name = `${p.lastName} ${p.firstName}`;
  const consented = req.channel === 'email' ? p.consentEmail : p.consentSms;
  if (!consented) {
    return { ok: false, code: 'no_consent', reason: `${name} has not consented to ${req.channel === 'email' ? 'e-mail' : 'SMS'} messages` };
  }
  const recipient = req.channel === 'email' ? p.email : p.phone;
  if (!recipient) return { ok: false, code: 'no_address', reason: `${name} has no ${req.channel === 'email' ? 'e-mail address' : 'phone number'}` };
  if (req.dedupeKey) {
    const dup = await db.selectFrom('messages').select('id').where('dedupe_key', '=', req.dedupeKey).executeTakeFirst();
    if (dup) return { ok: false, code: 'duplicate', reason: `message ${dup.id} was already queued for ${req.dedupeKey}` };
  }
  const c = await compose(db, p, { kind: req.kind, channel: req.channel, appointmentId: req.appointmentId, offer: req.vars?.offer, text: req.text });
  if (!c) return { ok: false, code: 'no_template', reason: `there is no ${req.channel} template for ${req.kind.replace(/_/g, ' ')}` };
  const at = (req.now ?? new Date()).toISOString();
  const row = await db
    .insertInto('messages')
    .values({
      patient_id: p.id,
      channel: req.channel,
      kind: req.kind,
      template_id: c.templateId,
      locale: c.locale,
      subject: c.subject,
      body: c.body,
      recipient,
      status: 'queued',
      error: null,
      attempts: 0,
      next_attempt_at: at,
      appointment_id: req.appointmentId ?? null,
      campaign_id: req.campaignId ?? null,
      provider_id: null,
      dedupe_key: req.dedupeKey ?? null,
      created_at: at,
      updated_at: at,
      sent_at: null,
      delivered_at: null,
      created_by: req.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id };
}

/** Cancels the queued messages of a patient on a channel (an unsubscribe); returns how many. */
export async function cancelQueued(db: Db, patientId: number, channel: MessageChannel, reason: string, now: Date): Promise<number> {
  const r = await db
    .updateTable('messages')
    .set({ status: 'cancelled', error: reason, next_attempt_at: null, updated_at: now.toISOString() })
    .where('patient_id', '=', patientId)
    .where('channel', '=', channel)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Back-off after the n-th failed attempt: base, 2×base, 4×base… capped at 6 hours. */
export function retryDelaySeconds(base: number, attempts: number): number {
  return Math.min(base * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

/** While offline or not set up: try again after the base delay, at most 10 minutes later. */
const OFFLINE_CAP_SECONDS = 600;

export interface TickResult {
  quiet: boolean;
  sent: number;
  retrying: number;
  failed: number;
  waiting: number;
}

interface Due {
  id: number;
  channel: string;
  subject: string | null;
  body: string;
  recipient: string;
  attempts: number;
}

export interface OutboxOptions {
  db: Db;
  now?: () => Date;
  /** Messages sent at once per tick (SMTP's pool keeps 3 connections). */
  batchSize?: number;
  onError?: (e: unknown) => void;
  /** Published after each tick that changed messages, so open lists refresh. */
  onChange?: (ids: number[]) => void;
}

export class Outbox {
  readonly email = new EmailSender();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;
  private again = false;
  private readonly now: () => Date;

  constructor(private readonly opts: OutboxOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** At start-up: a message a crash left `sending` goes back to the queue. */
  async recover(): Promise<number> {
    const r = await this.opts.db.updateTable('messages').set({ status: 'queued', updated_at: this.now().toISOString() }).where('status', '=', 'sending').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Sends what is due, batch after batch, until nothing due is left; one tick at a time. */
  tick(): Promise<TickResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.tick().catch((e) => this.opts.onError?.(e));
      }
    });
    return this.running;
  }

  private async drain(): Promise<TickResult> {
    const total: TickResult = { quiet: false, sent: 0, retrying: 0, failed: 0, waiting: 0 };
    const config = await readMessagingConfig(this.opts.db);
    if (isQuiet(config, localTime(this.now()).slice(11))) return { ...total, quiet: true };
    await this.expire();
    for (;;) {
      const r = await this.sendBatch(config);
      total.sent += r.sent;
      total.retrying += r.retrying;
      total.failed += r.failed;
      total.waiting += r.waiting;
      // Offline: the rest would fail the same way; they wait for the next tick.
      if (r.picked < this.batchSize || r.waiting > 0) return total;
    }
  }

  /**
   * A reminder or confirmation whose appointment has begun, been cancelled or
   * missed, and a birthday greeting from an earlier day, are no use late (after
   * a long time offline): cancelled with the reason instead of sent.
   */
  async expire(): Promise<number> {
    const { db } = this.opts;
    const now = this.now();
    const at = now.toISOString();
    const local = localTime(now);
    const appointments = await db
      .updateTable('messages')
      .set({ status: 'cancelled', error: 'expired: the appointment has begun or is no longer booked', next_attempt_at: null, updated_at: at })
      .where('status', '=', 'queued')
      .where('kind', 'in', ['appointment_reminder', 'booking_confirmation'])
      // Correlated, so only the queued messages are looked at (one appointment lookup each).
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('appointments as a')
            .select('a.id')
            .whereRef('a.id', '=', 'messages.appointment_id')
            .where((w) => w.or([w('a.start_at', '<=', local), w('a.status', 'not in', ['booked', 'confirmed'])])),
        ),
      )
      .executeTakeFirst();
    const birthdays = await db
      .updateTable('messages')
      .set({ status: 'cancelled', error: 'expired: the birthday has passed', next_attempt_at: null, updated_at: at })
      .where('status', '=', 'queued')
      .where('kind', '=', 'birthday_greeting')
      .where('created_at', '<', new Date(`${local.slice(0, 10)}T00:00`).toISOString())
      .executeTakeFirst();
    return Number(appointments.numUpdatedRows) + Number(birthdays.numUpdatedRows);
  }

  private get batchSize(): number {
    return this.opts.batchSize ?? 50;
  }

  private async sendBatch(config: MessagingConfig): Promise<TickResult & { picked: number }> {
    const { db } = this.opts;
    const nowIso = this.now().toISOString();
    const due: Due[] = await db
      .selectFrom('messages')
      .select(['id', 'channel', 'subject', 'body', 'recipient', 'attempts'])
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', nowIso)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(this.batchSize)
      .execute();
    const result = { quiet: false, sent: 0, retrying: 0, failed: 0, waiting: 0, picked: due.length };
    if (!due.length) return result;
    await db
      .updateTable('messages')
      .set({ status: 'sending', updated_at: nowIso })
      .where('id', 'in', due.map((d) => d.id))
      .where('status', '=', 'queued')
      .execute();
    const outcomes = await Promise.all(
      due.map(async (m) => {
        try {
          const providerId =
            m.channel === 'email'
              ? await this.email.send(config, { to: m.recipient, subject: m.subject ?? '', text: m.body })
              : await sendSms(config, { to: m.recipient, text: m.body });
          return { m, providerId, error: null };
        } catch (e) {
          return { m, providerId: null, error: e instanceof SendError ? e : SendError.fromSmtp(e) };
        }
      }),
    );
    const doneIso = this.now().toISOString();
    await db.transaction().execute(async (tx) => {
      for (const { m, providerId, error } of outcomes) {
        if (!error) {
          result.sent++;
          await tx
            .updateTable('messages')
            .set({ status: 'sent', attempts: m.attempts + 1, provider_id: providerId || null, error: null, next_attempt_at: null, sent_at: doneIso, updated_at: doneIso })
            .where('id', '=', m.id)
            .execute();
          continue;
        }
        const waits = error.kind === 'offline' || error.kind === 'unconfigured';
        const attempts = waits ? m.attempts : m.attempts + 1;
        const giveUp = error.kind === 'permanent' || (!waits && attempts >= config.maxAttempts);
        if (giveUp) {
          result.failed++;
          await tx.updateTable('messages').set({ status: 'failed', attempts, error: error.message, next_attempt_at: null, updated_at: doneIso }).where('id', '=', m.id).execute();
          continue;
        }
        if (waits) result.waiting++;
        else result.retrying++;
        const delay = waits ? Math.min(config.retryBaseSeconds, OFFLINE_CAP_SECONDS) : retryDelaySeconds(config.retryBaseSeconds, attempts);
        const next = new Date(this.now().getTime() + delay * 1000).toISOString();
        await tx.updateTable('messages').set({ status: 'queued', attempts, error: error.message, next_attempt_at: next, updated_at: doneIso }).where('id', '=', m.id).execute();
      }
    });
    this.opts.onChange?.(due.map((d) => d.id));
    return result;
  }

  /** Ticks every `intervalMs` on the host. */
  start(intervalMs = 10_000): void {
    if (this.timer) return;
    const run = () => void this.tick().catch((e) => this.opts.onError?.(e));
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.email.close();
  }
}
