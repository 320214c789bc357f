// The typed API client: one POST per method, typed from shared/api. A write
// is reported as saved only when the host answered 2xx, i.e. committed it.
import type { InputOf, MethodName, OutputOf } from '../../shared/api';
import type { ApiErrorBody, ApiIssue, ConflictReason, ErrorCode } from '../../shared/api/errors';

export type ClientErrorCode = ErrorCode | 'host_unreachable';

export class ApiClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly issues: ApiIssue[] = [],
    readonly current?: unknown,
    readonly reason?: ConflictReason,
  ) {
    super(message);
  }

  /** The fields the host named as wrong. */
  get fields(): string[] {
    return this.issues.map((i) => i.path.split('.')[0]);
  }
}

type Listener = (e: ApiClientError) => void;

let token: string | null = sessionStorage.getItem('clinic.token');
const unauthorizedListeners = new Set<Listener>();
const reachability = new Set<(ok: boolean) => void>();

export function setToken(t: string | null): void {
  token = t;
  if (t) sessionStorage.setItem('clinic.token', t);
  else sessionStorage.removeItem('clinic.token');
}

export function currentToken(): string | null {
  return token;
}

/** Called when the host says the session is gone, so the UI can ask to sign in again. */
export function onUnauthorized(l: Listener): () => void {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
}

/** Called with false when a request could not reach the host, true when one did. */
export function onReachability(l: (ok: boolean) => void): () => void {
  reachability.add(l);
  return () => reachability.delete(l);
}

export async function api<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    reachability.forEach((l) => l(false));
    throw new ApiClientError('host_unreachable', 'The host cannot be reached', 0);
  }
  reachability.forEach((l) => l(true));
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    const e = new ApiClientError(err?.code ?? 'internal', err?.message ?? res.statusText, res.status, err?.issues ?? [], err?.current, err?.reason);
    if (res.status === 401 && method !== 'auth.login') unauthorizedListeners.forEach((l) => l(e));
    throw e;
  }
  return body as OutputOf<M>;
}
