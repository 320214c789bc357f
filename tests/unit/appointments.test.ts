import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPOINTMENT_STATUSES, TRANSITIONS, type AppointmentStatus } from '../../shared/domain/appointments';
import type { Appointment } from '../../shared/api/appointments';
import { rejection } from './harness';
import { makeFrontDesk, TODAY, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeEach(async () => {
  fd = await makeFrontDesk();
});
afterEach(async () => fd.close());

const book = (over: Record<string, unknown> = {}, role: 'reception' | 'director' = 'reception') =>
  fd.call(role, 'appointments.book', { patientId: fd.patientId, doctorId: fd.doctorA, startAt: `${TODAY}T10:00`, serviceIds: [fd.services.consult], ...over });

async function appointmentsCount(): Promise<number> {
  const r = await fd.database.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('booking', () => {
  it('books inside the hours, ends after the services, and plans their lines at the current price', async () => {
    const a = await book({ serviceIds: [fd.services.consult, fd.services.xray] });
    expect(a).toMatchObject({ status: 'booked', startAt: `${TODAY}T10:00`, endAt: `${TODAY}T10:45`, branchId: fd.branchId, override: false });
    expect(a.lines.map((l) => [l.serviceName, l.amount])).toEqual([['Консультация', 150000], ['Снимок', 50000]]);
    expect(a.total).toBe(200000);
  });

  it('refuses an overlap with 409 and the booking in the way; back-to-back is fine', async () => {
    const first = await book();
    const err = await rejection(book({ patientId: fd.otherPatientId, startAt: `${TODAY}T10:15` }));
    expect(err.code).toBe('conflict');
    expect(err.extra.reason).toBe('slot_taken');
    expect((err.extra.current as Appointment[])[0].id).toBe(first.id);
    expect(await appointmentsCount()).toBe(1);
    const next = await book({ patientId: fd.otherPatientId, startAt: `${TODAY}T10:30` });
    expect(next.startAt).toBe(`${TODAY}T10:30`);
    // Another doctor at the same time is free.
    await book({ patientId: fd.otherPatientId, doctorId: fd.doctorB });
  });

  it('refuses outside the hours and on a day off; a director may override, flagged and audited', async () => {
    for (const startAt of [`${TODAY}T17:45`, '2026-11-28T10:00' /* Saturday */, '2026-12-31T10:00' /* day off */]) {
      const off = await rejection(book({ startAt }));
      expect([off.code, off.extra.reason]).toEqual(['conflict', 'off_hours']);
    }
    expect((await rejection(book({ startAt: `${TODAY}T19:00`, override: true }))).code).toBe('forbidden');
    const a = await book({ startAt: `${TODAY}T19:00`, override: true }, 'director');
    expect(a.override).toBe(true);
    const audit = await fd.database.db.selectFrom('audit_log').select('after').where('method', '=', 'appointments.book').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ override: true });
  });

  it('refuses the past naming startAt; a director enters history', async () => {
    const err = await rejection(book({ startAt: '2026-11-24T10:00' }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues![0].path).toBe('startAt');
    expect((await rejection(book({ startAt: '2026-11-24T10:00', history: true }))).code).toBe('forbidden');
    await book({ startAt: '2026-11-24T10:00', history: true }, 'director');
  });

  it.each([
    ['startAt', { startAt: '2026-11-25 10:00' }],
    ['doctorId', { doctorId: 99 }],
    ['patientId', { patientId: 99 }],
    ['serviceIds.0', { serviceIds: [999] }],
    ['channel', { channel: 'pigeon' }],
    ['endAt', { endAt: `${TODAY}T09:30` }],
  ])('rejects a bad %s with 400 and writes nothing', async (field, patch) => {
    const err = await rejection(book(patch));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await appointmentsCount()).toBe(0);
  });

  it('lets exactly one of two workstations booking the same slot at once win', async () => {
    const results = await Promise.allSettled([
      book(),
      book({ patientId: fd.otherPatientId }),
      book({ patientId: fd.otherPatientId, startAt: `${TODAY}T10:10` }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(['conflict', 'conflict']);
    expect(await appointmentsCount()).toBe(1);
  });
});

describe('status transitions', () => {
  // Puts a fresh appointment into `status` along the allowed path.
  async function appointmentIn(status: AppointmentStatus): Promise<Appointment> {
    let a = await book({ startAt: `${TODAY}T${String(9 + (await appointmentsCount())).padStart(2, '0')}:00` }, 'director');
    const path: Record<AppointmentStatus, AppointmentStatus[]> = {
      booked: [], confirmed: ['confirmed'], arrived: ['arrived'], in_service: ['arrived', 'in_service'],
      completed: ['arrived', 'in_service'], cancelled: ['cancelled'], no_show: ['no_show'],
    };
    for (const s of path[status]) {
      a = await fd.call('director', 'appointments.setStatus', { id: a.id, status: s as never, reasonCode: s === 'cancelled' ? 'ill' : s === 'no_show' ? 'forgot' : undefined });
    }
    if (status === 'completed') a = await fd.call('doctor', 'appointments.complete', { id: a.id, items: [{ serviceId: fd.services.consult }] });
    expect(a.status).toBe(status);
    return a;
  }

  for (const from of APPOINTMENT_STATUSES) {
    for (const to of APPOINTMENT_STATUSES.filter((s) => s !== 'booked' && s !== 'completed')) {
      const allowed = TRANSITIONS[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused with 409'}`, async () => {
        const a = await appointmentIn(from);
        const move = fd.call('director', 'appointments.setStatus', { id: a.id, status: to as never, reasonCode: to === 'cancelled' ? 'ill' : to === 'no_show' ? 'forgot' : undefined });
        if (allowed) expect((await move).status).toBe(to);
        else {
          expect((await rejection(move)).code).toBe('conflict');
          expect((await fd.call('director', 'appointments.get', { id: a.id })).status).toBe(from);
        }
      });
    }
  }

  it('asks for a reason from the catalog to cancel', async () => {
    const a = await book();
    expect((await rejection(fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'cancelled' }))).extra.issues![0].path).toBe('reasonCode');
    expect((await rejection(fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'cancelled', reasonCode: 'forgot' }))).code).toBe('invalid_input');
    const c = await fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'cancelled', reasonCode: 'changed_mind' });
    expect(c.reasonCode).toBe('changed_mind');
  });

  it('lets a patient arrive only on the day, and refuses a stale change', async () => {
    const tomorrow = await book({ startAt: '2026-11-26T10:00' });
    const early = await rejection(fd.call('reception', 'appointments.setStatus', { id: tomorrow.id, status: 'arrived' }));
    expect([early.code, early.extra.reason]).toEqual(['conflict', 'not_today']);
    const stale = await rejection(fd.call('reception', 'appointments.setStatus', { id: tomorrow.id, status: 'confirmed', updatedAt: 'old' }));
    expect([stale.code, stale.extra.reason]).toEqual(['conflict', 'stale']);
    expect(stale.extra.current).toMatchObject({ id: tomorrow.id, status: 'booked' });
  });
});

