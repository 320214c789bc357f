// Messaging settings (quiet hours, retries, SMTP, the SMS gateway, the
// callbacks' token), stored as one JSON value under the `messaging` key of the
// settings table. Secrets leave the host only for administrators.
import type { MessagingSettings } from '../../shared/api/messages';
import type { Role } from '../../shared/domain/roles';
import type { Db } from '../db/connection';
import { writeSetting } from '../api/settings';

export const MESSAGING_KEY = 'messaging';

/** What the host keeps: the public shape without the "is it set" flags, secrets as text ('' = none). */
export type MessagingConfig = Omit<
  MessagingSettings,
  'smtpPassword' | 'smtpPasswordSet' | 'smsAuthHeader' | 'smsAuthHeaderSet' | 'smscPassword' | 'smscPasswordSet' | 'webhookToken' | 'webhookTokenSet'
> & { smtpPassword: string; smsAuthHeader: string; smscPassword: string; webhookToken: string };

const SECRETS = ['smtpPassword', 'smsAuthHeader', 'smscPassword', 'webhookToken'] as const;

export const DEFAULT_MESSAGING: MessagingConfig = {
  quietFrom: '21:00',
  quietTo: '09:00',
  maxAttempts: 5,
  retryBaseSeconds: 60,
  preferredChannel: 'email',
  autoReminders: true,
  autoConfirmations: true,
  autoBirthdays: true,
  autoFeedback: true,
  feedbackDelayHours: 2,
  feedbackVisits: 'every',
  smtpHost: '',
  smtpPort: 587,
  smtpSecure: false,
  smtpUser: '',
  smtpPassword: '',
  smtpFrom: '',
  smsProvider: 'none',
  smsSender: '',
  smsUrl: '',
  smsMethod: 'POST',
  smsBodyFormat: 'json',
  smsBodyTemplate: '{"to":"{phone}","text":"{text}","from":"{sender}"}',
  smsIdPath: 'id',
  smsAuthHeader: '',
  smscLogin: '',
  smscPassword: '',
  webhookToken: '',
};

export async function readMessagingConfig(db: Db): Promise<MessagingConfig> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MESSAGING_KEY).executeTakeFirst();
  return { ...DEFAULT_MESSAGING, ...(row ? (JSON.parse(row.value) as Partial<MessagingConfig>) : {}) };
}

/** Applies a partial update; a secret that is omitted or null is kept, an empty one cleared. */
export async function updateMessagingConfig(db: Db, patch: Partial<Record<keyof MessagingConfig, unknown>>): Promise<{ before: MessagingConfig; after: MessagingConfig }> {
  const before = await readMessagingConfig(db);
  const after: Record<string, unknown> = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if ((SECRETS as readonly string[]).includes(k) && v === null) continue;
    after[k] = v;
  }
  await writeSetting(db, MESSAGING_KEY, after);
  return { before, after: after as MessagingConfig };
}

export function publicSettings(c: MessagingConfig, role: Role | undefined): MessagingSettings {
  const show = role === 'admin';
  return {
    ...c,
    smtpPassword: show ? c.smtpPassword : null,
    smtpPasswordSet: c.smtpPassword !== '',
    smsAuthHeader: show ? c.smsAuthHeader : null,
    smsAuthHeaderSet: c.smsAuthHeader !== '',
    smscPassword: show ? c.smscPassword : null,
    smscPasswordSet: c.smscPassword !== '',
    webhookToken: show ? c.webhookToken : null,
    webhookTokenSet: c.webhookToken !== '',
  };
}

/** For the audit log: which secrets changed, never their values. */
export function redacted(c: MessagingConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of SECRETS) out[k] = c[k] ? `set (${c[k].length} characters)` : '';
  return out;
}

/** Inside quiet hours at local wall-clock `hhmm`? From 21:00 to 09:00 wraps midnight; equal ends mean never quiet. */
export function isQuiet(c: Pick<MessagingConfig, 'quietFrom' | 'quietTo'>, hhmm: string): boolean {
  if (c.quietFrom === c.quietTo) return false;
  return c.quietFrom < c.quietTo ? hhmm >= c.quietFrom && hhmm < c.quietTo : hhmm >= c.quietFrom || hhmm < c.quietTo;
}
