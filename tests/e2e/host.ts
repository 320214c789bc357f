// The host the browser tests talk to: a fresh small demo clinic in a temp
// folder, on the port the Playwright config picked. Its clock runs from
// 11:00 today, whenever CI runs, so the working-hours rules behave the same
// at any hour; two extra therapists (A and B) work round the clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoDatabase } from '../../main/demo/demo-clinic';
import { databaseFile, startHost } from '../../main/server/host';
import { openDatabase } from '../../main/db/connection';
import { createUser } from '../../main/api/auth';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-'));
const file = databaseFile(dataDir);
await generateDemoDatabase(file, { size: 'small', seed: 7 });

const database = await openDatabase(file);
for (const [login, fullName] of [['e2e-a', 'Аверин Андрей (E2E)'], ['e2e-b', 'Белкина Вера (E2E)']]) {
  const doctor = await createUser(database.db, { login, password: 'demo', fullName, role: 'doctor', specialty: 'therapist', branchId: 1 }, null);
  await database.db
    .insertInto('doctor_shifts')
    .values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ doctor_id: doctor.id, weekday, start_time: '00:00', end_time: '23:59', branch_id: 1 })))
    .execute();
}
await database.close();

const started = Date.now();
const eleven = new Date();
eleven.setHours(11, 0, 0, 0);
const host = await startHost({
  dataDir,
  port: Number(process.env.E2E_PORT),
  host: '127.0.0.1',
  backups: false,
  now: () => new Date(eleven.getTime() + (Date.now() - started)),
});
console.log(`e2e host at ${host.url} on ${dataDir}`);
const stop = async () => {
  await host.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
