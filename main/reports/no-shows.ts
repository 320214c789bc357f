// No-shows: per doctor, appointments scheduled in the period, completed,
// no-show, cancelled, no-show rate %, with counts per cancellation/no-show reason.
// scheduled = every appointment whose start is in the period, whatever its
// status (booked, confirmed, arrived, in service, completed, cancelled, no-show);
// noShowPct = noShow / scheduled. One `reason:<code>` column per reason code of
// the period's cancelled and no-show appointments (sorted; `reason:unknown`, last,
// for those without a code), so the reason columns add up to cancelled + noShow.
import { defineReport, filters, type ColumnSpec, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, pct, splitByWholeMonths } from './period';
import { doctorsByName } from './visit-sql';

const UNKNOWN = 'unknown';

export const noShows = defineReport({
  id: 'no-shows',
  group: 'doctors',
  params: reportParams({}),
  run(db, p) {
    // Every appointment counted by doctor, status and reason: whole months from
    // migration 0009's appointment_months (kept by triggers on appointments),
    // the partial months at the period's ends from appointments_start(start_at, …).
    const counts: Array<{ doctorId: number; status: string; reason: string | null; n: number }> = [];
    const split = splitByWholeMonths(p.from, p.to);
    const reason = (col: string) => `CASE WHEN status IN ('cancelled', 'no_show') THEN coalesce(nullif(${col}, ''), '${UNKNOWN}') END`;
    if (split.months) {
      const fm = filters(p, 'm');
      counts.push(
        ...(db
          .prepare(
            `SELECT m.doctor_id AS doctorId, m.status, ${reason('m.reason')} AS reason, sum(m.n) AS n FROM appointment_months m
             WHERE m.month >= ? AND m.month <= ?${fm.sql} GROUP BY m.doctor_id, m.status, 3`,
          )
          .all(split.months.first, split.months.last, ...fm.args) as typeof counts),
      );
    }
    const f = filters(p);
    const edge = db.prepare(
      `SELECT a.doctor_id AS doctorId, a.status, ${reason('a.reason_code')} AS reason, count(*) AS n
       FROM appointments a WHERE a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY a.doctor_id, a.status, 3`,
    );
    for (const e of split.edges) counts.push(...(edge.all(e.from, dayAfter(e.to), ...f.args) as typeof counts));
    const other = counts.filter((c) => c.status !== 'completed');

    const reasons = [...new Set(other.map((o) => o.reason).filter((r): r is string => r !== null))].sort((a, b) =>
      a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : a < b ? -1 : a > b ? 1 : 0,
    );
    const byDoctor = new Map<number, Row & { scheduled: number; completed: number; noShow: number; cancelled: number }>();
    const rowOf = (doctorId: number) => {
      let r = byDoctor.get(doctorId);
      if (!r) {
        r = { doctorId, doctor: null, scheduled: 0, completed: 0, noShow: 0, cancelled: 0, noShowPct: null };
        for (const code of reasons) r[`reason:${code}`] = 0;
        byDoctor.set(doctorId, r);
      }
      return r;
    };
    for (const d of counts.filter((c) => c.status === 'completed')) {
      const r = rowOf(d.doctorId);
      r.completed += d.n;
      r.scheduled += d.n;
    }
    for (const o of other) {
      const r = rowOf(o.doctorId);
      r.scheduled += o.n;
      if (o.status === 'no_show') r.noShow += o.n;
      if (o.status === 'cancelled') r.cancelled += o.n;
      if (o.reason !== null) (r[`reason:${o.reason}`] as number) += o.n;
    }
    const doctors = doctorsByName(db, [...byDoctor.keys()]);
    const rows = doctors.map((d) => {
      const r = byDoctor.get(d.id)!;
      r.doctor = d.name;
      r.noShowPct = pct(r.noShow, r.scheduled);
      return r;
    });

    const reasonKeys = reasons.map((code) => `reason:${code}`);
    const sum = (k: string) => rows.reduce((s, r) => s + (r[k] as number), 0);
    const totals: Row = { scheduled: sum('scheduled'), completed: sum('completed'), noShow: sum('noShow'), cancelled: sum('cancelled') };
    totals.noShowPct = pct(totals.noShow as number, totals.scheduled as number);
    for (const k of reasonKeys) totals[k] = sum(k);
    return {
      columns: [
        { key: 'doctor', type: 'text' },
        { key: 'scheduled', type: 'int' },
        { key: 'completed', type: 'int' },
        { key: 'noShow', type: 'int' },
        { key: 'cancelled', type: 'int' },
        { key: 'noShowPct', type: 'pct' },
        ...reasonKeys.map((key): ColumnSpec => ({ key, type: 'int' })),
      ],
      rows,
      totals,
    };
  },
});
