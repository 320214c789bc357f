// Import of a clinic's history — visits with their service lines, payments
// and refunds — from another system's CSV/XLSX export, so the reports show
// the past at once. As import.patients: all-or-nothing by default (the
// router's transaction), a dry run only reports, and an external id makes a
// re-import update (a visit's lines are replaced) instead of duplicating.
// Balances and report summaries of the patients touched are rebuilt from
// history in the same transaction.
import type { ImportResult, ImportRowError } from '../../shared/api/import';
import type { ParsedInputOf } from '../../shared/api';
import { lineAmount } from '../../shared/domain/money-lines';
import { readTableFile, type TableRow } from '../import/table-file';
import { checkVisitsHeader, readVisits, type ImportedVisit } from '../import/visits';
import { checkPaymentsHeader, readPaymentRow, type ImportedPayment } from '../import/payments';
import { HistoryRefs, key } from '../import/history-refs';
import { rebuildBalances } from './balances';
import { rebuildVisitSummaries } from './visit-summaries';
import { localTime, nowOf, plusMinutes } from './clock';
import { invalid } from './errors';
import { priceOn } from './services';
import type { Ctx, Handlers } from './router';
import { readSettings } from './settings';

type Input = ParsedInputOf<'import.visits'>;
type Fail = (line: number, field: string, reason: string) => void;

/** Above this many patients touched, the summaries are rebuilt for everybody (one pass beats a huge IN list). */
const REBUILD_ALL_ABOVE = 2000;

async function readRows(input: Input): Promise<TableRow[]> {
  try {
    return await readTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64'));
  } catch (e) {
    throw invalid('contentBase64', `the file cannot be read as ${/\.xlsx$/i.test(input.fileName) ? 'XLSX' : 'CSV'}: ${(e as Error).message}`);
  }
}

/** Minor units as the file writes them: 1350.00, -200.50. */
function major(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

interface VisitPlan {
  visit: ImportedVisit;
  patientId: number;
  /** Null: an unknown name, added as an inactive doctor when written. */
  doctorId: number | null;
  branchId: number;
  endAt: string;
  /** Null with a reason in the file: added to the catalog when written. */
  reasonCode: string | null;
  items: Array<{ service: string; serviceId: number | null; qty: number; price: number; discount: number; amount: number }>;
  existing?: { id: number; patient_id: number };
}

async function planVisit(ctx: Ctx, refs: HistoryRefs, v: ImportedVisit, fail: Fail): Promise<VisitPlan | null> {
  let ok = true;
  const at = (line: number) => (field: string, reason: string) => {
    ok = false;
    fail(line, field, reason);
  };
  const patientId = await refs.patient(v.patient, at(v.line));
  const doctorId = await refs.doctor(v.doctor, at(v.line));
  const branchId = await refs.branch(v.branch, at(v.line));
  const day = v.startAt.slice(0, 10);
  const items: VisitPlan['items'] = [];
  let minutes = 0;
  for (const l of v.lines) {
    const service = await refs.service(l.service!);
    minutes += service?.durationMin ?? 30;
    const price = l.price ?? (service ? await priceOn(ctx.db, service.id, day) : null);
    if (price === null) {
      at(l.line)('price', `"${l.service}" is not in the price list: give its price`);
      continue;
    }
    const line = { qty: l.qty, price, discount: l.discount };
    if (l.discount > l.qty * price) at(l.line)('discount', `the discount ${major(l.discount)} is more than qty × price = ${major(l.qty * price)}`);
    else if (l.amount !== null && l.amount !== lineAmount(line)) {
      at(l.line)('amount', `${major(l.amount)} is not qty × price − discount = ${major(lineAmount(line))}`);
    }
    items.push({ service: l.service!, serviceId: service?.id ?? null, ...line, amount: lineAmount(line) });
  }
  const kind = v.status === 'cancelled' ? 'cancel' : 'no_show';
  const reasonCode = v.reason ? await refs.reason(kind, v.reason) : null;
  const existing = await ctx.db.selectFrom('appointments').select(['id', 'patient_id']).where('external_id', '=', v.externalId).executeTakeFirst();
  if (!ok || doctorId === undefined) return null;
  return { visit: v, patientId: patientId!, doctorId, branchId: branchId!, endAt: v.endAt ?? plusMinutes(v.startAt, minutes || 30), reasonCode, items, existing };
}

/** Names to add, each once, in the order first met. */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, string>();
  for (const n of names) if (!seen.has(key(n))) seen.set(key(n), n.trim());
  return [...seen.values()];
}

