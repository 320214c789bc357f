import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from './harness';
import { startHost, type RunningHost } from '../../main/server/host';
import { createUser } from '../../main/api/auth';
import { APP_VERSION } from '../../main/server/version';
import { latestSchemaVersion } from '../../main/db/migrations';
import type { ApiErrorBody } from '../../shared/api/errors';
import type { Session, User } from '../../shared/api/auth';
import type { Patient } from '../../shared/api/patients';

let dir: string;
let host: RunningHost;
let sourceId: number;
let receptionToken: string;
let doctorToken: string;

/** POSTs to the API; the body type is what a test expects back (an error body by default). */
async function post<T = ApiErrorBody>(method: string, body: unknown, token?: string): Promise<{ status: number; json: T; headers: Headers }> {
  const res = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

async function patientCount(): Promise<number> {
  const r = await host.database.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Collects a socket's JSON messages; `next()` waits for the next one. */
function listen(ws: WebSocket) {
  const queue: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return {
    closed,
    next: (ms = 5000) =>
      new Promise<unknown>((resolve, reject) => {
        if (queue.length) return resolve(queue.shift());
        const timer = setTimeout(() => reject(new Error('no message')), ms);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
  };
}

const patient = () => ({ lastName: 'Кузнецова', firstName: 'Мария', phone: '+7 916 000-11-22', sourceId });

beforeAll(async () => {
  dir = tempDir();
  host = await startHost({ dataDir: dir, port: 0, host: '127.0.0.1', rendererDir: null, backups: false });
  const { db } = host.database;
  await createUser(db, { login: 'desk', password: 'desk-pass', fullName: 'Регистратура', role: 'reception' }, null);
  await createUser(db, { login: 'doc', password: 'doc-pass', fullName: 'Врач', role: 'doctor' }, null);
  sourceId = (await db.insertInto('sources').values({ code: 'walk_in', name: 'Сам пришёл' }).returning('id').executeTakeFirstOrThrow()).id;
  receptionToken = (await post<Session>('auth.login', { login: 'desk', password: 'desk-pass' })).json.token;
  doctorToken = (await post<Session>('auth.login', { login: 'doc', password: 'doc-pass' })).json.token;
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTP API', () => {
  it('listens on a real port and answers the health check', async () => {
    expect(host.port).toBeGreaterThan(0);
    const res = await fetch(`${host.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: APP_VERSION, schemaVersion: latestSchemaVersion });
    expect(res.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d+)?$/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('signs in with a login and password, and refuses a wrong one with 401', async () => {
    expect(typeof receptionToken).toBe('string');
    const me = await post<User>('auth.me', {}, receptionToken);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ login: 'desk', role: 'reception' });
    const wrong = await post('auth.login', { login: 'desk', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toEqual({ code: 'unauthorized', message: 'Wrong login or password' });
  });

  it('answers 401 without a token, and says the session expired for an unknown one', async () => {
    const none = await post('patients.search', { query: '' });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const bogus = await post('patients.search', { query: '' }, 'not-a-real-token');
    expect(bogus.status).toBe(401);
    expect(bogus.json.error.code).toBe('unauthorized');
    expect(bogus.json.error.message).toMatch(/session has expired/i);
  });

  it('answers 404 for an unknown method', async () => {
    const res = await post('patients.explode', {}, receptionToken);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
    expect(res.json.error.message).toContain('patients.explode');
  });

  it('answers in the API error shape to a body that is not JSON and to an unknown route', async () => {
    const res = await fetch(`${host.url}/api/patients.search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${receptionToken}` },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiErrorBody).error).toEqual({ code: 'invalid_input', message: expect.stringMatching(/JSON/) });
    const get = await fetch(`${host.url}/api/patients.search`);
    expect(get.status).toBe(404);
    expect(((await get.json()) as ApiErrorBody).error.code).toBe('not_found');
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const before = await patientCount();
    const res = await post('patients.create', { ...patient(), birthDate: '1990-13-45' }, receptionToken);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    expect(res.json.error.issues!.map((i) => i.path)).toEqual(['birthDate']);
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    expect(await patientCount()).toBe(before);
  });

  it('answers 403 to a role that may not call the method', async () => {
    const before = await patientCount();
    const res = await post('patients.create', patient(), doctorToken);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('forbidden');
    expect(await patientCount()).toBe(before);
  });

  it('answers 409 with the current record to a stale edit', async () => {
    const created = await post<Patient>('patients.create', { ...patient(), phone: '+7 916 000-33-44', lastName: 'Орлова' }, receptionToken);
    expect(created.status).toBe(200);
    const p = created.json;
    const first = await post<Patient>('patients.update', { id: p.id, updatedAt: p.updatedAt, city: 'Тула' }, receptionToken);
    expect(first.status).toBe(200);
    const stale = await post('patients.update', { id: p.id, updatedAt: p.updatedAt, city: 'Омск' }, doctorToken);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('conflict');
    expect(stale.json.error.current).toMatchObject({ id: p.id, city: 'Тула', updatedAt: first.json.updatedAt });
  });
});

describe('/api/events', () => {
  it('greets a signed-in client and pushes the change another client makes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${encodeURIComponent(doctorToken)}`);
    const messages = listen(ws);
    expect(await messages.next()).toMatchObject({ type: 'hello', seq: expect.any(Number) });

    const created = await post<Patient>('patients.create', { ...patient(), phone: '+7 916 000-55-66', lastName: 'Белова' }, receptionToken);
    expect(created.status).toBe(200);
    expect(await messages.next()).toMatchObject({ type: 'changed', entity: 'patients', op: 'create', id: created.json.id });
    ws.close();
    await messages.closed;
  });

  it('tells a client with a bad token it is unauthorized and closes the socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=bogus`);
    const messages = listen(ws);
    expect(await messages.next()).toEqual({ type: 'unauthorized' });
    expect(await messages.closed).toBe(4401);
  });

  it('treats a socket without a token the same way', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`);
    const messages = listen(ws);
    expect(await messages.next()).toEqual({ type: 'unauthorized' });
    expect(await messages.closed).toBe(4401);
  });
});
