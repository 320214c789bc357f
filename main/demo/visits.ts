// The appointment book, simulated day by day: each patient waits in the
// bucket of the day they want to come; on that day they get a free slot of a
// doctor of the needed specialty (their own doctor first) or try the next day.
// What happens next depends on the kind of patient (see PTYPE).
import type SQLite from 'better-sqlite3';
import { Calendar, OPEN_MIN, SLOT_MIN } from './calendar';
import { CHANNELS, KIND, MAIN_MENU, REASONS, SERVICES, SPEC } from './catalog';
import { PTYPE, type PatientPlan } from './patients';
import type { Random } from './random';
import { shiftEnd, shiftStart, type Doctor } from './staff';
import type { Billing } from './billing';

/** How much patients like to start at each hour from 08:00 to 20:00. */
const HOUR_WEIGHT = [0.45, 0.8, 1.35, 1.45, 1.1, 0.6, 0.6, 0.75, 0.95, 1.35, 1.45, 1.0, 0.4];
const MAX_WAIT_DAYS = 10;
const NO_SHOW = 0.065;
const CANCEL = 0.09;
/** Mean years a periodic or regular patient keeps coming. */
const LIFETIME_YEARS = { recall: 5, loyal: 4 };

const serviceIndex = new Map(SERVICES.map((s, i) => [s.code, i]));
type Menu = { ids: number[]; weights: number[] };
const MENUS: Menu[][] = Object.values(KIND).map((kind) =>
  Object.values(SPEC).map((spec) => {
    const menu = MAIN_MENU[kind][spec] ?? MAIN_MENU[KIND.Course][spec];
    return { ids: menu.map(([c]) => serviceIndex.get(c)!), weights: menu.map(([, w]) => w) };
  }),
);
const weightsOf = (items: ReadonlyArray<readonly [string, number]>) => items.map(([, w]) => w);

