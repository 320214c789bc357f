// The appointment book: booking, moving, status changes and completion of
// visits. Every rule (no overlap, inside the doctor's hours, not in the past,
// only allowed status moves, discount limits) is checked here, inside the
// write transaction, so two workstations booking the same slot at once get
// exactly one booking and one 409.
import { sql, type SqlBool } from 'kysely';
import { addDays, format, parseISO } from 'date-fns';
import type { Appointment } from '../../shared/api/appointments';
import { OCCUPYING, canMove, type AppointmentStatus } from '../../shared/domain/appointments';
import { discountPct, lineAmount } from '../../shared/domain/money-lines';
import type { Doctor } from '../../shared/api/schedules';
import type { Db } from '../db/connection';
import { loadAppointment, loadAppointments, startingBetween } from './appointments-read';
import { addToBalance } from './balances';
import { recordVisit, visitCompleted } from './visit-summaries';
import { localDate, localTime, minutesBetween, nowOf, plusMinutes } from './clock';
import { changedFields } from './audit';
import { ApiError, invalid } from './errors';
import type { Ctx, Handlers } from './router';
import { branchAt, columnOf, doctorOrFail, listDoctors, withinHours } from './schedules';
import { readSettings } from './settings';
import { priceOn } from './services';
import { recordContact } from './contacts';
import { enqueueBookingConfirmation } from '../jobs/reminders';

const DEFAULT_MINUTES = 30;
/** No appointment is longer than a day; the overlap check looks back this far. */
const MAX_APPOINTMENT_MINUTES = 24 * 60;
const MAY_OVERRIDE = ['director', 'admin'];

function nextDay(day: string, n = 1): string {
  return format(addDays(parseISO(day), n), 'yyyy-MM-dd');
}

/** A patient referred to by a booking or walk-in must be live: 400 naming patientId otherwise. */
export async function livePatientId(db: Db, patientId: number): Promise<void> {
  const p = await db.selectFrom('patients').select(['id', 'deleted_at', 'merged_into_id']).where('id', '=', patientId).executeTakeFirst();
  if (!p || p.deleted_at || p.merged_into_id) throw invalid('patientId', `patient ${patientId} does not exist`);
}

async function servicesFor(db: Db, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db.selectFrom('services').selectAll().where('id', 'in', ids).where('active', '=', 1).execute();
  for (const [i, sid] of ids.entries()) {
    if (!rows.some((r) => r.id === sid)) throw invalid(`serviceIds.${i}`, `service ${sid} does not exist or is not offered`);
  }
  return ids.map((sid) => rows.find((r) => r.id === sid)!);
}

/**
 * The booking rules. A director may override overlap and hours (recorded on
 * the appointment and in the audit log); nobody books in the past except a
 * director entering history.
 */
async function checkSlot(
  ctx: Ctx,
  doctor: Doctor,
  slot: { startAt: string; endAt: string; excludeId?: number; override: boolean; history: boolean },
): Promise<void> {
  const role = ctx.user?.role ?? '';
  if ((slot.override || slot.history) && !MAY_OVERRIDE.includes(role)) {
    throw new ApiError('forbidden', 'Only a director may book over another booking, outside working hours or in the past');
  }
  if (slot.endAt <= slot.startAt) throw invalid('endAt', 'the appointment must end after it starts');
  if (minutesBetween(slot.startAt, slot.endAt) > MAX_APPOINTMENT_MINUTES) throw invalid('endAt', 'an appointment lasts at most a day');
  if (!slot.history && slot.startAt < localTime(nowOf(ctx))) {
    throw invalid('startAt', `${slot.startAt} is in the past; a director may enter history with the history flag`);
  }
  if (slot.override) return;
  if (!slot.history && !withinHours(doctor, slot.startAt, slot.endAt)) {
    throw new ApiError('conflict', `${doctor.name} does not work at ${slot.startAt.replace('T', ' ')}–${slot.endAt.slice(11)}. Choose a time inside their hours.`, {
      reason: 'off_hours',
      current: { shifts: columnOf(doctor, slot.startAt.slice(0, 10)).shifts },
    });
  }
  const clash = await loadAppointments(
    ctx.db,
    // The lower bound keeps the index range to a day: without it SQLite walks
    // every earlier appointment of the doctor (years of them) to test end_at.
    sql<SqlBool>`a.doctor_id = ${doctor.id} AND a.start_at >= ${plusMinutes(slot.startAt, -MAX_APPOINTMENT_MINUTES)}
      AND a.start_at < ${slot.endAt} AND a.end_at > ${slot.startAt}
      AND a.status IN (${sql.join([...OCCUPYING])}) AND a.id != ${slot.excludeId ?? -1}`,
  );
  if (clash.length) {
    const c = clash[0];
    throw new ApiError('conflict', `${doctor.name} already has ${c.patientName} at ${c.startAt.replace('T', ' ')}–${c.endAt.slice(11)}. Choose a free time.`, {
      reason: 'slot_taken',
      current: clash,
    });
  }
}

