// A campaign for patients unseen 180+ days: the live audience count, the
// audience built, a member worked as "booked"; that patient comes (walk-in
// and completion through the front desk's API) and the campaign's results and
// the `campaigns` report show the revenue and ROI. An e-mail campaign sent
// with its Send button reaches the loopback SMTP server for the members who
// consented, and nobody else.
import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { apiAs, workstation } from './session';
import { LoopbackSmtp } from '../unit/loopback-smtp';

const today = () => format(new Date(), 'yyyy-MM-dd');
const digits = (s: string) => s.replace(/\D/g, '');

test('campaign: audience count, a worked member who comes, revenue and ROI in the report', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  await director.getByTestId('nav-campaigns').click();
  await expect(director.getByTestId('campaigns-page')).toBeVisible();
  await director.getByTestId('campaign-new').click();

  await director.getByTestId('campaign-name').fill('Вернуть спящих (E2E)');
  await director.getByTestId('campaign-cost').fill('1000');
  await director.getByTestId('filter-lastVisitOlderThanDays').fill('180');
  const fromHost = (await apiAs(director, 'campaigns.audienceCount', { channel: 'call', filters: { lastVisitOlderThanDays: 180 } })).body as { count: number };
  expect(fromHost.count).toBeGreaterThan(0);
  await expect(director.getByTestId('audience-count')).toHaveAttribute('data-count', String(fromHost.count));
  // The count follows the filters: a narrower audience counts fewer.
  await director.getByTestId('filter-ageFrom').fill('40');
  await expect.poll(async () => Number(await director.getByTestId('audience-count').getAttribute('data-count'))).toBeLessThan(fromHost.count);
  await director.getByTestId('filter-ageFrom').fill('');
  await expect(director.getByTestId('audience-count')).toHaveAttribute('data-count', String(fromHost.count));
  await director.getByTestId('campaign-save').click();

  await expect(director.getByTestId('campaign-page')).toBeVisible();
  await director.getByTestId('audience-build').click();
  const first = director.getByTestId(/^member-\d+$/).first();
  await expect(first).toBeVisible();
  const patientId = Number((await first.getAttribute('data-testid'))!.replace('member-', ''));
  await director.getByTestId(`outcome-booked-${patientId}`).click();
  await expect(director.getByTestId(`member-outcome-${patientId}`)).toContainText('Записался');
  await expect(director.getByTestId('result-contacted')).toHaveText('1');
  await expect(director.getByTestId('campaign-status')).toHaveText('Идёт');

  // The patient comes: a walk-in to a doctor on duty, completed with one service.
  const doctors = (await apiAs(director, 'doctors.list', {})).body as Array<{ id: number; name: string }>;
  const doctor = doctors.find((d) => d.name.includes('(E2E)'))!;
  const services = (await apiAs(director, 'services.list', {})).body as Array<{ id: number; price: number }>;
  const service = services.find((s) => s.price > 0)!;
  const walkIn = await apiAs(director, 'queue.walkIn', { patientId, doctorId: doctor.id, serviceIds: [service.id] });
  expect(walkIn.status).toBe(200);
  const done = await apiAs(director, 'appointments.complete', { id: (walkIn.body as { id: number }).id, items: [{ serviceId: service.id, qty: 1, discount: 0 }] });
  expect(done.status).toBe(200);
  const revenue = (done.body as { total: number }).total;
  const roi = Math.round(((revenue - 100000) / 100000) * 1000) / 10;

  // The campaign page's results follow the visit.
  await expect(director.getByTestId('result-converted')).toHaveText('1');
  await expect.poll(async () => digits(await director.getByTestId('result-revenue').innerText())).toBe(String(revenue));

  // The campaigns report: revenue and ROI as the host computes them.
  const report = (await apiAs(director, 'reports.run', { id: 'campaigns', params: { from: today(), to: today() } })).body as {
    rows: Array<{ campaign: string; members: number; contacted: number; converted: number; revenue: number; cost: number; roi: number | null }>;
  };
  expect(report.rows).toHaveLength(1);
  expect(report.rows[0]).toMatchObject({ campaign: 'Вернуть спящих (E2E)', contacted: 1, converted: 1, revenue, cost: 100000, roi });
  await director.goto(`/#/reports/campaigns?from=${today()}&to=${today()}`);
  await expect(director.getByTestId('report-table')).toContainText('Вернуть спящих (E2E)');
  await expect.poll(async () => digits(await director.getByTestId('report-total-revenue').innerText())).toBe(String(revenue));
  await expect.poll(async () => digits(await director.getByTestId('report-total-roi').innerText())).toBe(String(Math.round(Math.abs(roi) * 10)));
});

