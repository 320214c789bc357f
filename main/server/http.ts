// The HTTP transport: POST /api/<method> onto the router, /api/events as a
// WebSocket of change events, /api/health, and the renderer's static build.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { HTTP_STATUS, type ApiErrorBody } from '../../shared/api/errors';
import { ApiError } from '../api/errors';
import type { Router } from '../api/router';
import { hashToken, resolveSession } from '../api/auth';
import { schemaVersionOf } from '../db/connection';
import type SQLite from 'better-sqlite3';
import { APP_VERSION } from './version';
import { smsWebhooks } from './sms-webhooks';

export interface HttpOptions {
  router: Router;
  sqlite: SQLite.Database;
  /** Folder of the renderer build; the UI is not served when it is missing. */
  rendererDir: string | null;
  logger?: boolean;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI's emotion injects style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join('; ');

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

export function errorBody(e: unknown): { status: number; body: ApiErrorBody } {
  if (e instanceof ApiError) {
    return { status: HTTP_STATUS[e.code], body: { error: { code: e.code, message: e.message, ...e.extra } } };
  }
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return { status: 409, body: { error: { code: 'conflict', message: 'Such a record already exists' } } };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR') {
    return { status: 503, body: { error: { code: 'internal', message: `The database could not save the change (${code}). Nothing was saved; try again.` } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error: nothing was saved. The host log has the details.' } } };
}

export async function buildHttp(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 120 * 1024 * 1024 });
  const { router } = opts;
  const db = router.host.db;

  app.addHook('onRequest', async (req) => {
    (req as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
  });
  app.addHook('onSend', async (req, reply) => {
    const started = (req as { startedAt?: bigint }).startedAt;
    if (started) reply.header('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)}`);
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
  });

  // Fastify's own refusals (a body that is not JSON, too large, of another
  // type) answer in the API's error shape too, so a client reads one format.
  app.setErrorHandler((e, req, reply) => {
    const fastifyStatus = (e as { statusCode?: number }).statusCode;
    if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
      const body: ApiErrorBody = { error: { code: fastifyStatus === 404 ? 'not_found' : 'invalid_input', message: (e as Error).message } };
      return reply.status(fastifyStatus).send(body);
    }
    req.log.error(e);
    const { status, body } = errorBody(e);
    return reply.status(status).send(body);
  });
  const noRoute = (method: string, url: string): ApiErrorBody => ({ error: { code: 'not_found', message: `No route ${method} ${url}` } });

  await app.register(fastifyWebsocket);

  app.get('/api/health', async () => ({ ok: true, version: APP_VERSION, schemaVersion: schemaVersionOf(opts.sqlite) }));

  // The SMS gateway's callbacks (form bodies, token in the query): their own routes.
  await app.register(smsWebhooks, { router });

  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    try {
      const token = bearer(req.headers.authorization);
      const user = await resolveSession(db, token);
      const result = await router.call(req.params.method, req.body, { user, tokenHash: token ? hashToken(token) : null });
      return reply.send(result ?? null);
    } catch (e) {
      const { status, body } = errorBody(e);
      if (status >= 500) req.log.error(e);
      return reply.status(status).send(body);
    }
  });

  app.get('/api/events', { websocket: true }, async (socket, req) => {
    const token = (req.query as { token?: string }).token ?? null;
    const user = await resolveSession(db, token);
    if (!user) {
      socket.send(JSON.stringify({ type: 'unauthorized' }));
      socket.close(4401, 'unauthorized');
      return;
    }
    socket.send(JSON.stringify({ type: 'hello', seq: router.host.feed.lastSeq }));
    const unsubscribe = router.host.feed.subscribe((e) => socket.send(JSON.stringify(e)));
    // Pings let both ends notice a dead link (cable out, host asleep) quickly.
    const ping = setInterval(() => socket.ping(), 10_000);
    socket.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });

  if (opts.rendererDir && fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.rendererDir, index: 'index.html' });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send(noRoute(req.method, req.url));
      return reply.sendFile('index.html');
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('The user interface is not built. Run `npm run build` and start the host again.'),
    );
    app.setNotFoundHandler((req, reply) => reply.status(404).send(noRoute(req.method, req.url)));
  }
  return app;
}
