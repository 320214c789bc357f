// The desktop shell end to end: the built app starts as the host, serves the
// UI to its own window, and the page sees only the preload bridge (no Node).
// Needs a real Electron binary, which this machine cannot download: set
// CLINIC_ELECTRON=/path/to/electron to run it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { ClinicDesktop } from '../../main/electron/channels';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronBinary = process.env.CLINIC_ELECTRON;

test.skip(!electronBinary, 'CLINIC_ELECTRON is not set: no Electron binary on this machine');

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  expect(fs.existsSync(path.join(root, 'dist/renderer/index.html')), 'run `vite build` first').toBe(true);
  execFileSync(process.execPath, [path.join(root, 'build/build-electron.mjs')], { cwd: root, stdio: 'inherit' });

  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  app = await _electron.launch({
    executablePath: electronBinary,
    args: [root],
    cwd: root,
    env: {
      ...env,
      CLINIC_ELECTRON_MODE: 'host', // skip the first-start question
      CLINIC_ELECTRON_USER_DATA: userData,
      CLINIC_HOST: '127.0.0.1', // not the LAN during tests
      CLINIC_PORT: '0', // any free port
    },
    timeout: 60_000,
  });
  // The window opens only once the host process reports ready (migrations first).
  page = await app.firstWindow({ timeout: 120_000 });
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close(); // before-quit closes the host's database cleanly
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
});

test('starts as the host and shows the sign-in page', async () => {
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  await expect(page).toHaveTitle(/Clinic CRM/);
  await expect(page.locator('input[type="password"]')).toBeVisible({ timeout: 30_000 });
  // The database lives under userData/data, written by the host process.
  expect(fs.existsSync(path.join(userData, 'data', 'clinic.sqlite'))).toBe(true);
});

test('the page gets the preload bridge and nothing of Node', async () => {
  const seen = await page.evaluate(() => {
    const w = window as unknown as { clinicDesktop?: ClinicDesktop; require?: unknown; process?: unknown };
    return {
      bridge: typeof w.clinicDesktop?.appVersion,
      require: typeof w.require,
      process: typeof w.process,
    };
  });
  expect(seen).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });

  const version = await page.evaluate(() =>
    (window as unknown as { clinicDesktop: ClinicDesktop }).clinicDesktop.appVersion(),
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  expect(version).toBe(pkg.version);
});

test('window.open is denied', async () => {
  const before = app.windows().length;
  await page.evaluate(() => window.open('https://example.com/', '_blank'));
  await page.waitForTimeout(500);
  expect(app.windows().length).toBe(before);
});
