// The patient registry as people at two workstations use it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { apiAs, workstation } from './session';

const SHOTS = path.resolve('tests/e2e/screenshots');

test('reception registers, finds and edits a patient; another workstation sees it live', async ({ browser }) => {
  const suffix = String(Date.now()).slice(-4);
  const lastName = `Тестов${suffix}`;
  const phoneDigits = `999${suffix}${suffix.slice(0, 3)}`; // 10 national digits, unique per run
  const reception = await workstation(browser, 'reception');
  const callcenter = await workstation(browser, 'callcenter');

  // The second workstation is already searching for the patient before it exists.
  await callcenter.getByTestId('patient-search').fill(lastName);
  await expect(callcenter.getByText('Пациентов: 0')).toBeVisible();

  // Reception creates the patient.
  await reception.getByTestId('new-patient').click();
  await reception.getByTestId('patient-lastName').fill(lastName);
  await reception.getByTestId('patient-firstName').fill('Пётр');
  await reception.getByTestId('patient-birthDate').fill('1988-04-12');
  await reception.getByTestId('patient-phone').fill(`+7 (${phoneDigits.slice(0, 3)}) ${phoneDigits.slice(3, 6)}-${phoneDigits.slice(6, 8)}-${phoneDigits.slice(8)}`);
  await reception.getByTestId('patient-sourceId').click();
  await reception.getByRole('option').first().click();
  await reception.getByTestId('patient-save').click();
  await expect(reception.getByTestId('card-name')).toContainText(lastName);

  // …and it appears at the other workstation without a reload.
  await expect(callcenter.getByRole('row', { name: new RegExp(lastName) })).toBeVisible();

  // The same phone typed differently is flagged as a likely duplicate.
  await reception.getByRole('button', { name: /К списку/ }).click();
  await reception.getByTestId('new-patient').click();
  await reception.getByTestId('patient-lastName').fill('Другой');
  await reception.getByTestId('patient-firstName').fill('Человек');
  await reception.getByTestId('patient-phone').fill(`8${phoneDigits}`);
  await expect(reception.getByTestId('duplicate-warning')).toContainText(lastName);
  await reception.getByRole('button', { name: 'Отмена' }).click();

  // Search by the last four digits of the phone.
  await reception.getByTestId('patient-search').fill(phoneDigits.slice(-4));
  const row = reception.getByRole('row', { name: new RegExp(lastName) });
  await expect(row).toBeVisible();
  fs.mkdirSync(SHOTS, { recursive: true });
  await reception.getByTestId('patient-search').fill('');
  await expect(reception.getByTestId('patients-total')).toHaveText(/Пациентов: \d{4}/);
  await reception.screenshot({ path: path.join(SHOTS, 'patients-list-ru.png') });

  // Edit the city from the card.
  await reception.getByTestId('patient-search').fill(lastName);
  await reception.getByRole('row', { name: new RegExp(lastName) }).click();
  await reception.getByTestId('edit-patient').click();
  await reception.getByTestId('patient-city').fill('Казань');
  await reception.getByTestId('patient-save').click();
  await expect(reception.getByTestId('card-city')).toHaveText('Казань');
  await reception.screenshot({ path: path.join(SHOTS, 'patient-card-ru.png') });

  // Reception cannot delete: no button, and the host refuses the call.
  await expect(reception.getByTestId('delete-patient')).toHaveCount(0);
  const id = Number(new URL(reception.url()).hash.split('/').pop());
  const refused = await apiAs(reception, 'patients.delete', { id });
  expect(refused.status).toBe(403);
  await reception.reload();
  await expect(reception.getByTestId('card-name')).toContainText(lastName);
});

test('an import with one bad row shows the line and imports nothing', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  const tag = `Импорт${String(Date.now()).slice(-5)}`;
  const csv = [
    'external_id,last_name,first_name,birth_date,sex,phone,email,city,source',
    `e2e-${tag}-1,${tag},Анна,1990-01-15,F,+79001110001,anna@example.com,Москва,Сайт`,
    `e2e-${tag}-2,${tag},Борис,1985-07-01,M,+79001110002,,Москва,Сайт`,
    `e2e-${tag}-3,${tag},Вера,31.02.1970,F,+79001110003,,Тверь,Сайт`,
    `e2e-${tag}-4,${tag},Глеб,2001-12-31,M,+79001110004,,Тверь,Сайт`,
  ].join('\n');
  await director.getByTestId('nav-settings').click();
  await director.getByTestId('import-file').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await director.getByTestId('run-import').click();
  await expect(director.getByTestId('import-result')).toContainText('Ничего не импортировано');
  const errors = director.getByTestId('import-errors');
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1)).toContainText('4');
  const found = await apiAs(director, 'patients.search', { query: tag });
  expect((found.body as { total: number }).total).toBe(0);
});

test('history import from the settings page: patients, then their visits (a new doctor is added), then payments; the card shows the debt', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  const tag = `История${String(Date.now()).slice(-5)}`;
  const upload = async (kind: 'patients' | 'visits' | 'payments', lines: string[]) => {
    await director.getByTestId('import-kind').click();
    await director.getByTestId(`import-kind-${kind}`).click();
    await director.getByTestId('import-file').setInputFiles({ name: `${kind}.csv`, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await director.getByTestId('run-import').click();
    await expect(director.getByTestId('import-result')).toContainText('ошибок: 0. Импорт выполнен');
  };
  await director.getByTestId('nav-settings').click();
  await upload('patients', ['external_id,last_name,first_name,phone', `${tag}-P1,${tag},Анна,+79001112201`]);
  await upload('visits', [
    'visit_id,patient_id,doctor,branch,start,status,service,qty,price',
    `${tag}-V1,${tag}-P1,Старый Врач ${tag},Улыбка в Митино,2024-03-05 10:00,выполнен,Чистка ${tag},1,"3 000"`,
    `${tag}-V1,,,,,,Снимок ${tag},2,500`,
  ]);
  await expect(director.getByTestId('import-added')).toContainText(`Старый Врач ${tag}`);
  await expect(director.getByTestId('import-added')).toContainText(`Чистка ${tag}`);
  await upload('payments', ['payment_id,patient_id,visit_id,paid_at,amount,method', `${tag}-PAY1,${tag}-P1,${tag}-V1,2024-03-05,2500,карта`]);

  const found = (await apiAs(director, 'patients.search', { query: tag })).body as { items: Array<{ id: number }> };
  const card = (await apiAs(director, 'patients.get', { id: found.items[0].id })).body as { balance: number };
  // Charged 3000 + 2 × 500 = 4000, paid 2500: a debt of 1500.
  expect(card.balance).toBe(150000);
});