function staleCheck(a: Appointment, updatedAt: string | undefined): void {
  if (updatedAt !== undefined && a.updatedAt !== updatedAt) {
    throw new ApiError('conflict', 'This appointment was changed at another workstation. Its current state is shown; try again.', { current: a, reason: 'stale' });
  }
}

async function setStatus(ctx: Ctx, a: Appointment, to: AppointmentStatus, extra: Record<string, unknown> = {}): Promise<Appointment> {
  if (!canMove(a.status, to)) {
    throw new ApiError('conflict', `An appointment that is ${a.status} cannot become ${to}`, { current: a, reason: 'status' });
  }
  await ctx.db
    .updateTable('appointments')
    .set({ status: to, updated_at: new Date().toISOString(), ...extra })
    .where('id', '=', a.id)
    .execute();
  ctx.audit({ entity: 'appointments', entityId: a.id, before: { status: a.status }, after: { status: to, ...extra } });
  ctx.emit('appointments', a.id, to);
  return loadAppointment(ctx.db, a.id);
}

export async function insertAppointment(
  ctx: Ctx,
  v: { patientId: number; doctor: Doctor; branchId?: number; startAt: string; endAt: string; status: AppointmentStatus; channel: string; comment: string | null; override: boolean; serviceIds: number[]; arrivedAt?: string },
): Promise<Appointment> {
  const services = await servicesFor(ctx.db, v.serviceIds);
  const branchId = v.branchId ?? branchAt(v.doctor, v.startAt);
  if (!branchId) throw invalid('branchId', `choose the branch: ${v.doctor.name} has none`);
  const row = await ctx.db
    .insertInto('appointments')
    .values({
      patient_id: v.patientId,
      doctor_id: v.doctor.id,
      branch_id: branchId,
      start_at: v.startAt,
      end_at: v.endAt,
      status: v.status,
      channel: v.channel,
      comment: v.comment,
      override: v.override ? 1 : 0,
      arrived_at: v.arrivedAt ?? null,
      created_by: ctx.user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Planned services: shown in the book, replaced by what was rendered at completion.
  for (const s of services) {
    const price = await priceOn(ctx.db, s.id, v.startAt.slice(0, 10));
    await ctx.db.insertInto('appointment_items').values({ appointment_id: row.id, service_id: s.id, qty: 1, price, discount: 0, amount: price, created_by: ctx.user?.id ?? null }).execute();
  }
  const a = await loadAppointment(ctx.db, row.id);
  ctx.audit({ entity: 'appointments', entityId: a.id, after: { patientId: a.patientId, doctorId: a.doctorId, startAt: a.startAt, endAt: a.endAt, status: a.status, override: a.override } });
  ctx.emit('appointments', a.id, 'book');
  return a;
}

export async function durationOf(db: Db, serviceIds: number[]): Promise<number> {
  const services = await servicesFor(db, serviceIds);
  return services.reduce((s, x) => s + x.duration_min, 0) || DEFAULT_MINUTES;
}

export const appointmentsHandlers: Handlers = {
  'appointments.book': async (ctx, input) => {
    await livePatientId(ctx.db, input.patientId);
    const doctor = await doctorOrFail(ctx.db, input.doctorId);
    const endAt = input.endAt ?? plusMinutes(input.startAt, await durationOf(ctx.db, input.serviceIds));
    await checkSlot(ctx, doctor, { startAt: input.startAt, endAt, override: input.override, history: input.history });
    const booked = await insertAppointment(ctx, { ...input, doctor, endAt, status: 'booked' });
    if (!input.history) await enqueueBookingConfirmation(ctx.db, booked, nowOf(ctx));
    return booked;
  },

  'appointments.move': async (ctx, input) => {
    const a = await loadAppointment(ctx.db, input.id);
    staleCheck(a, input.updatedAt);
    if (a.status !== 'booked' && a.status !== 'confirmed') {
      throw new ApiError('conflict', `An appointment that is ${a.status} cannot be moved`, { current: a, reason: 'status' });
    }
    const doctor = await doctorOrFail(ctx.db, input.doctorId ?? a.doctorId);
    await checkSlot(ctx, doctor, { startAt: input.startAt, endAt: input.endAt, excludeId: a.id, override: input.override, history: false });
    // Moved to another doctor or day, the visit follows the branch that shift is in.
    const samePlace = doctor.id === a.doctorId && input.startAt.slice(0, 10) === a.startAt.slice(0, 10);
    const branchId = input.branchId ?? (samePlace ? a.branchId : (branchAt(doctor, input.startAt) ?? a.branchId));
    await ctx.db
      .updateTable('appointments')
      .set({ start_at: input.startAt, end_at: input.endAt, doctor_id: doctor.id, branch_id: branchId, override: input.override || a.override ? 1 : 0, updated_at: new Date().toISOString() })
      .where('id', '=', a.id)
      .execute();
    const after = await loadAppointment(ctx.db, a.id);
    ctx.audit({ entity: 'appointments', entityId: a.id, ...changedFields({ startAt: a.startAt, endAt: a.endAt, doctorId: a.doctorId, branchId: a.branchId }, { startAt: after.startAt, endAt: after.endAt, doctorId: after.doctorId, branchId: after.branchId }) });
    ctx.emit('appointments', a.id, 'move');
    return after;
  },

  'appointments.setStatus': async (ctx, input) => {
    const a = await loadAppointment(ctx.db, input.id);
    staleCheck(a, input.updatedAt);
    const now = localTime(nowOf(ctx));
    if (input.status === 'cancelled' || input.status === 'no_show') {
      if (!input.reasonCode) throw invalid('reasonCode', 'choose a reason');
      const kind = input.status === 'cancelled' ? 'cancel' : 'no_show';
      const reason = await ctx.db.selectFrom('reasons').select('id').where('kind', '=', kind).where('code', '=', input.reasonCode).executeTakeFirst();
      if (!reason) throw invalid('reasonCode', `"${input.reasonCode}" is not a ${kind.replace('_', '-')} reason in the catalog`);
      return setStatus(ctx, a, input.status, { reason_code: input.reasonCode });
    }
    if (input.status === 'arrived') {
      if (a.startAt.slice(0, 10) !== now.slice(0, 10)) {
        throw new ApiError('conflict', `This appointment is on ${a.startAt.slice(0, 10)}, not today: the patient can only arrive on the day`, { current: a, reason: 'not_today' });
      }
      return setStatus(ctx, a, 'arrived', { arrived_at: now });
    }
    if (input.status === 'in_service') return setStatus(ctx, a, 'in_service', { started_at: now });
    return setStatus(ctx, a, input.status);
  },

  'appointments.complete': async (ctx, input) => {
    const a = await loadAppointment(ctx.db, input.id);
    staleCheck(a, input.updatedAt);
    if (a.status !== 'arrived' && a.status !== 'in_service') {
      throw new ApiError('conflict', `Only a visit in progress can be completed; this one is ${a.status}`, { current: a, reason: 'status' });
    }
    const { discountLimitPct } = await readSettings(ctx.db);
    const limit = discountLimitPct[ctx.user!.role];
    const services = await servicesFor(ctx.db, input.items.map((i) => i.serviceId)).catch((e: ApiError) => {
      throw e.extra.issues ? invalid(e.extra.issues[0].path.replace('serviceIds', 'items') + '.serviceId', e.extra.issues[0].message) : e;
    });
    const lines = [];
    for (const [i, item] of input.items.entries()) {
      const price = await priceOn(ctx.db, services[i].id, a.startAt.slice(0, 10));
      const line = { qty: item.qty, price, discount: item.discount };
      if (item.discount > item.qty * price) throw invalid(`items.${i}.discount`, 'the discount is larger than the line');
      if (discountPct(line) > limit + 1e-9) {
        throw new ApiError('forbidden', `A discount of ${discountPct(line).toFixed(1)}% is above your limit of ${limit}%: a director must give it`);
      }
      lines.push({ ...line, serviceId: services[i].id, amount: lineAmount(line) });
    }
    const now = localTime(nowOf(ctx));
    await ctx.db.deleteFrom('appointment_items').where('appointment_id', '=', a.id).execute();
    await ctx.db
      .insertInto('appointment_items')
      .values(lines.map((l) => ({ appointment_id: a.id, service_id: l.serviceId, qty: l.qty, price: l.price, discount: l.discount, amount: l.amount, created_by: ctx.user?.id ?? null })))
      .execute();
    const total = lines.reduce((s, l) => s + l.amount, 0);
    await addToBalance(ctx.db, a.patientId, { charged: total });
    await recordVisit(ctx.db, { id: a.id, patientId: a.patientId, doctorId: a.doctorId, branchId: a.branchId, startAt: a.startAt, charged: total });
    const done = await setStatus(ctx, a, 'completed', {
      completed_at: now,
      ...(a.startedAt ? {} : { started_at: now }),
    });
    await visitCompleted(ctx.db, a.patientId);
    ctx.emit('patients', a.patientId, 'balance');
    return done;
  },

  'appointments.get': async (ctx, { id }) => loadAppointment(ctx.db, id),

  'appointments.day': async (ctx, { date, branchId }) => {
    const doctors = await listDoctors(ctx.db, { branchId });
    const appointments = await loadAppointments(
      ctx.db,
      sql<SqlBool>`${startingBetween(date, nextDay(date))} ${branchId ? sql`AND a.branch_id = ${branchId}` : sql``}`,
    );
    return { date, doctors: doctors.map((d) => columnOf(d, date, branchId)), appointments };
  },

  'appointments.week': async (ctx, { doctorId, weekStart }) => {
    const doctor = await doctorOrFail(ctx.db, doctorId);
    const days = Array.from({ length: 7 }, (_v, i) => nextDay(weekStart, i));
    const appointments = await loadAppointments(ctx.db, sql<SqlBool>`a.doctor_id = ${doctorId} AND ${startingBetween(weekStart, nextDay(weekStart, 7))}`);
    return { doctor: columnOf(doctor, weekStart), days: days.map((date) => ({ date, shifts: columnOf(doctor, date).shifts })), appointments };
  },

  'appointments.toConfirm': async (ctx, { date }) => {
    const day = date ?? nextDay(localDate(nowOf(ctx)));
    const list = await loadAppointments(ctx.db, sql<SqlBool>`${startingBetween(day, nextDay(day))} AND a.status = 'booked'`);
    if (!list.length) return [];
    // Kept in the contact log, so every workstation sees who was already called.
    const tries = await ctx.db
      .selectFrom('contacts as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select(['c.appointment_id', 'c.at', 'u.full_name'])
      .where('c.patient_id', 'in', [...new Set(list.map((a) => a.patientId))])
      .where('c.appointment_id', 'in', list.map((a) => a.id))
      .where('c.outcome', '=', 'no_answer')
      .orderBy('c.at')
      .execute();
    return list.map((a) => ({
      ...a,
      attempts: tries.filter((c) => c.appointment_id === a.id).map((c) => ({ at: c.at, userName: c.full_name })),
    }));
  },

  'appointments.noAnswer': async (ctx, { id, note }) => {
    const a = await loadAppointment(ctx.db, id);
    await recordContact(ctx, { patientId: a.patientId, appointmentId: a.id, channel: 'call', direction: 'out', outcome: 'no_answer', churnReason: null, note: note ?? null });
    return { ok: true as const };
  },
};
