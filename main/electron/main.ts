// Electron main process: a thin shell. It decides where the data lives (this
// PC, or a host on the LAN), starts the host in a utilityProcess when it is
// this PC, and opens one window on the host's URL. All data goes over HTTP.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { clearChoice, readChoice, saveChoice, type DesktopChoice } from './choice';
import { startHostChild, type HostChild } from './host-child';
import { registerDesktopIpc } from './ipc';
import { installMenu } from './menu';
import { hardenApp, hardenSession, secureWebPreferences, trustOrigin } from './security';
import { askWhereDataLives } from './setup';
import { fill, shellStrings, type ShellStrings } from './strings';

const here = path.dirname(fileURLToPath(import.meta.url));

// Tests (and portable installs) point userData at a folder of their own.
if (process.env.CLINIC_ELECTRON_USER_DATA) app.setPath('userData', path.resolve(process.env.CLINIC_ELECTRON_USER_DATA));

let host: HostChild | null = null;
let mainWindow: BrowserWindow | null = null;
let mainWindowOpened = false;
let strings: ShellStrings = shellStrings('en');

/** Why a host URL is unusable, or null when a Clinic CRM host answers there. */
async function checkHost(url: string): Promise<string | null> {
  try {
    const res = await fetch(new URL('/api/health', url), { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return `HTTP ${res.status}`;
    const body = (await res.json()) as { ok?: unknown };
    return body.ok === true ? null : 'not a Clinic CRM host';
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return cause ?? (e instanceof Error ? e.message : String(e));
  }
}

async function startLocalHost(): Promise<string> {
  host = await startHostChild(path.join(here, 'host-process.js'), {
    ...process.env,
    CLINIC_DATA_DIR: path.join(app.getPath('userData'), 'data'),
    // Other workstations connect to this PC, so listen on the LAN by default.
    CLINIC_HOST: process.env.CLINIC_HOST ?? '0.0.0.0',
  }).catch((e: unknown) => {
    throw new Error(`${strings.hostFailed}: ${e instanceof Error ? e.message : String(e)}`);
  });
  host.onCrash((code) => {
    host = null;
    dialog.showErrorBox(strings.hostFailed, fill(strings.hostStopped, { code }));
    app.quit();
  });
  return host.url;
}

async function chooseHostAgain(): Promise<void> {
  const options = {
    type: 'question' as const,
    message: strings.chooseAgain,
    buttons: [strings.restart, strings.cancel],
    defaultId: 0,
    cancelId: 1,
  };
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  if (response !== 0) return;
  clearChoice(app.getPath('userData'));
  app.relaunch();
  app.quit(); // before-quit stops the host cleanly first
}

function openMainWindow(url: string): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Clinic CRM',
    show: false,
    webPreferences: secureWebPreferences(path.join(here, 'preload.cjs')),
  });
  mainWindow = win;
  mainWindowOpened = true;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  // A client PC loses its host when the host PC sleeps or the cable is out.
  win.webContents.on('did-fail-load', async (_event, code, reason, _url, isMainFrame) => {
    if (!isMainFrame || code === -3 /* ERR_ABORTED: superseded by another load */) return;
    win.show();
    const { response } = await dialog.showMessageBox(win, {
      type: 'error',
      message: strings.unreachable,
      detail: fill(strings.unreachableDetail, { url, reason }),
      buttons: [strings.retry, strings.chooseAnother, strings.menuQuit],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 0) void win.loadURL(url);
    else if (response === 1) void chooseHostAgain();
    else app.quit();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') win.reload();
  });
  void win.loadURL(url);
}

async function run(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  strings = shellStrings(app.getLocale());
  installMenu(strings, { chooseHost: () => void chooseHostAgain() });
  registerDesktopIpc({ chooseHost: chooseHostAgain });

  const userData = app.getPath('userData');
  let choice: DesktopChoice | null = readChoice(userData);
  if (!choice) {
    choice = await askWhereDataLives(strings, app.getLocale(), checkHost);
    if (!choice) return app.quit();
    saveChoice(userData, choice);
  }
  const url = choice.mode === 'host' ? await startLocalHost() : choice.hostUrl;
  trustOrigin(url);
  openMainWindow(url);
}

hardenApp();

if (!app.requestSingleInstanceLock()) {
  // A second copy would start a second host on the same database file.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // Quit on every platform, macOS included: with no window there is nothing
  // to come back to, and the host should not keep the database open unseen.
  // Not before the main window exists: the setup window closes first.
  app.on('window-all-closed', () => {
    if (mainWindowOpened) app.quit();
  });
  app.on('before-quit', (event) => {
    if (!host) return;
    event.preventDefault();
    const stopping = host;
    host = null;
    void stopping.stop().finally(() => app.quit());
  });
  run().catch((e: unknown) => {
    dialog.showErrorBox(strings.startFailed, e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}
