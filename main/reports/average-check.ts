// Average check: per month of the period (or per doctor with groupBy=doctor),
// revenue / number of visits with revenue > 0, rounded half away from zero.
// Only visits with revenue (charged > 0) are counted in `visits` and `revenue`.
// Month rows: every month of the period, also those without visits (average null);
// doctor rows: doctors with such visits in the period.
import { z } from 'zod';
import { divideRounded } from '../../shared/domain/money';
import { defineReport, filters, type ColumnSpec, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, monthEnd, monthsIn, monthStart } from './period';
import { doctorsByName, visitsPerDoctor } from './visit-sql';

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
    if (p.groupBy === 'doctor') {
      const byDoctor = new Map(visitsPerDoctor(db, p).filter((d) => d.visitsWithRevenue > 0).map((d) => [d.doctorId, d]));
      rows = doctorsByName(db, [...byDoctor.keys()]).map((d) => ({
        doctorId: d.id,
        doctor: d.name,
        visits: byDoctor.get(d.id)!.visitsWithRevenue,
        revenue: byDoctor.get(d.id)!.revenue,
      }));
      first = { key: 'doctor', type: 'text' };
    } else {
      // Month by month over the range of visits_by_start: no sort of the period's visits.
      const f = filters(p);
      const month = db.prepare(
        `SELECT count(*) AS visits, coalesce(sum(a.charged), 0) AS revenue FROM appointments a
         WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ? AND a.charged > 0${f.sql}`,
      );
      rows = monthsIn(p.from, p.to).map((m) => {
        const start = monthStart(m) < p.from ? p.from : monthStart(m);
        const end = dayAfter(monthEnd(m) > p.to ? p.to : monthEnd(m));
        return { month: m, ...(month.get(start, end, ...f.args) as { visits: number; revenue: number }) };
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
