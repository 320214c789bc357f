// Report parameters: every report takes from/to (inclusive local dates) and
// optional branchId/doctorId, plus its own. Unknown parameters are refused.
import { z } from 'zod';
import { id, isoDate } from '../../shared/api/fields';

export const baseShape = {
  from: isoDate,
  to: isoDate,
  branchId: z.coerce.number().int().positive().optional(),
  doctorId: z.coerce.number().int().positive().optional(),
};

export interface BaseParams {
  from: string;
  to: string;
  branchId?: number;
  doctorId?: number;
}

/** The schema of a report's parameters: the base ones, its own, nothing else. */
export function reportParams<S extends z.ZodRawShape>(extra: S) {
  return z
    .object({ ...baseShape, ...extra })
    .strict()
    .refine((p) => (p as unknown as BaseParams).from <= (p as unknown as BaseParams).to, { message: 'The period ends before it starts', path: ['to'] });
}

export { id };
