// The automatic task rules on the front-desk clinic (Mon–Fri shifts; the clock
// stands on Wednesday 2026-11-25 09:00; look-back 7 days by default).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../main/api/auth';
import { rejection } from './harness';
import { makeFrontDesk, TODAY, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeEach(async () => {
  fd = await makeFrontDesk();
});
afterEach(async () => fd.close());

function appointment(patientId: number, startAt: string, status: string, charged = 0): number {
  const info = fd.database.sqlite
    .prepare('INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, charged, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(patientId, fd.doctorA, fd.branchId, startAt, startAt.replace(/T\d\d/, (h) => `T${String(Number(h.slice(1)) + 1).padStart(2, '0')}`), status, charged, `${startAt.slice(0, 10)}T08:00:00.000Z`);
  return Number(info.lastInsertRowid);
}

const run = (lookbackDays?: number) => fd.call('director', 'tasks.runRules', lookbackDays ? { lookbackDays } : {});
const ruleTasks = () => fd.call('director', 'tasks.list', { status: 'open' }).then((r) => r.items.map((t) => [t.rule, t.kind, t.patientId, t.dueAt, t.assigneeId, t.ruleReason]));
const allOff = { noShow: { enabled: false, days: 1 }, firstVisitFeedback: { enabled: false, days: 3 }, recall: { enabled: false, days: 14 }, debt: { enabled: false, days: 30 }, request: { enabled: false, days: 1 } };
const only = (rule: keyof typeof allOff, days?: number) => fd.call('director', 'settings.update', { taskRules: { ...allOff, [rule]: { enabled: true, days: days ?? allOff[rule].days } } });

describe('automatic task rules', () => {
  it('no-show: a call task for reception on the next working day, once, and not when the patient booked again', async () => {
    await only('noShow');
    const a = appointment(fd.patientId, '2026-11-24T10:00', 'no_show');
    // Friday's no-show fires on Monday; the other patient booked again, so no task.
    appointment(fd.otherPatientId, '2026-11-20T11:00', 'no_show');
    appointment(fd.otherPatientId, '2026-12-01T11:00', 'booked');
    const first = await run();
    expect(first.created).toEqual({ noShow: 1, firstVisitFeedback: 0, recall: 0, debt: 0, request: 0 });
    expect(await ruleTasks()).toEqual([['noShow', 'call', fd.patientId, `${TODAY}T09:00`, fd.users.reception.id, '2026-11-24 10:00 · Орлов Иван']]);
    expect((await run()).created.noShow).toBe(0);
    expect(await fd.database.db.selectFrom('tasks').select('cause_key').execute()).toEqual([{ cause_key: `appointment:${a}` }]);
    // The history says the rule made it.
    const [task] = (await fd.call('director', 'tasks.list', {})).items;
    expect((await fd.call('director', 'tasks.history', { id: task.id }))[0]).toMatchObject({ method: 'tasks.runRules', after: { rule: 'noShow' } });
  });

  it('respects the switch and the delay in working days', async () => {
    appointment(fd.patientId, '2026-11-24T10:00', 'no_show');
    await fd.call('director', 'settings.update', { taskRules: allOff });
    expect((await run()).created.noShow).toBe(0);
    await only('noShow', 2);
    expect((await run()).created.noShow).toBe(0);
    fd.setNow('2026-11-26T09:00');
    expect((await run()).created.noShow).toBe(1);
    // Friday + 1 working day is Monday.
    appointment(fd.otherPatientId, '2026-11-27T10:00', 'no_show');
    await only('noShow', 1);
    fd.setNow('2026-11-29T09:00');
    expect((await run()).created.noShow).toBe(0);
    fd.setNow('2026-11-30T09:00');
    expect((await run()).created.noShow).toBe(1);
    const err = await rejection(fd.call('director', 'settings.update', { taskRules: { debt: { enabled: true, days: -1 } } }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['taskRules.debt.days']);
  });

  it('first visit: a feedback call after 3 days', async () => {
    await only('firstVisitFeedback');
    appointment(fd.patientId, '2026-11-22T10:00', 'completed');
    fd.database.sqlite.prepare("INSERT INTO patient_first_visits (patient_id, first_at, doctor_id, branch_id) VALUES (?, '2026-11-22T10:00', ?, ?)").run(fd.patientId, fd.doctorA, fd.branchId);
    fd.database.sqlite.prepare("INSERT INTO patient_first_visits (patient_id, first_at, doctor_id, branch_id) VALUES (?, '2026-11-23T10:00', ?, ?)").run(fd.otherPatientId, fd.doctorA, fd.branchId);
    expect((await run()).created.firstVisitFeedback).toBe(1);
    expect(await ruleTasks()).toEqual([['firstVisitFeedback', 'feedback', fd.patientId, `${TODAY}T09:00`, fd.users.reception.id, '2026-11-22 10:00 · Орлов Иван']]);
    fd.setNow('2026-11-26T09:00');
    expect((await run()).created.firstVisitFeedback).toBe(1);
    expect((await run()).created.firstVisitFeedback).toBe(0);
  });

  it('recall: 14 days before it is due, unless repeated or booked', async () => {
    await only('recall');
    await fd.database.db.updateTable('services').set({ recall_days: 180 }).where('id', '=', fd.services.cleaning).execute();
    const item = fd.database.sqlite.prepare('INSERT INTO appointment_items (appointment_id, service_id, qty, price, amount) VALUES (?, ?, 1, 400000, 400000)');
    // Done 2026-06-12: due 2026-12-09, recall task on 2026-11-25.
    item.run(appointment(fd.patientId, '2026-06-12T10:00', 'completed', 400000), fd.services.cleaning);
    // The other patient had it the same day but is booked already.
    item.run(appointment(fd.otherPatientId, '2026-06-12T11:00', 'completed', 400000), fd.services.cleaning);
    appointment(fd.otherPatientId, '2026-12-05T11:00', 'booked');
    expect((await run()).created.recall).toBe(1);
    expect(await ruleTasks()).toEqual([['recall', 'recall', fd.patientId, `${TODAY}T09:00`, fd.users.reception.id, 'Гигиена · 2026-06-12 → 2026-12-09']]);
    expect((await run()).created.recall).toBe(0);
  });

  it('debt: a call when the oldest unpaid visit is 30 days old', async () => {
    await only('debt');
    appointment(fd.patientId, '2026-10-26T10:00', 'completed', 150000);
    fd.database.sqlite.prepare('INSERT INTO patient_balances (patient_id, charged, paid) VALUES (?, 150000, 50000)').run(fd.patientId);
    // Paid in full: no task.
    appointment(fd.otherPatientId, '2026-10-26T11:00', 'completed', 150000);
    fd.database.sqlite.prepare('INSERT INTO patient_balances (patient_id, charged, paid) VALUES (?, 150000, 150000)').run(fd.otherPatientId);
    expect((await run()).created.debt).toBe(1);
    expect(await ruleTasks()).toEqual([['debt', 'call', fd.patientId, `${TODAY}T09:00`, fd.users.reception.id, '100000 · 2026-10-26']]);
    expect((await run()).created.debt).toBe(0);
  });

  it('request: an inbound wants_appointment with no booking after a day', async () => {
    await only('request');
    fd.setNow('2026-11-24T14:00');
    await fd.call('callcenter', 'contacts.create', { patientId: fd.patientId, channel: 'messenger', direction: 'in', outcome: 'wants_appointment' });
    await fd.call('callcenter', 'contacts.create', { patientId: fd.otherPatientId, channel: 'call', direction: 'in', outcome: 'wants_appointment' });
    expect((await run()).created.request).toBe(0);
    // The other patient gets booked after the request.
    fd.setNow('2026-11-24T15:00');
    await fd.call('reception', 'appointments.book', { patientId: fd.otherPatientId, doctorId: fd.doctorA, startAt: '2026-11-27T10:00', serviceIds: [fd.services.consult] });
    fd.setNow(`${TODAY}T09:00`);
    expect((await run()).created.request).toBe(1);
    expect(await ruleTasks()).toEqual([['request', 'call', fd.patientId, `${TODAY}T09:00`, fd.users.reception.id, '2026-11-24 14:00']]);
  });

  it('gives a task to the branch reception user with fewest open tasks; leaves out causes older than the look-back', async () => {
    await only('noShow');
    const second = await createUser(fd.database.db, { login: 'reception2', password: 'secret', fullName: 'Вторая', role: 'reception', branchId: fd.branchId }, null);
    await fd.call('reception', 'tasks.create', { kind: 'custom', patientId: null, dueAt: `${TODAY}T12:00` });
    appointment(fd.patientId, '2026-11-24T10:00', 'no_show');
    appointment(fd.otherPatientId, '2026-11-10T10:00', 'no_show');
    expect((await run()).created.noShow).toBe(1);
    expect((await ruleTasks()).find((t) => t[0] === 'noShow')![4]).toBe(second.id);
    expect((await run(31)).created.noShow).toBe(1);
  });
});
