// Main-process side of the preload bridge. Every handler first checks that
// the call comes from the host's page: the window shows content served over
// the LAN, and nothing else (an injected frame, a stray page) may save files.
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, type IpcMainInvokeEvent, type SaveDialogOptions } from 'electron';
import { CHANNELS, type SaveResult } from './channels';
import { isTrustedUrl } from './security';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function handle(channel: string, handler: Handler): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    if (!isTrustedUrl(event.senderFrame?.url)) throw new Error(`${channel} is only available to the Clinic CRM page`);
    return handler(event, ...args);
  });
}

/** A plain file name: no folders, no characters Windows refuses, not empty. */
export function safeFileName(name: unknown, fallback: string): string {
  if (typeof name !== 'string') return fallback;
  const cleaned = [...path.basename(name)]
    .map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 150);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

async function askWhereToSave(event: IpcMainInvokeEvent, name: string): Promise<string | null> {
  const ext = path.extname(name).slice(1);
  const options: SaveDialogOptions = {
    defaultPath: path.join(app.getPath('documents'), name),
    filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [],
  };
  const win = BrowserWindow.fromWebContents(event.sender);
  const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return canceled || !filePath ? null : filePath;
}

export function registerDesktopIpc(actions: { chooseHost(): Promise<void> }): void {
  handle(CHANNELS.printToPdf, async (event, suggestedName): Promise<SaveResult> => {
    // Render first, so the PDF is what the user saw when they asked for it.
    const pdf = await event.sender.printToPDF({ printBackground: true });
    let name = safeFileName(suggestedName, 'clinic.pdf');
    if (!name.toLowerCase().endsWith('.pdf')) name += '.pdf';
    const filePath = await askWhereToSave(event, name);
    if (!filePath) return { saved: false };
    await fs.writeFile(filePath, pdf);
    return { saved: true, path: filePath };
  });

  handle(CHANNELS.saveFile, async (event, name, bytes): Promise<SaveResult> => {
    if (!(bytes instanceof Uint8Array)) throw new Error('saveFile expects the bytes as a Uint8Array');
    const filePath = await askWhereToSave(event, safeFileName(name, 'export'));
    if (!filePath) return { saved: false };
    await fs.writeFile(filePath, bytes);
    return { saved: true, path: filePath };
  });

  handle(CHANNELS.notify, (event, title, body) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: text(title, 200), body: text(body, 1000) });
    notification.on('click', () => {
      const win = BrowserWindow.fromWebContents(event.sender);
      if (win?.isMinimized()) win.restore();
      win?.focus();
    });
    notification.show();
  });

  handle(CHANNELS.chooseHost, () => actions.chooseHost());
  handle(CHANNELS.appVersion, () => app.getVersion());
}
