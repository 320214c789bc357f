// Sources: per marketing source, new patients (first visit in the period), their revenue in the period, the source's
// marketing spend in the period, costPerPatient = spend / newPatients (null when 0), roi = (revenue − spend) / spend × 100.
import { divideRounded } from '../../shared/domain/money';
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, daysBetween, pct } from './period';

interface SourceRow {
  sourceId: number | null;
  source: string | null;
  newPatients: number;
  revenue: number;
  spend: number;
}

/** The row's source as SQL: `= ?` for a source, `IS NULL` for patients without one. */
function sourceIs(row: Row): { sql: string; args: number[] } {
  return row.sourceId === null ? { sql: ' AND p.source_id IS NULL', args: [] } : { sql: ' AND p.source_id = ?', args: [row.sourceId as number] };
}

export const sources = defineReport({
  id: 'sources',
  group: 'marketing',
  params: reportParams({}),
  run(db, p) {
    const toNext = dayAfter(p.to);
    // New patients by the filters on their first visit; their revenue from visits
    // in the period under the same filters; spend by the branch filter only
    // (an expense has a branch but no doctor). Revenue is summed per patient in
    // patient order (neighbouring visits_by_patient seeks), and only then
    // grouped by source: letting SQLite group first made it sum in source
    // order, about twice the work over 10 years.
    const ff = { first: filters(p, 'f'), visit: filters(p, 'a') };
    const seek = (patient: string) => `(SELECT coalesce(sum(a.charged), 0) FROM appointments a INDEXED BY visits_by_patient
                   WHERE a.status = 'completed' AND a.patient_id = ${patient}
                     AND a.start_at >= ? AND a.start_at < ?${ff.visit.sql})`;
    // Past a year without filters most new patients' visits all fall in the
    // period (first visit in it, last one before its end: patient_last_visits,
    // 0008), so their revenue in it is their lifetime charged total
    // (patient_balances, kept with every visit written); only the others are
    // summed from their visits. Every first visit in patient order, grouped
    // once: ~40% less than the general query over 10 years.
    const acquired = (
      daysBetween(p.from, p.to) > 366 && !ff.visit.sql
        ? db
            .prepare(
              `SELECT p.source_id AS sourceId, count(*) AS newPatients,
                      sum(CASE WHEN l.last_at < ? AND b.charged IS NOT NULL THEN b.charged ELSE ${seek('f.patient_id')} END) AS revenue
               FROM patient_first_visits f CROSS JOIN patients p ON p.id = f.patient_id
                 LEFT JOIN patient_last_visits l ON l.patient_id = f.patient_id LEFT JOIN patient_balances b ON b.patient_id = f.patient_id
               WHERE +f.first_at >= ? AND +f.first_at < ? GROUP BY p.source_id`,
            )
            .all(toNext, p.from, toNext, p.from, toNext)
        : db
            .prepare(
              `WITH ids AS MATERIALIZED (
                 SELECT f.patient_id FROM patient_first_visits f
                 WHERE f.first_at >= ? AND f.first_at < ?${ff.first.sql} ORDER BY f.patient_id),
               np AS MATERIALIZED (SELECT ids.patient_id, ${seek('ids.patient_id')} AS revenue FROM ids)
               SELECT p.source_id AS sourceId, count(*) AS newPatients, sum(np.revenue) AS revenue
               FROM np JOIN patients p ON p.id = np.patient_id
               GROUP BY p.source_id`,
            )
            .all(p.from, toNext, ...ff.first.args, p.from, toNext, ...ff.visit.args)
    ) as Array<{ sourceId: number | null; newPatients: number; revenue: number }>;
    const spent = db
      .prepare(
        `SELECT e.source_id AS sourceId, sum(e.amount) AS spend FROM expenses e
         WHERE e.category = 'marketing' AND e.spent_on >= ? AND e.spent_on < ?${p.branchId ? ' AND e.branch_id = ?' : ''}
         GROUP BY e.source_id`,
      )
      .all(p.from, toNext, ...(p.branchId ? [p.branchId] : [])) as Array<{ sourceId: number | null; spend: number }>;
    const names = new Map((db.prepare('SELECT id, name FROM sources').all() as Array<{ id: number; name: string }>).map((s) => [s.id, s.name]));

    const bySource = new Map<number | null, SourceRow>();
    const rowOf = (sourceId: number | null): SourceRow => {
      let r = bySource.get(sourceId);
      if (!r) {
        r = { sourceId, source: sourceId === null ? null : (names.get(sourceId) ?? null), newPatients: 0, revenue: 0, spend: 0 };
        bySource.set(sourceId, r);
      }
      return r;
    };
    for (const a of acquired) Object.assign(rowOf(a.sourceId), { newPatients: a.newPatients, revenue: a.revenue });
    // Marketing spend without a source goes to the no-source row, so the totals are all marketing spend.
    for (const s of spent) if (s.spend) rowOf(s.sourceId).spend = s.spend;

    const byName = (a: SourceRow, b: SourceRow) =>
      a.sourceId === null ? 1 : b.sourceId === null ? -1 : (a.source ?? '').localeCompare(b.source ?? '') || a.sourceId - b.sourceId;
    const rows: Row[] = [...bySource.values()]
      .filter((r) => r.newPatients > 0 || r.spend !== 0)
      .sort(byName)
      .map((r) => ({ ...r, costPerPatient: divideRounded(r.spend, r.newPatients), roi: pct(r.revenue - r.spend, r.spend) }));
    const t = rows.reduce<{ newPatients: number; revenue: number; spend: number }>(
      (s, r) => ({ newPatients: s.newPatients + (r.newPatients as number), revenue: s.revenue + (r.revenue as number), spend: s.spend + (r.spend as number) }),
      { newPatients: 0, revenue: 0, spend: 0 },
    );
    return {
      columns: [
        { key: 'source', type: 'text' },
        { key: 'newPatients', type: 'int', drill: true },
        { key: 'revenue', type: 'money' },
        { key: 'spend', type: 'money' },
        { key: 'costPerPatient', type: 'money' },
        { key: 'roi', type: 'pct' },
      ],
      rows,
      totals: { ...t, costPerPatient: divideRounded(t.spend, t.newPatients), roi: pct(t.revenue - t.spend, t.spend) },
    };
  },
  patients(db, p, row) {
    const f = filters(p, 'f');
    const source = row ? sourceIs(row) : { sql: '', args: [] };
    return (
      db
        .prepare(
          `SELECT f.patient_id AS id FROM patient_first_visits f JOIN patients p ON p.id = f.patient_id
           WHERE f.first_at >= ? AND f.first_at < ?${f.sql}${source.sql}`,
        )
        .all(p.from, dayAfter(p.to), ...f.args, ...source.args) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
