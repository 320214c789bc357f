// Average check: per month of the period (or per doctor with groupBy=doctor),
// revenue / number of visits with revenue > 0, rounded half away from zero.
// Only visits with revenue (charged > 0) are counted in `visits` and `revenue`.
// Month rows: every month of the period, also those without visits (average null);
// doctor rows: doctors with such visits in the period.
import { z } from 'zod';
import { divideRounded } from '../../shared/domain/money';
import { defineReport, filters, type ColumnSpec, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, monthEnd, monthsIn, monthStart, splitByWholeMonths } from './period';
import { periodVisits } from './period-visits';
import { doctorsByName } from './visit-sql';

const GROUPS = ['month', 'doctor'] as const;
const params = reportParams({ groupBy: z.enum(GROUPS).default('month') });

export const averageCheck = defineReport({
  id: 'average-check',
  group: 'money',
  params,
  extraParams: [{ key: 'groupBy', type: 'enum', default: 'month', options: [...GROUPS] }],
  run(db, p) {
    let rows: Row[];
    let first: ColumnSpec;
    // Whole months from appointment_months (charged_n: visits with revenue; charged is never negative, so its sum is
    // theirs), partial months from the visits (period-visits.ts).
    if (p.groupBy === 'doctor') {
      const byDoctor = new Map([...periodVisits(db, p, p, 'doctor')].filter(([, d]) => d.visitsWithRevenue > 0));
      rows = doctorsByName(db, [...byDoctor.keys()]).map((d) => ({
        doctorId: d.id,
        doctor: d.name,
        visits: byDoctor.get(d.id)!.visitsWithRevenue,
        revenue: byDoctor.get(d.id)!.revenue,
      }));
      first = { key: 'doctor', type: 'text' };
    } else {
      const f = filters(p);
      const fm = filters(p, 'm');
      const split = splitByWholeMonths(p.from, p.to);
      const whole = new Map<string, { visits: number; revenue: number }>();
      if (split.months) {
        const rowsOf = db
          .prepare(
            `SELECT m.month, sum(m.charged_n) AS visits, sum(m.charged) AS revenue FROM appointment_months m
             WHERE m.month >= ? AND m.month <= ? AND m.status = 'completed'${fm.sql} GROUP BY m.month`,
          )
          .all(split.months.first, split.months.last, ...fm.args) as Array<{ month: string; visits: number; revenue: number }>;
        for (const r of rowsOf) whole.set(r.month, { visits: r.visits, revenue: r.revenue });
      }
      const part = db.prepare(
        `SELECT count(*) AS visits, coalesce(sum(a.charged), 0) AS revenue FROM appointments a
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ? AND a.charged > 0${f.sql}`,
      );
      rows = monthsIn(p.from, p.to).map((m) => {
        if (split.months && m >= split.months.first && m <= split.months.last) return { month: m, ...(whole.get(m) ?? { visits: 0, revenue: 0 }) };
        const start = monthStart(m) < p.from ? p.from : monthStart(m);
        const end = monthEnd(m) > p.to ? p.to : monthEnd(m);
        return { month: m, ...(part.get(start, dayAfter(end), ...f.args) as { visits: number; revenue: number }) };
      });
      first = { key: 'month', type: 'month' };
    }
    for (const r of rows) r.averageCheck = divideRounded(r.revenue as number, r.visits as number);
    const visits = rows.reduce((s, r) => s + (r.visits as number), 0);
    const revenue = rows.reduce((s, r) => s + (r.revenue as number), 0);
    return {
      columns: [first, { key: 'visits', type: 'int' }, { key: 'revenue', type: 'money' }, { key: 'averageCheck', type: 'money' }],
      rows,
      totals: { visits, revenue, averageCheck: divideRounded(revenue, visits) },
    };
  },
});
