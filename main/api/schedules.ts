// Doctors and their working hours: shifts per weekday (possibly at different
// branches) and days off. Booking and triage read these to know who works when.
import type { Doctor, Shift } from '../../shared/api/schedules';
import type { DoctorColumn } from '../../shared/api/appointments';
import type { Db } from '../db/connection';
import { ApiError, invalid } from './errors';
import type { Handlers } from './router';
import { weekdayOf } from './clock';

export async function listDoctors(db: Db, opts: { branchId?: number; ids?: number[] } = {}): Promise<Doctor[]> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'full_name', 'specialty', 'branch_id'])
    .where('role', '=', 'doctor')
    .where('active', '=', 1)
    .$if(!!opts.ids, (q) => q.where('id', 'in', opts.ids!.length ? opts.ids! : [-1]))
    .orderBy('full_name')
    .execute();
  const ids = users.map((u) => u.id);
  if (!ids.length) return [];
  const shifts = await db.selectFrom('doctor_shifts').selectAll().where('doctor_id', 'in', ids).orderBy('weekday').orderBy('start_time').execute();
  const daysOff = await db.selectFrom('doctor_days_off').select(['doctor_id', 'day']).where('doctor_id', 'in', ids).orderBy('day').execute();
  const doctors = users.map<Doctor>((u) => ({
    id: u.id,
    name: u.full_name,
    specialty: u.specialty,
    branchId: u.branch_id,
    shifts: shifts.filter((s) => s.doctor_id === u.id).map((s) => ({ weekday: s.weekday, start: s.start_time, end: s.end_time, branchId: s.branch_id })),
    daysOff: daysOff.filter((d) => d.doctor_id === u.id).map((d) => d.day),
  }));
  if (!opts.branchId) return doctors;
  return doctors.filter((d) => d.branchId === opts.branchId || d.shifts.some((s) => s.branchId === opts.branchId));
}

/** The shifts a doctor works on a local date (none on a day off). */
export function shiftsOn(doctor: Doctor, day: string, branchId?: number): Shift[] {
  if (doctor.daysOff.includes(day)) return [];
  const weekday = weekdayOf(day);
  return doctor.shifts.filter((s) => s.weekday === weekday && (!branchId || s.branchId === null || s.branchId === branchId));
}

/**
 * The branch a doctor sees patients in at a local time: the branch of the
 * shift covering it, else of that day's first shift, else the doctor's home
 * branch, else of any shift (a booking outside hours a director let through).
 */
export function branchAt(doctor: Doctor, startAt: string): number | null {
  const day = shiftsOn(doctor, startAt.slice(0, 10)).filter((s) => s.branchId);
  const time = startAt.slice(11, 16);
  return (
    day.find((s) => s.start <= time && time < s.end)?.branchId ??
    day[0]?.branchId ??
    doctor.branchId ??
    doctor.shifts.find((s) => s.branchId)?.branchId ??
    null
  );
}

export function columnOf(doctor: Doctor, day: string, branchId?: number): DoctorColumn {
  return {
    id: doctor.id,
    name: doctor.name,
    specialty: doctor.specialty,
    branchId: doctor.branchId,
    shifts: shiftsOn(doctor, day, branchId).map((s) => ({ start: s.start, end: s.end })),
  };
}

/** Whether [start, end) (local times of one day) lies inside one of the doctor's shifts that day. */
export function withinHours(doctor: Doctor, startAt: string, endAt: string): boolean {
  const day = startAt.slice(0, 10);
  if (endAt.slice(0, 10) !== day) return false;
  const from = startAt.slice(11);
  const to = endAt.slice(11);
  return shiftsOn(doctor, day).some((s) => s.start <= from && to <= s.end);
}

export async function doctorOrFail(db: Db, doctorId: number, field = 'doctorId'): Promise<Doctor> {
  const [doctor] = await listDoctors(db, { ids: [doctorId] });
  if (!doctor) throw invalid(field, `user ${doctorId} is not an active doctor`);
  return doctor;
}

export const schedulesHandlers: Handlers = {
  'doctors.list': async (ctx, { branchId }) => listDoctors(ctx.db, { branchId }),
  'schedules.set': async (ctx, { doctorId, shifts, daysOff }) => {
    const before = await doctorOrFail(ctx.db, doctorId);
    for (const [i, s] of shifts.entries()) {
      const overlapping = shifts.find((o, j) => j !== i && o.weekday === s.weekday && o.start < s.end && s.start < o.end);
      if (overlapping) throw new ApiError('invalid_input', `shifts.${i}: overlaps another shift on weekday ${s.weekday}`, { issues: [{ path: `shifts.${i}`, message: 'overlaps another shift' }] });
      if (s.branchId !== null && !(await ctx.db.selectFrom('branches').select('id').where('id', '=', s.branchId).executeTakeFirst())) {
        throw invalid(`shifts.${i}.branchId`, `there is no branch ${s.branchId}`);
      }
    }
    await ctx.db.deleteFrom('doctor_shifts').where('doctor_id', '=', doctorId).execute();
    await ctx.db.deleteFrom('doctor_days_off').where('doctor_id', '=', doctorId).execute();
    if (shifts.length) {
      await ctx.db
        .insertInto('doctor_shifts')
        .values(shifts.map((s) => ({ doctor_id: doctorId, weekday: s.weekday, start_time: s.start, end_time: s.end, branch_id: s.branchId, created_by: ctx.user?.id ?? null })))
        .execute();
    }
    const uniqueDays = [...new Set(daysOff)];
    if (uniqueDays.length) {
      await ctx.db.insertInto('doctor_days_off').values(uniqueDays.map((day) => ({ doctor_id: doctorId, day, created_by: ctx.user?.id ?? null }))).execute();
    }
    const after = await doctorOrFail(ctx.db, doctorId);
    ctx.audit({ entity: 'schedules', entityId: doctorId, before: { shifts: before.shifts, daysOff: before.daysOff }, after: { shifts: after.shifts, daysOff: after.daysOff } });
    ctx.emit('schedules', doctorId, 'update');
    return after;
  },
};
