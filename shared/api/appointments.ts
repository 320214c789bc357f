import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { APPOINTMENT_STATUSES, BOOKING_CHANNELS, LOCAL_TIME, type AppointmentStatus } from '../domain/appointments';
import { id, isoDate, optionalText, updatedAt } from './fields';

export const localTime = z.string().regex(LOCAL_TIME, 'Use local time YYYY-MM-DDTHH:mm');

export interface AppointmentLine {
  id: number;
  serviceId: number;
  serviceName: string;
  qty: number;
  price: number;
  discount: number;
  amount: number;
}

export interface Appointment {
  id: number;
  patientId: number;
  patientName: string;
  patientPhone: string | null;
  /** The patient's whole debt (lifetime charged − paid), flagged at booking and arrival. */
  patientDebt: number;
  doctorId: number;
  doctorName: string;
  branchId: number;
  startAt: string;
  endAt: string;
  status: AppointmentStatus;
  reasonCode: string | null;
  channel: string | null;
  comment: string | null;
  /** Booked outside the rules (overlap, off hours, in the past) by a director. */
  override: boolean;
  arrivedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  lines: AppointmentLine[];
  /** Sum of the lines: charged for a completed visit, planned before. */
  total: number;
  paid: number;
  updatedAt: string;
}

export interface DoctorColumn {
  id: number;
  name: string;
  specialty: string | null;
  branchId: number | null;
  /** Working hours that day, local HH:mm; empty on a day off. */
  shifts: Array<{ start: string; end: string }>;
}

export interface DayView {
  date: string;
  doctors: DoctorColumn[];
  appointments: Appointment[];
}

export interface WeekView {
  doctor: DoctorColumn;
  days: Array<{ date: string; shifts: Array<{ start: string; end: string }> }>;
  appointments: Appointment[];
}

export const BookInput = z.object({
  patientId: id,
  doctorId: id,
  branchId: id.optional(),
  startAt: localTime,
  /** When absent, the end is the start plus the services' durations. */
  endAt: localTime.optional(),
  serviceIds: z.array(id).max(20).default([]),
  channel: z.enum(BOOKING_CHANNELS).default('phone'),
  comment: optionalText(1000),
  /** Director only: book over another booking or outside the doctor's hours (audited). */
  override: z.boolean().default(false),
  /** Director only: enter a past appointment (history), flagged as such. */
  history: z.boolean().default(false),
});

export const MoveInput = z.object({
  id,
  updatedAt,
  startAt: localTime,
  endAt: localTime,
  doctorId: id.optional(),
  /** Default: the branch of the doctor's shift at the new time (unchanged when only the time of day moves). */
  branchId: id.optional(),
  override: z.boolean().default(false),
});

export const SetStatusInput = z.object({
  id,
  updatedAt: updatedAt.optional(),
  status: z.enum(APPOINTMENT_STATUSES).exclude(['booked', 'completed']),
  /** Required for cancelled and no_show: a code from the reasons catalog. */
  reasonCode: z.string().min(1).max(50).optional(),
});

export const CompleteInput = z.object({
  id,
  updatedAt: updatedAt.optional(),
  items: z
    .array(
      z.object({
        serviceId: id,
        qty: z.number().int().min(1).max(100).default(1),
        /** Discount in minor units for the line. */
        discount: z.number().int().min(0).default(0),
      }),
    )
    .min(1, 'A completed visit has at least one service'),
});

/** A booking on the confirmation list, with the calls to it that nobody answered (any workstation, oldest first). */
export interface ToConfirm extends Appointment {
  attempts: Array<{ at: string; userName: string | null }>;
}

export const appointmentsContracts = {
  'appointments.book': contract<Appointment>()({ input: BookInput, roles: ['admin', 'director', 'reception', 'callcenter'], write: true }),
  'appointments.move': contract<Appointment>()({ input: MoveInput, roles: ['admin', 'director', 'reception', 'callcenter'], write: true }),
  'appointments.setStatus': contract<Appointment>()({ input: SetStatusInput, roles: ['admin', 'director', 'reception', 'callcenter', 'doctor'], write: true }),
  'appointments.complete': contract<Appointment>()({ input: CompleteInput, roles: ['admin', 'director', 'reception', 'doctor'], write: true }),
  'appointments.get': contract<Appointment>()({ input: z.object({ id }), roles: ANY_ROLE, write: false }),
  'appointments.day': contract<DayView>()({ input: z.object({ date: isoDate, branchId: id.optional() }), roles: ANY_ROLE, write: false }),
  'appointments.week': contract<WeekView>()({ input: z.object({ doctorId: id, weekStart: isoDate }), roles: ANY_ROLE, write: false }),
  /** Bookings of `date` (default tomorrow) not yet confirmed, for the confirmation calls. */
  'appointments.toConfirm': contract<ToConfirm[]>()({ input: z.object({ date: isoDate.optional() }), roles: ANY_ROLE, write: false }),
  /** A confirmation call that did not reach the patient, logged as a contact attempt. */
  'appointments.noAnswer': contract<{ ok: true }>()({ input: z.object({ id, note: optionalText(500) }), roles: ['admin', 'director', 'reception', 'callcenter'], write: true }),
};
