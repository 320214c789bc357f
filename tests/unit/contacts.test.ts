import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/api';
import { rejection } from './harness';
import { makeFrontDesk, TODAY, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeEach(async () => {
  fd = await makeFrontDesk();
});
afterEach(async () => fd.close());

const contacts = () => fd.database.db.selectFrom('contacts').selectAll().execute();

describe('contacts', () => {
  it('logs a contact by the caller at a given or the current time, and tells the open cards', async () => {
    const events: ChangeEvent[] = [];
    fd.feed.subscribe((e) => events.push(e));
    const c = await fd.call('callcenter', 'contacts.create', { patientId: fd.patientId, channel: 'sms', direction: 'out', outcome: 'reached', note: 'Напомнили', at: `${TODAY}T08:30` });
    expect(c).toMatchObject({ patientId: fd.patientId, channel: 'sms', outcome: 'reached', note: 'Напомнили', userId: fd.users.callcenter.id, at: `${TODAY}T08:30`, churnReason: null });
    const now = await fd.call('reception', 'contacts.create', { patientId: fd.patientId, outcome: 'no_answer' });
    expect(now).toMatchObject({ channel: 'call', direction: 'out', at: `${TODAY}T09:00` });
    expect(events.map((e) => [e.entity, e.op])).toEqual([['contacts', 'create'], ['patients', 'contact'], ['contacts', 'create'], ['patients', 'contact']]);
  });

  it.each([
    ['churnReason', { outcome: 'refused' }],
    ['churnReason', { outcome: 'moved_away' }],
    ['churnReason', { outcome: 'refused', churnReason: 'weather' }],
    ['churnReason', { outcome: 'reached', churnReason: 'price' }],
    ['outcome', { outcome: 'happy' }],
    ['channel', { channel: 'pigeon' }],
    ['direction', { direction: 'sideways' }],
    ['at', { at: '2026-02-30T10:00' }],
    ['callBackAt', { outcome: 'reached', callBackAt: `${TODAY}T15:00` }],
    ['callBackAt', { outcome: 'call_back', callBackAt: 'tomorrow' }],
    ['patientId', { patientId: 9999 }],
    ['appointmentId', { appointmentId: 9999 }],
  ])('refuses a bad %s with 400 naming it and writes nothing', async (field, patch) => {
    const err = await rejection(fd.call('reception', 'contacts.create', { patientId: fd.patientId, outcome: 'reached', ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await contacts()).toEqual([]);
    expect(await fd.database.db.selectFrom('tasks').selectAll().execute()).toEqual([]);
  });

  it('seeds the churn reasons catalog', async () => {
    const codes = (await fd.call('director', 'reasons.list', { kind: 'churn' })).map((r) => r.code);
    expect(codes).toEqual(['competitor', 'doctor_left', 'moved', 'other', 'price', 'quality', 'treatment_finished']);
  });

  it('call back later with a time creates a call task for the caller', async () => {
    const c = await fd.call('callcenter', 'contacts.create', { patientId: fd.patientId, outcome: 'call_back', callBackAt: '2026-11-26T12:00', note: 'Перезвонить после обеда' });
    const task = await fd.call('callcenter', 'tasks.get', { id: c.callBackTaskId! });
    expect(task).toMatchObject({ kind: 'call', assigneeId: fd.users.callcenter.id, dueAt: '2026-11-26T12:00', patientId: fd.patientId, comment: 'Перезвонить после обеда' });
  });

  it('what a refusal records is what the lost report counts', async () => {
    // A visit 200 days ago makes the patient lost this month with a 180-day threshold.
    await fd.database.sqlite
      .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status) VALUES (?, ?, ?, '2026-05-09T10:00', '2026-05-09T10:30', 'completed')")
      .run(fd.patientId, fd.doctorA, fd.branchId);
    await fd.database.sqlite.prepare("INSERT INTO patient_first_visits (patient_id, first_at, doctor_id, branch_id) VALUES (?, '2026-05-09T10:00', ?, ?)").run(fd.patientId, fd.doctorA, fd.branchId);
    await fd.call('reception', 'contacts.create', { patientId: fd.patientId, outcome: 'refused', churnReason: 'competitor' });
    const r = await fd.call('director', 'reports.run', { id: 'lost', params: { from: '2026-11-01', to: '2026-11-30' } });
    expect(r.rows).toEqual([{ month: '2026-11', lost: 1, 'reason:competitor': 1 }]);
  });
});
