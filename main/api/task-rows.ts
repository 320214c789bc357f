// Task rows: reading them with the names a list shows, and the one place a
// task is inserted (by a user, a list of patients, a call-back, or a rule).
import { sql } from 'kysely';
import type { Task, TaskKind, TaskPriority, TaskRule } from '../../shared/api/tasks';
import type { Db } from '../db/connection';
import { invalid, notFound } from './errors';
import type { Ctx } from './router';

export type TaskRowOut = {
  id: number;
  kind: string;
  status: string;
  assignee_id: number;
  assignee_name: string;
  patient_id: number | null;
  patient_name: string | null;
  patient_phone: string | null;
  due_at: string;
  priority: string;
  comment: string | null;
  rule: string | null;
  rule_reason: string | null;
  outcome: string | null;
  contact_id: number | null;
  done_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
};

const PATIENT_NAME = sql<string | null>`CASE WHEN p.id IS NULL THEN NULL ELSE trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, '')) END`;

/** Tasks with their assignee's and patient's names; callers add where/order. */
export function selectTasks(db: Db) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('users as u', 'u.id', 't.assignee_id')
    .leftJoin('patients as p', 'p.id', 't.patient_id')
    .select([
      't.id', 't.kind', 't.status', 't.assignee_id', 'u.full_name as assignee_name', 't.patient_id',
      PATIENT_NAME.as('patient_name'), 'p.phone as patient_phone', 't.due_at', 't.priority', 't.comment', 't.rule',
      't.rule_reason', 't.outcome', 't.contact_id', 't.done_at', 't.created_by', 't.created_at', 't.updated_at',
    ]);
}

export function toTask(r: TaskRowOut): Task {
  return {
    id: r.id,
    kind: r.kind as TaskKind,
    status: r.status as Task['status'],
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    patientId: r.patient_id,
    patientName: r.patient_name,
    patientPhone: r.patient_phone,
    dueAt: r.due_at,
    priority: r.priority as TaskPriority,
    comment: r.comment,
    rule: r.rule as TaskRule | null,
    ruleReason: r.rule_reason,
    outcome: r.outcome as Task['outcome'],
    contactId: r.contact_id,
    doneAt: r.done_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadTask(db: Db, id: number): Promise<Task> {
  const row = await selectTasks(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Task', id);
  return toTask(row);
}

/** An employee a task can be given to: an active user. 400 naming `field` otherwise. */
export async function activeAssignee(db: Db, userId: number, field = 'assigneeId'): Promise<void> {
  const u = await db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.active !== 1) throw invalid(field, `user ${userId} does not exist or is not active`);
}

/** Patients a task or a contact may name: live (not deleted, not merged away). */
export async function livePatients(db: Db, ids: number[], field: string): Promise<void> {
  if (!ids.length) return;
  const rows = await db
    .selectFrom('patients')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .execute();
  const live = new Set(rows.map((r) => r.id));
  const bad = ids.findIndex((pid) => !live.has(pid));
  if (bad >= 0) throw invalid(ids.length > 1 || field.endsWith('s') ? `${field}.${bad}` : field, `patient ${ids[bad]} does not exist`);
}

export interface NewTask {
  kind: TaskKind;
  assigneeId: number;
  patientId: number | null;
  dueAt: string;
  priority: TaskPriority;
  comment: string | null;
  rule?: TaskRule;
  ruleReason?: string;
  causeKey?: string;
}

/**
 * Inserts tasks whose references were checked by the caller, audited and
 * published. Rule tasks whose cause already made a task are skipped (the
 * unique rule+cause index): the ids of those created are returned.
 */
export async function insertTasks(ctx: Ctx, tasks: NewTask[]): Promise<number[]> {
  const ids: number[] = [];
  for (const t of tasks) {
    const row = await ctx.db
      .insertInto('tasks')
      .values({
        kind: t.kind,
        assignee_id: t.assigneeId,
        patient_id: t.patientId,
        due_at: t.dueAt,
        priority: t.priority,
        comment: t.comment,
        rule: t.rule ?? null,
        rule_reason: t.ruleReason ?? null,
        cause_key: t.causeKey ?? null,
        // The rules' job and the console act as user 0: no user row.
        created_by: ctx.user?.id || null,
      })
      .onConflict((oc) => oc.columns(['rule', 'cause_key']).where('rule', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    ids.push(row.id);
    ctx.audit({
      entity: 'tasks',
      entityId: row.id,
      after: { kind: t.kind, assigneeId: t.assigneeId, patientId: t.patientId, dueAt: t.dueAt, priority: t.priority, ...(t.rule ? { rule: t.rule, ruleReason: t.ruleReason } : {}) },
    });
    ctx.emit('tasks', row.id, 'create');
  }
  return ids;
}

/** Creates one task for a user's request: checks the assignee and the patient (400 naming the field). */
export async function createTask(
  ctx: Ctx,
  input: { kind: TaskKind; assigneeId?: number; patientId: number | null; dueAt: string; priority?: TaskPriority; comment?: string | null },
): Promise<Task> {
  const assigneeId = input.assigneeId ?? ctx.user?.id;
  if (!assigneeId) throw invalid('assigneeId', 'say whom the task is for');
  await activeAssignee(ctx.db, assigneeId);
  if (input.patientId !== null) await livePatients(ctx.db, [input.patientId], 'patientId');
  const [id] = await insertTasks(ctx, [
    { kind: input.kind, assigneeId, patientId: input.patientId, dueAt: input.dueAt, priority: input.priority ?? 'normal', comment: input.comment ?? null },
  ]);
  return loadTask(ctx.db, id);
}
