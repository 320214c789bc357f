// A patient's timeline: visits, payments and contacts merged by time, newest
// first, paged (the patient card's history tab).
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id } from './fields';
import type { Contact } from './contacts';

export type TimelineItem =
  | { kind: 'visit'; id: number; at: string; status: string; doctor: string; branch: string; amount: number }
  | { kind: 'payment'; id: number; at: string; amount: number; method: string }
  | ({ kind: 'contact'; userName: string | null } & Contact);

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
