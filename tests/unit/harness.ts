// A real clinic database in a temp folder with one user per role, and the
// real router: what unit tests call the API through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../main/db/connection';
import { createRouter } from '../../main/api';
import { ChangeFeed } from '../../main/api/events';
import { hashPassword, toUser } from '../../main/api/auth';
import type { Router } from '../../main/api/router';
import { LocalReportRunner } from '../../main/reports/runner';
import type { InputOf, MethodName, OutputOf } from '../../shared/api';
import type { User } from '../../shared/api/auth';
import { ROLES, type Role } from '../../shared/domain/roles';

export interface Clinic {
  dir: string;
  database: OpenedDatabase;
  router: Router;
  feed: ChangeFeed;
  users: Record<Role, User>;
  sourceId: number;
  branchId: number;
  call<M extends MethodName>(role: Role, method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  /** Stops the host's clock at a local wall-clock time (2026-11-25T09:00). */
  setNow(local: string): void;
  close(): Promise<void>;
}

export function tempDir(prefix = 'clinic-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let testPasswordHash: Promise<string> | null = null;

export async function makeClinic(): Promise<Clinic> {
  const dir = tempDir();
  const database = await openDatabase(path.join(dir, 'clinic.sqlite'));
  const feed = new ChangeFeed();
  let now: Date | null = null;
  const reports = new LocalReportRunner(database.file);
  const router = createRouter({ db: database.db, feed, demo: false, now: () => now ?? new Date(), reports });
  const { db } = database;
  const branchId = (await db.insertInto('branches').values({ name: 'Центр', city: 'Москва' }).returning('id').executeTakeFirstOrThrow()).id;
  const sourceId = (await db.insertInto('sources').values({ code: 'website', name: 'Сайт' }).returning('id').executeTakeFirstOrThrow()).id;
  // One argon2 hash per test process: hashing is deliberately slow.
  testPasswordHash ??= hashPassword('secret');
  const passwordHash = await testPasswordHash;
  const users = {} as Record<Role, User>;
  for (const role of ROLES) {
    const row = await db
      .insertInto('users')
      .values({ login: role, password_hash: passwordHash, full_name: `User ${role}`, role, branch_id: branchId })
      .returningAll()
      .executeTakeFirstOrThrow();
    users[role] = toUser(row);
  }
  return {
    dir,
    database,
    router,
    feed,
    users,
    sourceId,
    branchId,
    call: (role, method, input) => router.call(method, input, { user: users[role], tokenHash: null }),
    setNow: (local) => {
      now = new Date(local);
    },
    close: async () => {
      await reports.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rejection of a promise, for asserting on error codes and fields. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; extra: { issues?: Array<{ path: string }>; current?: unknown; reason?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

export async function count(clinic: Clinic, table: 'patients' | 'audit_log' | 'sources' | 'users'): Promise<number> {
  const r = await clinic.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
