// Where this PC's data lives: "this PC is the host" or "connect to the host
// at URL". Remembered in userData so the first-start question is asked once.
import fs from 'node:fs';
import path from 'node:path';

export type DesktopChoice = { mode: 'host' } | { mode: 'client'; hostUrl: string };

// Same as DEFAULT_PORT in main/server/host.ts; not imported so the main
// process bundle does not pull in the server and its native modules.
const HOST_PORT = 4780;
const FILE = 'desktop-choice.json';

/**
 * Accepts what a receptionist types: "192.168.1.10", "clinic-pc:4780" or a
 * full URL. Without a scheme and port the host's default port is assumed.
 * Returns the origin, or null when it is not an http(s) address.
 */
export function normalizeHostUrl(text: string): string | null {
  const typed = text.trim();
  if (!typed) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed);
  try {
    const url = new URL(hasScheme ? typed : `http://${typed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!hasScheme && !url.port) url.port = String(HOST_PORT);
    return url.origin;
  } catch {
    return null;
  }
}

function parseChoice(value: unknown): DesktopChoice | null {
  const v = value as { mode?: unknown; hostUrl?: unknown } | null;
  if (v?.mode === 'host') return { mode: 'host' };
  if (v?.mode === 'client' && typeof v.hostUrl === 'string') {
    const hostUrl = normalizeHostUrl(v.hostUrl);
    return hostUrl ? { mode: 'client', hostUrl } : null;
  }
  return null;
}

/**
 * CLINIC_ELECTRON_MODE=host (or =client with CLINIC_ELECTRON_HOST_URL) wins
 * over the file, so tests and kiosk installs skip the question.
 */
export function readChoice(userData: string, env: NodeJS.ProcessEnv = process.env): DesktopChoice | null {
  if (env.CLINIC_ELECTRON_MODE) {
    const choice = parseChoice({ mode: env.CLINIC_ELECTRON_MODE, hostUrl: env.CLINIC_ELECTRON_HOST_URL });
    if (!choice) throw new Error('CLINIC_ELECTRON_MODE must be "host", or "client" with CLINIC_ELECTRON_HOST_URL set');
    return choice;
  }
  try {
    return parseChoice(JSON.parse(fs.readFileSync(path.join(userData, FILE), 'utf8')));
  } catch {
    return null; // missing or damaged: ask again rather than guess
  }
}

export function saveChoice(userData: string, choice: DesktopChoice): void {
  fs.mkdirSync(userData, { recursive: true });
  const file = path.join(userData, FILE);
  // Write then rename, so a crash mid-write never leaves half a file.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(choice, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function clearChoice(userData: string): void {
  fs.rmSync(path.join(userData, FILE), { force: true });
}
