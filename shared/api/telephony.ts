// The incoming call card: the PBX (or any signed-in workstation) reports a
// call; every open reception/call-center window shows who is calling.
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id } from './fields';
import type { TaskKind } from './tasks';

export interface CallerPatient {
  id: number;
  name: string;
  phone: string | null;
  lastVisit: string | null;
  nextBooking: { startAt: string; doctor: string } | null;
  /** charged − paid, minor units. */
  debt: number;
  lastContact: { at: string; channel: string; outcome: string } | null;
  openTasks: Array<{ id: number; kind: TaskKind; dueAt: string }>;
}

export interface IncomingCallCard {
  callId: number;
  /** As the PBX sent it, and as E.164 when it reads as a phone number. */
  phone: string;
  phoneE164: string | null;
  /** Local wall-clock time of the call. */
  at: string;
  /** The patients with this phone (usually one); empty for an unknown number: offer "new patient". */
  patients: CallerPatient[];
}

export const telephonyContracts = {
  /**
   * Public in the role table: the handler accepts a signed-in user or the
   * PBX's telephony token (Authorization: Bearer <token> from telephony.newToken).
   */
  'telephony.incoming': contract<{ callId: number; known: boolean }>()({
    input: z.object({ phone: z.string().trim().min(3).max(40) }).strict(),
    roles: [],
    write: true,
  }),
  'telephony.card': contract<IncomingCallCard>()({ input: z.object({ callId: id }).strict(), roles: ANY_ROLE, write: false }),
  /** A new token for the PBX; the previous one stops working. Shown once: only its hash is kept. */
  'telephony.newToken': contract<{ token: string }>()({ input: z.object({}).strict(), roles: ['admin', 'director'], write: true }),
};
