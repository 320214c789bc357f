// The automatic task rules. Each looks for its causes whose "fire day" (the
// cause's date plus the rule's delay) falls in the last `lookbackDays` days,
// and makes one task per cause, due that day at 09:00, given to a reception
// user of the cause's branch (the one with fewest open tasks). The cause's
// key is unique per rule, so running the rules again never makes a task twice;
// causes older than the look-back are left alone, so switching a rule on in a
// clinic with ten years of history does not bury the desk in tasks.
//
//   noShow             a no-show, no later booking or visit → call, the n-th working day after
//   firstVisitFeedback a patient's first visit → feedback call n days after
//   recall             a visit with a recall service, not repeated, no booking → recall task n days before it is due
//   debt               the oldest unpaid visit of a debtor is n days old → call
//   request            an inbound contact with outcome wants_appointment and no appointment made
//                      for the patient after it → call n days after
import { sql } from 'kysely';
import { addDays, format, parseISO } from 'date-fns';
import { TASK_RULES, type RulesRun, type TaskRule } from '../../shared/api/tasks';
import type { Ctx } from '../api/router';
import { localDate, nowOf, weekdayOf } from '../api/clock';
import { readSettings } from '../api/settings';
import { insertTasks, type NewTask } from '../api/task-rows';

const DEFAULT_LOOKBACK_DAYS = 7;
const DUE_TIME = '09:00';

const day = (d: Date) => format(d, 'yyyy-MM-dd');
const plusDays = (date: string, n: number) => day(addDays(parseISO(date), n));

interface Cause {
  causeKey: string;
  kind: NewTask['kind'];
  patientId: number;
  branchId: number | null;
  fireDay: string;
  reason: string;
}

/** Who gets rule tasks: per branch, the reception user with fewest open tasks. */
class Assigner {
  private constructor(private readonly people: Array<{ id: number; role: string; branch_id: number | null; open: number }>) {}

  static async load(ctx: Ctx): Promise<Assigner> {
    const rows = await sql<{ id: number; role: string; branch_id: number | null; open: number }>`
      SELECT u.id, u.role, u.branch_id,
             (SELECT count(*) FROM tasks t WHERE t.assignee_id = u.id AND t.status = 'open') AS open
      FROM users u WHERE u.active = 1 AND u.id > 0 AND u.role IN ('reception', 'callcenter', 'director')
      ORDER BY u.id`.execute(ctx.db);
    return new Assigner(rows.rows);
  }

  pick(branchId: number | null): number | null {
    const tiers = [
      this.people.filter((p) => p.role === 'reception' && branchId !== null && p.branch_id === branchId),
      this.people.filter((p) => p.role === 'reception' || p.role === 'callcenter'),
      this.people.filter((p) => p.role === 'director'),
    ];
    const tier = tiers.find((t) => t.length);
    if (!tier) return null;
    const chosen = tier.reduce((a, b) => (b.open < a.open ? b : a));
    chosen.open++;
    return chosen.id;
  }
}

/** Weekdays a branch works: those with a doctor's shift there; Monday–Friday when it has none. */
async function workingWeekdays(ctx: Ctx): Promise<(branchId: number | null) => Set<number>> {
  const rows = await sql<{ branch_id: number | null; weekday: number }>`
    SELECT DISTINCT coalesce(s.branch_id, u.branch_id) AS branch_id, s.weekday
    FROM doctor_shifts s JOIN users u ON u.id = s.doctor_id WHERE u.active = 1`.execute(ctx.db);
  const byBranch = new Map<number | null, Set<number>>();
  for (const r of rows.rows) {
    if (!byBranch.has(r.branch_id)) byBranch.set(r.branch_id, new Set());
    byBranch.get(r.branch_id)!.add(r.weekday);
  }
  const all = new Set(rows.rows.map((r) => r.weekday));
  const weekdays = new Set([1, 2, 3, 4, 5]);
  return (branchId) => byBranch.get(branchId) ?? (all.size ? all : weekdays);
}

interface Window {
  /** The first and last fire day looked at, inclusive. */
  first: string;
  today: string;
  /** Local dates to UTC ISO bounds, for the contacts' UTC `at`. */
  utc(localDay: string): string;
}

type RuleFinder = (ctx: Ctx, w: Window, days: number, workdays: (b: number | null) => Set<number>) => Promise<Cause[]>;

const LIVE = sql`p.deleted_at IS NULL AND p.merged_into_id IS NULL`;
const at = (start: string) => start.replace('T', ' ');

