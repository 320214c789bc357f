// When the host goes away every window says so at once, keeps what is being
// typed, never reports an unsaved write as saved, and catches up by itself
// when the host is back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../../main/db/connection';
import { createUser } from '../../main/api/auth';
import { databaseFile, startHost, type RunningHost } from '../../main/server/host';
import { E2E_PORT } from '../../playwright.config';
import { signIn } from './session';

const PORT = E2E_PORT + 1;
let dataDir: string;
let host: RunningHost | null = null;

const start = async () => {
  host = await startHost({ dataDir, port: PORT, host: '127.0.0.1', backups: false });
};

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-offline-'));
  const database = await openDatabase(databaseFile(dataDir));
  await database.db.insertInto('sources').values({ code: 'website', name: 'Сайт' }).execute();
  await createUser(database.db, { login: 'reception', password: 'demo', fullName: 'Белова Ольга', role: 'reception' }, null);
  await database.close();
  await start();
});

test.afterAll(async () => {
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the host goes down and comes back while a patient is being typed', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${PORT}` });
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, 'reception');
  await expect(page.getByTestId('offline-banner')).toBeHidden();

  await page.getByTestId('new-patient').click();
  await page.getByTestId('patient-lastName').fill('Невидимов');

  await host!.close();
  host = null;
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 3000 });

  // Still typing while offline; saving fails and says nothing was saved.
  await page.getByTestId('patient-firstName').fill('Олег');
  await page.getByTestId('patient-sourceId').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('patient-save').click();
  await expect(page.getByTestId('form-error')).toContainText('Ничего не сохранено');
  await expect(page.getByTestId('patient-lastName')).toHaveValue('Невидимов');

  await start();
  await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 10_000 });
  await page.getByTestId('patient-save').click();
  await expect(page.getByTestId('card-name')).toContainText('Невидимов Олег');
  await context.close();
});
