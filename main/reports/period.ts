// Calendar arithmetic on local dates (YYYY-MM-DD) for reports: months of a
// period, the previous period, day differences. Pure string/date-fns work,
// no time zones: report dates are the clinic's wall-clock dates.
import { addDays, addMonths, differenceInCalendarDays, endOfMonth, format, parseISO } from 'date-fns';

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** Today's local date, the default "as of" of reports. */
export function todayLocal(): string {
  return day(new Date());
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every month YYYY-MM touched by [from, to]. */
export function monthsIn(from: string, to: string): string[] {
  // String arithmetic: date-fns took ~5 ms for the 120 months of 10 years.
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let month = from.slice(0, 7); `${month}-01` <= to; month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`) {
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  return day(endOfMonth(parseISO(`${month}-01`)));
}

export function plusMonths(month: string, n: number): string {
  return format(addMonths(parseISO(`${month}-01`), n), 'yyyy-MM');
}

export function plusDays(date: string, n: number): string {
  return day(addDays(parseISO(date), n));
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The day after `date`, as the exclusive upper bound of local times on `date`. */
export function dayAfter(date: string): string {
  return plusDays(date, 1);
}

/** Whether [from, to] is exactly whole calendar months. */
export function isWholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && to === monthEnd(monthOf(to));
}

/**
 * METRICS.md's previous period: the same number of calendar months just
 * before when the period is whole months, otherwise the same number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isWholeMonths(from, to)) {
    const n = monthsIn(from, to).length;
    const start = plusMonths(monthOf(from), -n);
    return { from: monthStart(start), to: monthEnd(plusMonths(monthOf(from), -1)) };
  }
  const n = daysBetween(from, to) + 1;
  return { from: plusDays(from, -n), to: plusDays(from, -1) };
}

export function yearBefore(date: string): string {
  return day(addMonths(parseISO(date), -12));
}

/** Percentage 0–100 rounded to one decimal; null when the base is 0. */
export function pct(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/**
 * [from, to] as the whole calendar months inside it (read from monthly
 * summaries) and the partial months at either end (read from the visits).
 */
export function splitByWholeMonths(from: string, to: string): { months: { first: string; last: string } | null; edges: Array<{ from: string; to: string }> } {
  const first = from.endsWith('-01') ? monthOf(from) : plusMonths(monthOf(from), 1);
  const last = to === monthEnd(monthOf(to)) ? monthOf(to) : plusMonths(monthOf(to), -1);
  if (first > last) return { months: null, edges: [{ from, to }] };
  const edges: Array<{ from: string; to: string }> = [];
  if (!from.endsWith('-01')) edges.push({ from, to: monthEnd(monthOf(from)) });
  if (to !== monthEnd(monthOf(to))) edges.push({ from: monthStart(monthOf(to)), to });
  return { months: { first, last }, edges };
}
