// The demo clinic's days: day 0 is the first day of the history, `untilIdx`
// the last day with visits, and a short tail of future days for bookings.
// Both demo cities keep Moscow time (UTC+3, no daylight saving since 2014).

const DAY_MS = 86_400_000;
const UTC_OFFSET_MIN = 180;

/** Clinic day grid: 30-minute slots from 08:00 (slot 0) to 21:00 (slot 26). */
export const OPEN_MIN = 8 * 60;
export const SLOT_MIN = 30;
export const SLOTS = 26;

/** Relative demand by weekday, Monday first. */
const WEEKDAY = [1.0, 1.0, 0.95, 0.95, 0.85, 0.45, 0.04];
/** Relative demand by month: winter holidays, summer dip, busy autumn. */
const SEASON = [0.82, 1.0, 1.02, 0.97, 0.86, 0.82, 0.72, 0.76, 1.0, 1.1, 1.1, 1.0];
/** Public holidays (MM-DD) when only a duty doctor works, as on Sundays. */
const DUTY_HOLIDAYS = new Set(['01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04']);
const CLOSED = new Set(['12-31', '01-01', '01-02']);

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const HHMM: string[] = Array.from({ length: 24 * 60 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

export function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

export const DayMode = { Normal: 0, Duty: 1, Closed: 2 } as const;

export class Calendar {
  readonly days: number;
  readonly untilIdx: number;
  readonly dates: string[] = [];
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: Uint8Array;
  /** Months since the first month of the history. */
  readonly monthIdx: Uint16Array;
  readonly mode: Uint8Array;
  /** Relative chance that a patient picks this day; ≤ 1. */
  readonly demand: Float32Array;
  readonly months: number;
  private readonly startMs: number;

  constructor(until: string, years: number, futureDays: number) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
    if (!m) throw new Error(`until must be YYYY-MM-DD, got ${until}`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const untilMs = Date.UTC(y, mo - 1, d);
    this.startMs = Date.UTC(y - years, mo - 1, d + 1);
    this.untilIdx = Math.round((untilMs - this.startMs) / DAY_MS);
    this.days = this.untilIdx + 1 + futureDays;
    this.weekday = new Uint8Array(this.days);
    this.monthIdx = new Uint16Array(this.days);
    this.mode = new Uint8Array(this.days);
    this.demand = new Float32Array(this.days);
    const first = new Date(this.startMs);
    for (let i = 0; i < this.days; i++) {
      const date = new Date(this.startMs + i * DAY_MS);
      const iso = date.toISOString().slice(0, 10);
      this.dates.push(iso);
      const wd = ((date.getUTCDay() + 6) % 7) + 1;
      this.weekday[i] = wd;
      this.monthIdx[i] = (date.getUTCFullYear() - first.getUTCFullYear()) * 12 + date.getUTCMonth() - first.getUTCMonth();
      const md = iso.slice(5);
      this.mode[i] = CLOSED.has(md) ? DayMode.Closed : wd === 7 || DUTY_HOLIDAYS.has(md) ? DayMode.Duty : DayMode.Normal;
      const base = WEEKDAY[wd - 1] * SEASON[date.getUTCMonth()];
      this.demand[i] = this.mode[i] === DayMode.Normal ? base : this.mode[i] === DayMode.Duty ? Math.min(base, 0.04) : 0;
    }
    this.months = this.monthIdx[this.days - 1] + 1;
  }

  /** Branch-local wall-clock time, YYYY-MM-DDTHH:mm. */
  local(day: number, minute: number): string {
    return this.dates[day] + 'T' + HHMM[minute];
  }

  /** UTC ISO timestamp with Z of a local day and whole minute (which may be negative or ≥ 1440). */
  utc(day: number, minute: number): string {
    let m = minute - UTC_OFFSET_MIN;
    const carry = Math.floor(m / 1440);
    const d = day + carry;
    m -= carry * 1440;
    // Plain concatenation: a million toISOString() calls cost seconds.
    if (d >= 0 && d < this.days) return this.dates[d] + 'T' + HHMM[m] + ':00.000Z';
    return new Date(this.startMs + d * DAY_MS + m * 60_000).toISOString();
  }

  /** Day index of a calendar date, possibly outside the grid. */
  indexOf(year: number, month: number, day: number): number {
    return Math.round((Date.UTC(year, month - 1, day) - this.startMs) / DAY_MS);
  }

  yearOf(day: number): number {
    return Number(this.dates[Math.min(Math.max(day, 0), this.days - 1)].slice(0, 4));
  }
}