async function rebuildFor(ctx: Ctx, patientIds: Set<number>, visits: boolean): Promise<void> {
  const ids = patientIds.size > REBUILD_ALL_ABOVE ? undefined : [...patientIds];
  await rebuildBalances(ctx.db, ids);
  if (visits) await rebuildVisitSummaries(ctx.db, ids);
}

async function importVisits(ctx: Ctx, input: Input): Promise<ImportResult> {
  const rows = await readRows(input);
  const { country } = await readSettings(ctx.db);
  const errors: ImportRowError[] = [];
  const fail: Fail = (line, field, reason) => errors.push({ line, field, reason });
  const headerError = checkVisitsHeader(rows);
  if (headerError) errors.push(headerError);
  const read = headerError ? { visits: [], errors: [] } : readVisits(rows, country, localTime(nowOf(ctx)));
  errors.push(...read.errors);

  const refs = new HistoryRefs(ctx.db, ctx.user?.id ?? null);
  const plans: VisitPlan[] = [];
  for (const v of read.visits) {
    const plan = await planVisit(ctx, refs, v, fail);
    if (plan) plans.push(plan);
  }
  errors.sort((a, b) => a.line - b.line);
  const result: ImportResult = { dryRun: input.dryRun, total: rows.length, created: 0, updated: 0, skipped: 0, errors, committed: false };
  if (errors.length && input.allOrNothing) return result;
  result.created = plans.filter((p) => !p.existing).length;
  result.updated = plans.filter((p) => p.existing).length;
  result.added = {
    doctors: uniqueNames(plans.filter((p) => p.doctorId === null).map((p) => p.visit.doctor)),
    services: uniqueNames(plans.flatMap((p) => p.items.filter((i) => i.serviceId === null).map((i) => i.service))),
    reasons: uniqueNames(plans.filter((p) => p.visit.reason && p.reasonCode === null).map((p) => p.visit.reason!)),
  };
  if (input.dryRun) return result;

  const touched = new Set<number>();
  const now = new Date().toISOString();
  const by = ctx.user?.id ?? null;
  for (const p of plans) {
    const v = p.visit;
    const doctorId = p.doctorId ?? (await refs.ensureDoctor(v.doctor, p.branchId));
    const reasonCode = v.reason ? (p.reasonCode ?? (await refs.ensureReason(v.status === 'cancelled' ? 'cancel' : 'no_show', v.reason))) : null;
    const items = [];
    for (const i of p.items) items.push({ ...i, serviceId: i.serviceId ?? (await refs.ensureService(i.service, i.price, v.startAt.slice(0, 10))) });
    const done = v.status === 'completed';
    const cols = {
      patient_id: p.patientId,
      doctor_id: doctorId,
      branch_id: p.branchId,
      start_at: v.startAt,
      end_at: p.endAt,
      status: v.status,
      reason_code: reasonCode,
      arrived_at: done ? v.startAt : null,
      started_at: done ? v.startAt : null,
      completed_at: done ? p.endAt : null,
      charged: done ? items.reduce((s, i) => s + i.amount, 0) : 0,
      external_id: v.externalId,
    };
    let id: number;
    if (p.existing) {
      id = p.existing.id;
      touched.add(p.existing.patient_id);
      await ctx.db.updateTable('appointments').set({ ...cols, updated_at: now }).where('id', '=', id).execute();
      await ctx.db.deleteFrom('appointment_items').where('appointment_id', '=', id).execute();
    } else {
      id = (await ctx.db.insertInto('appointments').values({ ...cols, created_by: by }).returning('id').executeTakeFirstOrThrow()).id;
    }
    touched.add(p.patientId);
    if (items.length) {
      await ctx.db
        .insertInto('appointment_items')
        .values(items.map((i) => ({ appointment_id: id, service_id: i.serviceId, qty: i.qty, price: i.price, discount: i.discount, amount: i.amount, created_by: by })))
        .execute();
    }
  }
  await rebuildFor(ctx, touched, true);
  result.committed = plans.length > 0;
  ctx.audit({ entity: 'appointments', entityId: null, after: { import: input.fileName, created: result.created, updated: result.updated, added: result.added } });
  ctx.emit('appointments', null, 'import');
  ctx.emit('patients', null, 'balance');
  return result;
}

interface PaymentPlan {
  payment: ImportedPayment;
  kind: 'create' | 'update' | 'skip';
  patientId: number;
  appointmentId: number | null;
  branchId: number | null;
  paidAt: string;
  existing?: { id: number; patient_id: number };
}

