import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id } from './fields';
import type { Appointment } from './appointments';

export interface QueueEntry {
  appointment: Appointment;
  /** Minutes since arrival (waiting) or since the visit started (in service). */
  minutes: number;
}

export interface DoctorQueue {
  doctorId: number;
  doctorName: string;
  specialty: string | null;
  waiting: QueueEntry[];
  inService: QueueEntry[];
  doneToday: number;
}

export interface TriageCandidate {
  doctorId: number;
  doctorName: string;
  /** Patients today: arrived + in service + completed. */
  patientsToday: number;
  /** When their last patient finished (or null: nobody yet today). */
  lastFinishedAt: string | null;
}

export interface TriageProposal {
  /** Null when no doctor of that specialty is on shift now. */
  doctorId: number | null;
  /** Why this doctor: machine-readable so the UI can translate it. */
  reason: { rule: 'fewest_patients' | 'longest_idle' | 'only_one' | 'none_on_shift'; patientsToday?: number; lastFinishedAt?: string | null };
  candidates: TriageCandidate[];
}

export const ProposeInput = z
  .object({ specialty: z.string().min(1).max(100).optional(), serviceId: id.optional(), branchId: id.optional() })
  .refine((v) => v.specialty || v.serviceId, { message: 'Give a specialty or a service', path: ['specialty'] });

export const WalkInInput = z.object({
  patientId: id,
  doctorId: id,
  branchId: id.optional(),
  serviceIds: z.array(id).max(20).default([]),
});

export const queueContracts = {
  'queue.list': contract<DoctorQueue[]>()({ input: z.object({ doctorId: id.optional(), branchId: id.optional() }), roles: ANY_ROLE, write: false }),
  'queue.propose': contract<TriageProposal>()({ input: ProposeInput, roles: ANY_ROLE, write: false }),
  /** Registers a walk-in: an appointment that starts now, already arrived. */
  'queue.walkIn': contract<Appointment>()({ input: WalkInInput, roles: ['admin', 'director', 'reception'], write: true }),
};
