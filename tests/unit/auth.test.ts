import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, rejection, count, tempDir, type Clinic } from './harness';
import { openDatabase, type OpenedDatabase } from '../../main/db/connection';
import { createRouter } from '../../main/api';
import { Router } from '../../main/api/router';
import { ChangeFeed } from '../../main/api/events';
import { authHandlers, LoginThrottle, resolveSession } from '../../main/api/auth';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
});
afterEach(async () => clinic.close());

const anonymous = { user: null, tokenHash: null };

describe('auth.login', () => {
  it('returns a session for the right password', async () => {
    const s = await clinic.router.call('auth.login', { login: 'reception', password: 'secret' }, anonymous);
    expect(s.user.id).toBe(clinic.users.reception.id);
    expect(s.token.length).toBeGreaterThanOrEqual(32);
    expect(s.idleMinutes).toBe(30);
    expect(await resolveSession(clinic.database.db, s.token)).toMatchObject({ id: clinic.users.reception.id, role: 'reception' });
  });

  it('refuses a wrong password and an unknown login with the same clear message', async () => {
    const wrong = await rejection(clinic.router.call('auth.login', { login: 'reception', password: 'nope' }, anonymous));
    const unknown = await rejection(clinic.router.call('auth.login', { login: 'nobody', password: 'secret' }, anonymous));
    expect(wrong.code).toBe('unauthorized');
    expect(wrong.message).toBe('Wrong login or password');
    expect(unknown.code).toBe('unauthorized');
    expect(unknown.message).toBe(wrong.message);
  });

  it('stores passwords only as argon2id hashes', async () => {
    const rows = await clinic.database.db.selectFrom('users').select(['login', 'password_hash']).execute();
    expect(rows.length).toBe(5);
    for (const r of rows) {
      expect(r.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(r.password_hash).not.toContain('secret');
    }
  });
});

describe('login throttle', () => {
  let t: number;
  let router: Router;
  beforeEach(() => {
    t = Date.parse('2026-03-01T09:00:00Z');
    router = new Router({ db: clinic.database.db, feed: clinic.feed, demo: false }).register(authHandlers(new LoginThrottle(() => t)));
  });
  const login = (password: string) => router.call('auth.login', { login: 'director', password }, anonymous);

  it('refuses the 6th attempt after 5 failures, even with the right password, and the wait grows', async () => {
    for (let i = 0; i < 5; i++) expect((await rejection(login('wrong'))).code).toBe('unauthorized');
    const refused = await rejection(login('secret'));
    expect(refused.code).toBe('too_many_attempts');
    expect(refused.extra.current).toEqual({ retryAfterSeconds: 1 });
    expect(refused.message).toContain('1 s');

    // After the wait another failure doubles it.
    t += 1_000;
    expect((await rejection(login('wrong'))).code).toBe('unauthorized');
    const longer = await rejection(login('secret'));
    expect(longer.code).toBe('too_many_attempts');
    expect(longer.extra.current).toEqual({ retryAfterSeconds: 2 });
    t += 1_500;
    expect(((await rejection(login('secret'))).extra.current as { retryAfterSeconds: number }).retryAfterSeconds).toBe(1);

    t += 500;
    const session = await login('secret');
    expect(session.user.login).toBe('director');

    // The count was reset: five more failures are allowed before a wait.
    for (let i = 0; i < 5; i++) expect((await rejection(login('wrong'))).code).toBe('unauthorized');
    expect((await rejection(login('secret'))).code).toBe('too_many_attempts');
  });

  it('caps the wait at five minutes and counts per login, whatever its case', async () => {
    for (let i = 0; i < 20; i++) {
      await rejection(login('wrong'));
      t += 10 * 60_000;
    }
    t -= 10 * 60_000;
    expect((await rejection(login('secret'))).extra.current).toEqual({ retryAfterSeconds: 300 });
    const upper = await rejection(router.call('auth.login', { login: 'DIRECTOR', password: 'secret' }, anonymous));
    expect(upper.code).toBe('too_many_attempts');
    // Another login is not affected.
    expect((await router.call('auth.login', { login: 'doctor', password: 'secret' }, anonymous)).user.login).toBe('doctor');
  });
});

describe('resolveSession', () => {
  it('drops a session idle longer than the clinic setting, and keeps one within it', async () => {
    await clinic.call('director', 'settings.update', { sessionIdleMinutes: 10 });
    const { db } = clinic.database;
    const s = await clinic.router.call('auth.login', { login: 'doctor', password: 'secret' }, anonymous);
    expect(s.idleMinutes).toBe(10);
    const row = await db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow();
    const seen = Date.parse(row.last_seen_at);
    expect(seen).not.toBeNaN();

    expect(await resolveSession(db, s.token, seen + 9 * 60_000)).toMatchObject({ id: clinic.users.doctor.id });
    // That use moved last_seen_at forward, so 10 minutes after the start it is still alive.
    expect(await resolveSession(db, s.token, seen + 18 * 60_000)).toMatchObject({ id: clinic.users.doctor.id });
    expect(await db.selectFrom('sessions').select('token_hash').execute()).toHaveLength(1);

    expect(await resolveSession(db, s.token, seen + 29 * 60_000)).toBeNull();
    expect(await db.selectFrom('sessions').select('token_hash').execute()).toHaveLength(0);
    expect(await resolveSession(db, s.token, seen + 18 * 60_000)).toBeNull();
  });

  it('knows no unknown token, no missing token and no session of a deactivated user', async () => {
    const { db } = clinic.database;
    expect(await resolveSession(db, null)).toBeNull();
    expect(await resolveSession(db, 'made-up')).toBeNull();
    const s = await clinic.router.call('auth.login', { login: 'doctor', password: 'secret' }, anonymous);
    await db.updateTable('users').set({ active: 0 }).where('id', '=', clinic.users.doctor.id).execute();
    expect(await resolveSession(db, s.token)).toBeNull();
  });
});

describe('first administrator', () => {
  let dir: string;
  let bare: OpenedDatabase;
  beforeEach(async () => {
    dir = tempDir();
    bare = await openDatabase(path.join(dir, 'clinic.sqlite'));
  });
  afterEach(async () => {
    await bare.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is created only while there is no user at all', async () => {
    const router = createRouter({ db: bare.db, feed: new ChangeFeed(), demo: false });
    expect(await router.call('auth.status', {}, anonymous)).toEqual({ needsFirstAdmin: true, demo: false });

    const s = await router.call('auth.createFirstAdmin', { login: 'boss', password: 'correct horse', fullName: 'Главврач' }, anonymous);
    expect(s.user).toMatchObject({ login: 'boss', role: 'admin', fullName: 'Главврач' });
    expect(await resolveSession(bare.db, s.token)).toMatchObject({ login: 'boss' });
    const row = await bare.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain('correct horse');
    expect(await router.call('auth.status', {}, anonymous)).toEqual({ needsFirstAdmin: false, demo: false });

    const again = await rejection(router.call('auth.createFirstAdmin', { login: 'intruder', password: 'pass1234', fullName: 'X' }, anonymous));
    expect(again.code).toBe('forbidden');
    expect(await bare.db.selectFrom('users').select('login').execute()).toEqual([{ login: 'boss' }]);
  });
});

describe('users.create', () => {
  const newUser = { login: 'frontdesk2', password: 'desk-pass', fullName: 'Анна Регистратор', role: 'reception' as const };

  it('lets a director create a reception user, audited', async () => {
    const u = await clinic.call('director', 'users.create', newUser);
    expect(u).toMatchObject({ login: 'frontdesk2', role: 'reception', active: true, branchId: null });
    const row = await clinic.database.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(clinic.users.director.id);
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain('desk-pass');
    const audit = await clinic.database.db.selectFrom('audit_log').selectAll().where('method', '=', 'users.create').execute();
    expect(audit).toEqual([expect.objectContaining({ user_id: clinic.users.director.id, entity_id: u.id })]);
    expect(audit[0].after).not.toContain('desk-pass');
    const s = await clinic.router.call('auth.login', { login: 'frontdesk2', password: 'desk-pass' }, anonymous);
    expect(s.user.id).toBe(u.id);
  });

  it('is refused to reception, and an admin is created only by an admin', async () => {
    const before = await count(clinic, 'users');
    expect((await rejection(clinic.call('reception', 'users.create', newUser))).code).toBe('forbidden');
    const admin = await rejection(clinic.call('director', 'users.create', { ...newUser, role: 'admin' }));
    expect(admin.code).toBe('forbidden');
    expect(await count(clinic, 'users')).toBe(before);
    expect((await clinic.call('admin', 'users.create', { ...newUser, role: 'admin' })).role).toBe('admin');
  });

  it('refuses a duplicate login with a conflict naming login', async () => {
    const before = await count(clinic, 'users');
    const err = await rejection(clinic.call('director', 'users.create', { ...newUser, login: 'doctor' }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('login');
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['login']);
    expect(await count(clinic, 'users')).toBe(before);
  });

  it('rejects an unknown role naming role', async () => {
    const err = await rejection(clinic.call('director', 'users.create', { ...newUser, role: 'janitor' } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['role']);
    expect(err.message).toContain('role');
  });
});
