// Entry of the Electron utilityProcess that runs the host (HTTP + SQLite), so
// a long query never blocks the windows. Bundled to dist/electron/host-process.js:
// that file sits two folders below the app root like main/server/host.ts, so
// the host's import.meta.url-relative paths (dist/renderer, package.json) still
// resolve. Also runs under plain Node (`node dist/electron/host-process.js`),
// printing its messages instead of posting them.
import { hostOptionsFromEnv, startHost, type RunningHost } from '../server/host';

export type HostToMain = { type: 'ready'; url: string } | { type: 'error'; message: string };
export type MainToHost = { type: 'shutdown' };

// Typed as always present by Electron, but undefined outside a utilityProcess.
const parentPort = process.parentPort as Electron.ParentPort | undefined;

function tell(message: HostToMain): void {
  if (parentPort) parentPort.postMessage(message);
  else console.log(JSON.stringify(message));
}

async function run(): Promise<void> {
  let host: RunningHost;
  try {
    host = await startHost({ ...hostOptionsFromEnv(), logger: process.env.CLINIC_LOG === '1' });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`[host] failed to start: ${message}`);
    tell({ type: 'error', message });
    // Give the message a moment to cross to the main process before exiting.
    setTimeout(() => process.exit(1), 200);
    return;
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      // Closing checkpoints the WAL and finishes in-flight writes.
      await host.close();
    } finally {
      process.exit(0);
    }
  };
  parentPort?.on('message', (event) => {
    if ((event.data as MainToHost | undefined)?.type === 'shutdown') void shutdown();
  });
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  tell({ type: 'ready', url: host.url });
}

void run();
