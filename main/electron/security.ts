// Every Electron hardening rule in one place (after Actual Budget's
// desktop-electron/security.ts): the UI is a web page served over HTTP by a
// host on the LAN, so the window must treat it as untrusted-ish content and
// allow nothing beyond what the preload bridge offers.
import { app, type Session, type WebPreferences } from 'electron';

let trustedOrigin: string | null = null;

/** The one origin windows may show and IPC may come from: the host's. */
export function trustOrigin(url: string | null): void {
  trustedOrigin = url ? new URL(url).origin : null;
}

export function isTrustedUrl(url: string | undefined | null): boolean {
  if (!url || !trustedOrigin) return false;
  try {
    return new URL(url).origin === trustedOrigin;
  } catch {
    return false;
  }
}

export function secureWebPreferences(preload?: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Hooks every webContents ever created, so no window can miss the rules. */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    // New windows would escape the navigation limit and the trusted origin.
    contents.setWindowOpenHandler(({ url }) => {
      console.warn(`[security] blocked window.open(${url})`);
      return { action: 'deny' };
    });
    // will-frame-navigate covers the main frame and iframes; will-redirect
    // covers a trusted URL answering with a redirect elsewhere.
    contents.on('will-frame-navigate', (event) => {
      if (!isTrustedUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isTrustedUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Call once the app is ready (sessions do not exist before). */
export function hardenSession(session: Session): void {
  // Deny camera, geolocation, notifications, etc. The one exception is the
  // sanitized clipboard write from the host's own page, so "copy phone"
  // buttons work; nothing can read the clipboard.
  const allowed = (permission: string, url: string | undefined): boolean =>
    permission === 'clipboard-sanitized-write' && isTrustedUrl(url);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
