import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, isoDate } from './fields';

export interface Shift {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  start: string;
  end: string;
  branchId: number | null;
}

export interface Doctor {
  id: number;
  name: string;
  specialty: string | null;
  branchId: number | null;
  shifts: Shift[];
  daysOff: string[];
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm');

export const ScheduleInput = z.object({
  doctorId: id,
  shifts: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm, branchId: id.nullish().transform((v) => v ?? null) }))
    .max(50)
    .refine((s) => s.every((x) => x.start < x.end), { message: 'A shift ends after it starts' }),
  daysOff: z.array(isoDate).max(400).default([]),
});

export const schedulesContracts = {
  'doctors.list': contract<Doctor[]>()({ input: z.object({ branchId: id.optional() }), roles: ANY_ROLE, write: false }),
  'schedules.set': contract<Doctor>()({ input: ScheduleInput, roles: ['admin', 'director'], write: true }),
};
