// The live queue of each doctor today (waiting, in service, done) and the
// walk-in desk: propose a doctor fairly (see triage.ts), register the walk-in.
import { sql, type SqlBool } from 'kysely';
import type { DoctorQueue, TriageCandidate } from '../../shared/api/queue';
import { loadAppointments } from './appointments-read';
import { durationOf, insertAppointment, livePatientId } from './appointments';
import { localTime, minutesBetween, nowOf, plusMinutes } from './clock';
import { invalid } from './errors';
import type { Handlers } from './router';
import { doctorOrFail, listDoctors, shiftsOn } from './schedules';
import { propose } from './triage';

export const queueHandlers: Handlers = {
  'queue.list': async (ctx, { doctorId, branchId }) => {
    const now = localTime(nowOf(ctx));
    const today = now.slice(0, 10);
    const todays = await loadAppointments(
      ctx.db,
      sql<SqlBool>`a.start_at >= ${today} AND a.start_at < ${today + 'T99'} AND a.status IN ('arrived', 'in_service', 'completed')
        ${doctorId ? sql`AND a.doctor_id = ${doctorId}` : sql``} ${branchId ? sql`AND a.branch_id = ${branchId}` : sql``}`,
    );
    const doctors = (await listDoctors(ctx.db, { branchId })).filter(
      (d) => (!doctorId || d.id === doctorId) && (shiftsOn(d, today, branchId).length > 0 || todays.some((a) => a.doctorId === d.id)),
    );
    return doctors.map<DoctorQueue>((d) => {
      const own = todays.filter((a) => a.doctorId === d.id);
      return {
        doctorId: d.id,
        doctorName: d.name,
        specialty: d.specialty,
        waiting: own
          .filter((a) => a.status === 'arrived')
          .sort((x, y) => (x.arrivedAt ?? '').localeCompare(y.arrivedAt ?? ''))
          .map((a) => ({ appointment: a, minutes: Math.max(0, minutesBetween(a.arrivedAt ?? now, now)) })),
        inService: own.filter((a) => a.status === 'in_service').map((a) => ({ appointment: a, minutes: Math.max(0, minutesBetween(a.startedAt ?? now, now)) })),
        doneToday: own.filter((a) => a.status === 'completed').length,
      };
    });
  },

  'queue.propose': async (ctx, { specialty, serviceId, branchId }) => {
    let wanted = specialty ?? null;
    if (serviceId) {
      const s = await ctx.db.selectFrom('services').select('specialty').where('id', '=', serviceId).executeTakeFirst();
      if (!s) throw invalid('serviceId', `service ${serviceId} does not exist`);
      wanted = wanted ?? s.specialty;
    }
    const now = localTime(nowOf(ctx));
    const today = now.slice(0, 10);
    const time = now.slice(11);
    const onShift = (await listDoctors(ctx.db, { branchId })).filter(
      (d) => (!wanted || d.specialty === wanted) && shiftsOn(d, today, branchId).some((s) => s.start <= time && time < s.end),
    );
    if (!onShift.length) return propose([]);
    const load = await ctx.db
      .selectFrom('appointments')
      .select(['doctor_id', sql<number>`count(*)`.as('n'), sql<string | null>`max(completed_at)`.as('last')])
      .where('doctor_id', 'in', onShift.map((d) => d.id))
      .where('start_at', '>=', today)
      .where('start_at', '<', `${today}T99`)
      .where('status', 'in', ['arrived', 'in_service', 'completed'])
      .groupBy('doctor_id')
      .execute();
    const candidates = onShift.map<TriageCandidate>((d) => {
      const l = load.find((x) => x.doctor_id === d.id);
      return { doctorId: d.id, doctorName: d.name, patientsToday: l?.n ?? 0, lastFinishedAt: l?.last ?? null };
    });
    return propose(candidates);
  },

  'queue.walkIn': async (ctx, input) => {
    const doctor = await doctorOrFail(ctx.db, input.doctorId);
    await livePatientId(ctx.db, input.patientId);
    const now = localTime(nowOf(ctx));
    // A walk-in joins the doctor's live queue now; the book shows it at this time.
    return insertAppointment(ctx, {
      patientId: input.patientId,
      doctor,
      branchId: input.branchId,
      startAt: now,
      endAt: plusMinutes(now, await durationOf(ctx.db, input.serviceIds)),
      status: 'arrived',
      channel: 'walk_in',
      comment: null,
      override: false,
      serviceIds: input.serviceIds,
      arrivedAt: now,
    });
  },
};

