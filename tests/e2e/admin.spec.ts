// The edit dialogs of the settings area share one form state (useFormState):
// a client-side check names the wrong field and sends nothing, a refusal from
// the host (a taken code) lands under its field, typing clears the field's
// error, and a good save closes the dialog and selects the new service.
import { expect, test } from '@playwright/test';
import { apiAs, workstation } from './session';

test('service dialog: wrong price and a taken code are shown on their fields; a good service is saved', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  await director.getByTestId('nav-admin').click();
  await director.getByTestId('admin-tab-services').click();
  await director.getByTestId('service-new').click();

  const code = `E2E-${Date.now() % 100000}`;
  await director.getByTestId('service-code').fill('CON-01'); // the demo clinic's first consultation
  await director.getByTestId('service-name').fill('Отбеливание (E2E)');
  await director.getByTestId('service-category').fill('hygiene');
  await director.getByTestId('service-durationMin').fill('45');
  await director.getByTestId('service-price').fill('много');
  await director.getByTestId('service-save').click();

  // Checked in the browser: only the price is wrong, the message names it.
  await expect(director.getByTestId('service-error')).toContainText('Цена');
  await expect(director.getByTestId('service-price')).toHaveAttribute('aria-invalid', 'true');
  await expect(director.getByTestId('service-code')).toHaveAttribute('aria-invalid', 'false');
  // Typing into the field clears its error at once.
  await director.getByTestId('service-price').fill('2500,50');
  await expect(director.getByTestId('service-price')).toHaveAttribute('aria-invalid', 'false');

  // Refused by the host: the code is taken; the message sits under the code field.
  await director.getByTestId('service-save').click();
  await expect(director.getByTestId('service-error')).toContainText('Этот код уже занят');
  await expect(director.getByTestId('service-code')).toHaveAttribute('aria-invalid', 'true');
  const before = (await apiAs(director, 'services.list', {})).body as Array<{ code: string }>;
  expect(before.filter((s) => s.code === 'CON-01')).toHaveLength(1);

  await director.getByTestId('service-code').fill(code);
  await director.getByTestId('service-save').click();
  await expect(director.getByTestId('service-save')).toBeHidden();
  // The new service is selected: its price history shows beside the list.
  await expect(director.getByTestId('price-history')).toContainText('Отбеливание (E2E)');
  await expect(director.getByTestId('price-history-row')).toHaveCount(1);
  const saved = ((await apiAs(director, 'services.list', {})).body as Array<{ code: string; price: number; durationMin: number }>).find((s) => s.code === code);
  expect(saved).toMatchObject({ price: 250050, durationMin: 45 });
});
