// Appointment statuses and the only moves between them. The host refuses
// any other move (409), and the UI offers only these.
export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'arrived', 'in_service', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['confirmed', 'arrived', 'cancelled', 'no_show'],
  confirmed: ['arrived', 'cancelled', 'no_show'],
  // A doctor who forgot to press "start" may still complete the visit.
  arrived: ['in_service', 'completed', 'cancelled'],
  in_service: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses that hold a doctor's time: two of these may not overlap. */
export const OCCUPYING: readonly AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'in_service', 'completed'];

/** A booking still ahead: it keeps a patient off the lost and recall lists. */
export const UPCOMING: readonly AppointmentStatus[] = ['booked', 'confirmed'];

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const BOOKING_CHANNELS = ['phone', 'walk_in', 'website', 'messenger', 'referral'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export const PAYMENT_METHODS = ['cash', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const REASON_KINDS = ['cancel', 'no_show', 'churn'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** Wall-clock local time as the database stores it: 2026-11-24T14:30. */
export const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
