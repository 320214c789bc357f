// What kind of patient someone is decides when they come back and to whom:
// once; a treatment course of a few visits; periodic hygiene and check-ups
// with a course now and then; a regular every few weeks; braces with monthly
// corrections. Periodic and regular patients stop after a random lifetime.
import { KIND, SPEC } from './catalog';
import { PTYPE, type PatientPlan } from './patients';
import type { Random } from './random';

/** Mean years a periodic or regular patient keeps coming. */
const LIFETIME_YEARS = { recall: 9, loyal: 10 };
const ONCE_SPECS = [SPEC.therapist, SPEC.surgeon, SPEC.hygienist, SPEC.orthopedist, SPEC.orthodontist];
const ONCE_WEIGHTS = [35, 25, 25, 8, 7];
const COURSE_SPECS = [SPEC.therapist, SPEC.surgeon, SPEC.orthopedist];
const COURSE_WEIGHTS = [55, 25, 20];
const LOYAL_SPECS = [SPEC.therapist, SPEC.hygienist, SPEC.orthopedist];
const LOYAL_WEIGHTS = [60, 25, 15];
const REGULAR_SPECS = [SPEC.therapist, SPEC.hygienist, SPEC.surgeon, SPEC.orthopedist];
const REGULAR_WEIGHTS = [30, 35, 10, 25];
const REGULAR_INTERVALS = [21, 28, 35, 45, 60];

export class Journeys {
  /** Specialty (index of SPECIALTIES) and KIND of each patient's next visit. */
  readonly spec: Uint8Array;
  readonly kind: Uint8Array;
  /** ± days around the target returned by advance(). */
  spread = 0;
  private readonly phase: Uint8Array;
  /** A course's remaining visits; a regular's days between visits. */
  private readonly left: Int16Array;
  /** Last day a periodic or regular patient still comes back. */
  private readonly endDay: Int32Array;

  constructor(
    private readonly rnd: Random,
    private readonly plan: PatientPlan,
  ) {
    const n = plan.count;
    this.spec = new Uint8Array(n);
    this.kind = new Uint8Array(n);
    this.phase = new Uint8Array(n);
    this.left = new Int16Array(n);
    this.endDay = new Int32Array(n);
  }

  /** Sets up the first visit. */
  start(p: number): void {
    const { rnd } = this;
    const type = this.plan.type[p];
    this.kind[p] = KIND.First;
    let spec: number;
    if (type === PTYPE.Ortho) spec = SPEC.orthodontist;
    else if (this.plan.child[p] === 1) spec = SPEC.pediatric;
    else if (type === PTYPE.Once) spec = ONCE_SPECS[rnd.weighted(ONCE_WEIGHTS)];
    else if (type === PTYPE.Course) spec = COURSE_SPECS[rnd.weighted(COURSE_WEIGHTS)];
    else if (type === PTYPE.Recall) spec = rnd.chance(0.6) ? SPEC.hygienist : SPEC.therapist;
    else spec = LOYAL_SPECS[rnd.weighted(LOYAL_WEIGHTS)];
    this.spec[p] = spec;
    this.left[p] = type === PTYPE.Course ? rnd.int(1, 4) : type === PTYPE.Loyal ? rnd.pick(REGULAR_INTERVALS) : 0;
    const first = this.plan.firstDay[p];
    if (type === PTYPE.Recall) this.endDay[p] = this.lifetimeEnd(first, LIFETIME_YEARS.recall);
    if (type === PTYPE.Loyal) this.endDay[p] = this.lifetimeEnd(first, LIFETIME_YEARS.loyal);
  }

  /**
   * After a visit on day d (or one that did not happen), plans the next: sets
   * its specialty and kind and returns the day wanted (± spread), or −1 when
   * the patient does not come back. `ownSpec` is the specialty of their doctor, −1 if none.
   */
  advance(p: number, d: number, ownSpec: number): number {
    const { rnd } = this;
    const child = this.plan.child[p] === 1;
    switch (this.plan.type[p]) {
      case PTYPE.Course:
        if (this.left[p] > 0) {
          this.left[p]--;
          return this.next(p, this.spec[p], KIND.Course, d + 9, 6);
        }
        if (!rnd.chance(0.35)) return -1;
        this.becomeRecall(p, d);
        return this.next(p, this.recallSpec(child), KIND.Recall, d + 180, 30);
      case PTYPE.Recall:
        if (this.phase[p] === 1 && this.left[p] > 0) {
          this.left[p]--;
          return this.next(p, this.spec[p], KIND.Course, d + 10, 5);
        }
        if (this.phase[p] === 0 && d > this.endDay[p]) return -1;
        if (this.phase[p] === 0 && rnd.chance(0.4)) {
          this.phase[p] = 1;
          this.left[p] = rnd.int(0, 3);
          return this.next(p, child ? SPEC.pediatric : SPEC.therapist, KIND.Course, d + 12, 7);
        }
        this.phase[p] = 0;
        return this.next(p, this.recallSpec(child), KIND.Recall, d + 175, 30);
      case PTYPE.Loyal: {
        if (d > this.endDay[p]) return -1;
        const spec = ownSpec >= 0 && rnd.chance(0.4) ? ownSpec : REGULAR_SPECS[rnd.weighted(REGULAR_WEIGHTS)];
        const every = this.left[p];
        return this.next(p, spec, KIND.Regular, d + every, every >> 2);
      }
      case PTYPE.Ortho:
        if (this.phase[p] === 0) {
          if (!rnd.chance(0.7)) return -1;
          this.phase[p] = 1;
          return this.next(p, SPEC.orthodontist, KIND.OrthoStart, d + 14, 7);
        }
        if (this.phase[p] === 1) {
          this.phase[p] = 2;
          this.left[p] = rnd.int(10, 20);
        }
        if (this.phase[p] === 2) {
          if (this.left[p]-- > 0) return this.next(p, SPEC.orthodontist, KIND.OrthoFollow, d + 35, 7);
          this.phase[p] = 3;
          return this.next(p, SPEC.orthodontist, KIND.OrthoEnd, d + 30, 7);
        }
        this.becomeRecall(p, d);
        return this.next(p, this.recallSpec(child), KIND.Recall, d + 180, 30);
      default:
        return -1;
    }
  }

  private next(p: number, spec: number, kind: number, target: number, spread: number): number {
    this.spec[p] = spec;
    this.kind[p] = kind;
    this.spread = spread;
    return target;
  }

  private recallSpec(child: boolean): number {
    return child ? SPEC.pediatric : this.rnd.chance(0.5) ? SPEC.hygienist : SPEC.therapist;
  }

  private lifetimeEnd(from: number, meanYears: number): number {
    return from + Math.round(-Math.log(1 - this.rnd.next()) * meanYears * 365);
  }

  private becomeRecall(p: number, d: number): void {
    this.plan.type[p] = PTYPE.Recall;
    this.phase[p] = 0;
    this.endDay[p] = this.lifetimeEnd(d, LIFETIME_YEARS.recall);
  }
}
