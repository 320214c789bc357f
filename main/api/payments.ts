// Money taken at the desk: payments for a visit or on account, refunds (a
// negative payment with its reason, never more than was paid), each keeping
// the patient's balance current in the same transaction; the patient's
// ledger and the receipt. Expenses and the reason catalogs are served from
// this file's handler table too (their code is in expenses.ts, reasons.ts).
import { isValid, parse } from 'date-fns';
import { sql, type Selectable } from 'kysely';
import type { LedgerLine, Payment } from '../../shared/api/payments';
import type { Db } from '../db/connection';
import type { PaymentsTable } from '../db/schema';
import { addToBalance, balanceOf } from './balances';
import { readSettings } from './settings';
import { localTime, nowOf } from './clock';
import { ApiError, invalid, notFound } from './errors';
import type { Ctx, Handlers } from './router';
import { expensesHandlers } from './expenses';
import { reasonsHandlers } from './reasons';

export type PaymentRow = Selectable<PaymentsTable>;

export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    patientId: r.patient_id,
    appointmentId: r.appointment_id,
    branchId: r.branch_id,
    paidAt: r.paid_at,
    amount: r.amount,
    method: r.method,
    reason: r.reason,
    createdBy: r.created_by,
  };
}

/** A patient money may be taken from or returned to: not deleted, not merged away. */
async function livePatientOrFail(db: Db, id: number): Promise<void> {
  const row = await db.selectFrom('patients').select(['deleted_at', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
  if (!row || row.deleted_at) throw notFound('Patient', id);
  if (row.merged_into_id) {
    throw new ApiError('not_found', `Patient ${id} was merged into patient ${row.merged_into_id}`, { current: { mergedIntoId: row.merged_into_id } });
  }
}

async function appointmentOfPatient(db: Db, appointmentId: number, patientId: number) {
  const a = await db.selectFrom('appointments').select(['id', 'patient_id', 'branch_id', 'status']).where('id', '=', appointmentId).executeTakeFirst();
  if (!a) throw invalid('appointmentId', `there is no appointment ${appointmentId}`);
  if (a.patient_id !== patientId) throw invalid('appointmentId', `appointment ${appointmentId} belongs to another patient`);
  return a;
}

/** The payment's local time: given (and a real moment, not in the future) or now. */
function paidAtOf(ctx: Ctx, given: string | undefined): string {
  const now = localTime(nowOf(ctx));
  if (given === undefined) return now;
  const d = parse(given, "yyyy-MM-dd'T'HH:mm", new Date());
  if (!isValid(d) || localTime(d) !== given) throw invalid('paidAt', `${given} is not a real date and time`);
  if (given > now) throw invalid('paidAt', 'a payment cannot be dated in the future');
  return given;
}

/** Where the money was taken: the visit's branch, else the cashier's. */
function branchOf(ctx: Ctx, appointment: { branch_id: number } | null): number | null {
  return appointment ? appointment.branch_id : (ctx.user?.branchId ?? null);
}

async function insertPayment(ctx: Ctx, values: Omit<PaymentRow, 'id' | 'external_id' | 'created_at' | 'updated_at' | 'created_by'>): Promise<Payment> {
  const row = await ctx.db
    .insertInto('payments')
    .values({ ...values, created_by: ctx.user?.id ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addToBalance(ctx.db, row.patient_id, { paid: row.amount });
  const payment = toPayment(row);
  ctx.audit({ entity: 'payments', entityId: row.id, after: { ...payment } });
  ctx.emit('payments', row.id, values.amount < 0 ? 'refund' : 'create');
  ctx.emit('patients', row.patient_id, 'balance');
  return payment;
}

const paymentsOwnHandlers: Handlers = {
  'payments.create': async (ctx, input) => {
    await livePatientOrFail(ctx.db, input.patientId);
    const appointment = input.appointmentId ? await appointmentOfPatient(ctx.db, input.appointmentId, input.patientId) : null;
    if (appointment && (appointment.status === 'cancelled' || appointment.status === 'no_show')) {
      const what = appointment.status === 'cancelled' ? 'cancelled' : 'missed (no-show)';
      throw new ApiError(
        'conflict',
        `You cannot pay a ${what} booking (appointment ${appointment.id}). Take the money on account instead, without the appointment.`,
        { current: { status: appointment.status } },
      );
    }
    return insertPayment(ctx, {
      patient_id: input.patientId,
      appointment_id: appointment?.id ?? null,
      branch_id: branchOf(ctx, appointment),
      paid_at: paidAtOf(ctx, input.paidAt),
      amount: input.amount,
      method: input.method,
      reason: null,
    });
  },

  'payments.refund': async (ctx, input) => {
    await livePatientOrFail(ctx.db, input.patientId);
    // A refund is allowed for any visit status: money paid ahead for a
    // booking that was then cancelled is exactly what gets returned.
    const appointment = input.appointmentId ? await appointmentOfPatient(ctx.db, input.appointmentId, input.patientId) : null;
    const paid = await ctx.db
      .selectFrom('payments')
      .select(sql<number>`coalesce(sum(amount), 0)`.as('net'))
      .where('patient_id', '=', input.patientId)
      .$if(!!appointment, (q) => q.where('appointment_id', '=', appointment!.id))
      .executeTakeFirstOrThrow();
    if (input.amount > paid.net) {
      const scope = appointment ? `for appointment ${appointment.id}` : 'by this patient';
      throw new ApiError('conflict', `Cannot refund ${input.amount}: only ${Math.max(paid.net, 0)} was paid ${scope} (net of earlier refunds)`, {
        current: { refundable: Math.max(paid.net, 0) },
      });
    }
    return insertPayment(ctx, {
      patient_id: input.patientId,
      appointment_id: appointment?.id ?? null,
      branch_id: branchOf(ctx, appointment),
      paid_at: paidAtOf(ctx, input.paidAt),
      amount: -input.amount,
      method: input.method,
      reason: input.reason,
    });
  },

  'payments.ledger': async (ctx, { patientId }) => {
    await livePatientOrFail(ctx.db, patientId);
    const visits = await ctx.db
      .selectFrom('appointments as a')
      .innerJoin('users as d', 'd.id', 'a.doctor_id')
      .select([
        'a.id',
        'a.start_at',
        'd.full_name as doctor',
        sql<number>`coalesce((SELECT sum(i.amount) FROM appointment_items i WHERE i.appointment_id = a.id), 0)`.as('amount'),
      ])
      .where('a.patient_id', '=', patientId)
      .where('a.status', '=', 'completed')
      .execute();
    const payments = await ctx.db.selectFrom('payments').selectAll().where('patient_id', '=', patientId).execute();
    const entries: Array<Omit<LedgerLine, 'balance'>> = [
      ...visits.map((v) => ({ kind: 'charge' as const, id: v.id, at: v.start_at, description: `Visit ${v.start_at.slice(0, 10)}, ${v.doctor}`, amount: v.amount })),
      ...payments.map((p) => ({ kind: 'payment' as const, id: p.id, at: p.paid_at, description: paymentDescription(p), amount: -p.amount })),
    ];
    // Same minute: the visit first, then what was paid for it.
    entries.sort((x, y) => (x.at !== y.at ? (x.at < y.at ? -1 : 1) : x.kind !== y.kind ? (x.kind === 'charge' ? -1 : 1) : x.id - y.id));
    let balance = 0;
    let charged = 0;
    let paid = 0;
    const lines = entries.map<LedgerLine>((e) => {
      balance += e.amount;
      if (e.kind === 'charge') charged += e.amount;
      else paid -= e.amount;
      return { ...e, balance };
    });
    return { patientId, charged, paid, balance: charged - paid, lines };
  },

  'payments.receipt': async (ctx, { id }) => {
    const row = await ctx.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Payment', id);
    // Printed again later the receipt still names the patient, even one since deleted.
    const patient = await ctx.db.selectFrom('patients').select(['last_name', 'first_name', 'middle_name']).where('id', '=', row.patient_id).executeTakeFirstOrThrow();
    const cashier = row.created_by
      ? await ctx.db.selectFrom('users').select('full_name').where('id', '=', row.created_by).executeTakeFirst()
      : undefined;
    const { clinicName, currency } = await readSettings(ctx.db);
    const lines = row.appointment_id
      ? await ctx.db
          .selectFrom('appointment_items as i')
          .innerJoin('services as s', 's.id', 'i.service_id')
          .select(['s.name', 'i.qty', 'i.price', 'i.discount', 'i.amount'])
          .where('i.appointment_id', '=', row.appointment_id)
          .orderBy('i.id')
          .execute()
      : [];
    return {
      clinicName,
      currency,
      payment: toPayment(row),
      patientName: [patient.last_name, patient.first_name, patient.middle_name].filter(Boolean).join(' '),
      cashier: cashier?.full_name ?? null,
      lines,
      visitTotal: row.appointment_id ? lines.reduce((s, l) => s + l.amount, 0) : null,
      balanceAfter: await balanceOf(ctx.db, row.patient_id),
    };
  },
};

function paymentDescription(p: PaymentRow): string {
  const visit = p.appointment_id ? ` for visit ${p.appointment_id}` : ' on account';
  return p.amount < 0 ? `Refund (${p.method})${visit}: ${p.reason ?? ''}` : `Payment (${p.method})${visit}`;
}

export const paymentsHandlers: Handlers = {
  ...paymentsOwnHandlers,
  ...expensesHandlers,
  ...reasonsHandlers,
};
