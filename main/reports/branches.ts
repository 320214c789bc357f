// Branches: per branch (and its city), visits, unique patients, revenue, paid
// (payments in the period for that branch's appointments), expenses recorded
// for the branch in the period, profit = revenue − expenses.
// Rows: branches with visits, payments or expenses in the period. A doctor
// filter narrows visits and payments (to that doctor's appointments) and lists
// only branches where the doctor has them; expenses belong to a branch, not a
// doctor, so they stay the whole branch's. Expenses without a branch belong to no row. Totals: sums, except uniquePatients, which counts
// each patient once however many branches they visited.
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter } from './period';

export const branches = defineReport({
  id: 'branches',
  group: 'money',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p);
    const end = dayAfter(p.to);
    const expenseBranch = p.branchId ? ' AND e.branch_id = ?' : '';
    const expenseArgs = p.branchId ? [p.branchId] : [];
    const rows = db
      .prepare(
        `WITH v AS (
           SELECT a.branch_id, count(*) AS visits, count(DISTINCT a.patient_id) AS uniquePatients, sum(a.charged) AS revenue
           FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql} GROUP BY a.branch_id),
         pd AS (
           SELECT a.branch_id, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
           WHERE pm.paid_at >= ? AND pm.paid_at < ?${f.sql} GROUP BY a.branch_id),
         ex AS (
           SELECT e.branch_id, sum(e.amount) AS expenses FROM expenses e
           WHERE e.spent_on >= ? AND e.spent_on <= ? AND e.branch_id IS NOT NULL${expenseBranch} GROUP BY e.branch_id),
         ids AS (SELECT branch_id FROM v UNION SELECT branch_id FROM pd${p.doctorId ? '' : ' UNION SELECT branch_id FROM ex'})
         SELECT b.id AS branchId, b.name AS branch, b.city, coalesce(v.visits, 0) AS visits, coalesce(v.uniquePatients, 0) AS uniquePatients,
                coalesce(v.revenue, 0) AS revenue, coalesce(pd.paid, 0) AS paid, coalesce(ex.expenses, 0) AS expenses,
                coalesce(v.revenue, 0) - coalesce(ex.expenses, 0) AS profit
         FROM ids JOIN branches b ON b.id = ids.branch_id
         LEFT JOIN v ON v.branch_id = b.id LEFT JOIN pd ON pd.branch_id = b.id LEFT JOIN ex ON ex.branch_id = b.id
         ORDER BY b.name, b.id`,
      )
      .all(p.from, end, ...f.args, p.from, end, ...f.args, p.from, p.to, ...expenseArgs) as Row[];
    const unique = db
      .prepare(`SELECT count(DISTINCT a.patient_id) AS n FROM appointments a WHERE a.status = 'completed' AND a.start_at >= ? AND a.start_at < ?${f.sql}`)
      .get(p.from, end, ...f.args) as { n: number };
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
        uniquePatients: unique.n,
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
