import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, isoDate, optionalText, requiredText, updatedAt } from './fields';

export const SEXES = ['male', 'female'] as const;

export interface Patient {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: (typeof SEXES)[number] | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  address: string | null;
  sourceId: number | null;
  referralNote: string | null;
  consentSms: boolean;
  consentEmail: boolean;
  comment: string | null;
  branchId: number | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PatientListItem extends Pick<
  Patient,
  'id' | 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'phone' | 'email' | 'city' | 'sourceId' | 'createdAt'
> {
  sourceName: string | null;
  lastVisit: string | null;
}

export interface PatientHistoryVisit {
  id: number;
  startAt: string;
  status: string;
  doctor: string;
  branch: string;
  amount: number;
}

export interface PatientHistoryPayment {
  id: number;
  paidAt: string;
  amount: number;
  method: string;
}

export interface PatientCard {
  patient: Patient;
  sourceName: string | null;
  visits: PatientHistoryVisit[];
  payments: PatientHistoryPayment[];
  /** Lifetime revenue − paid; positive means the patient owes the clinic. */
  balance: number;
}

export interface DuplicateCandidate {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  phone: string | null;
  /** Why it looks like the same person. */
  match: 'phone' | 'name_birth';
}

const birthDate = isoDate
  .refine((d) => d >= '1900-01-01', { message: 'Birth date is before 1900' })
  .refine((d) => d <= new Date().toISOString().slice(0, 10), { message: 'Birth date is in the future' })
  .nullish()
  .transform((v) => v ?? null);

export const PatientFields = z.object({
  lastName: requiredText(100),
  firstName: requiredText(100),
  middleName: optionalText(100),
  birthDate,
  sex: z.enum(SEXES).nullish().transform((v) => v ?? null),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email()])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  city: optionalText(100),
  address: optionalText(300),
  sourceId: id,
  referralNote: optionalText(500),
  consentSms: z.boolean(),
  consentEmail: z.boolean(),
  comment: optionalText(2000),
  branchId: id.nullish().transform((v) => v ?? null),
});

export const CreatePatientInput = PatientFields.extend({
  consentSms: z.boolean().default(false),
  consentEmail: z.boolean().default(false),
  /** Create even though a likely duplicate exists ("create anyway"). */
  force: z.boolean().default(false),
});

export const UpdatePatientInput = PatientFields.partial()
  .extend({
    id,
    updatedAt,
    force: z.boolean().default(false),
  })
  .strict();

export const PATIENT_SORTS = ['name', 'createdAt', 'birthDate', 'lastVisit'] as const;

export const SearchPatientsInput = z.object({
  query: z.string().max(200).default(''),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
  sort: z.enum(PATIENT_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  sourceId: id.optional(),
  city: z.string().max(100).optional(),
});

export const DuplicatesInput = z.object({
  phone: z.string().max(40).nullish(),
  lastName: z.string().max(100).nullish(),
  firstName: z.string().max(100).nullish(),
  birthDate: isoDate.nullish(),
  excludeId: id.optional(),
});

export const patientsContracts = {
  'patients.create': contract<Patient>()({ input: CreatePatientInput, roles: ['admin', 'director', 'reception', 'callcenter'], write: true }),
  'patients.update': contract<Patient>()({ input: UpdatePatientInput, roles: ['admin', 'director', 'reception', 'callcenter', 'doctor'], write: true }),
  'patients.get': contract<PatientCard>()({ input: z.object({ id }), roles: ANY_ROLE, write: false }),
  'patients.search': contract<{ items: PatientListItem[]; total: number }>()({ input: SearchPatientsInput, roles: ANY_ROLE, write: false }),
  'patients.duplicates': contract<DuplicateCandidate[]>()({ input: DuplicatesInput, roles: ANY_ROLE, write: false }),
  /** Moves all history of `sourceId` into `targetId`; the source is kept as merged. */
  'patients.merge': contract<Patient>()({
    input: z.object({ sourceId: id, targetId: id }).refine((v) => v.sourceId !== v.targetId, {
      message: 'A patient cannot be merged into itself',
      path: ['targetId'],
    }),
    roles: ['admin', 'director'],
    write: true,
  }),
  'patients.delete': contract<{ ok: true }>()({ input: z.object({ id }), roles: ['admin'], write: true }),
};
