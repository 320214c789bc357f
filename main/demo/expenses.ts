// Monthly costs of the demo clinic: per branch rent, salaries (a share of the
// branch's revenue plus the front desk), materials and utilities; marketing
// per paid source, in proportion to the new patients it brought.
import type SQLite from 'better-sqlite3';
import { BatchInsert } from './batch';
import { Calendar } from './calendar';
import { BRANCHES, SOURCES } from './catalog';
import type { PatientPlan } from './patients';
import type { Random } from './random';
import { branchOpens } from './staff';
import type { ClinicSize } from './generate';

/** Front desk and assistants per branch, kopecks a month at the start. */
const STAFF_PAYROLL = 24000000;

const roundTo = (amount: number, unit: number) => Math.max(unit, Math.round(amount / unit) * unit);

export function insertExpenses(
  sqlite: SQLite.Database,
  rnd: Random,
  cal: Calendar,
  size: ClinicSize,
  branchIds: number[],
  sourceIds: number[],
  plan: PatientPlan,
  revenue: Float64Array,
): number {
  const insert = new BatchInsert(sqlite, 'expenses',
    ['branch_id', 'category', 'source_id', 'spent_on', 'amount', 'note', 'created_at', 'updated_at']);
  let count = 0;
  const add = (branch: number | null, category: string, source: number | null, day: number, amount: number, note: string | null) => {
    const at = cal.utc(day, 12 * 60);
    insert.add(branch, category, source, cal.dates[day], amount, note, at, at);
    count++;
  };

  const firstDay = new Int32Array(cal.months).fill(-1);
  const lastDay = new Int32Array(cal.months);
  for (let d = 0; d <= cal.untilIdx; d++) {
    const m = cal.monthIdx[d];
    if (firstDay[m] < 0) firstDay[m] = d;
    lastDay[m] = d;
  }
  const newBySource = new Int32Array(cal.months * SOURCES.length);
  for (let p = 0; p < plan.count; p++) {
    if (plan.source[p] >= 0) newBySource[cal.monthIdx[plan.firstDay[p]] * SOURCES.length + plan.source[p]]++;
  }

  BRANCHES[size].forEach((branch, b) => {
    const opens = branchOpens(branch);
    for (let m = 0; m < cal.months; m++) {
      if (firstDay[m] < 0 || lastDay[m] < opens) continue;
      const from = Math.max(firstDay[m], opens);
      const to = lastDay[m];
      const years = Math.floor(from / 365);
      const rent = roundTo(branch.rent * 1.06 ** years, 100000);
      const month = cal.dates[from].slice(0, 7);
      const income = revenue[b * cal.months + m];
      add(branchIds[b], 'rent', null, from, rent, `Аренда помещения, ${month}`);
      add(branchIds[b], 'other', null, Math.min(from + 9, to), roundTo(rent * (0.04 + 0.02 * rnd.next()), 10000), `Коммунальные услуги, ${month}`);
      if (income > 0) add(branchIds[b], 'materials', null, Math.min(from + 14, to), roundTo(income * (0.07 + 0.04 * rnd.next()), 10000), `Расходные материалы, ${month}`);
      const payroll = income * 0.3 + STAFF_PAYROLL * 1.07 ** years;
      add(branchIds[b], 'salaries', null, to, roundTo(payroll, 10000), `Заработная плата, ${month}`);
    }
  });

  for (let m = 0; m < cal.months; m++) {
    if (firstDay[m] < 0) continue;
    SOURCES.forEach((source, s) => {
      const patients = newBySource[m * SOURCES.length + s];
      if (source.costPerPatient === 0 || patients === 0) return;
      const spend = roundTo(source.costPerPatient * patients * (0.8 + 0.45 * rnd.next()), 10000);
      add(null, 'marketing', sourceIds[s], firstDay[m], spend, `Реклама: ${source.name}, ${cal.dates[firstDay[m]].slice(0, 7)}`);
    });
  }
  insert.flush();
  return count;
}