describe('completion and moving', () => {
  it('charges the rendered services with a discount; the total is the sum of the lines and the debt grows', async () => {
    const a = await book();
    await fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'arrived' });
    const done = await fd.call('doctor', 'appointments.complete', {
      id: a.id,
      items: [
        { serviceId: fd.services.consult, qty: 1, discount: 15000 },
        { serviceId: fd.services.xray, qty: 2 },
      ],
    });
    expect(done.status).toBe('completed');
    expect(done.lines.map((l) => l.amount)).toEqual([135000, 100000]);
    expect(done.total).toBe(235000);
    expect(done.patientDebt).toBe(235000);
    expect(done.startedAt).not.toBeNull();
  });

  it('refuses a discount above the role limit with 403 and saves nothing; a director may', async () => {
    const a = await book();
    await fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'arrived' });
    const big = { id: a.id, items: [{ serviceId: fd.services.consult, discount: 30000 }] }; // 20%
    expect((await rejection(fd.call('reception', 'appointments.complete', big))).code).toBe('forbidden');
    const unchanged = await fd.call('reception', 'appointments.get', { id: a.id });
    expect(unchanged.status).toBe('arrived');
    expect(unchanged.lines.map((l) => l.discount)).toEqual([0]);
    expect(unchanged.patientDebt).toBe(0);
    expect((await fd.call('director', 'appointments.complete', big)).total).toBe(120000);
  });

  it('cannot complete a visit that never arrived, nor with a discount larger than the line', async () => {
    const a = await book();
    const early = await rejection(fd.call('doctor', 'appointments.complete', { id: a.id, items: [{ serviceId: fd.services.consult }] }));
    expect([early.code, early.extra.reason]).toEqual(['conflict', 'status']);
    await fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'arrived' });
    const err = await rejection(fd.call('director', 'appointments.complete', { id: a.id, items: [{ serviceId: fd.services.consult, discount: 150001 }] }));
    expect(err.extra.issues![0].path).toBe('items.0.discount');
  });

  it('moves a booking to a free slot, and refuses moving it onto another booking', async () => {
    const a = await book();
    const b = await book({ patientId: fd.otherPatientId, startAt: `${TODAY}T11:00` });
    const err = await rejection(fd.call('reception', 'appointments.move', { id: a.id, updatedAt: a.updatedAt, startAt: `${TODAY}T11:15`, endAt: `${TODAY}T11:45` }));
    expect(err.code).toBe('conflict');
    expect((err.extra.current as Appointment[])[0].id).toBe(b.id);
    const moved = await fd.call('reception', 'appointments.move', { id: a.id, updatedAt: a.updatedAt, startAt: `${TODAY}T12:00`, endAt: `${TODAY}T12:45`, doctorId: fd.doctorB });
    expect(moved).toMatchObject({ startAt: `${TODAY}T12:00`, endAt: `${TODAY}T12:45`, doctorId: fd.doctorB });
    expect((await rejection(fd.call('reception', 'appointments.move', { id: a.id, updatedAt: a.updatedAt, startAt: `${TODAY}T13:00`, endAt: `${TODAY}T13:30` }))).code).toBe('conflict');
  });

  it('books and moves into the branch of the shift: a doctor in two branches', async () => {
    const second = await fd.database.db.insertInto('branches').values({ name: 'Филиал на Левом берегу', city: 'Киев' }).returning('id').executeTakeFirstOrThrow();
    // Doctor B: Monday–Wednesday in the main branch, Thursday–Friday in the second.
    const shifts = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00', branchId: weekday <= 3 ? fd.branchId : second.id }));
    await fd.call('director', 'schedules.set', { doctorId: fd.doctorB, shifts, daysOff: [] });
    const thursday = await book({ doctorId: fd.doctorB, startAt: '2026-11-26T10:00' });
    expect(thursday.branchId).toBe(second.id);

    const a = await book(); // Wednesday, doctor A, main branch
    const moved = await fd.call('reception', 'appointments.move', { id: a.id, updatedAt: a.updatedAt, startAt: '2026-11-27T12:00', endAt: '2026-11-27T12:30', doctorId: fd.doctorB });
    expect(moved.branchId).toBe(second.id);
    // Within the same day and doctor the branch stays; given explicitly, it is taken.
    const later = await fd.call('reception', 'appointments.move', { id: a.id, updatedAt: moved.updatedAt, startAt: '2026-11-27T14:00', endAt: '2026-11-27T14:30' });
    expect(later.branchId).toBe(second.id);
    const back = await fd.call('reception', 'appointments.move', { id: a.id, updatedAt: later.updatedAt, startAt: '2026-11-27T15:00', endAt: '2026-11-27T15:30', branchId: fd.branchId });
    expect(back.branchId).toBe(fd.branchId);
    const audit = await fd.database.db.selectFrom('audit_log').select('after').where('method', '=', 'appointments.move').orderBy('id').execute();
    expect(JSON.parse(audit[0].after!)).toMatchObject({ doctorId: fd.doctorB, branchId: second.id });
  });
});

