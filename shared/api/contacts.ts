// The contact log: every call, message or talk with a patient, its outcome,
// and for a patient who refused or moved away, the churn reason that the
// `lost` report counts.
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, optionalText } from './fields';

export const CONTACT_CHANNELS = ['call', 'sms', 'email', 'messenger', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_DIRECTIONS = ['out', 'in'] as const;

/**
 * How a contact ended. `wants_appointment` is an inbound request to be booked
 * (website, messenger, phone): an automatic rule calls back when no booking follows.
 */
export const CONTACT_OUTCOMES = [
  'reached', 'no_answer', 'busy', 'wrong_number', 'booked', 'refused', 'call_back', 'moved_away', 'wants_appointment',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Outcomes that mean the patient is leaving: they need a churn reason. */
export const CHURN_OUTCOMES: readonly ContactOutcome[] = ['refused', 'moved_away'];

/** Local wall-clock date and time, 2026-11-24T14:30, that exists on the calendar. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a local date and time such as 2026-11-24T14:30')
  .refine(
    (v) => {
      const [y, m, d, h, mi] = v.split(/[-T:]/).map(Number);
      const t = new Date(Date.UTC(y, m - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
    },
    { message: 'No such date or time' },
  );

export interface Contact {
  id: number;
  patientId: number;
  appointmentId: number | null;
  taskId: number | null;
  channel: ContactChannel;
  direction: (typeof CONTACT_DIRECTIONS)[number];
  outcome: ContactOutcome;
  churnReason: string | null;
  note: string | null;
  userId: number | null;
  /** Local wall-clock time of the contact. */
  at: string;
  /** The call-back task created for outcome call_back with callBackAt. */
  callBackTaskId?: number;
}

export const ContactFields = z.object({
  channel: z.enum(CONTACT_CHANNELS).default('call'),
  direction: z.enum(CONTACT_DIRECTIONS).default('out'),
  outcome: z.enum(CONTACT_OUTCOMES),
  /** A code of the `churn` reasons catalog; required for refused and moved_away. */
  churnReason: z.string().trim().min(1).max(50).nullish().transform((v) => v ?? null),
  note: optionalText(2000),
  /** When it happened; default now. */
  at: localDateTime.optional(),
  /** With outcome call_back: when to call again (a call task is created). */
  callBackAt: localDateTime.optional(),
});

export const CreateContactInput = ContactFields.extend({
  patientId: id,
  appointmentId: id.optional(),
}).strict();

export const contactsContracts = {
  'contacts.create': contract<Contact>()({ input: CreateContactInput, roles: ANY_ROLE, write: true }),
};
