// First-start question: "this PC holds the database" or "connect to the host
// at …". A script-free page whose form "navigates" to a reserved .invalid URL;
// we read the answer from that navigation and cancel it, so this window needs
// no preload and no IPC at all.
import { BrowserWindow } from 'electron';
import { normalizeHostUrl, type DesktopChoice } from './choice';
import { secureWebPreferences } from './security';
import { fill, type ShellStrings } from './strings';

const ANSWER_URL = 'https://clinic-setup.invalid/choose';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function setupPage(t: ShellStrings, lang: string, typed: string, error: string): string {
  const e = escapeHtml;
  return `<!doctype html><html lang="${e(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${ANSWER_URL}">
<title>${e(t.setupTitle)}</title>
<style>
body{font:15px system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 16px}
fieldset{border:1px solid #ccc;border-radius:8px;padding:12px 16px;margin:0 0 16px}
p{margin:6px 0;color:#555}
button{font:inherit;padding:6px 14px;cursor:pointer}
input{font:inherit;padding:5px;width:70%}
.error{color:#b00020}
</style></head><body>
<h1>${e(t.setupQuestion)}</h1>
<!-- Two forms: Enter in the address field must mean "connect", not "host". -->
<form method="get" action="${ANSWER_URL}"><input type="hidden" name="mode" value="host">
<fieldset><button>${e(t.setupHost)}</button>
<p>${e(t.setupHostHint)}</p></fieldset></form>
<form method="get" action="${ANSWER_URL}"><input type="hidden" name="mode" value="client">
<fieldset><label for="url">${e(t.setupClient)}</label><br>
<input id="url" name="url" required placeholder="192.168.1.10:4780" value="${e(typed)}" autofocus>
<button>${e(t.setupConnect)}</button>
<p>${e(t.setupClientHint)}</p>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}</fieldset></form>
</body></html>`;
}

/**
 * Shows the question until it is answered; null when the window is closed.
 * `checkHost` returns why a typed host is unusable, or null when it answers.
 */
export function askWhereDataLives(
  t: ShellStrings,
  lang: string,
  checkHost: (url: string) => Promise<string | null>,
): Promise<DesktopChoice | null> {
  const win = new BrowserWindow({
    width: 600,
    height: 460,
    title: t.setupTitle,
    autoHideMenuBar: true,
    show: false,
    webPreferences: secureWebPreferences(),
  });
  const show = (typed: string, error: string) =>
    win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(setupPage(t, lang, typed, error))}`);
  win.once('ready-to-show', () => win.show());

  return new Promise((resolve) => {
    let answered = false;
    const finish = (choice: DesktopChoice) => {
      answered = true;
      resolve(choice);
      win.close();
    };
    // The same event security.ts cancels, so both listeners always see it.
    win.webContents.on('will-frame-navigate', async (event) => {
      if (!event.isMainFrame || !event.url.startsWith(`${ANSWER_URL}?`)) return;
      event.preventDefault();
      const params = new URL(event.url).searchParams;
      if (params.get('mode') === 'host') return finish({ mode: 'host' });
      const typed = params.get('url') ?? '';
      const hostUrl = normalizeHostUrl(typed);
      if (!hostUrl) return void show(typed, fill(t.badAddress, { url: typed }));
      const problem = await checkHost(hostUrl);
      if (win.isDestroyed()) return;
      if (problem) return void show(typed, fill(t.noAnswer, { url: hostUrl, reason: problem }));
      finish({ mode: 'client', hostUrl });
    });
    win.on('closed', () => {
      if (!answered) resolve(null);
    });
    void show('', '');
  });
}
