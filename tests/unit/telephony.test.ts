// The incoming call card over the real host: HTTP for the PBX's report and
// the host's /api/events WebSocket for the workstation that shows the card.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from './harness';
import { startHost, type RunningHost } from '../../main/server/host';
import { createUser } from '../../main/api/auth';
import type { Session } from '../../shared/api/auth';
import type { IncomingCallCard } from '../../shared/api/telephony';

let dir: string;
let host: RunningHost;
let desk: string;
let director: string;
let patientId: number;

async function post<T>(method: string, body: unknown, token?: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

function messages(ws: WebSocket) {
  const queue: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  return (ms = 5000) =>
    new Promise<unknown>((resolve, reject) => {
      if (queue.length) return resolve(queue.shift());
      const timer = setTimeout(() => reject(new Error('no message')), ms);
      waiting.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
}

beforeAll(async () => {
  dir = tempDir();
  host = await startHost({ dataDir: dir, port: 0, host: '127.0.0.1', rendererDir: null, backups: false, taskRules: false });
  const { db } = host.database;
  const branchId = (await db.insertInto('branches').values({ name: 'Центр', city: 'Москва' }).returning('id').executeTakeFirstOrThrow()).id;
  await createUser(db, { login: 'desk', password: 'desk-pass', fullName: 'Регистратура', role: 'reception', branchId }, null);
  await createUser(db, { login: 'boss', password: 'boss-pass', fullName: 'Директор', role: 'director' }, null);
  desk = (await post<Session>('auth.login', { login: 'desk', password: 'desk-pass' })).json.token;
  director = (await post<Session>('auth.login', { login: 'boss', password: 'boss-pass' })).json.token;
  const sourceId = (await db.insertInto('sources').values({ code: 'site', name: 'Сайт' }).returning('id').executeTakeFirstOrThrow()).id;
  patientId = (await post<{ id: number }>('patients.create', { lastName: 'Петрова', firstName: 'Ольга', phone: '+7 916 123-45-67', sourceId }, desk)).json.id;
  await post('tasks.create', { kind: 'call', patientId, dueAt: '2026-12-01T10:00' }, desk);
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('telephony.incoming', () => {
  it('a known caller: the event reaches an open window, which reads the card', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${encodeURIComponent(desk)}`);
    const next = messages(ws);
    expect(await next()).toMatchObject({ type: 'hello' });
    const r = await post<{ callId: number; known: boolean }>('telephony.incoming', { phone: '8 916 123 45 67' }, desk);
    expect(r).toEqual({ status: 200, json: { callId: expect.any(Number), known: true } });
    expect(await next()).toMatchObject({ type: 'changed', entity: 'calls', op: 'incoming', id: r.json.callId });
    const card = await post<IncomingCallCard>('telephony.card', { callId: r.json.callId }, desk);
    expect(card.json).toMatchObject({ phone: '8 916 123 45 67', phoneE164: '+79161234567' });
    expect(card.json.patients).toEqual([
      expect.objectContaining({ id: patientId, name: 'Петрова Ольга', debt: 0, lastVisit: null, nextBooking: null, openTasks: [expect.objectContaining({ kind: 'call', dueAt: '2026-12-01T10:00' })] }),
    ]);
    ws.close();
  });

  it('the PBX with its token; an unknown number has no patient; without a token or with a wrong one: 401', async () => {
    expect((await post('telephony.incoming', { phone: '+79160000000' })).status).toBe(401);
    expect((await post('telephony.incoming', { phone: '+79160000000' }, 'not-the-token')).status).toBe(401);
    const { token } = (await post<{ token: string }>('telephony.newToken', {}, director)).json;
    expect((await post('telephony.newToken', {}, desk)).status).toBe(403);
    const r = await post<{ callId: number; known: boolean }>('telephony.incoming', { phone: '+7 916 000-00-00' }, token);
    expect(r.json.known).toBe(false);
    const card = await post<IncomingCallCard>('telephony.card', { callId: r.json.callId }, desk);
    expect(card.json.patients).toEqual([]);
    expect(card.json.phoneE164).toBe('+79160000000');
    const bad = await post<{ error: { issues: Array<{ path: string }> } }>('telephony.incoming', { phone: '' }, token);
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i) => i.path)).toEqual(['phone']);
    // The token is not a session: it reads nothing.
    expect((await post('telephony.card', { callId: r.json.callId }, token)).status).toBe(401);
  });
});
