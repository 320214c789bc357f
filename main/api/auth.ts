// Sign-in, sessions and users. Passwords are hashed with argon2id (memory
// hard); tokens are random and only their SHA-256 is stored, so a copy of the
// database does not hand out live sessions.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Session, User } from '../../shared/api/auth';
import type { Role } from '../../shared/domain/roles';
import type { Db } from '../db/connection';
import type { UserRow } from '../db/schema';
import { ApiError } from './errors';
import type { Handlers } from './router';
import { readFlag, readSettings } from './settings';

/** After this many failures in a row a login must wait before trying again. */
const FREE_ATTEMPTS = 5;
const MAX_WAIT_MS = 5 * 60_000;
/** last_seen_at is written at most this often, to keep reads free of fsyncs. */
const TOUCH_EVERY_MS = 30_000;

export function toUser(row: Pick<UserRow, 'id' | 'login' | 'full_name' | 'role' | 'specialty' | 'branch_id' | 'active'>): User {
  return {
    id: row.id,
    login: row.login,
    fullName: row.full_name,
    role: row.role as Role,
    specialty: row.specialty,
    branchId: row.branch_id,
    active: row.active === 1,
  };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Slows down guessing: per login, a growing wait after FREE_ATTEMPTS failures in a row. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  check(login: string): void {
    const f = this.failures.get(login.toLowerCase());
    if (f && f.until > this.now()) {
      const seconds = Math.ceil((f.until - this.now()) / 1000);
      throw new ApiError('too_many_attempts', `Too many failed sign-ins for this login. Try again in ${seconds} s.`, {
        current: { retryAfterSeconds: seconds },
      });
    }
  }

  fail(login: string): void {
    const key = login.toLowerCase();
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const wait = count >= FREE_ATTEMPTS ? Math.min(MAX_WAIT_MS, 1000 * 2 ** (count - FREE_ATTEMPTS)) : 0;
    this.failures.set(key, { count, until: this.now() + wait });
  }

  succeed(login: string): void {
    this.failures.delete(login.toLowerCase());
  }
}

async function openSession(db: Db, user: User): Promise<Session> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: user.id }).execute();
  const { sessionIdleMinutes } = await readSettings(db);
  return { token, user, idleMinutes: sessionIdleMinutes };
}

/**
 * Finds the user behind a bearer token, or null when the token is unknown or
 * the session has been idle longer than the clinic's setting (then it is removed).
 */
export async function resolveSession(db: Db, token: string | null, now = Date.now()): Promise<User | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.last_seen_at', 'users.id', 'users.login', 'users.full_name', 'users.role', 'users.specialty', 'users.branch_id', 'users.active'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.active !== 1) return null;
  const { sessionIdleMinutes } = await readSettings(db);
  const idleMs = now - Date.parse(row.last_seen_at);
  if (idleMs > sessionIdleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('token_hash', '=', tokenHash).execute();
  }
  return toUser(row);
}

export async function createUser(
  db: Db,
  input: { login: string; password: string; fullName: string; role: Role; specialty?: string | null; branchId?: number | null },
  createdBy: number | null,
): Promise<User> {
  const exists = await db.selectFrom('users').select('id').where('login', '=', input.login).executeTakeFirst();
  if (exists) throw new ApiError('conflict', `login: a user "${input.login}" already exists`, { issues: [{ path: 'login', message: 'already exists' }] });
  const row = await db
    .insertInto('users')
    .values({
      login: input.login,
      password_hash: await hashPassword(input.password),
      full_name: input.fullName,
      role: input.role,
      specialty: input.specialty ?? null,
      branch_id: input.branchId ?? null,
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export function authHandlers(throttle: LoginThrottle): Handlers {
  return {
    'auth.login': async (ctx, { login, password }) => {
      throttle.check(login);
      const row = await ctx.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
      // Verify against a dummy hash when the login is unknown, so timing does not tell which logins exist.
      const ok = row && row.active === 1 ? await verify(row.password_hash, password) : (await verify(await dummy(), password), false);
      if (!row || !ok) {
        throttle.fail(login);
        throw new ApiError('unauthorized', 'Wrong login or password');
      }
      throttle.succeed(login);
      return openSession(ctx.db, toUser(row));
    },
    'auth.logout': async (ctx) => {
      if (ctx.tokenHash) await ctx.db.deleteFrom('sessions').where('token_hash', '=', ctx.tokenHash).execute();
      return { ok: true as const };
    },
    'auth.me': async (ctx) => ctx.user!,
    'auth.status': async (ctx) => {
      const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      return { needsFirstAdmin: !any, demo: await readFlag(ctx.db, 'demo') };
    },
    'auth.createFirstAdmin': async (ctx, input) => {
      const any = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (any) throw new ApiError('forbidden', 'The first administrator already exists: sign in instead');
      const user = await createUser(ctx.db, { ...input, role: 'admin' }, null);
      ctx.audit({ entity: 'users', entityId: user.id, after: { login: user.login, role: user.role } });
      return openSession(ctx.db, user);
    },
    'users.list': async (ctx) => (await ctx.db.selectFrom('users').selectAll().orderBy('full_name').execute()).map(toUser),
    'users.create': async (ctx, input) => {
      if (input.role === 'admin' && ctx.user!.role !== 'admin') {
        throw new ApiError('forbidden', 'Only an administrator may create another administrator');
      }
      const user = await createUser(ctx.db, input, ctx.user!.id);
      ctx.audit({ entity: 'users', entityId: user.id, after: { login: user.login, role: user.role, fullName: user.fullName } });
      ctx.emit('users', user.id, 'create');
      return user;
    },
  };
}

// A hash of a random string, used only to spend the same time on unknown logins.
let dummyHash: Promise<string> | null = null;
function dummy(): Promise<string> {
  dummyHash ??= hash(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}
