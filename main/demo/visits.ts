// The appointment book, simulated day by day: each patient waits in the
// bucket of the day they want to come; on that day they get a free slot of a
// doctor of the needed specialty (their own doctor first) or try the next day.
// What happens next depends on the kind of patient (see journeys.ts).
import type SQLite from 'better-sqlite3';
import { Calendar, OPEN_MIN, SLOT_MIN } from './calendar';
import { CHANNELS, KIND, MAIN_MENU, REASONS, SERVICES, SPEC } from './catalog';
import { Journeys } from './journeys';
import type { PatientPlan } from './patients';
import type { Random } from './random';
import { shiftEnd, shiftStart, type Doctor } from './staff';
import type { Billing } from './billing';
import { BatchInsert } from './batch';

/** How much patients like to start at each hour from 08:00 to 20:00. */
const HOUR_WEIGHT = [0.45, 0.8, 1.35, 1.45, 1.1, 0.6, 0.6, 0.75, 0.95, 1.35, 1.45, 1.0, 0.4];
export const MAX_WAIT_DAYS = 10;
const NO_SHOW = 0.065;
const CANCEL = 0.09;
const serviceIndex = new Map(SERVICES.map((s, i) => [s.code, i]));
type Menu = { ids: number[]; weights: number[] };
const MENUS: Menu[][] = Object.values(KIND).map((kind) =>
  Object.values(SPEC).map((spec) => {
    const menu = MAIN_MENU[kind][spec] ?? MAIN_MENU[KIND.Course][spec];
    return { ids: menu.map(([c]) => serviceIndex.get(c)!), weights: menu.map(([, w]) => w) };
  }),
);
const weightsOf = (items: ReadonlyArray<readonly [string, number]>) => items.map(([, w]) => w);
const CHANNEL_WEIGHTS = weightsOf(CHANNELS);
const NO_SHOW_WEIGHTS = weightsOf(REASONS.no_show);
const CANCEL_WEIGHTS = weightsOf(REASONS.cancel);

/** The appointments' bulk insert; it fills `charged` (migration 0003) when the column is there. */
export function appointmentInsert(sqlite: SQLite.Database): { insert: BatchInsert; withCharged: boolean } {
  const withCharged = sqlite.prepare("SELECT 1 FROM pragma_table_info('appointments') WHERE name = 'charged'").get() !== undefined;
  const columns = ['id', 'patient_id', 'doctor_id', 'branch_id', 'start_at', 'end_at', 'status', 'reason_code', 'channel',
    'arrived_at', 'started_at', 'completed_at', 'created_at', 'updated_at', ...(withCharged ? ['charged'] : [])];
  return { insert: new BatchInsert(sqlite, 'appointments', columns), withCharged };
}

export class Visits {
  appointments = 0;
  /** Wanted visits dropped because no doctor had a free slot for MAX_WAIT_DAYS days. */
  gaveUp = 0;
  private readonly days: number;
  private readonly buckets: number[][];
  private readonly occupied: Uint32Array;
  private readonly bySpec: number[][];
  private readonly journeys: Journeys;
  private readonly waited: Uint8Array;
  /** Index of the patient's own doctor, −1 before the first visit. */
  private readonly prefDoc: Int16Array;
  /** 1 once the patient had any appointment (their registration booked the first). */
  private readonly seen: Uint8Array;
  readonly visits: Uint16Array;
  private readonly cand = new Int32Array(32);
  private readonly candW = new Float64Array(32);

