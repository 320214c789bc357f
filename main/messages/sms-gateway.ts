// SMS through an HTTP gateway. Two adapters:
//  - generic: any JSON or form API, configured as a URL, a method, a body
//    template with {phone}, {phoneDigits}, {text}, {sender}, an optional auth
//    header and the response field holding the message id;
//  - SMSC.ru (used by clinics in Russia and elsewhere in the CIS): its
//    send.php API with fmt=3 (JSON answers), login and password.
// Both throw a SendError whose kind tells the outbox whether to wait or retry.
import type { MessagingConfig } from './settings';
import { SendError } from './send-error';

export const SMSC_URL = 'https://smsc.ru/sys/send.php';
const TIMEOUT_MS = 15_000;

export interface Sms {
  /** E.164, with the plus. */
  to: string;
  text: string;
}

type SmsConfig = Pick<
  MessagingConfig,
  'smsProvider' | 'smsSender' | 'smsUrl' | 'smsMethod' | 'smsBodyFormat' | 'smsBodyTemplate' | 'smsIdPath' | 'smsAuthHeader' | 'smscLogin' | 'smscPassword'
>;

function fill(template: string, values: Record<string, string>, escape: (s: string) => string): string {
  return template.replace(/\{(phone|phoneDigits|text|sender)\}/g, (_m, k: string) => escape(values[k] ?? ''));
}

/** `messages.0.id` → body.messages[0].id */
export function pick(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('.').filter(Boolean)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

async function request(url: string, init: RequestInit, what: string): Promise<{ status: number; text: string; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw SendError.fromFetch(e, what);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the id path cannot be read, the text goes into the error
  }
  if (!res.ok) {
    const kind = res.status === 401 || res.status === 403 ? 'unconfigured' : res.status >= 500 || res.status === 429 ? 'temporary' : 'permanent';
    throw new SendError(kind, `${what} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, text, json };
}

async function sendGeneric(c: SmsConfig, sms: Sms): Promise<string> {
  if (!c.smsUrl) throw new SendError('unconfigured', 'The SMS gateway has no URL: fill it in Messages → Settings');
  const values = { phone: sms.to, phoneDigits: sms.to.replace(/\D/g, ''), text: sms.text, sender: c.smsSender };
  const headers: Record<string, string> = {};
  if (c.smsAuthHeader) {
    const i = c.smsAuthHeader.indexOf(':');
    headers[c.smsAuthHeader.slice(0, i).trim()] = c.smsAuthHeader.slice(i + 1).trim();
  }
  let url = c.smsUrl;
  let body: string | undefined;
  if (c.smsBodyFormat === 'json') {
    // Inside JSON strings: the value escaped as JSON would write it.
    body = fill(c.smsBodyTemplate, values, (s) => JSON.stringify(s).slice(1, -1));
    headers['content-type'] = 'application/json';
  } else {
    body = fill(c.smsBodyTemplate, values, encodeURIComponent);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (c.smsMethod === 'GET') {
    url += (url.includes('?') ? '&' : '?') + fill(c.smsBodyTemplate, values, encodeURIComponent);
    body = undefined;
    delete headers['content-type'];
  }
  const res = await request(url, { method: c.smsMethod, headers, body }, 'The SMS gateway');
  if (!c.smsIdPath) return '';
  const id = pick(res.json, c.smsIdPath);
  if (id === undefined || id === null || id === '') {
    throw new SendError('temporary', `The SMS gateway's answer has no "${c.smsIdPath}": ${res.text.slice(0, 300)}`);
  }
  return String(id);
}

async function sendSmsc(c: SmsConfig, sms: Sms): Promise<string> {
  if (!c.smscLogin || !c.smscPassword) throw new SendError('unconfigured', 'SMSC.ru needs the login and password: fill them in Messages → Settings');
  const form = new URLSearchParams({ login: c.smscLogin, psw: c.smscPassword, phones: sms.to.replace(/\D/g, ''), mes: sms.text, fmt: '3', charset: 'utf-8' });
  if (c.smsSender) form.set('sender', c.smsSender);
  const res = await request(c.smsUrl || SMSC_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }, 'SMSC.ru');
  const json = (res.json ?? {}) as { id?: number | string; error?: string; error_code?: number };
  if (json.error !== undefined || json.id === undefined) {
    // SMSC.ru: 1 parameters, 2 login/password, 3 balance, 4 IP blocked, 5 date, 6 forbidden, 7 number, 8 undeliverable, 9 too many.
    const code = Number(json.error_code);
    const kind = code === 2 || code === 3 || code === 4 ? 'unconfigured' : code === 9 ? 'temporary' : 'permanent';
    throw new SendError(kind, `SMSC.ru refused: ${json.error ?? res.text.slice(0, 300)}${json.error_code ? ` (code ${json.error_code})` : ''}`);
  }
  return String(json.id);
}

export async function sendSms(c: SmsConfig, sms: Sms): Promise<string> {
  if (c.smsProvider === 'generic') return sendGeneric(c, sms);
  if (c.smsProvider === 'smsc') return sendSmsc(c, sms);
  throw new SendError('unconfigured', 'No SMS gateway is set up: choose one in Messages → Settings');
}

/** A gateway's delivery status word or code, read as ours (null: not final yet). */
export function deliveryStatus(status: string): 'delivered' | 'failed' | null {
  const s = status.trim().toLowerCase();
  // SMSC.ru: 1 delivered, 2 read; 3 expired, 20 undeliverable, 22 wrong number, 23 prohibited, 24 no funds, 25 unavailable.
  if (['delivered', 'delivrd', 'read', '1', '2'].includes(s)) return 'delivered';
  if (['failed', 'undelivered', 'undeliv', 'rejected', 'expired', 'error', '3', '20', '22', '23', '24', '25'].includes(s)) return 'failed';
  return null;
}
