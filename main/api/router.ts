// The API is a table of methods. The router validates input with the
// method's zod schema, authorizes by role, runs writes in one short
// BEGIN IMMEDIATE transaction together with their audit records, and
// publishes change events only after the commit. Every transport (HTTP, CLI)
// calls `Router.call`, so the rules hold the same everywhere.
import { sql } from 'kysely';
import { z } from 'zod';
import { contracts, type MethodName, type OutputOf, type ParsedInputOf } from '../../shared/api';
import type { User } from '../../shared/api/auth';
import type { Db } from '../db/connection';
import { ApiError } from './errors';
import type { AuditEntry } from './audit';
import type { ChangeFeed } from './events';
import type { ReportRunner } from '../reports/runner';

export interface HostContext {
  /** The writer connection. */
  db: Db;
  feed: ChangeFeed;
  /** Demo databases only: shown on the sign-in page with the demo logins. */
  demo: boolean;
  /** The clock; tests set it to stand at a chosen moment. */
  now?: () => Date;
  /** Where reports run: worker threads on the host, in-process in tests and the CLI. */
  reports?: ReportRunner;
}

export interface Ctx {
  db: Db;
  host: HostContext;
  user: User | null;
  /** Hash of the caller's bearer token, for auth.logout. */
  tokenHash: string | null;
  method: MethodName;
  audit(entry: AuditEntry): void;
  emit(entity: string, id: number | null, op: string): void;
}

export type Handler<M extends MethodName> = (ctx: Ctx, input: ParsedInputOf<M>) => Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

export interface Caller {
  user: User | null;
  tokenHash: string | null;
}

export class Router {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(readonly host: HostContext) {}

  register(handlers: Handlers): this {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!(name in contracts)) throw new Error(`No contract for method ${name}`);
      if (this.handlers.has(name as MethodName)) throw new Error(`Method ${name} registered twice`);
      this.handlers.set(name as MethodName, handler as Handler<MethodName>);
    }
    return this;
  }

  /** The names with a contract but no handler: a start-up check. */
  missing(): string[] {
    return Object.keys(contracts).filter((m) => !this.handlers.has(m as MethodName));
  }

  has(method: string): method is MethodName {
    return this.handlers.has(method as MethodName);
  }

  async call<M extends MethodName>(method: M | string, rawInput: unknown, caller: Caller): Promise<OutputOf<M>> {
    if (!this.has(method)) throw new ApiError('not_found', `Unknown method ${method}`);
    const contract = contracts[method];
    if (contract.roles.length > 0) {
      if (!caller.user) {
        throw new ApiError(
          'unauthorized',
          caller.tokenHash ? 'Your session has expired. Sign in again; what you typed is kept.' : 'Sign in first',
        );
      }
      if (!contract.roles.includes(caller.user.role)) {
        throw new ApiError('forbidden', `Your role (${caller.user.role}) may not call ${method}`);
      }
    }
    const parsed = (contract.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) throw inputError(parsed.error);

    const handler = this.handlers.get(method)!;
    const audits: AuditEntry[] = [];
    const events: Array<[string, number | null, string]> = [];
    const ctxFor = (db: Db): Ctx => ({
      db,
      host: this.host,
      user: caller.user,
      tokenHash: caller.tokenHash,
      method,
      audit: (e) => audits.push(e),
      emit: (entity, id, op) => events.push([entity, id, op]),
    });

    let result: unknown;
    if (contract.write) {
      result = await this.host.db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await handler(ctxFor(conn), parsed.data as never);
          await writeAudit(conn, method, caller.user, audits);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (e) {
          // SQLite may already have rolled back (e.g. on SQLITE_FULL); the
          // original error is the one worth reporting.
          await sql`ROLLBACK`.execute(conn).catch(() => undefined);
          throw e;
        }
      });
    } else {
      result = await handler(ctxFor(this.host.db), parsed.data as never);
      if (audits.length) await writeAudit(this.host.db, method, caller.user, audits);
    }
    for (const [entity, id, op] of events) this.host.feed.publish(entity, id, op);
    return result as OutputOf<M>;
  }
}

function inputError(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError('invalid_input', message, { issues });
}

async function writeAudit(db: Db, method: string, user: User | null, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        user_id: user?.id ?? null,
        method,
        entity: e.entity,
        entity_id: e.entityId,
        before: e.before ? JSON.stringify(e.before) : null,
        after: e.after ? JSON.stringify(e.after) : null,
      })),
    )
    .execute();
}
