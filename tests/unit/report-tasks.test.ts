import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFrontDesk, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeAll(async () => {
  fd = await makeFrontDesk();
  const task = fd.database.sqlite.prepare('INSERT INTO tasks (kind, status, assignee_id, patient_id, due_at, done_at) VALUES (?, ?, ?, ?, ?, ?)');
  const R = fd.users.reception.id;
  const C = fd.users.callcenter.id;
  const A = fd.patientId;
  const B = fd.otherPatientId;
  task.run('call', 'done', R, A, '2026-11-10T10:00', '2026-11-10T17:00'); // on time
  task.run('call', 'done', R, A, '2026-11-10T10:00', '2026-11-12T09:00'); // late
  task.run('recall', 'open', R, B, '2026-11-20T09:00', null); // overdue on 11-25
  task.run('custom', 'open', R, null, '2026-11-28T09:00', null); // open
  task.run('call', 'cancelled', R, A, '2026-11-15T09:00', '2026-11-14T09:00'); // not counted
  task.run('call', 'done', R, A, '2026-10-31T09:00', '2026-10-31T09:00'); // before the period
  task.run('call', 'open', C, B, '2026-11-25T18:00', null); // due on asOf: open, not overdue
  task.run('feedback', 'done', C, A, '2026-11-24T09:00', '2026-11-24T08:00'); // on time
  task.run('call', 'open', C, A, '2026-12-01T09:00', null); // after the period
});
afterAll(async () => fd.close());

const params = { from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-25' };

// Counted by hand from the nine tasks above.
describe('tasks report', () => {
  it('counts per employee the tasks due, done on time, late, open and overdue', async () => {
    const r = await fd.call('director', 'reports.run', { id: 'tasks', params });
    expect(r.columns.map((c) => [c.key, c.drill ?? false])).toEqual([
      ['employee', false], ['due', true], ['doneOnTime', true], ['doneLate', true], ['open', true], ['overdue', true],
    ]);
    expect(r.rows).toEqual([
      { employeeId: fd.users.callcenter.id, employee: 'User callcenter', due: 2, doneOnTime: 1, doneLate: 0, open: 1, overdue: 0 },
      { employeeId: fd.users.reception.id, employee: 'User reception', due: 4, doneOnTime: 1, doneLate: 1, open: 1, overdue: 1 },
    ]);
    expect(r.totals).toEqual({ due: 6, doneOnTime: 2, doneLate: 1, open: 2, overdue: 1 });
    const ru = await fd.call('director', 'reports.run', { id: 'tasks', params, locale: 'ru' });
    expect(ru.columns.map((c) => c.label)).toEqual(['Сотрудник', 'Срок в периоде', 'Выполнено в срок', 'Выполнено с опозданием', 'Открыто', 'Просрочено']);
  });

  it('lists the patients behind a number and filters one employee', async () => {
    const overdue = await fd.call('director', 'reports.patients', { id: 'tasks', params, rowIndex: 1, column: 'overdue' });
    expect(overdue.map((p) => p.id)).toEqual([fd.otherPatientId]);
    const due = await fd.call('director', 'reports.patients', { id: 'tasks', params, column: 'due' });
    expect(due.map((p) => p.id).sort()).toEqual([fd.patientId, fd.otherPatientId].sort());
    const one = await fd.call('director', 'reports.run', { id: 'tasks', params: { ...params, doctorId: fd.users.callcenter.id } });
    expect(one.rows.map((x) => x.employee)).toEqual(['User callcenter']);
  });

  it('agrees with tasks.list buckets', async () => {
    fd.setNow('2026-11-25T12:00');
    const late = await fd.call('director', 'tasks.list', { bucket: 'doneLate', dueFrom: params.from, dueTo: params.to });
    expect(late.total).toBe(1);
    const overdue = await fd.call('director', 'tasks.list', { bucket: 'overdue', dueFrom: params.from, dueTo: params.to });
    expect(overdue.total).toBe(1);
  });
});
