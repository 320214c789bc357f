// Follow-up work end to end: yesterday's no-show makes a call task for
// reception (the rules run through the API, as the host's job would), the
// reception closes it in My day as "refused — went to a competitor", and the
// lost report counts that reason; then a call from that patient pops the card.
import { expect, test } from '@playwright/test';
import { apiAs, workstation } from './session';

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('a no-show becomes a call task, closed as refused to a competitor, and the lost report counts it', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  const period = { from: `${day(today).slice(0, 7)}-01`, to: day(today) };

  // A patient who became lost this month (last visit 180+ days ago, nothing booked).
  const lost = (await apiAs(director, 'reports.patients', { id: 'lost', params: period, column: 'lost' })).body as Array<{ id: number; name: string; phone: string }>;
  expect(lost.length).toBeGreaterThan(0);
  const patient = lost[0];

  // They were booked yesterday with a therapist and did not come.
  const doctors = (await apiAs(director, 'doctors.list', {})).body as Array<{ id: number; name: string }>;
  const doctor = doctors.find((d) => d.name.startsWith('Аверин'))!;
  const booked = await apiAs(director, 'appointments.book', { patientId: patient.id, doctorId: doctor.id, startAt: `${day(yesterday)}T10:00`, history: true });
  expect(booked.status).toBe(200);
  const appt = booked.body as { id: number; updatedAt: string };
  expect((await apiAs(director, 'appointments.setStatus', { id: appt.id, updatedAt: appt.updatedAt, status: 'no_show', reasonCode: 'forgot' })).status).toBe(200);

  // The rules run (the host's job does the same every 10 minutes): a call task for reception.
  const run = (await apiAs(director, 'tasks.runRules', {})).body as { created: { noShow: number } };
  expect(run.created.noShow).toBeGreaterThan(0);
  const tasks = (await apiAs(director, 'tasks.list', { patientId: patient.id, status: 'open' })).body as { items: Array<{ id: number; rule: string; kind: string; assigneeName: string; dueAt: string }> };
  const task = tasks.items.find((t) => t.rule === 'noShow')!;
  expect(task).toMatchObject({ kind: 'call', assigneeName: 'Белова Ольга Петровна', dueAt: `${day(today)}T09:00` });

  // Reception closes it in My day: refused, went to a competitor.
  const reception = await workstation(browser, 'reception');
  await reception.getByTestId('nav-tasks').click();
  const card = reception.getByTestId(`task-${task.id}`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('task-rule')).toContainText('Неявка');
  await expect(card.getByTestId('task-patient')).toHaveText(patient.name);
  await card.getByTestId('outcome-refused').click();
  const dialog = reception.getByTestId('contact-dialog');
  await dialog.getByRole('combobox').click();
  await reception.getByTestId('churn-competitor').click();
  await dialog.getByTestId('contact-save').click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);

  // The contact is on the patient's timeline, and the lost report counts the reason.
  await reception.goto(`/#/patients/${patient.id}`);
  await reception.getByTestId('card-timeline-tab').click();
  await expect(reception.getByTestId('timeline')).toContainText('к конкуренту');
  const report = (await apiAs(director, 'reports.run', { id: 'lost', params: period })).body as { totals: Record<string, number> };
  expect(report.totals['reason:competitor']).toBeGreaterThanOrEqual(1);
  await director.goto(`/#/reports/lost?from=${period.from}&to=${period.to}`);
  await expect(director.getByRole('columnheader', { name: 'Ушёл к конкуренту' })).toBeVisible();

  // The patient calls: the reception window shows who it is.
  expect((await apiAs(director, 'telephony.incoming', { phone: patient.phone })).status).toBe(200);
  await expect(reception.getByTestId('incoming-call')).toBeVisible();
  await expect(reception.getByTestId('incoming-name')).toHaveText(patient.name);
});
