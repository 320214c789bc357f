// Pure helpers of the appointment book: local wall-clock strings as the host
// stores them (2026-11-24T14:30), working hours, the next free slot, and the
// colours of the statuses.
import { addDays, addMinutes, format, parseISO, startOfWeek } from 'date-fns';
import type { Appointment } from '../../../shared/api/appointments';
import type { Doctor } from '../../../shared/api/schedules';
import { OCCUPYING, type AppointmentStatus } from '../../../shared/domain/appointments';

export type Hours = Array<{ start: string; end: string }>;

/** Date → local "YYYY-MM-DDTHH:mm". */
export function toLocal(d: Date): string {
  return format(d, "yyyy-MM-dd'T'HH:mm");
}

/** Date → "YYYY-MM-DD". */
export function toDay(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

export function fromLocal(s: string): Date {
  return parseISO(s);
}

export function plusMinutes(local: string, minutes: number): string {
  return toLocal(addMinutes(parseISO(local), minutes));
}

export function minutesBetween(from: string, to: string): number {
  return Math.round((parseISO(to).getTime() - parseISO(from).getTime()) / 60_000);
}

export function shiftDay(day: string, n: number): string {
  return toDay(addDays(parseISO(day), n));
}

/** Monday of the week of `day`. */
export function mondayOf(day: string): string {
  return toDay(startOfWeek(parseISO(day), { weekStartsOn: 1 }));
}

/** HH:mm of a local time or Date. */
export function hhmm(v: string | Date): string {
  return typeof v === 'string' ? v.slice(11, 16) : format(v, 'HH:mm');
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const d = parseISO(day).getDay();
  return d === 0 ? 7 : d;
}

/** Whether the slot starting at `time` (HH:mm) lies inside one of the shifts. */
export function inHours(hours: Hours, time: string): boolean {
  return hours.some((h) => h.start <= time && time < h.end);
}

/** The shifts of a doctor on a date, from doctors.list (days off have none). */
export function shiftsOf(doctor: Doctor, day: string, branchId?: number | ''): Hours {
  if (doctor.daysOff.includes(day)) return [];
  const wd = weekdayOf(day);
  return doctor.shifts
    .filter((s) => s.weekday === wd && (!branchId || s.branchId === null || s.branchId === branchId))
    .map((s) => ({ start: s.start, end: s.end }));
}

/** The branch a doctor works at, at that time (from their shifts), if known. */
export function branchAt(doctor: Doctor | undefined, startAt: string): number | undefined {
  if (!doctor) return undefined;
  const wd = weekdayOf(startAt.slice(0, 10));
  const time = startAt.slice(11, 16);
  const shift = doctor.shifts.find((s) => s.weekday === wd && s.start <= time && time < s.end && s.branchId);
  return shift?.branchId ?? undefined;
}

export function occupies(a: Appointment): boolean {
  return OCCUPYING.includes(a.status);
}

function ceilToStep(time: string, step: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.ceil((h * 60 + m) / step) * step;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function addToTime(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The first start on `day` inside the doctor's hours, not before `notBefore`
 * (local time), where `minutes` fit without touching an occupying booking.
 */
export function firstFree(
  day: string,
  hours: Hours,
  appointments: Appointment[],
  opts: { doctorId: number; minutes: number; step: number; notBefore: string },
): string | null {
  const taken = appointments
    .filter((a) => a.doctorId === opts.doctorId && occupies(a) && a.startAt.slice(0, 10) === day)
    .map((a) => ({ start: a.startAt.slice(11, 16), end: a.endAt.slice(0, 10) > day ? '24:00' : a.endAt.slice(11, 16) }));
  const floor = opts.notBefore.slice(0, 10) === day ? opts.notBefore.slice(11, 16) : opts.notBefore.slice(0, 10) > day ? '24:00' : '00:00';
  for (const shift of [...hours].sort((a, b) => a.start.localeCompare(b.start))) {
    let t = ceilToStep(shift.start > floor ? shift.start : floor, opts.step);
    while (addToTime(t, opts.minutes) <= shift.end) {
      const end = addToTime(t, opts.minutes);
      const clash = taken.filter((x) => x.start < end && x.end > t);
      if (!clash.length) return `${day}T${t}`;
      t = ceilToStep(clash.map((c) => c.end).sort().at(-1)!, opts.step);
    }
  }
  return null;
}

/** The current local time rounded up to the grid step. */
export function nowOnGrid(step: number): string {
  const now = toLocal(new Date());
  return `${now.slice(0, 11)}${ceilToStep(now.slice(11, 16), step)}`;
}

export function patientName(p: { lastName: string; firstName: string; middleName: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** "Иванов Иван Иванович" → "Иванов И. И." for narrow columns. */
export function shortName(full: string): string {
  const [last, ...rest] = full.split(/\s+/).filter(Boolean);
  if (!rest.length) return full;
  return `${last} ${rest.map((r) => `${r[0]}.`).join(' ')}`;
}

export interface StatusColour {
  /** Left bar and chip colour. */
  main: string;
  /** Event background. */
  bg: string;
  text: string;
}

export const STATUS_COLOURS: Record<AppointmentStatus, StatusColour> = {
  booked: { main: '#1e6fd9', bg: '#e6f0fc', text: '#0d3c78' },
  confirmed: { main: '#2e7d32', bg: '#e5f3e6', text: '#1b4d1e' },
  arrived: { main: '#e08a00', bg: '#fff2dc', text: '#6b4200' },
  in_service: { main: '#8e24aa', bg: '#f5e6f8', text: '#4f1060' },
  completed: { main: '#607d8b', bg: '#eceff1', text: '#37474f' },
  cancelled: { main: '#c62828', bg: '#fbeaea', text: '#7f1d1d' },
  no_show: { main: '#6d4c41', bg: '#f3ebe8', text: '#4e342e' },
};

/** Statuses shown faded in the book (they no longer hold the doctor's time). */
export function isFaded(s: AppointmentStatus): boolean {
  return s === 'cancelled' || s === 'no_show';
}

export function canDrag(s: AppointmentStatus): boolean {
  return s === 'booked' || s === 'confirmed';
}

/** "среда, 25 ноября" → "Среда, 25 ноября". */
export function capitalize(s: string): string {
  return s ? s[0].toLocaleUpperCase() + s.slice(1) : s;
}