async function planPayment(ctx: Ctx, refs: HistoryRefs, p: ImportedPayment, fail: Fail): Promise<PaymentPlan | null> {
  let ok = true;
  const at = (field: string, reason: string) => {
    ok = false;
    fail(p.line, field, reason);
  };
  const patientId = await refs.patient(p.patient, at);
  const visit = p.visitId
    ? await ctx.db.selectFrom('appointments').select(['id', 'patient_id', 'branch_id', 'start_at']).where('external_id', '=', p.visitId).executeTakeFirst()
    : undefined;
  if (p.visitId && !visit) at('visitId', `no visit ${p.visitId}; import the visits first`);
  else if (visit && patientId !== null && visit.patient_id !== patientId) at('visitId', `visit ${p.visitId} is another patient's`);
  const branchId = p.branch ? await refs.branch(p.branch, at) : (visit?.branch_id ?? (await refs.soleBranch()).id);
  if (!ok) return null;
  // A date without a time on the visit's day: the payment was taken at the visit.
  const paidAt = p.dateOnly && visit && visit.start_at.startsWith(p.paidAt.slice(0, 10)) ? visit.start_at : p.paidAt;
  const plan: PaymentPlan = { payment: p, kind: 'create', patientId: patientId!, appointmentId: visit?.id ?? null, branchId, paidAt };
  if (p.externalId) {
    plan.existing = await ctx.db.selectFrom('payments').select(['id', 'patient_id']).where('external_id', '=', p.externalId).executeTakeFirst();
    if (plan.existing) plan.kind = 'update';
  } else {
    const same = await ctx.db
      .selectFrom('payments')
      .select('id')
      .where('patient_id', '=', plan.patientId)
      .where('paid_at', '=', paidAt)
      .where('amount', '=', p.amount)
      .where('method', '=', p.method)
      .where('appointment_id', plan.appointmentId === null ? 'is' : '=', plan.appointmentId)
      .executeTakeFirst();
    if (same) plan.kind = 'skip';
  }
  return plan;
}

async function importPayments(ctx: Ctx, input: Input): Promise<ImportResult> {
  const rows = await readRows(input);
  const { country } = await readSettings(ctx.db);
  const now = localTime(nowOf(ctx));
  const errors: ImportRowError[] = [];
  const fail: Fail = (line, field, reason) => errors.push({ line, field, reason });
  const headerError = checkPaymentsHeader(rows);
  if (headerError) errors.push(headerError);

  const refs = new HistoryRefs(ctx.db, ctx.user?.id ?? null);
  const plans: PaymentPlan[] = [];
  const seen = new Map<string, number>();
  for (const row of headerError ? [] : rows) {
    const { payment, errors: rowErrors } = readPaymentRow(row, country, now);
    errors.push(...rowErrors);
    if (!payment) continue;
    if (payment.externalId) {
      const first = seen.get(payment.externalId);
      if (first) {
        fail(row.line, 'paymentId', `payment id ${payment.externalId} is also on line ${first}`);
        continue;
      }
      seen.set(payment.externalId, row.line);
    }
    const plan = await planPayment(ctx, refs, payment, fail);
    if (plan) plans.push(plan);
  }
  errors.sort((a, b) => a.line - b.line);
  const refused = errors.length > 0 && input.allOrNothing;
  const count = (kind: PaymentPlan['kind']) => (refused ? 0 : plans.filter((p) => p.kind === kind).length);
  const result: ImportResult = { dryRun: input.dryRun, total: rows.length, created: count('create'), updated: count('update'), skipped: count('skip'), errors, committed: false };
  if (refused || input.dryRun) return result;

  const touched = new Set<number>();
  const by = ctx.user?.id ?? null;
  for (const p of plans) {
    if (p.kind === 'skip') continue;
    const cols = {
      patient_id: p.patientId,
      appointment_id: p.appointmentId,
      branch_id: p.branchId,
      paid_at: p.paidAt,
      amount: p.payment.amount,
      method: p.payment.method,
      reason: p.payment.reason,
      external_id: p.payment.externalId,
    };
    if (p.existing) {
      touched.add(p.existing.patient_id);
      await ctx.db.updateTable('payments').set({ ...cols, updated_at: new Date().toISOString() }).where('id', '=', p.existing.id).execute();
    } else {
      await ctx.db.insertInto('payments').values({ ...cols, created_by: by }).execute();
    }
    touched.add(p.patientId);
  }
  await rebuildFor(ctx, touched, false);
  result.committed = result.created + result.updated > 0;
  ctx.audit({ entity: 'payments', entityId: null, after: { import: input.fileName, created: result.created, updated: result.updated } });
  ctx.emit('payments', null, 'import');
  ctx.emit('patients', null, 'balance');
  return result;
}

export const importHistoryHandlers: Handlers = {
  'import.visits': importVisits,
  'import.payments': importPayments,
};
