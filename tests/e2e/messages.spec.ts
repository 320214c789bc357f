// Reminders by e-mail end to end: a director points the clinic's SMTP at a
// real SMTP server on loopback (started by this test) in Messages → Settings
// and sends a test message; a consenting patient is booked for tomorrow;
// "Queue reminders now" queues the reminder and the host's outbox delivers it,
// with tomorrow's date, the time and the doctor; the patient card and its
// timeline show it sent.
import { expect, test } from '@playwright/test';
import { apiAs, workstation } from './session';
import { LoopbackSmtp } from '../unit/loopback-smtp';

const smtp = new LoopbackSmtp();
test.beforeAll(async () => {
  await smtp.start();
});
test.afterAll(async () => smtp.stop());

const tomorrow = () => {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return d;
};
const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ruDay = (d: Date) => `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;

test('SMTP set up in the UI; tomorrow\'s reminder reaches the loopback SMTP server with the date and the doctor', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  await director.getByTestId('nav-messages').click();
  await director.getByTestId('messages-tab-settings').click();
  await director.getByTestId('msg-smtpHost').fill('127.0.0.1');
  await director.getByTestId('msg-smtpPort').fill(String(smtp.port));
  await director.getByTestId('msg-smtpFrom').fill('clinic@e2e.test');
  await director.getByTestId('msg-settings-save').click();
  await expect(director.getByTestId('msg-settings-error')).toHaveCount(0);

  // A broken address is named, a good one reaches the server.
  await director.getByTestId('msg-test-to').fill('director@e2e.test');
  await director.getByTestId('msg-test-send').click();
  await expect(director.getByTestId('msg-test-result')).toContainText('Отправлено');
  await expect.poll(() => smtp.mails.filter((m) => m.to.includes('director@e2e.test')).length).toBe(1);

  const reception = await workstation(browser, 'reception');
  const sources = (await apiAs(reception, 'sources.list', {})).body as Array<{ id: number }>;
  const suffix = String(Date.now()).slice(-6);
  const email = `patient${suffix}@e2e.test`;
  const created = await apiAs(reception, 'patients.create', {
    lastName: `Напоминаемая${suffix}`,
    firstName: 'Ольга',
    phone: `+7999${suffix}1`,
    email,
    consentEmail: true,
    sourceId: sources[0].id,
    force: true,
  });
  expect(created.status).toBe(200);
  const patientId = (created.body as { id: number }).id;
  const doctors = (await apiAs(reception, 'doctors.list', {})).body as Array<{ id: number; name: string }>;
  const doctor = doctors.find((d) => d.name.startsWith('Аверин'))!;
  const day = tomorrow();
  const booked = await apiAs(reception, 'appointments.book', { patientId, doctorId: doctor.id, startAt: `${isoDay(day)}T10:40` });
  expect(booked.status).toBe(200);

  // The director queues the reminders now rather than waiting for the schedule.
  await director.getByTestId('messages-tab-outbox').click();
  await director.getByTestId('msg-run-reminders').click();
  await expect.poll(() => smtp.mails.filter((m) => m.to.includes(email)).length, { timeout: 20_000 }).toBe(2);
  const reminder = smtp.mails.find((m) => m.to.includes(email) && m.subject.startsWith('Напоминание'))!;
  expect(reminder.subject).toBe(`Напоминание о приёме ${ruDay(day)}`);
  expect(reminder.text).toContain(`приём ${ruDay(day)} в 10:40, врач ${doctor.name}`);
  expect(reminder.from).toBe('clinic@e2e.test');

  // Both messages are on the patient's card as sent.
  await reception.goto(`/#/patients/${patientId}`);
  const section = reception.getByTestId('card-messages');
  await expect(section).toContainText('Напоминание о приёме (накануне)');
  await expect(section).toContainText('Подтверждение записи');
  await expect(section.getByText('Отправлено')).toHaveCount(2);
  // And on the patient's timeline, with their status.
  await reception.getByTestId('card-timeline-tab').click();
  await expect(reception.getByTestId('timeline')).toContainText('E-mail · Напоминание о приёме (накануне) · Отправлено');
  await expect(reception.getByTestId('timeline')).toContainText('E-mail · Подтверждение записи · Отправлено');
});
