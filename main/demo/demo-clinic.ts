// A demo database: the synthetic clinic plus the documented demo logins
// (password "demo"). Only demo databases ever get these accounts.
import fs from 'node:fs';
import type { Role } from '../../shared/domain/roles';
import { openDatabase } from '../db/connection';
import { createUser, hashPassword } from '../api/auth';
import { writeSetting } from '../api/settings';
import { rebuildBalances } from '../api/balances';
import { rebuildVisitSummaries } from '../api/visit-summaries';
import { deriveWeeklyShifts } from './weekly-shifts';
import { generateClinic, type ClinicSize, type GenerateSummary } from './generate';

export const DEMO_PASSWORD = 'demo';

export const DEMO_USERS: Array<{ login: string; fullName: string; role: Role; specialty?: string }> = [
  { login: 'director', fullName: 'Соколова Анна Сергеевна', role: 'director' },
  { login: 'reception', fullName: 'Белова Ольга Петровна', role: 'reception' },
  { login: 'doctor', fullName: 'Орлов Иван Николаевич', role: 'doctor', specialty: 'therapist' },
  { login: 'callcenter', fullName: 'Киселёва Мария Ивановна', role: 'callcenter' },
];

export async function generateDemoDatabase(
  file: string,
  opts: { size: ClinicSize; seed: number; onProgress?: (m: string) => void },
): Promise<GenerateSummary> {
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose another file`);
  const database = await openDatabase(file);
  try {
    const summary = await generateClinic(database.sqlite, { size: opts.size, seed: opts.seed, onProgress: opts.onProgress });
    // The generator writes history with raw statements; summaries are derived once here.
    await rebuildBalances(database.db);
    await rebuildVisitSummaries(database.db);
    deriveWeeklyShifts(database.sqlite);
    for (const u of DEMO_USERS) {
      // The demo doctor signs in as one of the generated therapists, so their
      // schedule, queue and history are real.
      const therapist = u.role === 'doctor'
        ? await database.db.selectFrom('users').select('id').where('role', '=', 'doctor').where('specialty', '=', u.specialty ?? '').orderBy('id').executeTakeFirst()
        : undefined;
      if (therapist) {
        await database.db.updateTable('users').set({ login: u.login, password_hash: await hashPassword(DEMO_PASSWORD) }).where('id', '=', therapist.id).execute();
      } else {
        await createUser(database.db, { ...u, password: DEMO_PASSWORD, branchId: 1, specialty: u.specialty ?? null }, null);
      }
    }
    await writeSetting(database.db, 'demo', true);
    return summary;
  } finally {
    await database.close();
  }
}