const noShow: RuleFinder = async (ctx, w, days, workdays) => {
  // A no-show n working days before the first fire day may be up to ~2n+7 calendar days before it.
  const rows = await sql<{ id: number; patient_id: number; branch_id: number; start_at: string; doctor: string }>`
    SELECT a.id, a.patient_id, a.branch_id, a.start_at, d.full_name AS doctor
    FROM appointments a INDEXED BY appointments_start JOIN patients p ON p.id = a.patient_id JOIN users d ON d.id = a.doctor_id
    WHERE a.start_at >= ${plusDays(w.first, -(2 * days + 7))} AND a.start_at < ${plusDays(w.today, 1)} AND a.status = 'no_show' AND ${LIVE}
      AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = a.patient_id AND b.start_at > a.start_at
                      AND b.status IN ('booked', 'confirmed', 'arrived', 'in_service', 'completed'))`.execute(ctx.db);
  return rows.rows.flatMap((r) => {
    const works = workdays(r.branch_id);
    let fire = r.start_at.slice(0, 10);
    for (let n = 0; n < days; ) {
      fire = plusDays(fire, 1);
      if (works.has(weekdayOf(fire))) n++;
    }
    if (fire < w.first || fire > w.today) return [];
    return [{ causeKey: `appointment:${r.id}`, kind: 'call' as const, patientId: r.patient_id, branchId: r.branch_id, fireDay: fire, reason: `${at(r.start_at)} · ${r.doctor}` }];
  });
};

const firstVisitFeedback: RuleFinder = async (ctx, w, days) => {
  const rows = await sql<{ patient_id: number; branch_id: number; first_at: string; doctor: string }>`
    SELECT f.patient_id, f.branch_id, f.first_at, d.full_name AS doctor
    FROM patient_first_visits f JOIN patients p ON p.id = f.patient_id JOIN users d ON d.id = f.doctor_id
    WHERE f.first_at >= ${plusDays(w.first, -days)} AND f.first_at < ${plusDays(w.today, 1 - days)} AND ${LIVE}`.execute(ctx.db);
  return rows.rows.map((r) => ({
    causeKey: `patient:${r.patient_id}`,
    kind: 'feedback' as const,
    patientId: r.patient_id,
    branchId: r.branch_id,
    fireDay: plusDays(r.first_at.slice(0, 10), days),
    reason: `${at(r.first_at)} · ${r.doctor}`,
  }));
};

const recall: RuleFinder = async (ctx, w, days) => {
  const services = await ctx.db.selectFrom('services').select(['id', 'name', 'recall_days']).where('recall_days', 'is not', null).execute();
  const out: Cause[] = [];
  for (const s of services) {
    // Due = last done + R; fire = due − n, so the visit's day is in [first − R + n, today − R + n].
    const shift = days - s.recall_days!;
    const rows = await sql<{ id: number; patient_id: number; branch_id: number; start_at: string }>`
      SELECT a.id, a.patient_id, a.branch_id, a.start_at
      FROM appointments a INDEXED BY visits_by_start JOIN patients p ON p.id = a.patient_id
      WHERE a.status = 'completed' AND a.start_at >= ${plusDays(w.first, shift)} AND a.start_at < ${plusDays(w.today, shift + 1)} AND ${LIVE}
        AND EXISTS (SELECT 1 FROM appointment_items i WHERE i.appointment_id = a.id AND i.service_id = ${s.id})
        AND NOT EXISTS (SELECT 1 FROM appointments l INDEXED BY visits_by_patient JOIN appointment_items li ON li.appointment_id = l.id
                        WHERE l.status = 'completed' AND l.patient_id = a.patient_id AND l.start_at > a.start_at AND li.service_id = ${s.id})
        AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = a.patient_id AND b.start_at > a.start_at
                        AND b.status IN ('booked', 'confirmed'))`.execute(ctx.db);
    for (const r of rows.rows) {
      const due = plusDays(r.start_at.slice(0, 10), s.recall_days!);
      out.push({
        causeKey: `appointment:${r.id}:service:${s.id}`,
        kind: 'recall',
        patientId: r.patient_id,
        branchId: r.branch_id,
        fireDay: plusDays(due, -days),
        reason: `${s.name} · ${r.start_at.slice(0, 10)} → ${due}`,
      });
    }
  }
  return out;
};