describe('views', () => {
  it('shows the day with one column per doctor and their hours, and the bookings to confirm', async () => {
    await book();
    await book({ startAt: '2026-11-26T10:00', patientId: fd.otherPatientId });
    const day = await fd.call('reception', 'appointments.day', { date: TODAY });
    expect(day.doctors.map((d) => d.name).sort()).toEqual(['Орлов Иван', 'Павлова Нина']);
    expect(day.doctors[0].shifts).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(day.appointments).toHaveLength(1);
    const toConfirm = await fd.call('callcenter', 'appointments.toConfirm', {});
    expect(toConfirm.map((a) => a.patientName)).toEqual(['Смирнова Анна']);
    await fd.call('callcenter', 'appointments.noAnswer', { id: toConfirm[0].id });
    const contacts = await fd.database.db.selectFrom('contacts').selectAll().execute();
    expect(contacts).toEqual([expect.objectContaining({ outcome: 'no_answer', appointment_id: toConfirm[0].id, user_id: fd.users.callcenter.id })]);
    // The unanswered call is on the list for every workstation (reception here), with who made it.
    const again = await fd.call('reception', 'appointments.toConfirm', {});
    const caller = await fd.database.db.selectFrom('users').select('full_name').where('id', '=', fd.users.callcenter.id).executeTakeFirstOrThrow();
    expect(again[0].attempts).toEqual([{ at: contacts[0].at, userName: caller.full_name }]);
    expect(toConfirm[0].attempts).toEqual([]);
    const week = await fd.call('doctor', 'appointments.week', { doctorId: fd.doctorA, weekStart: '2026-11-23' });
    expect(week.days.map((d) => d.shifts.length)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(week.appointments).toHaveLength(2);
  });
});