export class Visits {
  appointments = 0;
  /** Wanted visits dropped because no doctor had a free slot for MAX_WAIT_DAYS days. */
  gaveUp = 0;
  private readonly days: number;
  private readonly buckets: number[][];
  private readonly occupied: Uint32Array;
  private readonly bySpec: number[][];
  private readonly nextSpec: Uint8Array;
  private readonly nextKind: Uint8Array;
  private readonly waited: Uint8Array;
  private readonly phase: Uint8Array;
  private readonly left: Int16Array;
  private readonly prefDoc: Int16Array;
  /** Last day a periodic or regular patient still comes back. */
  private readonly endDay: Int32Array;
  /** 1 once the patient had any appointment (their registration booked the first). */
  private readonly seen: Uint8Array;
  readonly visits: Uint16Array;
  private readonly insert: SQLite.Statement;
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
    private readonly billing: Billing,
  ) {
    this.days = cal.days;
    this.buckets = Array.from({ length: cal.days }, () => []);
    this.occupied = new Uint32Array(doctors.length * cal.days);
    this.bySpec = Object.values(SPEC).map((s) => doctors.flatMap((d, i) => (d.spec === s ? [i] : [])));
    const n = plan.count;
    [this.nextSpec, this.nextKind, this.waited, this.phase, this.seen] = [0, 0, 0, 0, 0].map(() => new Uint8Array(n));
    this.left = new Int16Array(n);
    this.prefDoc = new Int16Array(n).fill(-1);
    this.endDay = new Int32Array(n);
    this.visits = new Uint16Array(n);
    this.insert = sqlite.prepare(`INSERT INTO appointments (id, patient_id, doctor_id, branch_id, start_at, end_at, status,
      reason_code, channel, arrived_at, started_at, completed_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let p = 0; p < n; p++) {
      this.start(p);
      this.buckets[plan.firstDay[p]].push(p);
    }
  }

  /** Books and plays out every appointment wanted on day d. */
  simulateDay(d: number): void {
    const list = this.buckets[d];
    this.buckets[d] = [];
    for (const p of list) this.visit(p, d);
  }

  private start(p: number): void {
    const { rnd } = this;
    const child = this.plan.child[p] === 1;
    const type = this.plan.type[p];
    this.nextKind[p] = KIND.First;
    let spec: number;
    if (type === PTYPE.Ortho) spec = SPEC.orthodontist;
    else if (child) spec = SPEC.pediatric;
    else if (type === PTYPE.Once) spec = [SPEC.therapist, SPEC.surgeon, SPEC.hygienist, SPEC.orthopedist, SPEC.orthodontist][rnd.weighted([35, 25, 25, 8, 7])];
    else if (type === PTYPE.Course) spec = [SPEC.therapist, SPEC.surgeon, SPEC.orthopedist][rnd.weighted([55, 25, 20])];
    else if (type === PTYPE.Recall) spec = rnd.chance(0.6) ? SPEC.hygienist : SPEC.therapist;
    else spec = [SPEC.therapist, SPEC.hygienist, SPEC.orthopedist][rnd.weighted([60, 25, 15])];
    this.nextSpec[p] = spec;
    this.left[p] = type === PTYPE.Course ? rnd.int(1, 4) : 0;
    const first = this.plan.firstDay[p];
    if (type === PTYPE.Recall) this.endDay[p] = this.lifetimeEnd(first, LIFETIME_YEARS.recall);
    if (type === PTYPE.Loyal) this.endDay[p] = this.lifetimeEnd(first, LIFETIME_YEARS.loyal);
  }

  private lifetimeEnd(from: number, meanYears: number): number {
    return from + Math.round(-Math.log(1 - this.rnd.next()) * meanYears * 365);
  }

  private becomeRecall(p: number, d: number): void {
    this.plan.type[p] = PTYPE.Recall;
    this.phase[p] = 0;
    this.endDay[p] = this.lifetimeEnd(d, LIFETIME_YEARS.recall);
  }

  private visit(p: number, d: number): void {
    const { rnd, cal } = this;
    const spec = this.bySpec[this.nextSpec[p]].length > 0 ? this.nextSpec[p] : SPEC.therapist;
    const menu = MENUS[this.nextKind[p]][spec];
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
    let channel = CHANNELS[rnd.weighted(weightsOf(CHANNELS))][0];
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
      const reasons = REASONS[status === 'no_show' ? 'no_show' : 'cancel'];
      reason = reasons[rnd.weighted(weightsOf(reasons))][0];
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
      this.insert.run(id, p + 1, this.doctors[doc].id, this.branchIds[branch], start, end, status, null, channel,
        cal.local(d, arrived), cal.local(d, began), cal.local(d, done), created, updated);
      this.billing.bill(id, p + 1, branch, d, service, done);
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
    this.insert.run(id, p + 1, this.doctors[doc].id, this.branchIds[branch], start, end, status, reason, channel,
      null, null, null, created, updated);
    if (future) return;
    if (rnd.chance(status === 'cancelled' ? 0.55 : 0.45)) this.push(p, this.pickDay(d + rnd.int(2, 10), 2, d));
    else this.missed(p, d);
  }

  /** doctor * 32 + start slot of a free place, or −1. */
  private findSlot(p: number, spec: number, d: number, slots: number): number {
    const pref = this.prefDoc[p];
    if (pref >= 0 && this.doctors[pref].spec === spec) {
      const s = this.freeSlot(pref, d, slots);
      if (s >= 0) return pref * 32 + s;
    }
    const list = this.bySpec[spec];
    const home = this.plan.home[p];
    const offset = this.rnd.int(0, list.length - 1);
    let homeStaffed = false;
    for (let k = 0; k < list.length; k++) {
      const i = list[(offset + k) % list.length];
      const doc = this.doctors[i];
      if (doc.branch !== home) continue;
      if (doc.hired <= d && d < doc.left) homeStaffed = true;
      const s = i === pref ? -1 : this.freeSlot(i, d, slots);
      if (s >= 0) return i * 32 + s;
    }
    if (homeStaffed) return -1;
    for (let k = 0; k < list.length; k++) {
      const i = list[(offset + k) % list.length];
      if (this.doctors[i].branch === home) continue;
      const s = this.freeSlot(i, d, slots);
      if (s >= 0) return i * 32 + s;
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
    if (this.visits[p] > 0 && this.rnd.chance(0.85)) this.advance(p, d);
  }

  /** Plans the next visit after day d from the patient's kind and progress. */
  private advance(p: number, d: number): void {
    const { rnd } = this;
    const child = this.plan.child[p] === 1;
    const recallSpec = () => (child ? SPEC.pediatric : rnd.chance(0.55) ? SPEC.hygienist : SPEC.therapist);
    switch (this.plan.type[p]) {
      case PTYPE.Once:
        return;
      case PTYPE.Course:
        if (this.left[p] > 0) {
          this.left[p]--;
          return this.next(p, this.nextSpec[p], KIND.Course, d + 9, 6, d);
        }
        if (!rnd.chance(0.35)) return;
        this.becomeRecall(p, d);
        return this.next(p, recallSpec(), KIND.Recall, d + 180, 30, d);
      case PTYPE.Recall:
        if (this.phase[p] === 1 && this.left[p] > 0) {
          this.left[p]--;
          return this.next(p, this.nextSpec[p], KIND.Course, d + 10, 5, d);
        }
        if (this.phase[p] === 0 && d > this.endDay[p]) return;
        if (this.phase[p] === 0 && rnd.chance(0.35)) {
          this.phase[p] = 1;
          this.left[p] = rnd.int(0, 2);
          return this.next(p, child ? SPEC.pediatric : SPEC.therapist, KIND.Course, d + 12, 7, d);
        }
        this.phase[p] = 0;
        return this.next(p, recallSpec(), KIND.Recall, d + 175, 30, d);
      case PTYPE.Loyal: {
        if (d > this.endDay[p]) return;
        const pref = this.prefDoc[p];
        const spec = pref >= 0 && rnd.chance(0.5)
          ? this.doctors[pref].spec
          : [SPEC.therapist, SPEC.hygienist, SPEC.surgeon, SPEC.orthopedist][rnd.weighted([35, 40, 10, 15])];
        return this.next(p, spec, KIND.Course, d + 40, 20, d);
      }
      case PTYPE.Ortho:
        if (this.phase[p] === 0) {
          if (!rnd.chance(0.7)) return;
          this.phase[p] = 1;
          return this.next(p, SPEC.orthodontist, KIND.OrthoStart, d + 14, 7, d);
        }
        if (this.phase[p] === 1) {
          this.phase[p] = 2;
          this.left[p] = rnd.int(10, 20);
        }
        if (this.phase[p] === 2) {
          if (this.left[p]-- > 0) return this.next(p, SPEC.orthodontist, KIND.OrthoFollow, d + 35, 7, d);
          this.phase[p] = 3;
          return this.next(p, SPEC.orthodontist, KIND.OrthoEnd, d + 30, 7, d);
        }
        this.becomeRecall(p, d);
        return this.next(p, recallSpec(), KIND.Recall, d + 180, 30, d);
    }
  }

  private next(p: number, spec: number, kind: number, target: number, spread: number, from: number): void {
    this.nextSpec[p] = spec;
    this.nextKind[p] = kind;
    this.push(p, this.pickDay(target, spread, from));
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
