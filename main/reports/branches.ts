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
import { dayAfter, splitByWholeMonths } from './period';
import { distinctPatients, periodVisits } from './period-visits';

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
    // Visits, revenue and distinct patients: whole months from the monthly
    // summaries, partial ones from the visits (period-visits.ts); paid likewise
    // from payment_months (0012) and the payments of the partial months.
    const perBranch = periodVisits(db, p, p, 'branch', { unique: true });
    const visits: BranchSums[] = [...perBranch.values()].map((g) => ({ branchId: g.key, visits: g.visits, revenue: g.revenue, uniquePatients: g.uniquePatients }));
    const totalUnique = visits.length ? distinctPatients(db, p, p) : 0;
    const split = splitByWholeMonths(p.from, p.to);
    const paidParts: BranchSums[] = [];
    if (split.months) {
      const fm = filters(p, 'm');
      paidParts.push(
        ...(db
          .prepare(`SELECT m.branch_id AS branchId, sum(m.amount) AS paid FROM payment_months m WHERE m.month >= ? AND m.month <= ?${fm.sql} GROUP BY m.branch_id`)
          .all(split.months.first, split.months.last, ...fm.args) as BranchSums[]),
      );
    }
    // Payments in the partial months, each counted for its appointment's branch.
    const f = filters(p);
    const edge = db.prepare(
      `SELECT a.branch_id AS branchId, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
       WHERE pm.paid_at >= ? AND pm.paid_at < ?${f.sql} GROUP BY a.branch_id`,
    );
    for (const e of split.edges) paidParts.push(...(edge.all(e.from, dayAfter(e.to), ...f.args) as BranchSums[]));
    const paidBy = new Map<number, number>();
    for (const x of paidParts) paidBy.set(x.branchId, (paidBy.get(x.branchId) ?? 0) + (x.paid ?? 0));
    const paid: BranchSums[] = [...paidBy].map(([branchId, v]) => ({ branchId, paid: v }));
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
