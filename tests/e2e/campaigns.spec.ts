// A campaign for patients unseen 180+ days: the live audience count, the
// audience built, a member worked as "booked"; that patient comes (walk-in
// and completion through the front desk's API) and the campaign's results and
// the `campaigns` report show the revenue and ROI.
import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { apiAs, workstation } from './session';

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
