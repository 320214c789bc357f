// The host the browser tests talk to: a fresh small demo clinic in a temp
// folder, on the port the Playwright config picked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoDatabase } from '../../main/demo/demo-clinic';
import { databaseFile, startHost } from '../../main/server/host';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-'));
await generateDemoDatabase(databaseFile(dataDir), { size: 'small', seed: 7 });
const host = await startHost({ dataDir, port: Number(process.env.E2E_PORT), host: '127.0.0.1', backups: false });
console.log(`e2e host at ${host.url} on ${dataDir}`);
const stop = async () => {
  await host.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
