// Tasks: create (for oneself or another employee, or call tasks for a list of
// patients), "My day", lists, reassign, complete with an outcome (recording
// the contact for a talk with a patient), cancel, and the history from the
// audit log. Edits check updated_at: a task changed at another workstation
// since it was read answers 409 with the current task.
import { sql, type SqlBool } from 'kysely';
import { CONTACT_TASK_KINDS, type MyDayTask, type Task, type TaskBucket } from '../../shared/api/tasks';
import { addDays, format, parseISO } from 'date-fns';
import type { Db } from '../db/connection';
import { localDate, localTime, nowOf } from './clock';
import { recordContact } from './contacts';
import { ApiError, invalid } from './errors';
import type { Ctx, Handlers } from './router';
import { activeAssignee, createTask, insertTasks, livePatients, loadTask, selectTasks, toTask } from './task-rows';
import { runTaskRules } from '../jobs/task-rules';

function dayAfter(day: string): string {
  return format(addDays(parseISO(day), 1), 'yyyy-MM-dd');
}

/**
 * Where a task stands, by dates: done on time = done on or before its due
 * day; overdue = still open after its due day. The tasks report counts the same.
 */
export function bucketWhere(bucket: TaskBucket, today: string) {
  switch (bucket) {
    case 'doneOnTime':
      return sql<SqlBool>`t.status = 'done' AND substr(t.done_at, 1, 10) <= substr(t.due_at, 1, 10)`;
    case 'doneLate':
      return sql<SqlBool>`t.status = 'done' AND substr(t.done_at, 1, 10) > substr(t.due_at, 1, 10)`;
    case 'open':
      return sql<SqlBool>`t.status = 'open' AND t.due_at >= ${today}`;
    case 'overdue':
      return sql<SqlBool>`t.status = 'open' AND t.due_at < ${today}`;
  }
}

/** The task as the caller read it, or 409 with the current one; only open tasks change. */
async function openTaskAsRead(ctx: Ctx, id: number, updatedAt: string): Promise<Task> {
  const current = await loadTask(ctx.db, id);
  if (current.updatedAt !== updatedAt) {
    throw new ApiError('conflict', 'This task was changed at another workstation since you opened it. Review it and try again.', { current });
  }
  if (current.status !== 'open') {
    throw new ApiError('conflict', `This task is already ${current.status === 'done' ? 'done' : 'cancelled'}.`, { current });
  }
  return current;
}

async function myDay(db: Db, userId: number, today: string, page: { limit: number; offset: number }): Promise<{ items: MyDayTask[]; total: number }> {
  // One query: the open tasks up to the end of today from the partial index,
  // each patient's last visit by one backwards seek in visits_by_patient and
  // the debt from the balance the write path keeps.
  const rows = await selectTasks(db)
    .leftJoin('patient_balances as b', 'b.patient_id', 't.patient_id')
    .select([
      sql<string | null>`(SELECT max(v.start_at) FROM appointments v INDEXED BY visits_by_patient
                          WHERE v.status = 'completed' AND v.patient_id = t.patient_id)`.as('last_visit'),
      sql<number>`coalesce(b.charged - b.paid, 0)`.as('debt'),
    ])
    .where(sql<SqlBool>`t.assignee_id = ${userId} AND t.status = 'open' AND t.due_at < ${dayAfter(today)}`)
    .orderBy(sql`CASE t.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END`)
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('tasks as t')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<SqlBool>`t.assignee_id = ${userId} AND t.status = 'open' AND t.due_at < ${dayAfter(today)}`)
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => ({ ...toTask(r), lastVisit: r.last_visit, debt: r.debt, overdue: r.due_at < today })), total: Number(total.n) };
}