  constructor(
    sqlite: SQLite.Database,
    private readonly rnd: Random,
    private readonly cal: Calendar,
    private readonly plan: PatientPlan,
    private readonly doctors: Doctor[],
    private readonly shifts: Uint16Array,
    private readonly branchIds: number[],
    private readonly cities: string[],
    private readonly insert: BatchInsert,
    /** Whether appointments has the `charged` column of migration 0003 (the visit's total). */
    private readonly withCharged: boolean,
    private readonly billing: Billing,
  ) {
    this.days = cal.days;
    this.buckets = Array.from({ length: cal.days }, () => []);
    this.occupied = new Uint32Array(doctors.length * cal.days);
    this.bySpec = Object.values(SPEC).map((s) => doctors.flatMap((d, i) => (d.spec === s ? [i] : [])));
    const n = plan.count;
    this.journeys = new Journeys(rnd, plan);
    this.waited = new Uint8Array(n);
    this.seen = new Uint8Array(n);
    this.prefDoc = new Int16Array(n).fill(-1);
    this.visits = new Uint16Array(n);
    for (let p = 0; p < n; p++) {
      this.journeys.start(p);
      this.buckets[plan.firstDay[p]].push(p);
    }
  }

  flush(): void {
    this.insert.flush();
    this.billing.flush();
  }

  /** Books and plays out every appointment wanted on day d. */
  simulateDay(d: number): void {
    const list = this.buckets[d];
    this.buckets[d] = [];
    for (const p of list) this.visit(p, d);
  }

  private visit(p: number, d: number): void {
    const { rnd, cal } = this;
    const wanted = this.journeys.spec[p];
    const spec = this.bySpec[wanted].length > 0 ? wanted : SPEC.therapist;
    const menu = MENUS[this.journeys.kind[p]][spec];
    const service = menu.ids[rnd.weighted(menu.weights)];
    const duration = SERVICES[service].durationMin;
    const slots = Math.ceil(duration / SLOT_MIN);
    const found = this.findSlot(p, spec, d, slots);
    if (found < 0) {
      if (this.waited[p] < MAX_WAIT_DAYS && d + 1 < this.days) {
        this.waited[p]++;
        this.buckets[d + 1].push(p);
      } else {
        this.waited[p] = 0;
        this.gaveUp++;
        this.missed(p, d);
      }
      return;
    }
    this.waited[p] = 0;
    const future = d > cal.untilIdx;
    if (future && !rnd.chance(0.85 - 0.04 * (d - cal.untilIdx))) return;
    const doc = found >> 5;
    const slot = found & 31;
    this.occupied[doc * this.days + d] |= ((1 << slots) - 1) << slot;
    const startMin = OPEN_MIN + slot * SLOT_MIN;
    const first = this.seen[p] === 0;
    this.seen[p] = 1;
    let channel = CHANNELS[rnd.weighted(CHANNEL_WEIGHTS)][0];
    if (first && channel === 'walk_in') channel = 'phone';
    let created: string;
    if (first) created = this.plan.createdAt[p];
    else if (channel === 'walk_in') created = cal.utc(d, startMin - rnd.int(5, 40));
    else created = cal.utc(Math.min(d - rnd.int(1, 21), cal.untilIdx), rnd.int(540, 1200));

    let status: string;
    let reason: string | null = null;
    const r = rnd.next();
    if (future) status = rnd.chance(d - cal.untilIdx <= 2 ? 0.7 : 0.15) ? 'confirmed' : 'booked';
    else if (r < NO_SHOW) status = 'no_show';
    else if (r < NO_SHOW + CANCEL) status = 'cancelled';
    else status = 'completed';
    if (status === 'no_show' || status === 'cancelled') {
      reason = status === 'no_show' ? REASONS.no_show[rnd.weighted(NO_SHOW_WEIGHTS)][0] : REASONS.cancel[rnd.weighted(CANCEL_WEIGHTS)][0];
    }
    const id = ++this.appointments;
    const branch = this.doctors[doc].branch;
    const start = cal.local(d, startMin);
    const end = cal.local(d, startMin + duration);
    if (status === 'completed') {
      const arrived = startMin - rnd.int(0, 15);
      const began = startMin + rnd.int(0, 10);
      const done = began + duration;
      const updated = cal.utc(d, done);
      const charged = this.billing.price(d, service);
      this.write(id, p + 1, this.doctors[doc].id, this.branchIds[branch], start, end, status, null, channel,
        cal.local(d, arrived), cal.local(d, began), cal.local(d, done), created, updated, charged);
      this.billing.record(id, p + 1, branch, d, done);
      this.visits[p]++;
      const pref = this.prefDoc[p];
      if (pref < 0 || this.doctors[pref].spec === spec) this.prefDoc[p] = doc;
      this.advance(p, d);
      return;
    }
    let updated = created;
    if (status === 'no_show') updated = cal.utc(d, startMin + 30);
    else if (status === 'cancelled') {
      const at = cal.utc(d - rnd.int(1, 3), rnd.int(540, 1200));
      if (at > updated) updated = at;
    }
    this.write(id, p + 1, this.doctors[doc].id, this.branchIds[branch], start, end, status, reason, channel,
      null, null, null, created, updated, 0);
    if (future) return;
    if (rnd.chance(status === 'cancelled' ? 0.55 : 0.45)) this.push(p, this.pickDay(d + rnd.int(2, 10), 2, d));
    else this.missed(p, d);
  }

