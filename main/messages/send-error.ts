// Why a message did not go, and what the outbox does about it: `offline` and
// `unconfigured` wait for the network or the settings without using up the
// message's attempts; `temporary` retries with back-off up to the limit;
// `permanent` (a mailbox the server rejects) fails at once.

export type SendErrorKind = 'offline' | 'unconfigured' | 'temporary' | 'permanent';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ECONNECTION', 'ESOCKET', 'EDNS', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    message: string,
  ) {
    super(message);
  }

  static fromSmtp(e: unknown): SendError {
    if (e instanceof SendError) return e;
    const err = e as { code?: string; responseCode?: number; message?: string };
    const message = err.message ?? String(e);
    if (err.responseCode && err.responseCode >= 500) return new SendError('permanent', `SMTP server refused: ${message}`);
    if (err.responseCode) return new SendError('temporary', `SMTP server: ${message}`);
    if (err.code && NETWORK_CODES.has(err.code)) return new SendError('offline', `SMTP server unreachable (${err.code}): ${message}`);
    if (err.code === 'EAUTH') return new SendError('unconfigured', `SMTP sign-in refused: ${message}`);
    return new SendError('temporary', `SMTP: ${message}`);
  }

  static fromFetch(e: unknown, what: string): SendError {
    if (e instanceof SendError) return e;
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (e as { code?: string }).code;
    if ((code && NETWORK_CODES.has(code)) || (e as Error).name === 'TimeoutError') {
      return new SendError('offline', `${what} unreachable (${code ?? 'timeout'}): ${cause?.message ?? (e as Error).message}`);
    }
    return new SendError('temporary', `${what}: ${(e as Error).message}`);
  }
}
