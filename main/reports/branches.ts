// Branches: per branch (and its city), visits, unique patients, revenue, paid
// (payments in the period for that branch's appointments), expenses recorded
// for the branch in the period, profit = revenue − expenses.
// Rows: branches with visits, payments or expenses in the period. A doctor
// filter narrows visits and payments (to that doctor's appointments) and lists
// only branches where the doctor has them; expenses belong to a branch, not a
// doctor, so they stay the whole branch's. Expenses without a branch belong to no row.
// Totals: sums, except uniquePatients, which counts each patient once however
// many branches they visited.
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter } from './period';
import { isLongPeriod, uniquePatients } from './visit-sql';

interface BranchSums {
  branchId: number;
  visits?: number;
  uniquePatients?: number;
  revenue?: number;
  paid?: number;
  expenses?: number;
}

export const branches = defineReport({
  id: 'branches',
  group: 'money',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p);
    const end = dayAfter(p.to);
    const long = isLongPeriod(p);
    let visits: BranchSums[];
    let totalUnique: number;
    if (long) {
      // One pass patient by patient over visits_by_patient: each patient's visits
      // and revenue per branch and whether they came to it — no sort of the
      // period's visits, distinct patients for free.
      const ids = (db.prepare(`SELECT id FROM branches${p.branchId ? ' WHERE id = ?' : ''}`).all(...(p.branchId ? [p.branchId] : [])) as Array<{ id: number }>).map((b) => b.id);
      const inner = ids.map((_, i) => `sum(a.branch_id = ?) AS v${i}, sum(CASE WHEN a.branch_id = ? THEN a.charged END) AS r${i}`).join(', ');
      const outer = ids.map((_, i) => `coalesce(sum(v${i}), 0) AS v${i}, coalesce(sum(r${i}), 0) AS r${i}, coalesce(sum(v${i} > 0), 0) AS u${i}`).join(', ');
      const u = ids.length
        ? (db
            .prepare(
              `SELECT count(*) AS total, ${outer} FROM (
                 SELECT ${inner} FROM patients pt CROSS JOIN appointments a ON a.patient_id = pt.id
                 WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY pt.id)`,
            )
            .get(...ids.flatMap((b) => [b, b]), p.from, end, ...f.args) as Record<string, number>)
        : { total: 0 };
      visits = ids
        .map((branchId, i) => ({ branchId, visits: u[`v${i}`], revenue: u[`r${i}`], uniquePatients: u[`u${i}`] }))
        .filter((v) => v.visits > 0);
      totalUnique = u.total;
    } else {
      // The period's range of the covering index visits_by_start, grouped.
      visits = db
        .prepare(
          `SELECT a.branch_id AS branchId, count(*) AS visits, sum(a.charged) AS revenue, count(DISTINCT a.patient_id) AS uniquePatients
           FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY a.branch_id`,
        )
        .all(p.from, end, ...f.args) as BranchSums[];
      totalUnique = visits.length ? uniquePatients(db, p) : 0;
    }
    // Payments in the period, each counted for its appointment's branch.
    const paid = db
      .prepare(
        `SELECT a.branch_id AS branchId, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
         WHERE pm.paid_at >= ? AND pm.paid_at < ?${f.sql} GROUP BY a.branch_id`,
      )
      .all(p.from, end, ...f.args) as BranchSums[];
    const expenses = db
      .prepare(
        `SELECT e.branch_id AS branchId, sum(e.amount) AS expenses FROM expenses e
         WHERE e.spent_on >= ? AND e.spent_on <= ? AND e.branch_id IS NOT NULL${p.branchId ? ' AND e.branch_id = ?' : ''} GROUP BY e.branch_id`,
      )
      .all(p.from, p.to, ...(p.branchId ? [p.branchId] : [])) as BranchSums[];

    const byBranch = new Map<number, BranchSums>();
    const merge = (part: BranchSums[], addBranches: boolean) => {
      for (const s of part) {
        const known = byBranch.get(s.branchId);
        if (known) Object.assign(known, s);
        else if (addBranches) byBranch.set(s.branchId, { ...s });
      }
    };
    merge(visits, true);
    merge(paid, true);
    merge(expenses, !p.doctorId);
    const names = db
      .prepare('SELECT id, name, city FROM branches WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id')
      .all(JSON.stringify([...byBranch.keys()])) as Array<{ id: number; name: string; city: string }>;
    const rows: Row[] = names.map((b) => {
      const s = byBranch.get(b.id)!;
      const revenue = s.revenue ?? 0;
      const spent = s.expenses ?? 0;
      return {
        branchId: b.id,
        branch: b.name,
        city: b.city,
        visits: s.visits ?? 0,
        uniquePatients: s.uniquePatients ?? 0,
        revenue,
        paid: s.paid ?? 0,
        expenses: spent,
        profit: revenue - spent,
      };
    });
    const sum = (k: string) => rows.reduce((s, r) => s + (r[k] as number), 0);
    return {
      columns: [
        { key: 'branch', type: 'text' },
        { key: 'city', type: 'text' },
        { key: 'visits', type: 'int' },
        { key: 'uniquePatients', type: 'int', drill: true },
        { key: 'revenue', type: 'money' },
        { key: 'paid', type: 'money' },
        { key: 'expenses', type: 'money' },
        { key: 'profit', type: 'money' },
      ],
      rows,
      totals: {
        visits: sum('visits'),
        uniquePatients: totalUnique,
        revenue: sum('revenue'),
        paid: sum('paid'),
        expenses: sum('expenses'),
        profit: sum('profit'),
      },
    };
  },
  patients(db, p, row) {
    const f = filters(p);
    const branch = row ? ' AND a.branch_id = ?' : '';
    return (
      db
        .prepare(`SELECT DISTINCT a.patient_id AS id FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}${branch}`)
        .all(p.from, dayAfter(p.to), ...f.args, ...(row ? [row.branchId as number] : [])) as Array<{ id: number }>
    ).map((r) => r.id);
  },
});
