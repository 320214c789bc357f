// Staff revenue: per doctor, visits, unique patients, revenue, and share of
// total revenue % (of all doctors within the branch/doctor filters).
// Rows: doctors with visits in the period. Totals: sums, except uniquePatients,
// which counts each patient once however many doctors they saw.
// Whole months from the monthly summaries, partial ones from the visits (period-visits.ts).
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, pct } from './period';
import { distinctPatients, periodVisits } from './period-visits';
import { doctorsByName } from './visit-sql';

export const staffRevenue = defineReport({
  id: 'staff-revenue',
  group: 'doctors',
  params: reportParams({}),
  run(db, p) {
    const byDoctor = periodVisits(db, p, p, 'doctor', { unique: true });
    const revenue = [...byDoctor.values()].reduce((s, d) => s + d.revenue, 0);
    const rows: Row[] = doctorsByName(db, [...byDoctor.keys()]).map((d) => {
      const v = byDoctor.get(d.id)!;
      return { doctorId: d.id, doctor: d.name, visits: v.visits, uniquePatients: v.uniquePatients, revenue: v.revenue, sharePct: pct(v.revenue, revenue) };
    });
    return {
      columns: [
        { key: 'doctor', type: 'text' },
        { key: 'visits', type: 'int' },
        { key: 'uniquePatients', type: 'int', drill: true },
        { key: 'revenue', type: 'money' },
        { key: 'sharePct', type: 'pct' },
      ],
      rows,
      totals: {
        visits: rows.reduce((s, r) => s + (r.visits as number), 0),
        uniquePatients: rows.length ? distinctPatients(db, p, p) : 0,
        revenue,
        sharePct: pct(revenue, revenue),
      },
    };
  },
  patients(db, p, row) {
    const f = filters(p);
    const doctor = row ? ' AND a.doctor_id = ?' : '';
    return (
      db
        .prepare(`SELECT DISTINCT a.patient_id AS id FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}${doctor}`)
        .all(p.from, dayAfter(p.to), ...f.args, ...(row ? [row.doctorId as number] : [])) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
