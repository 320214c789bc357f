import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE, ROLES, type Role } from '../domain/roles';
import { requiredText } from './fields';
import { TaskRuleSettingsInput, type TaskRuleSettings } from './tasks';

export const LOCALES = ['ru', 'uk', 'en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Settings {
  clinicName: string;
  /** ISO 4217 code; amounts are stored in its minor units. */
  currency: string;
  /** ISO 3166 country used to read phones typed without a country code. */
  country: string;
  defaultLocale: Locale;
  sessionIdleMinutes: number;
  /** Grid of the appointment book: 5, 10 or 15 minutes. */
  slotMinutes: 5 | 10 | 15;
  /** The largest discount (% of a line) each role may give; more needs a director. */
  discountLimitPct: Record<Role, number>;
  /** The automatic task rules: each on or off, with its delay in days. */
  taskRules: TaskRuleSettings;
}

export interface Branch {
  id: number;
  name: string;
  city: string;
}

export interface Source {
  id: number;
  code: string;
  name: string;
}

export const SettingsInput = z
  .object({
    clinicName: requiredText(200),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as RUB, UAH, USD, CNY'),
    country: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as RU, UA, CN'),
    defaultLocale: z.enum(LOCALES),
    sessionIdleMinutes: z.number().int().min(1).max(24 * 60),
    slotMinutes: z.union([z.literal(5), z.literal(10), z.literal(15)]),
    discountLimitPct: z.object(Object.fromEntries(ROLES.map((r) => [r, z.number().min(0).max(100)])) as Record<Role, z.ZodNumber>),
    /** Rules not named keep their setting. */
    taskRules: TaskRuleSettingsInput,
  })
  .partial()
  .strict();

export const settingsContracts = {
  'settings.get': contract<Settings>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  'settings.update': contract<Settings>()({ input: SettingsInput, roles: ['admin', 'director'], write: true }),
  'branches.list': contract<Branch[]>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  'sources.list': contract<Source[]>()({ input: z.object({}), roles: ANY_ROLE, write: false }),
  'sources.create': contract<Source>()({
    input: z.object({ code: z.string().trim().min(1).max(50).regex(/^[a-z0-9_-]+$/), name: requiredText(100) }),
    roles: ['admin', 'director'],
    write: true,
  }),
};
