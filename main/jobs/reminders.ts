// Automatic messages: the day-before reminder for tomorrow's booked and
// confirmed appointments, the booking confirmation when an appointment is
// made, the birthday greeting on the day. Each goes once (a dedupe key per
// appointment or per patient and year) on the channel the patient consented
// to; with consent to both, the clinic's preferred channel (e-mail by default).
import { sql } from 'kysely';
import { addDays, format } from 'date-fns';
import type { MessageChannel, MessageKind } from '../../shared/domain/templates';
import type { Db } from '../db/connection';
import { localDate } from '../api/clock';
import { readMessagingConfig, type MessagingConfig } from '../messages/settings';
import { patientForMessage, type PatientForMessage } from '../messages/values';
import { enqueueMessage } from './outbox';
import { repeat } from './repeat';

/**
 * The channel an automatic message takes: one the patient consented to and
 * has an address for, and the clinic has set up (nothing piles up in the queue
 * of a clinic that sends no SMS), the preferred one when both qualify.
 */
export function channelFor(p: PatientForMessage, config: MessagingConfig): MessageChannel | null {
  const email = p.consentEmail && !!p.email && !!config.smtpHost;
  const sms = p.consentSms && !!p.phone && config.smsProvider !== 'none';
  if (email && sms) return config.preferredChannel;
  return email ? 'email' : sms ? 'sms' : null;
}

export async function enqueueAuto(
  db: Db,
  config: MessagingConfig,
  patientId: number,
  kind: MessageKind,
  dedupeKey: string,
  now: Date,
  appointmentId?: number,
): Promise<boolean> {
  const p = await patientForMessage(db, patientId);
  const channel = p && channelFor(p, config);
  if (!channel) return false;
  const r = await enqueueMessage(db, { patientId, channel, kind, appointmentId, dedupeKey, now });
  return r.ok;
}

export interface ReminderRun {
  reminders: number;
  birthdays: number;
  /** Appointments and birthdays with no consented channel, or already sent. */
  skipped: number;
}

export async function runReminders(db: Db, now: Date): Promise<ReminderRun> {
  const config = await readMessagingConfig(db);
  const out: ReminderRun = { reminders: 0, birthdays: 0, skipped: 0 };
  if (config.autoReminders) {
    const tomorrow = format(addDays(now, 1), 'yyyy-MM-dd');
    const dayAfter = format(addDays(now, 2), 'yyyy-MM-dd');
    const appointments = await db
      .selectFrom('appointments as a')
      .select(['a.id', 'a.patient_id'])
      .where('a.start_at', '>=', tomorrow)
      .where('a.start_at', '<', dayAfter)
      .where('a.status', 'in', ['booked', 'confirmed'])
      // Already reminded: not counted again on the next run.
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('messages as m').select('m.id').where('m.dedupe_key', '=', sql<string>`'appointment_reminder:' || a.id`))),
      )
      .execute();
    for (const a of appointments) {
      if (await enqueueAuto(db, config, a.patient_id, 'appointment_reminder', `appointment_reminder:${a.id}`, now, a.id)) out.reminders++;
      else out.skipped++;
    }
  }
  if (config.autoBirthdays) {
    const today = localDate(now);
    const monthDay = today.slice(5);
    // Born on 29 February: greeted on the 28th in a year without one.
    const days = monthDay === '02-28' && !isLeap(Number(today.slice(0, 4))) ? ['02-28', '02-29'] : [monthDay];
    const patients = await db
      .selectFrom('patients')
      .select('id')
      .where((eb) => eb.or(days.map((d) => eb('birth_date', 'like', `%-${d}`))))
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .where((eb) => eb.or([eb('consent_sms', '=', 1), eb('consent_email', '=', 1)]))
      .execute();
    for (const p of patients) {
      if (await enqueueAuto(db, config, p.id, 'birthday_greeting', `birthday_greeting:${p.id}:${today.slice(0, 4)}`, now)) out.birthdays++;
      else out.skipped++;
    }
  }
  return out;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Called by appointments.book: a confirmation for a future booking, when the clinic sends them. */
export async function enqueueBookingConfirmation(db: Db, a: { id: number; patientId: number; startAt: string }, now: Date): Promise<boolean> {
  const config = await readMessagingConfig(db);
  if (!config.autoConfirmations) return false;
  if (a.startAt.slice(0, 10) < localDate(now)) return false;
  return enqueueAuto(db, config, a.patientId, 'booking_confirmation', `booking_confirmation:${a.id}`, now, a.id);
}

/** The host's schedule: reminders and greetings every `intervalMs` (once each thanks to the dedupe keys). */
export function scheduleReminders(db: Db, now: () => Date, onError: (e: unknown) => void, after: () => void, intervalMs = 5 * 60_000): () => void {
  const run = () =>
    runReminders(db, now())
      .then((r) => {
        if (r.reminders || r.birthdays) after();
      })
      .catch(onError);
  return repeat(run, 3_000, intervalMs);
}
