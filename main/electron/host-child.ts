// Starts and stops the host utilityProcess from the main process. The host
// never runs in the main process: better-sqlite3 is synchronous and a long
// report there would freeze every window.
import { utilityProcess } from 'electron';
import type { HostToMain, MainToHost } from './host-process';

export interface HostChild {
  url: string;
  /** Asks the host to close the database cleanly; kills it if it hangs. */
  stop(): Promise<void>;
  /** Called when the host dies on its own after it was ready. */
  onCrash(listener: (code: number) => void): void;
}

const START_TIMEOUT_MS = 120_000; // migrations of a large database take a while
const STOP_TIMEOUT_MS = 10_000;

export function startHostChild(entry: string, env: NodeJS.ProcessEnv): Promise<HostChild> {
  const child = utilityProcess.fork(entry, [], { env, serviceName: 'Clinic CRM host', stdio: 'inherit' });
  let exited = false;
  let stopping = false;
  let crashListener: (code: number) => void = () => {};
  const exitedPromise = new Promise<number>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );

  return new Promise<HostChild>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the host did not answer within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);

    child.on('message', (message: HostToMain) => {
      if (ready) return;
      if (message?.type === 'error') {
        clearTimeout(timer);
        reject(new Error(message.message));
      } else if (message?.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve({
          url: message.url,
          stop: async () => {
            if (exited) return;
            stopping = true;
            child.postMessage({ type: 'shutdown' } satisfies MainToHost);
            const killer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
            await exitedPromise;
            clearTimeout(killer);
          },
          onCrash: (listener) => {
            crashListener = listener;
          },
        });
      }
    });

    void exitedPromise.then((code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the host exited with code ${code} before it was ready`));
      else if (!stopping) crashListener(code);
    });
  });
}
