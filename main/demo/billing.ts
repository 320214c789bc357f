// What a completed visit costs and how it is paid: 1–3 services at the price
// of that day, a few discounts, payment in full the same day for most, debts
// (some settled later) and the odd refund.
import type SQLite from 'better-sqlite3';
import { BatchInsert } from './batch';
import { Calendar } from './calendar';
import { EXTRAS, REFUND_REASONS, SERVICES } from './catalog';
import type { Random } from './random';

const serviceIndex = new Map(SERVICES.map((s, i) => [s.code, i]));
const EXTRA_MENUS = Object.fromEntries(
  Object.entries(EXTRAS).map(([category, menu]) => [category, { ids: menu.map(([c]) => serviceIndex.get(c)!), weights: menu.map(([, w]) => w) }]),
);

/** How many services beside the main one: none, one, two. */
const EXTRA_COUNT = [50, 35, 15];
const DISCOUNT_PCT = [5, 10, 10, 15, 20];

/** Price before the mid-history rise, rounded to 50 roubles. */
export function oldPrice(i: number): number {
  const s = SERVICES[i];
  return s.rise ? Math.round(s.price / (1 + s.rise) / 5000) * 5000 : s.price;
}

export class Billing {
  readonly revenue: Float64Array;
  items = 0;
  payments = 0;
  private readonly insertItem: BatchInsert;
  private readonly insertPayment: BatchInsert;
  private readonly picked = new Set<number>();
  /** The priced visit: [service id, qty, price, discount, amount] per line, and its total. */
  private lines: Array<[number, number, number, number, number]> = [];
  private total = 0;

  constructor(
    sqlite: SQLite.Database,
    private readonly rnd: Random,
    private readonly cal: Calendar,
    private readonly branchIds: number[],
    /** First day of the new prices. */
    readonly riseDay: number,
    appointments: BatchInsert,
  ) {
    this.revenue = new Float64Array(branchIds.length * cal.months);
    this.insertItem = new BatchInsert(sqlite, 'appointment_items',
      ['appointment_id', 'service_id', 'qty', 'price', 'discount', 'amount', 'created_at'], 100, appointments);
    this.insertPayment = new BatchInsert(sqlite, 'payments',
      ['patient_id', 'appointment_id', 'branch_id', 'paid_at', 'amount', 'method', 'reason', 'created_at', 'updated_at'], 100, appointments);
  }

  flush(): void {
    this.insertItem.flush();
    this.insertPayment.flush();
  }

  priceAt(service: number, day: number): number {
    return day >= this.riseDay ? SERVICES[service].price : oldPrice(service);
  }

  /** Prices the services of a completed visit on that day; record() writes them. */
  price(day: number, main: number): number {
    const { rnd } = this;
    const extras = rnd.weighted(EXTRA_COUNT);
    const menu = EXTRA_MENUS[SERVICES[main].category];
    this.picked.clear();
    this.picked.add(main);
    for (let k = 0; k < extras * 3 && this.picked.size <= extras; k++) this.picked.add(menu.ids[rnd.weighted(menu.weights)]);
    this.lines = [];
    let total = 0;
    for (const s of this.picked) {
      const code = SERVICES[s].code;
      const qty = (code === 'THE-05' || code === 'DIA-01') && rnd.chance(0.25) ? 2 : code === 'THE-08' ? rnd.int(1, 4) : 1;
      const price = this.priceAt(s, day);
      const discount = rnd.chance(0.07) ? Math.round((qty * price * rnd.pick(DISCOUNT_PCT)) / 100 / 100) * 100 : 0;
      this.lines.push([s + 1, qty, price, discount, qty * price - discount]);
      total += qty * price - discount;
    }
    this.total = total;
    return total;
  }

  /** Writes the priced services and the payments of the visit. */
  record(appointmentId: number, patientId: number, branch: number, day: number, doneMin: number): void {
    const { rnd, cal, total } = this;
    const created = cal.utc(day, doneMin);
    for (const [service, qty, price, discount, amount] of this.lines) {
      this.insertItem.add(appointmentId, service, qty, price, discount, amount, created);
      this.items++;
    }
    this.revenue[branch * cal.months + cal.monthIdx[day]] += total;

    const method = this.method(day);
    const branchId = this.branchIds[branch];
    const r = rnd.next();
    if (r < 0.955) {
      const paidMin = Math.min(doneMin + rnd.int(1, 10), 24 * 60 - 1);
      this.pay(patientId, appointmentId, branchId, day, paidMin, total, method, null);
      if (rnd.chance(0.004)) {
        const later = day + rnd.int(1, 30);
        const refund = Math.min(total, Math.round((total * (0.2 + 0.8 * rnd.next())) / 10000) * 10000);
        if (later <= cal.untilIdx && refund > 0) {
          this.pay(patientId, appointmentId, branchId, later, rnd.int(600, 1140), -refund, method, rnd.pick(REFUND_REASONS));
        }
      }
      return;
    }
    // A debt: nothing or part paid at the visit, the rest maybe later.
    const paidNow = rnd.chance(0.5) ? 0 : Math.round((total * (0.3 + 0.4 * rnd.next())) / 10000) * 10000;
    if (paidNow > 0) this.pay(patientId, appointmentId, branchId, day, Math.min(doneMin + 5, 1439), paidNow, method, null);
    const later = day + rnd.int(3, 120);
    if (rnd.chance(0.6) && later <= cal.untilIdx) {
      this.pay(patientId, appointmentId, branchId, later, rnd.int(600, 1140), total - paidNow, this.method(later), null);
    }
  }

  private method(day: number): string {
    const t = day / this.cal.untilIdx;
    const r = this.rnd.next();
    return r < 0.45 + 0.2 * t ? 'card' : r < 0.49 + 0.26 * t ? 'transfer' : 'cash';
  }

  private pay(patientId: number, appointmentId: number, branchId: number, day: number, minute: number,
    amount: number, method: string, reason: string | null): void {
    const at = this.cal.utc(day, minute);
    this.insertPayment.add(patientId, appointmentId, branchId, this.cal.local(day, minute), amount, method, reason, at, at);
    this.payments++;
  }
}
