import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, isoDate, optionalText, requiredText } from './fields';

export interface Service {
  id: number;
  code: string;
  name: string;
  category: string;
  specialty: string | null;
  durationMin: number;
  /** Current price, minor units. */
  price: number;
  recallDays: number | null;
  active: boolean;
}

export interface PriceChange {
  price: number;
  validFrom: string;
}

const money = z.number().int().min(0).max(100_000_000_00);

export const ServiceFields = z.object({
  code: z.string().trim().min(1).max(30),
  name: requiredText(200),
  category: requiredText(100),
  specialty: optionalText(100),
  durationMin: z.number().int().min(5).max(8 * 60),
  price: money,
  recallDays: z.number().int().min(1).max(3650).nullish().transform((v) => v ?? null),
  active: z.boolean().default(true),
});

export const servicesContracts = {
  'services.list': contract<Service[]>()({ input: z.object({ includeInactive: z.boolean().default(false) }), roles: ANY_ROLE, write: false }),
  'services.create': contract<Service>()({ input: ServiceFields, roles: ['admin', 'director'], write: true }),
  /** A new price applies from `priceFrom` (default today); visits keep the price they were charged. */
  'services.update': contract<Service>()({
    // `active` without its default, so an update that leaves it out keeps it as it is.
    input: ServiceFields.extend({ active: z.boolean() }).partial().extend({ id, priceFrom: isoDate.optional() }).strict(),
    roles: ['admin', 'director'],
    write: true,
  }),
  'services.prices': contract<PriceChange[]>()({ input: z.object({ id }), roles: ANY_ROLE, write: false }),
};
