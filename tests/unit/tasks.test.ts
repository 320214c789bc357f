import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeFrontDesk, TODAY, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeEach(async () => {
  fd = await makeFrontDesk();
});
afterEach(async () => fd.close());

const taskCount = async () => (await fd.database.db.selectFrom('tasks').selectAll().execute()).length;
const contactCount = async () => (await fd.database.db.selectFrom('contacts').selectAll().execute()).length;

describe('tasks', () => {
  it('creates a task for oneself by default or for another employee, and shows it in My day with the patient', async () => {
    const mine = await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.patientId, dueAt: `${TODAY}T11:00`, comment: 'Уточнить время' });
    expect(mine).toMatchObject({ kind: 'call', status: 'open', assigneeId: fd.users.reception.id, patientName: 'Иванов Пётр', patientPhone: '+79123456789', priority: 'normal', rule: null });
    const given = await fd.call('director', 'tasks.create', { kind: 'custom', patientId: null, dueAt: `${TODAY}T12:00`, assigneeId: fd.users.callcenter.id, priority: 'high' });
    expect(given).toMatchObject({ assigneeId: fd.users.callcenter.id, createdBy: fd.users.director.id, patientId: null });

    // Overdue from yesterday, today, and tomorrow (not in My day).
    await fd.call('reception', 'tasks.create', { kind: 'recall', patientId: fd.otherPatientId, dueAt: '2026-11-24T10:00', priority: 'high' });
    await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.otherPatientId, dueAt: '2026-11-26T10:00' });
    const { items: day, total } = await fd.call('reception', 'tasks.myDay', {});
    expect(total).toBe(2);
    expect(day.map((t) => [t.kind, t.dueAt, t.overdue])).toEqual([
      ['recall', '2026-11-24T10:00', true],
      ['call', `${TODAY}T11:00`, false],
    ]);
    expect(day[1]).toMatchObject({ lastVisit: null, debt: 0, patientName: 'Иванов Пётр' });
    expect((await fd.call('callcenter', 'tasks.myDay', {})).items.map((t) => t.id)).toEqual([given.id]);
    const page = await fd.call('reception', 'tasks.myDay', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ kind: 'call' }] });
  });

  it.each([
    ['kind', { kind: 'visit' }],
    ['dueAt', { dueAt: '2026-11-31T10:00' }],
    ['dueAt', { dueAt: '25.11.2026' }],
    ['priority', { priority: 'urgent' }],
    ['patientId', { patientId: 9999 }],
    ['assigneeId', { assigneeId: 9999 }],
  ])('refuses a bad %s with 400 naming it and writes nothing', async (field, patch) => {
    const err = await rejection(fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.patientId, dueAt: `${TODAY}T11:00`, ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await taskCount()).toBe(0);
  });

  it('creates call tasks for a list of patients, each once, and refuses the list when one patient is unknown', async () => {
    const r = await fd.call('callcenter', 'tasks.createMany', { patientIds: [fd.patientId, fd.otherPatientId, fd.patientId], assigneeId: fd.users.reception.id, dueAt: `${TODAY}T15:00`, comment: 'Отток' });
    expect(r.created).toBe(2);
    const list = await fd.call('director', 'tasks.list', { assigneeId: fd.users.reception.id });
    expect(list.total).toBe(2);
    expect(list.items.map((t) => [t.kind, t.patientId, t.comment])).toEqual([['call', fd.patientId, 'Отток'], ['call', fd.otherPatientId, 'Отток']]);
    const err = await rejection(fd.call('callcenter', 'tasks.createMany', { patientIds: [fd.patientId, 4242], assigneeId: fd.users.reception.id, dueAt: `${TODAY}T15:00` }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['patientIds.1']);
    expect((await rejection(fd.call('callcenter', 'tasks.createMany', { patientIds: [], assigneeId: fd.users.reception.id, dueAt: `${TODAY}T15:00` }))).extra.issues!.map((i) => i.path)).toEqual(['patientIds']);
    expect((await rejection(fd.call('doctor', 'tasks.createMany', { patientIds: [fd.patientId], assigneeId: fd.users.reception.id, dueAt: `${TODAY}T15:00` }))).code).toBe('forbidden');
    expect(await taskCount()).toBe(2);
  });

  it('lists by status, bucket, patient and due range', async () => {
    const a = await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.patientId, dueAt: '2026-11-20T10:00' });
    const b = await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.otherPatientId, dueAt: '2026-11-27T10:00' });
    const c = await fd.call('reception', 'tasks.create', { kind: 'custom', patientId: null, dueAt: '2026-11-24T10:00' });
    await fd.call('reception', 'tasks.complete', { id: c.id, updatedAt: c.updatedAt, outcome: 'done' });
    const ids = async (input: Parameters<typeof fd.call<'tasks.list'>>[2]) => (await fd.call('director', 'tasks.list', input)).items.map((t) => t.id);
    expect(await ids({ status: 'open' })).toEqual([a.id, b.id]);
    expect(await ids({ bucket: 'overdue' })).toEqual([a.id]);
    expect(await ids({ bucket: 'open' })).toEqual([b.id]);
    expect(await ids({ bucket: 'doneLate' })).toEqual([c.id]);
    expect(await ids({ patientId: fd.otherPatientId })).toEqual([b.id]);
    expect(await ids({ dueFrom: '2026-11-20', dueTo: '2026-11-24' })).toEqual([a.id, c.id]);
    const err = await rejection(fd.call('director', 'tasks.list', { dueFrom: '2026-11-24', dueTo: '2026-11-20' }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['dueTo']);
  });

  it('reassigns with an optimistic check (409 with the current task) and keeps the history', async () => {
    const t = await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.patientId, dueAt: `${TODAY}T11:00` });
    const moved = await fd.call('director', 'tasks.reassign', { id: t.id, updatedAt: t.updatedAt, assigneeId: fd.users.callcenter.id, dueAt: `${TODAY}T16:00` });
    expect(moved).toMatchObject({ assigneeId: fd.users.callcenter.id, dueAt: `${TODAY}T16:00` });
    const stale = await rejection(fd.call('reception', 'tasks.reassign', { id: t.id, updatedAt: t.updatedAt, assigneeId: fd.users.reception.id }));
    expect(stale.code).toBe('conflict');
    expect(stale.extra.current).toMatchObject({ assigneeId: fd.users.callcenter.id });
    const bad = await rejection(fd.call('director', 'tasks.reassign', { id: t.id, updatedAt: moved.updatedAt, assigneeId: 9999 }));
    expect(bad.extra.issues!.map((i) => i.path)).toEqual(['assigneeId']);
    expect((await rejection(fd.call('director', 'tasks.reassign', { id: 999, updatedAt: 'x', assigneeId: fd.users.reception.id }))).code).toBe('not_found');

    await fd.call('callcenter', 'tasks.cancel', { id: t.id, updatedAt: moved.updatedAt, note: 'Дубль' });
    const history = await fd.call('reception', 'tasks.history', { id: t.id });
    expect(history.map((h) => [h.method, h.userName])).toEqual([
      ['tasks.create', 'User reception'],
      ['tasks.reassign', 'User director'],
      ['tasks.cancel', 'User callcenter'],
    ]);
    expect(history[1]).toMatchObject({ before: { assigneeId: fd.users.reception.id }, after: { assigneeId: fd.users.callcenter.id } });
    const current = await fd.call('reception', 'tasks.get', { id: t.id });
    expect(current.status).toBe('cancelled');
    expect((await rejection(fd.call('reception', 'tasks.cancel', { id: t.id, updatedAt: current.updatedAt }))).code).toBe('conflict');
  });

  it('completing a call task records the contact; refused needs a churn reason from the catalog', async () => {
    const t = await fd.call('reception', 'tasks.create', { kind: 'call', patientId: fd.patientId, dueAt: '2026-11-24T11:00' });
    const noReason = await rejection(fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'refused' }));
    expect(noReason.extra.issues!.map((i) => i.path)).toEqual(['churnReason']);
    const unknown = await rejection(fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'refused', churnReason: 'weather' }));
    expect(unknown.extra.issues!.map((i) => i.path)).toEqual(['churnReason']);
    const plainDone = await rejection(fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'done' }));
    expect(plainDone.extra.issues!.map((i) => i.path)).toEqual(['outcome']);
    expect(await contactCount()).toBe(0);
    expect((await fd.call('reception', 'tasks.get', { id: t.id })).status).toBe('open');

    fd.setNow(`${TODAY}T10:15`);
    const done = await fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'refused', churnReason: 'competitor', note: 'Ушёл в клинику рядом с домом' });
    expect(done).toMatchObject({ status: 'done', outcome: 'refused', doneAt: `${TODAY}T10:15` });
    const contacts = await fd.call('reception', 'patients.timeline', { patientId: fd.patientId });
    expect(contacts.items).toEqual([
      expect.objectContaining({ kind: 'contact', at: `${TODAY}T10:15`, outcome: 'refused', churnReason: 'competitor', channel: 'call', direction: 'out', userName: 'User reception', taskId: t.id }),
    ]);
    expect(done.contactId).toBe(contacts.items[0].id);
  });

  it('a call-back outcome closes the task and gives a new call task to the same assignee', async () => {
    const t = await fd.call('director', 'tasks.create', { kind: 'recall', patientId: fd.patientId, dueAt: `${TODAY}T11:00`, assigneeId: fd.users.callcenter.id });
    await fd.call('callcenter', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'call_back', callBackAt: '2026-11-27T14:00' });
    const open = await fd.call('director', 'tasks.list', { status: 'open' });
    expect(open.items.map((x) => [x.kind, x.assigneeId, x.dueAt, x.patientId])).toEqual([['call', fd.users.callcenter.id, '2026-11-27T14:00', fd.patientId]]);
  });

  it('closes a task without a patient as done, and refuses a talk outcome there', async () => {
    const t = await fd.call('reception', 'tasks.create', { kind: 'reminder', patientId: null, dueAt: `${TODAY}T11:00` });
    expect((await rejection(fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'reached' }))).extra.issues!.map((i) => i.path)).toEqual(['outcome']);
    expect((await fd.call('reception', 'tasks.complete', { id: t.id, updatedAt: t.updatedAt, outcome: 'done' })).status).toBe('done');
    expect(await contactCount()).toBe(0);
  });
});