  private write(...row: Array<string | number | null>): void {
    if (!this.withCharged) row.pop();
    this.insert.add(...row);
  }

  /** doctor * 32 + start slot of a free place, or −1. */
  private findSlot(p: number, spec: number, d: number, slots: number): number {
    const pref = this.prefDoc[p];
    if (pref >= 0 && this.doctors[pref].spec === spec) {
      const s = this.freeSlot(pref, d, slots);
      if (s >= 0) return pref * 32 + s;
    }
    // Home branch first, then another branch in the same city, then elsewhere;
    // a patient waits for their branch rather than travel when it has the specialty.
    const list = this.bySpec[spec];
    const home = this.plan.home[p];
    const offset = this.rnd.int(0, list.length - 1);
    for (let pass = 0; pass < 3; pass++) {
      let staffed = false;
      for (let k = 0; k < list.length; k++) {
        const i = list[(offset + k) % list.length];
        const doc = this.doctors[i];
        const where = doc.branch === home ? 0 : this.cities[doc.branch] === this.cities[home] ? 1 : 2;
        if (where !== pass) continue;
        if (doc.hired <= d && d < doc.left) staffed = true;
        const s = i === pref ? -1 : this.freeSlot(i, d, slots);
        if (s >= 0) return i * 32 + s;
      }
      if (staffed) return -1;
    }
    return -1;
  }

  private freeSlot(doc: number, d: number, slots: number): number {
    const shift = this.shifts[doc * this.days + d];
    if (shift === 0) return -1;
    const taken = this.occupied[doc * this.days + d];
    const mask = (1 << slots) - 1;
    let n = 0;
    let total = 0;
    for (let s = shiftStart(shift); s + slots <= shiftEnd(shift); s++) {
      if (((taken >>> s) & mask) !== 0) continue;
      this.cand[n] = s;
      total += this.candW[n] = HOUR_WEIGHT[s >> 1];
      n++;
    }
    if (n === 0) return -1;
    let r = this.rnd.next() * total;
    for (let k = 0; k < n; k++) {
      r -= this.candW[k];
      if (r < 0) return this.cand[k];
    }
    return this.cand[n - 1];
  }

  /** The planned visit did not happen: newcomers are gone, others may carry on. */
  private missed(p: number, d: number): void {
    if (this.visits[p] > 0 && this.rnd.chance(0.9)) this.advance(p, d);
  }

  /** Plans the next visit after day d from the patient's kind and progress. */
  private advance(p: number, d: number): void {
    const pref = this.prefDoc[p];
    const target = this.journeys.advance(p, d, pref >= 0 ? this.doctors[pref].spec : -1);
    if (target >= 0) this.push(p, this.pickDay(target, this.journeys.spread, d));
  }

  private push(p: number, day: number): void {
    if (day < this.days) this.buckets[day].push(p);
  }

  /** A day near target, as likely as patients' demand for it (weekday, season). */
  private pickDay(target: number, spread: number, after: number): number {
    const { rnd, cal } = this;
    for (let i = 0; i < 25; i++) {
      const c = target + rnd.int(-spread, spread);
      if (c <= after) continue;
      if (c >= this.days) return c;
      if (rnd.next() * 1.12 < cal.demand[c]) return c;
    }
    return Math.max(target, after + 1);
  }
}
