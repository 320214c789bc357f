// Campaigns: outreach to an audience of patients chosen by filters (or taken
// from a report's list), worked as a call list or sent messages; the
// `campaigns` report sets the visits and revenue after each contact against
// the campaign's cost.
import { z } from 'zod';
import { contract } from './contract';
import { SEXES } from './patients';
import { id, isoDate, optionalText, requiredText, updatedAt } from './fields';
import type { Role } from '../domain/roles';

export const CAMPAIGN_CHANNELS = ['call', 'sms', 'email', 'messenger'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'active', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Outcomes of working a member; the contact log's words. */
export const CAMPAIGN_OUTCOMES = ['reached', 'no_answer', 'wrong_number', 'booked', 'refused', 'call_back', 'moved_away'] as const;
export type CampaignOutcome = (typeof CAMPAIGN_OUTCOMES)[number];

/** Outcomes after which the patient is asked why they left (the `lost` report counts the reason); the contact log's rule. */
export { CHURN_OUTCOMES } from './contacts';

const days = z.number().int().min(1).max(36500);
const serviceRef = z
  .object({ serviceId: id.optional(), category: z.string().trim().min(1).max(50).optional() })
  .strict()
  .refine((s) => (s.serviceId === undefined) !== (s.category === undefined), { message: 'Name either a service or a category' });

/** Who a campaign reaches. Every filter is optional; all given ones must hold. */
export const AudienceFilters = z
  .object({
    /** Last visit N or more days before today (patients with at least one visit). */
    lastVisitOlderThanDays: days.optional(),
    /** Last visit less than N days before today (today is 0 days). */
    lastVisitWithinDays: days.optional(),
    serviceDone: serviceRef.optional(),
    serviceNeverDone: serviceRef.optional(),
    ageFrom: z.number().int().min(0).max(130).optional(),
    ageTo: z.number().int().min(0).max(130).optional(),
    sex: z.enum(SEXES).optional(),
    city: z.string().trim().min(1).max(100).optional(),
    sourceId: id.optional(),
    /** Seen by this doctor at least once (a completed visit). */
    doctorId: id.optional(),
    /** true: owes the clinic; false: owes nothing. */
    hasDebt: z.boolean().optional(),
    birthdayMonth: z.number().int().min(1).max(12).optional(),
    /** Patients with a future booking are left out unless this is true. */
    includeBooked: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.ageFrom === undefined || f.ageTo === undefined || f.ageFrom <= f.ageTo, { message: 'The age range ends before it starts', path: ['ageTo'] });
export type AudienceFilters = z.infer<typeof AudienceFilters>;

export interface Campaign {
  id: number;
  name: string;
  channel: CampaignChannel;
  cost: number;
  startDate: string;
  endDate: string;
  offer: string | null;
  status: CampaignStatus;
  filters: AudienceFilters;
  audienceBuiltAt: string | null;
  members: number;
  contacted: number;
  createdAt: string;
  updatedAt: string;
}

export interface AudiencePatient {
  id: number;
  name: string;
  phone: string | null;
  lastVisit: string | null;
}

export interface AudienceCount {
  count: number;
  /** The first few patients, so the user sees who the filters pick. */
  sample: AudiencePatient[];
}

export interface CampaignMember {
  memberId: number;
  patientId: number;
  name: string;
  phone: string | null;
  email: string | null;
  /** Date of the last visit (YYYY-MM-DD), null when none. */
  lastVisit: string | null;
  contacts: number;
  lastOutcome: CampaignOutcome | null;
  lastContactAt: string | null;
  lastNote: string | null;
}

export interface CampaignMembersPage {
  total: number;
  rows: CampaignMember[];
}

const cost = z.number().int().min(0).max(100_000_000_00);

const CampaignFields = z.object({
  name: requiredText(200),
  channel: z.enum(CAMPAIGN_CHANNELS),
  cost,
  startDate: isoDate,
  endDate: isoDate,
  offer: optionalText(2000),
  filters: AudienceFilters,
});

const periodInOrder = (c: { startDate?: string; endDate?: string }) => !c.startDate || !c.endDate || c.startDate <= c.endDate;
const periodIssue = { message: 'The campaign ends before it starts', path: ['endDate'] };

export const CampaignCreateInput = CampaignFields.extend({ cost: cost.default(0), filters: AudienceFilters.default({}) }).refine(periodInOrder, periodIssue);

// No defaults here: a field left out keeps its value.
export const CampaignUpdateInput = CampaignFields.extend({ offer: z.string().trim().max(2000).nullable() })
  .partial()
  .extend({ id, status: z.enum(CAMPAIGN_STATUSES).optional(), updatedAt: updatedAt.optional() })
  .refine(periodInOrder, periodIssue);

export const RecordOutcomeInput = z.object({
  memberId: id,
  outcome: z.enum(CAMPAIGN_OUTCOMES),
  note: optionalText(1000),
  /** A churn reason code of the catalog; only with refused / moved away. */
  churnReason: z.string().trim().min(1).max(50).nullish().transform((v) => v ?? null),
});

/** What sending an SMS/e-mail campaign did: queued in the outbox, and each member it could not reach, with why. */
export interface CampaignSendResult {
  queued: number;
  /** Members who already had this campaign's message. */
  alreadySent: number;
  refused: Array<{ patientId: number; code: string; reason: string }>;
}

/** Who works campaigns: the director sets them up, the call-center works them. */
export const CAMPAIGN_ROLES: readonly Role[] = ['director', 'admin', 'callcenter'];

export const campaignsContracts = {
  'campaigns.list': contract<Campaign[]>()({ input: z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() }), roles: CAMPAIGN_ROLES, write: false }),
  'campaigns.get': contract<Campaign>()({ input: z.object({ id }), roles: CAMPAIGN_ROLES, write: false }),
  'campaigns.create': contract<Campaign>()({ input: CampaignCreateInput, roles: CAMPAIGN_ROLES, write: true }),
  'campaigns.update': contract<Campaign>()({ input: CampaignUpdateInput, roles: CAMPAIGN_ROLES, write: true }),
  /** Only a draft without contacts: a campaign that ran stays for the report. */
  'campaigns.delete': contract<{ ok: true }>()({ input: z.object({ id }), roles: CAMPAIGN_ROLES, write: true }),
  /** How many patients the filters pick for a channel, and a few of them: the live count of the filter builder. */
  'campaigns.audienceCount': contract<AudienceCount>()({
    input: z.object({ channel: z.enum(CAMPAIGN_CHANNELS), filters: AudienceFilters.default({}) }),
    roles: CAMPAIGN_ROLES,
    write: false,
  }),
  /** Freezes the members from the campaign's filters: members not yet worked are replaced, worked ones stay. */
  'campaigns.buildAudience': contract<{ added: number; removed: number; members: number }>()({ input: z.object({ id }), roles: CAMPAIGN_ROLES, write: true }),
  /** Adds chosen patients (a report's drill-down list) as members. */
  'campaigns.addMembers': contract<{ added: number; members: number }>()({
    input: z.object({ id, patientIds: z.array(id).min(1).max(100_000) }),
    roles: CAMPAIGN_ROLES,
    write: true,
  }),
  'campaigns.members': contract<CampaignMembersPage>()({
    input: z.object({
      id,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
      /** Only members not contacted yet, or only those with this last outcome. */
      outcome: z.enum([...CAMPAIGN_OUTCOMES, 'none']).optional(),
    }),
    roles: CAMPAIGN_ROLES,
    write: false,
  }),
  /** Records a member's contact outcome in the contact log, linked to the campaign. */
  'campaigns.recordOutcome': contract<CampaignMember>()({ input: RecordOutcomeInput, roles: CAMPAIGN_ROLES, write: true }),
  'campaigns.send': contract<CampaignSendResult>()({ input: z.object({ id }).strict(), roles: CAMPAIGN_ROLES, write: true }),
};