const debt: RuleFinder = async (ctx, w, days) => {
  // Only debtors with a charged visit in the window can have their oldest
  // unpaid visit there: a short range of visits_by_start, then payments are
  // applied oldest-first over those patients' visits.
  const rows = await sql<{ id: number; patient_id: number; branch_id: number; start_at: string; debt: number }>`
    WITH cand AS (
      SELECT DISTINCT a.patient_id FROM appointments a INDEXED BY visits_by_start
      WHERE a.status = 'completed' AND a.start_at >= ${plusDays(w.first, -days)} AND a.start_at < ${plusDays(w.today, 1 - days)} AND a.charged > 0),
    v AS (
      SELECT a.id, a.patient_id, a.branch_id, a.start_at, b.paid, b.charged - b.paid AS debt,
             sum(a.charged) OVER (PARTITION BY a.patient_id ORDER BY a.start_at, a.id) AS cum
      FROM cand JOIN patient_balances b ON b.patient_id = cand.patient_id AND b.charged - b.paid > 0
      JOIN appointments a INDEXED BY visits_by_patient ON a.patient_id = cand.patient_id AND a.status = 'completed' AND a.charged > 0)
    SELECT u.id, u.patient_id, u.branch_id, u.start_at, u.debt FROM (
      SELECT v.*, row_number() OVER (PARTITION BY v.patient_id ORDER BY v.start_at, v.id) AS n FROM v WHERE v.cum > v.paid) u
    JOIN patients p ON p.id = u.patient_id
    WHERE u.n = 1 AND ${LIVE}`.execute(ctx.db);
  return rows.rows.flatMap((r) => {
    const fire = plusDays(r.start_at.slice(0, 10), days);
    if (fire < w.first || fire > w.today) return [];
    return [{ causeKey: `patient:${r.patient_id}:visit:${r.id}`, kind: 'call' as const, patientId: r.patient_id, branchId: r.branch_id, fireDay: fire, reason: `${r.debt} · ${r.start_at.slice(0, 10)}` }];
  });
};

const request: RuleFinder = async (ctx, w, days) => {
  const rows = await sql<{ id: number; patient_id: number; branch_id: number | null; at: string }>`
    SELECT c.id, c.patient_id, p.branch_id, c.at FROM contacts c JOIN patients p ON p.id = c.patient_id
    WHERE c.outcome = 'wants_appointment' AND c.direction = 'in' AND c.at >= ${w.utc(plusDays(w.first, -days - 1))} AND c.at < ${w.utc(plusDays(w.today, 2 - days))}
      AND ${LIVE} AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = c.patient_id AND b.created_at > c.at)`.execute(ctx.db);
  return rows.rows.flatMap((r) => {
    const local = new Date(r.at);
    const fire = plusDays(localDate(local), days);
    if (fire < w.first || fire > w.today) return [];
    return [{ causeKey: `contact:${r.id}`, kind: 'call' as const, patientId: r.patient_id, branchId: r.branch_id, fireDay: fire, reason: format(local, 'yyyy-MM-dd HH:mm') }];
  });
};

const FINDERS: Record<TaskRule, RuleFinder> = { noShow, firstVisitFeedback, recall, debt, request };

/** Runs every switched-on rule inside the caller's transaction; returns what each created. */
export async function runTaskRules(ctx: Ctx, opts: { lookbackDays?: number } = {}): Promise<RulesRun> {
  const started = performance.now();
  const { taskRules } = await readSettings(ctx.db);
  const today = localDate(nowOf(ctx));
  const w: Window = {
    first: plusDays(today, 1 - (opts.lookbackDays ?? DEFAULT_LOOKBACK_DAYS)),
    today,
    utc: (d) => new Date(`${d}T00:00`).toISOString(),
  };
  const workdays = await workingWeekdays(ctx);
  const assigner = await Assigner.load(ctx);
  const created = Object.fromEntries(TASK_RULES.map((r) => [r, 0])) as Record<TaskRule, number>;
  const timings = { ...created };
  let unassigned = 0;
  for (const rule of TASK_RULES) {
    const setting = taskRules[rule];
    if (!setting.enabled) continue;
    const ruleStarted = performance.now();
    const causes = await FINDERS[rule](ctx, w, setting.days, workdays);
    timings[rule] = Math.round(performance.now() - ruleStarted);
    if (!causes.length) continue;
    // Causes that already made a task are not given to anyone again.
    const seen = new Set<string>();
    for (let i = 0; i < causes.length; i += 500) {
      const keys = causes.slice(i, i + 500).map((c) => c.causeKey);
      const rows = await ctx.db.selectFrom('tasks').select('cause_key').where('rule', '=', rule).where('cause_key', 'in', keys).execute();
      for (const r of rows) seen.add(r.cause_key!);
    }
    const tasks: NewTask[] = [];
    for (const c of causes) {
      if (seen.has(c.causeKey)) continue;
      seen.add(c.causeKey);
      const assigneeId = assigner.pick(c.branchId);
      if (assigneeId === null) {
        unassigned++;
        continue;
      }
      tasks.push({ kind: c.kind, assigneeId, patientId: c.patientId, dueAt: `${c.fireDay}T${DUE_TIME}`, priority: 'normal', comment: null, rule, ruleReason: c.reason, causeKey: c.causeKey });
    }
    created[rule] = (await insertTasks(ctx, tasks)).length;
  }
  return { created, unassigned, ms: Math.round(performance.now() - started), timings };
}
