// A minimal application menu; the renderer has its own navigation, so this
// only offers what a web page cannot: print, choosing the host, zoom, about.
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { fill, type ShellStrings } from './strings';

function showAbout(t: ShellStrings): void {
  const options = {
    title: t.menuAbout,
    message: `Clinic CRM ${app.getVersion()}`,
    detail: fill(t.aboutDetail, {
      version: app.getVersion(),
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    }),
  };
  const win = BrowserWindow.getFocusedWindow();
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

export function installMenu(t: ShellStrings, actions: { chooseHost(): void }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    // macOS needs the app and Edit menus for Cmd+Q and copy/paste to work.
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.menuFile,
      submenu: [
        {
          label: t.menuPrint,
          accelerator: 'CmdOrCtrl+P',
          click: () => BrowserWindow.getFocusedWindow()?.webContents.print(),
        },
        { label: t.menuChooseHost, click: () => actions.chooseHost() },
        { type: 'separator' },
        { label: t.menuQuit, role: 'quit' },
      ],
    },
    ...(isMac ? [{ role: 'editMenu' as const }] : []),
    {
      label: t.menuView,
      submenu: [
        { label: t.menuReload, role: 'reload' },
        { type: 'separator' },
        { label: t.menuZoomIn, role: 'zoomIn' },
        { label: t.menuZoomOut, role: 'zoomOut' },
        { label: t.menuZoomReset, role: 'resetZoom' },
        { type: 'separator' },
        { label: t.menuDevTools, role: 'toggleDevTools' },
      ],
    },
    { label: t.menuHelp, submenu: [{ label: t.menuAbout, click: () => showAbout(t) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
