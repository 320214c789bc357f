// A visit's whole life at the front desk, across two workstations: booked,
// refused a move onto another booking, arrived, seen and completed by the
// doctor (who sees the patient appear in their queue without reload), paid in
// part, and the debt on the card; then a walk-in triaged fairly.
import { expect, test, type Page } from '@playwright/test';
import { apiAs, workstation } from './session';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function newPatient(page: Page, lastName: string): Promise<number> {
  const sources = (await apiAs(page, 'sources.list', {})).body as Array<{ id: number }>;
  const phone = `+7999${String(Date.now()).slice(-7)}`;
  const res = await apiAs(page, 'patients.create', { lastName, firstName: 'Тест', phone, sourceId: sources[0].id, force: true });
  expect(res.status).toBe(200);
  return (res.body as { id: number }).id;
}

test('book, refuse a move, arrive, complete with a discount, pay in part, see the debt; triage a walk-in', async ({ browser }) => {
  const reception = await workstation(browser, 'reception');
  const doctors = (await apiAs(reception, 'doctors.list', {})).body as Array<{ id: number; name: string }>;
  const doctorA = doctors.find((d) => d.name.startsWith('Аверин'))!;
  const suffix = String(Date.now()).slice(-5);
  const patientId = await newPatient(reception, `Очередь${suffix}`);
  const otherId = await newPatient(reception, `Соседний${suffix}`);

  // Reception books the patient for doctor A at 13:00 today.
  await reception.goto('/#/book');
  await reception.getByTestId('book-new').click();
  await reception.getByTestId('booking-patient').fill(`Очередь${suffix}`);
  await reception.getByTestId(`patient-option-${patientId}`).click();
  await reception.getByTestId('booking-doctor').selectOption(String(doctorA.id));
  await reception.getByTestId('booking-start').fill(`${today()}T13:00`);
  await reception.getByTestId('booking-save').click();
  await expect(reception.getByTestId('booking-dialog')).toBeHidden();
  const booked = ((await apiAs(reception, 'appointments.day', { date: today() })).body as { appointments: Array<{ id: number; patientId: number }> }).appointments.find(
    (a) => a.patientId === patientId,
  )!;
  await expect(reception.getByTestId(`appt-${booked.id}`)).toBeVisible();

  // Another booking at 14:00; moving the first one onto it is refused.
  expect((await apiAs(reception, 'appointments.book', { patientId: otherId, doctorId: doctorA.id, startAt: `${today()}T14:00` })).status).toBe(200);
  await reception.getByTestId(`appt-${booked.id}`).click();
  await reception.getByTestId('appt-move').click();
  await reception.getByTestId('appt-move-start').fill(`${today()}T14:00`);
  await reception.getByTestId('appt-move-save').click();
  await expect(reception.getByTestId('appt-error')).toContainText(`Соседний${suffix}`);

  // The doctor's workstation is open on their queue before the patient arrives.
  const doctor = await workstation(browser, 'e2e-a');
  await doctor.goto('/#/desk');
  await expect(doctor.getByTestId(`queue-waiting-${booked.id}`)).toHaveCount(0);

  // The patient arrives; the doctor sees them without reload.
  await reception.keyboard.press('Escape');
  await reception.getByTestId(`appt-${booked.id}`).click();
  await reception.getByTestId('appt-action-arrived').click();
  await expect(doctor.getByTestId(`queue-waiting-${booked.id}`)).toBeVisible();

  // The doctor starts and completes the visit: two services, 10 % off the first.
  await doctor.getByTestId(`queue-start-${booked.id}`).click();
  await doctor.getByTestId(`queue-complete-${booked.id}`).click();
  await expect(doctor.getByTestId('complete-dialog')).toBeVisible();
  for (const existing of await doctor.getByTestId(/complete-line-\d+-remove/).all()) await existing.click();
  for (const service of ['Консультация', 'Снимок']) {
    await doctor.getByTestId('complete-add-service').fill(service);
    await doctor.getByRole('option').first().click();
  }
  await doctor.getByTestId('complete-line-0-discount').fill('10');
  await doctor.getByTestId('complete-save').click();
  await expect(doctor.getByTestId('complete-done')).toBeVisible();
  const visit = (await apiAs(reception, 'appointments.get', { id: booked.id })).body as { status: string; total: number; lines: Array<{ discount: number; price: number }> };
  expect(visit.status).toBe('completed');
  expect(visit.lines).toHaveLength(2);
  expect(visit.lines[0].discount).toBe(Math.floor(visit.lines[0].price / 10));

  // Reception takes a partial payment from the card; the card shows the debt left.
  await reception.goto(`/#/patients/${patientId}`);
  await reception.getByTestId('card-pay').click();
  const part = Math.floor(visit.total / 2);
  await reception.getByTestId('pay-amount').fill((part / 100).toFixed(2));
  await reception.getByTestId('pay-method-cash').click();
  await reception.getByTestId('pay-save').click();
  await expect(reception.getByTestId('receipt')).toBeVisible();
  await reception.getByTestId('receipt-done').click();
  const debt = visit.total - part;
  await expect(reception.getByTestId('card-balance')).toContainText('Долг');
  await expect.poll(async () => (await reception.getByTestId('card-balance').innerText()).replace(/\D/g, '')).toBe(String(debt));

  // A walk-in therapist visit: the proposal is the candidate with the fewest patients today, and says so.
  const walkInId = await newPatient(reception, `Пришёл${suffix}`);
  await reception.goto('/#/desk');
  await reception.getByTestId('walkin-patient').fill(`Пришёл${suffix}`);
  await reception.getByRole('option', { name: new RegExp(`Пришёл${suffix}`) }).click();
  await reception.getByTestId('walkin-specialty').click();
  await reception.getByTestId('walkin-specialty-therapist').click();
  const proposal = reception.getByTestId('walkin-proposal');
  // With another doctor also at zero the rule falls to "free the longest"; either way the reason is shown.
  await expect(proposal).toContainText(/меньше всего пациентов сегодня|нагрузка равная/);
  const counts = new Map<string, number>();
  for (const c of await reception.getByTestId(/walkin-candidate-\d+/).all()) {
    const text = await c.innerText();
    counts.set(text.split('\n')[0], Number(text.match(/пациентов сегодня: (\d+)/)![1]));
  }
  const proposedName = (await proposal.innerText()).split('\n')[1];
  expect(counts.get(proposedName)).toBe(Math.min(...counts.values()));
  expect(counts.get(doctorA.name)).toBeGreaterThan(counts.get(proposedName)!);
  await reception.getByTestId('walkin-register').click();
  const queues = (await apiAs(reception, 'queue.list', {})).body as Array<{ doctorName: string; waiting: Array<{ appointment: { patientId: number } }> }>;
  expect(queues.find((q) => q.doctorName === proposedName)!.waiting.map((w) => w.appointment.patientId)).toContain(walkInId);
});
