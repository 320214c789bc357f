// Tasks: follow-up work given to an employee by a user or an automatic rule
// (call a patient, recall, remind, ask for feedback), "My day", and the
// settings of the automatic rules.
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, isoDate, optionalText, updatedAt } from './fields';
import { CONTACT_OUTCOMES, localDateTime } from './contacts';

export const TASK_KINDS = ['call', 'recall', 'reminder', 'feedback', 'custom'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** Kinds whose completion is a talk with the patient: closing one records a contact. */
export const CONTACT_TASK_KINDS: readonly TaskKind[] = ['call', 'recall', 'feedback'];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** The automatic rules (main/jobs/task-rules.ts). */
export const TASK_RULES = ['noShow', 'firstVisitFeedback', 'recall', 'debt', 'request'] as const;
export type TaskRule = (typeof TASK_RULES)[number];

/** A task's outcome: how the talk went (a contact outcome), or plain `done` for other kinds. */
export const TASK_OUTCOMES = [...CONTACT_OUTCOMES, 'done'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** Where a task stands against its due time, as the tasks report counts it. */
export const TASK_BUCKETS = ['doneOnTime', 'doneLate', 'open', 'overdue'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export interface Task {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  assigneeId: number;
  assigneeName: string;
  patientId: number | null;
  patientName: string | null;
  patientPhone: string | null;
  /** Local wall-clock time, 2026-11-24T14:30. */
  dueAt: string;
  priority: TaskPriority;
  comment: string | null;
  /** The automatic rule that created it, and why; null for a task a user gave. */
  rule: TaskRule | null;
  ruleReason: string | null;
  outcome: TaskOutcome | null;
  contactId: number | null;
  doneAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A "My day" line: the task with what the caller needs before dialling. */
export interface MyDayTask extends Task {
  lastVisit: string | null;
  /** charged − paid, minor units; positive is a debt. */
  debt: number;
  overdue: boolean;
}

export interface TaskHistoryEntry {
  at: string;
  userId: number | null;
  userName: string | null;
  method: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** One rule's switch and its delay in days (for `recall`: days before the recall is due). */
export interface TaskRuleSetting {
  enabled: boolean;
  days: number;
}
export type TaskRuleSettings = Record<TaskRule, TaskRuleSetting>;

export const DEFAULT_TASK_RULES: TaskRuleSettings = {
  noShow: { enabled: true, days: 1 },
  firstVisitFeedback: { enabled: true, days: 3 },
  recall: { enabled: true, days: 14 },
  debt: { enabled: true, days: 30 },
  request: { enabled: true, days: 1 },
};

export const TaskRuleSettingsInput = z
  .object(
    Object.fromEntries(TASK_RULES.map((r) => [r, z.object({ enabled: z.boolean(), days: z.number().int().min(0).max(365) }).strict()])) as Record<
      TaskRule,
      z.ZodObject<{ enabled: z.ZodBoolean; days: z.ZodNumber }>
    >,
  )
  .partial()
  .strict();

export interface RulesRun {
  created: Record<TaskRule, number>;
  /** Causes found but not given to anyone: no active reception, call-center or director user. */
  unassigned: number;
  ms: number;
  /** Milliseconds each rule spent finding its causes. */
  timings: Record<TaskRule, number>;
}

const taskFields = {
  kind: z.enum(TASK_KINDS),
  patientId: id.nullish().transform((v) => v ?? null),
  dueAt: localDateTime,
  priority: z.enum(TASK_PRIORITIES).default('normal'),
  comment: optionalText(2000),
};

export const CreateTaskInput = z
  .object({
    ...taskFields,
    /** Default: the caller. */
    assigneeId: id.optional(),
  })
  .strict();

export const CreateTasksInput = z
  .object({
    kind: z.enum(TASK_KINDS).default('call'),
    patientIds: z.array(id).min(1).max(5000),
    assigneeId: id,
    dueAt: localDateTime,
    priority: z.enum(TASK_PRIORITIES).default('normal'),
    comment: optionalText(2000),
  })
  .strict();

export const ListTasksInput = z
  .object({
    assigneeId: id.optional(),
    status: z.enum(TASK_STATUSES).optional(),
    bucket: z.enum(TASK_BUCKETS).optional(),
    patientId: id.optional(),
    /** Due dates, inclusive local days. */
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((v) => !v.dueFrom || !v.dueTo || v.dueFrom <= v.dueTo, { message: 'The period ends before it starts', path: ['dueTo'] });

export const CompleteTaskInput = z
  .object({
    id,
    updatedAt,
    outcome: z.enum(TASK_OUTCOMES),
    churnReason: z.string().trim().min(1).max(50).nullish().transform((v) => v ?? null),
    note: optionalText(2000),
    callBackAt: localDateTime.optional(),
  })
  .strict();

export const tasksContracts = {
  'tasks.create': contract<Task>()({ input: CreateTaskInput, roles: ANY_ROLE, write: true }),
  /** Call tasks for a list of patients (a report's drill-down, the recall and lost lists). */
  'tasks.createMany': contract<{ created: number; taskIds: number[] }>()({
    input: CreateTasksInput,
    roles: ['admin', 'director', 'reception', 'callcenter'],
    write: true,
  }),
  /** My open tasks due today or earlier, high priority first, then by due time; a page of them and how many in all. */
  'tasks.myDay': contract<{ items: MyDayTask[]; total: number }>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    roles: ANY_ROLE,
    write: false,
  }),
  'tasks.list': contract<{ items: Task[]; total: number }>()({ input: ListTasksInput, roles: ANY_ROLE, write: false }),
  'tasks.get': contract<Task>()({ input: z.object({ id }).strict(), roles: ANY_ROLE, write: false }),
  'tasks.reassign': contract<Task>()({
    input: z.object({ id, updatedAt, assigneeId: id, dueAt: localDateTime.optional() }).strict(),
    roles: ANY_ROLE,
    write: true,
  }),
  'tasks.complete': contract<Task>()({ input: CompleteTaskInput, roles: ANY_ROLE, write: true }),
  'tasks.cancel': contract<Task>()({ input: z.object({ id, updatedAt, note: optionalText(500) }).strict(), roles: ANY_ROLE, write: true }),
  'tasks.history': contract<TaskHistoryEntry[]>()({ input: z.object({ id }).strict(), roles: ANY_ROLE, write: false }),
  /** Runs the automatic rules now (the host also runs them every 10 minutes). */
  'tasks.runRules': contract<RulesRun>()({
    input: z.object({ lookbackDays: z.number().int().min(1).max(31).optional() }).strict(),
    roles: ['admin', 'director'],
    write: true,
  }),
  'tasks.assignees': contract<Array<{ id: number; fullName: string; role: string; branchId: number | null }>>()({
    input: z.object({}).strict(),
    roles: ANY_ROLE,
    write: false,
  }),
};
