// Local wall-clock time, as appointments store it (2026-11-24T14:30): the
// host's time zone is the clinic's.
import { addMinutes, format, parseISO } from 'date-fns';
import type { Ctx } from './router';

export function nowOf(ctx: Ctx): Date {
  return ctx.host.now ? ctx.host.now() : new Date();
}

export function localTime(d: Date): string {
  return format(d, "yyyy-MM-dd'T'HH:mm");
}

export function localDate(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

export function plusMinutes(local: string, minutes: number): string {
  return localTime(addMinutes(parseISO(local), minutes));
}

export function minutesBetween(fromLocal: string, toLocal: string): number {
  return Math.round((parseISO(toLocal).getTime() - parseISO(fromLocal).getTime()) / 60_000);
}

/** 1 = Monday … 7 = Sunday, as schedules and the peak-hours report count. */
export function weekdayOf(localDay: string): number {
  const d = parseISO(localDay).getDay();
  return d === 0 ? 7 : d;
}