export const tasksHandlers: Handlers = {
  'tasks.create': async (ctx, input) => createTask(ctx, input),

  'tasks.createMany': async (ctx, input) => {
    await activeAssignee(ctx.db, input.assigneeId);
    await livePatients(ctx.db, input.patientIds, 'patientIds');
    const taskIds = await insertTasks(
      ctx,
      [...new Set(input.patientIds)].map((patientId) => ({
        kind: input.kind,
        assigneeId: input.assigneeId,
        patientId,
        dueAt: input.dueAt,
        priority: input.priority,
        comment: input.comment,
      })),
    );
    return { created: taskIds.length, taskIds };
  },

  'tasks.myDay': async (ctx, page) => myDay(ctx.db, ctx.user!.id, localDate(nowOf(ctx)), page),

  'tasks.list': async (ctx, input) => {
    const today = localDate(nowOf(ctx));
    const parts = [
      input.assigneeId !== undefined ? sql`t.assignee_id = ${input.assigneeId}` : null,
      input.status ? sql`t.status = ${input.status}` : null,
      input.bucket ? bucketWhere(input.bucket, today) : null,
      input.patientId !== undefined ? sql`t.patient_id = ${input.patientId}` : null,
      input.dueFrom ? sql`t.due_at >= ${input.dueFrom}` : null,
      input.dueTo ? sql`t.due_at < ${dayAfter(input.dueTo)}` : null,
    ].filter((p) => p !== null);
    const where = sql<SqlBool>`${parts.length ? sql.join(parts, sql` AND `) : sql`1`}`;
    const rows = await selectTasks(ctx.db).where(where).orderBy('t.due_at').orderBy('t.id').limit(input.limit).offset(input.offset).execute();
    const total = await ctx.db.selectFrom('tasks as t').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
    return { items: rows.map(toTask), total: Number(total.n) };
  },

  'tasks.get': async (ctx, { id }) => loadTask(ctx.db, id),

  'tasks.reassign': async (ctx, { id, updatedAt, assigneeId, dueAt }) => {
    const before = await openTaskAsRead(ctx, id, updatedAt);
    await activeAssignee(ctx.db, assigneeId);
    await ctx.db
      .updateTable('tasks')
      .set({ assignee_id: assigneeId, ...(dueAt ? { due_at: dueAt } : {}), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    ctx.audit({
      entity: 'tasks',
      entityId: id,
      before: { assigneeId: before.assigneeId, ...(dueAt ? { dueAt: before.dueAt } : {}) },
      after: { assigneeId, ...(dueAt ? { dueAt } : {}) },
    });
    ctx.emit('tasks', id, 'reassign');
    return loadTask(ctx.db, id);
  },

  'tasks.complete': async (ctx, input) => {
    const task = await openTaskAsRead(ctx, input.id, input.updatedAt);
    const talk = task.patientId !== null && input.outcome !== 'done';
    if (task.patientId !== null && CONTACT_TASK_KINDS.includes(task.kind) && input.outcome === 'done') {
      throw invalid('outcome', `say how the ${task.kind} went (reached, no_answer, refused…): closing it records a contact`);
    }
    if (!talk && task.patientId === null && input.outcome !== 'done') throw invalid('outcome', 'a task without a patient is closed with outcome done');
    if (!talk && input.churnReason) throw invalid('churnReason', 'a churn reason goes with outcome refused or moved_away');
    if (!talk && input.callBackAt) throw invalid('callBackAt', 'a call-back time goes with outcome call_back');
    let contactId: number | null = null;
    if (talk) {
      const contact = await recordContact(ctx, {
        patientId: task.patientId!,
        taskId: task.id,
        channel: 'call',
        direction: 'out',
        outcome: input.outcome as Exclude<typeof input.outcome, 'done'>,
        churnReason: input.churnReason,
        note: input.note,
        callBackAt: input.callBackAt,
        callBackAssigneeId: task.assigneeId,
      });
      contactId = contact.id;
    }
    const doneAt = localTime(nowOf(ctx));
    await ctx.db
      .updateTable('tasks')
      .set({ status: 'done', outcome: input.outcome, contact_id: contactId, done_at: doneAt, done_by: ctx.user?.id || null, updated_at: new Date().toISOString() })
      .where('id', '=', task.id)
      .execute();
    ctx.audit({ entity: 'tasks', entityId: task.id, before: { status: 'open' }, after: { status: 'done', outcome: input.outcome, contactId, doneAt, ...(input.note ? { note: input.note } : {}) } });
    ctx.emit('tasks', task.id, 'complete');
    return loadTask(ctx.db, task.id);
  },

  'tasks.cancel': async (ctx, { id, updatedAt, note }) => {
    await openTaskAsRead(ctx, id, updatedAt);
    const doneAt = localTime(nowOf(ctx));
    await ctx.db
      .updateTable('tasks')
      .set({ status: 'cancelled', done_at: doneAt, done_by: ctx.user?.id || null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    ctx.audit({ entity: 'tasks', entityId: id, before: { status: 'open' }, after: { status: 'cancelled', ...(note ? { note } : {}) } });
    ctx.emit('tasks', id, 'cancel');
    return loadTask(ctx.db, id);
  },

  'tasks.history': async (ctx, { id }) => {
    await loadTask(ctx.db, id);
    const rows = await ctx.db
      .selectFrom('audit_log as l')
      .leftJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.at', 'l.user_id', 'u.full_name', 'l.method', 'l.before', 'l.after'])
      .where('l.entity', '=', 'tasks')
      .where('l.entity_id', '=', id)
      .orderBy('l.id')
      .execute();
    return rows.map((r) => ({
      at: r.at,
      userId: r.user_id,
      userName: r.full_name ?? null,
      method: r.method,
      before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    }));
  },

  'tasks.runRules': async (ctx, { lookbackDays }) => runTaskRules(ctx, { lookbackDays }),

  'tasks.assignees': async (ctx) =>
    ctx.db
      .selectFrom('users')
      .select(['id', 'full_name as fullName', 'role', 'branch_id as branchId'])
      .where('active', '=', 1)
      .where('id', '>', 0)
      .orderBy('full_name')
      .execute(),
};