test('a report drill-down list becomes a campaign in one action', async ({ browser }) => {
  const callcenter = await workstation(browser, 'callcenter');
  const year = String(new Date().getFullYear());
  await callcenter.goto(`/#/reports/lost?from=${year}-01-01&to=${today()}`);
  const cell = callcenter.getByTestId(/report-drill-lost-\d+/).first();
  await expect(cell).toBeVisible();
  const shown = Number(digits(await cell.innerText()));
  expect(shown).toBeGreaterThan(0);
  await cell.click();
  await expect(callcenter.getByTestId(/drill-patient-\d+/)).toHaveCount(shown);
  await callcenter.getByTestId('drill-campaign').click();
  await callcenter.getByTestId('from-patients-name').fill('Потерянные (E2E)');
  await callcenter.getByTestId('from-patients-create').click();
  await expect(callcenter.getByTestId('campaign-title')).toHaveText('Потерянные (E2E)');
  await expect(callcenter.getByTestId('result-members')).toHaveText(String(shown));
});

test('an e-mail campaign sent with its Send button reaches the consenting members through the loopback SMTP server', async ({ browser }) => {
  const smtp = new LoopbackSmtp();
  await smtp.start();
  try {
    const director = await workstation(browser, 'director');
    const settings = await apiAs(director, 'messages.updateSettings', { smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false, smtpFrom: 'offers@e2e.test' });
    expect(settings.status).toBe(200);

    // Three patients of a town no demo patient lives in: two consented to e-mail, one did not.
    const suffix = String(Date.now()).slice(-6);
    const city = `Заречье${suffix}`;
    const sources = (await apiAs(director, 'sources.list', {})).body as Array<{ id: number }>;
    const patient = async (name: string, consentEmail: boolean) => {
      const email = `${name.toLowerCase()}${suffix}@e2e.test`;
      const r = await apiAs(director, 'patients.create', {
        lastName: `Рассылкина${suffix}`, firstName: name, phone: null, email, city, consentEmail, sourceId: sources[0].id, force: true,
      });
      expect(r.status).toBe(200);
      return { id: (r.body as { id: number }).id, email };
    };
    const olga = await patient('Olga', true);
    const pavel = await patient('Pavel', true);
    const refusing = await patient('Nina', false);

    await director.getByTestId('nav-campaigns').click();
    await director.getByTestId('campaign-new').click();
    await director.getByTestId('campaign-name').fill(`Скидка на гигиену ${suffix} (E2E)`);
    await director.getByTestId('campaign-channel').click();
    await director.getByTestId('campaign-channel-email').click();
    const offer = `Скидка 15% на гигиену до конца месяца, код ${suffix}.`;
    await director.getByTestId('campaign-offer').fill(offer);
    // New patients, never seen: no "last visit" filter. The city typed in lower case: the filter ignores case.
    await director.getByTestId('filter-lastVisitOlderThanDays').fill('');
    await director.getByTestId('filter-city').fill(city.toLowerCase());
    await expect(director.getByTestId('audience-count')).toHaveAttribute('data-count', '2');
    await director.getByTestId('campaign-save').click();

    await expect(director.getByTestId('campaign-page')).toBeVisible();
    await director.getByTestId('audience-build').click();
    await expect(director.getByTestId(`member-${olga.id}`)).toBeVisible();
    await expect(director.getByTestId(`member-${pavel.id}`)).toBeVisible();
    // A patient without consent added by hand is a member, but gets nothing.
    const campaignId = Number(/#\/campaigns\/(\d+)/.exec(director.url())![1]);
    expect((await apiAs(director, 'campaigns.addMembers', { id: campaignId, patientIds: [refusing.id] })).status).toBe(200);
    await expect(director.getByTestId('result-members')).toHaveText('3');

    await director.getByTestId('campaign-send').click();
    await expect(director.getByTestId('campaign-send-result')).toContainText('В очереди: 2. Отправлено ранее: 0. Не отправлено: 1.');
    await expect(director.getByTestId('campaign-send-result')).toContainText('has not consented to e-mail');

    const to = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
    await expect.poll(() => to(olga.email).length + to(pavel.email).length, { timeout: 30_000 }).toBe(2);
    for (const [who, name] of [[olga, 'Olga'], [pavel, 'Pavel']] as const) {
      const [mail] = to(who.email);
      expect(mail.from).toBe('offers@e2e.test');
      expect(mail.subject).toContain('специальное предложение');
      expect(mail.text).toContain(`${name}, ${offer}`);
    }
    expect(to(refusing.email)).toEqual([]);

    // Sending again queues nobody twice.
    await director.getByTestId('campaign-send').click();
    await expect(director.getByTestId('campaign-send-result')).toContainText('В очереди: 0. Отправлено ранее: 2. Не отправлено: 1.');
  } finally {
    await smtp.stop();
  }
});
