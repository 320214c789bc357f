// A patient's timeline: visits, payments, contacts and messages merged by
// time, newest first, paged (the patient card's history tab).
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id } from './fields';
import type { Contact } from './contacts';
import type { MessageStatus } from './messages';
import type { MessageChannel, MessageKind } from '../domain/templates';

/**
 * A message to the patient, placed at the time it was queued (so a page does
 * not shift when it is sent), with where it stands: queued, sent, delivered,
 * failed or cancelled with the reason. Times are local wall-clock.
 */
export interface TimelineMessage {
  kind: 'message';
  id: number;
  at: string;
  channel: MessageChannel;
  messageKind: MessageKind;
  status: MessageStatus;
  /** Why it failed or was cancelled, or why the last attempt did not go (while it waits). */
  error: string | null;
  subject: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
}

export type TimelineItem =
  | { kind: 'visit'; id: number; at: string; status: string; doctor: string; branch: string; amount: number }
  | { kind: 'payment'; id: number; at: string; amount: number; method: string }
  | ({ kind: 'contact'; userName: string | null } & Contact)
  | TimelineMessage;

export const TimelineInput = z
  .object({
    patientId: id,
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const timelineContracts = {
  'patients.timeline': contract<{ items: TimelineItem[]; hasMore: boolean }>()({ input: TimelineInput, roles: ANY_ROLE, write: false }),
};
