// Tasks: per employee, the tasks due in the period (cancelled ones aside), how many were done on time (on or before
// the due day), done late, are still open and not yet late, and are still open past their due day as of `asOf` (default today).
// The branch filter selects employees of that branch; the doctor filter, that doctor's own tasks.
// Every number drills down to the patients of those tasks.
import { defineReport, type Row } from './definition';
import { reportParams, type BaseParams } from './params';
import { dayAfter, todayLocal } from './period';
import { isoDate } from '../../shared/api/fields';

const params = reportParams({ asOf: isoDate.optional() });
type TasksParams = BaseParams & { asOf?: string };

const COUNTS = ['due', 'doneOnTime', 'doneLate', 'open', 'overdue'] as const;

function where(p: TasksParams): { sql: string; args: Array<string | number> } {
  const parts = ["t.due_at >= ? AND t.due_at < ? AND t.status != 'cancelled'"];
  const args: Array<string | number> = [p.from, dayAfter(p.to)];
  if (p.branchId) {
    parts.push('u.branch_id = ?');
    args.push(p.branchId);
  }
  if (p.doctorId) {
    parts.push('t.assignee_id = ?');
    args.push(p.doctorId);
  }
  return { sql: parts.join(' AND '), args };
}

/** The condition of each count; `?` is asOf's date. */
const BUCKET: Record<(typeof COUNTS)[number], string> = {
  due: '1',
  doneOnTime: "t.status = 'done' AND substr(t.done_at, 1, 10) <= substr(t.due_at, 1, 10)",
  doneLate: "t.status = 'done' AND substr(t.done_at, 1, 10) > substr(t.due_at, 1, 10)",
  open: "t.status = 'open' AND t.due_at >= ?",
  overdue: "t.status = 'open' AND t.due_at < ?",
};

export const tasks = defineReport({
  id: 'tasks',
  group: 'followup',
  params,
  extraParams: [{ key: 'asOf', type: 'date' }],
  run(db, p: TasksParams) {
    const asOf = p.asOf ?? todayLocal();
    const w = where(p);
    const rows = db
      .prepare(
        `SELECT t.assignee_id AS employeeId, u.full_name AS employee, count(*) AS due,
                sum(${BUCKET.doneOnTime}) AS doneOnTime, sum(${BUCKET.doneLate}) AS doneLate,
                sum(t.status = 'open' AND t.due_at >= ?) AS open, sum(t.status = 'open' AND t.due_at < ?) AS overdue
         FROM tasks t INDEXED BY tasks_due JOIN users u ON u.id = t.assignee_id
         WHERE ${w.sql} GROUP BY t.assignee_id ORDER BY u.full_name, t.assignee_id`,
      )
      .all(asOf, asOf, ...w.args) as Row[];
    const totals: Row = {};
    for (const k of COUNTS) totals[k] = rows.reduce((s, r) => s + (r[k] as number), 0);
    return {
      columns: [
        { key: 'employee', type: 'text' },
        ...COUNTS.map((key) => ({ key, type: 'int' as const, drill: true })),
      ],
      rows,
      totals,
    };
  },
  patients(db, p: TasksParams, row, column) {
    const bucket = BUCKET[column as (typeof COUNTS)[number]];
    const asOf = p.asOf ?? todayLocal();
    const w = where(p);
    const args: Array<string | number> = [...w.args];
    let sql = `SELECT DISTINCT t.patient_id AS id FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE ${w.sql} AND t.patient_id IS NOT NULL AND ${bucket}`;
    if (bucket.includes('?')) args.push(asOf);
    if (row) {
      sql += ' AND t.assignee_id = ?';
      args.push(row.employeeId as number);
    }
    return (db.prepare(sql).all(...args) as Array<{ id: number }>).map((r) => r.id);
  },
});
