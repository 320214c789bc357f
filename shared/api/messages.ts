// Messages and reminders: templates per kind × channel × language, the
// outbox that sends them (e-mail over SMTP, SMS through an HTTP gateway),
// the messaging settings, and the gateway's callbacks (delivery reports and
// replies such as STOP), which are public methods guarded by a secret token.
import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { id, optionalText } from './fields';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_LOCALES, TEMPLATE_VARIABLES, type MessageChannel, type MessageKind, type MessageLocale } from '../domain/templates';
import type { SmsLength } from '../domain/sms';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface MessageTemplate {
  id: number;
  kind: MessageKind;
  channel: MessageChannel;
  locale: MessageLocale;
  /** E-mail only. */
  subject: string | null;
  body: string;
  updatedAt: string;
}

export interface Message {
  id: number;
  patientId: number;
  patientName: string;
  channel: MessageChannel;
  kind: MessageKind;
  templateId: number | null;
  locale: MessageLocale;
  subject: string | null;
  body: string;
  /** E-mail address or E.164 phone, as it was when queued. */
  recipient: string;
  status: MessageStatus;
  /** Why it failed, or why the last attempt did not go (while it waits to retry). */
  error: string | null;
  attempts: number;
  /** UTC ISO: when the outbox tries it next (queued only). */
  nextAttemptAt: string | null;
  appointmentId: number | null;
  campaignId: number | null;
  /** The gateway's or SMTP server's id of the sent message. */
  providerId: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

export interface Preview {
  subject: string | null;
  body: string;
  sms: SmsLength;
}

export const SMS_PROVIDERS = ['none', 'generic', 'smsc'] as const;

/** Which completed visits get a feedback request: every one, or only the patient's first. */
export const FEEDBACK_VISITS = ['every', 'first'] as const;

export interface MessagingSettings {
  /** Local HH:mm: nothing is sent from quietFrom until quietTo (wraps midnight); equal means never quiet. */
  quietFrom: string;
  quietTo: string;
  /** Attempts before a message is failed for good (offline waits do not count). */
  maxAttempts: number;
  /** First retry after this many seconds, doubling each time. */
  retryBaseSeconds: number;
  /** Which channel a reminder takes when the patient consented to both. */
  preferredChannel: MessageChannel;
  autoReminders: boolean;
  autoConfirmations: boolean;
  autoBirthdays: boolean;
  /** A feedback request after a completed visit, feedbackDelayHours after completion, once per visit. */
  autoFeedback: boolean;
  feedbackDelayHours: number;
  feedbackVisits: (typeof FEEDBACK_VISITS)[number];
  smtpHost: string;
  smtpPort: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  smtpSecure: boolean;
  smtpUser: string;
  /** Secret: shown to administrators only, null to others (see smtpPasswordSet). */
  smtpPassword: string | null;
  smtpPasswordSet: boolean;
  smtpFrom: string;
  smsProvider: (typeof SMS_PROVIDERS)[number];
  smsSender: string;
  /** Generic gateway: the URL (SMSC.ru: optional, its default API URL otherwise). */
  smsUrl: string;
  smsMethod: 'GET' | 'POST';
  smsBodyFormat: 'json' | 'form';
  /** Generic gateway: the body (or query for GET) with {phone}, {text}, {sender}. */
  smsBodyTemplate: string;
  /** Generic gateway: the response field holding the message id, e.g. `id` or `messages.0.id`. */
  smsIdPath: string;
  /** Secret: a whole header line such as `Authorization: Bearer …`. */
  smsAuthHeader: string | null;
  smsAuthHeaderSet: boolean;
  smscLogin: string;
  /** Secret. */
  smscPassword: string | null;
  smscPasswordSet: boolean;
  /** Secret: the token the gateway's callbacks must carry (?token=… or a token field). */
  webhookToken: string | null;
  webhookTokenSet: boolean;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time HH:mm');
const secret = z.string().max(500).nullish();

export const MessagingSettingsInput = z
  .object({
    quietFrom: hhmm,
    quietTo: hhmm,
    maxAttempts: z.number().int().min(1).max(20),
    retryBaseSeconds: z.number().int().min(1).max(24 * 3600),
    preferredChannel: z.enum(MESSAGE_CHANNELS),
    autoReminders: z.boolean(),
    autoConfirmations: z.boolean(),
    autoBirthdays: z.boolean(),
    autoFeedback: z.boolean(),
    feedbackDelayHours: z.number().int().min(0).max(168),
    feedbackVisits: z.enum(FEEDBACK_VISITS),
    smtpHost: z.string().trim().max(200),
    smtpPort: z.number().int().min(1).max(65535),
    smtpSecure: z.boolean(),
    smtpUser: z.string().trim().max(200),
    /** Omitted or null: keep the stored one; empty string: clear it. */
    smtpPassword: secret,
    smtpFrom: z.string().trim().max(200),
    smsProvider: z.enum(SMS_PROVIDERS),
    smsSender: z.string().trim().max(20),
    smsUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    smsMethod: z.enum(['GET', 'POST']),
    smsBodyFormat: z.enum(['json', 'form']),
    smsBodyTemplate: z.string().max(2000),
    smsIdPath: z.string().trim().max(200),
    smsAuthHeader: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9-]+:\s*\S.*$/, 'Write the header as Name: value')]).nullish(),
    smscLogin: z.string().trim().max(100),
    smscPassword: secret,
    webhookToken: secret,
  })
  .partial()
  .strict();

const kind = z.enum(MESSAGE_KINDS);
const channel = z.enum(MESSAGE_CHANNELS);
const locale = z.enum(MESSAGE_LOCALES);

export const TemplateSaveInput = z.object({
  kind,
  channel,
  locale,
  subject: optionalText(300),
  body: z.string().trim().min(1).max(5000),
});

/** Extra values a sender supplies, e.g. a campaign's offer text. */
const vars = z.object({ offer: z.string().max(1000) }).partial().strict().default({});

export const PreviewInput = z.object({
  kind,
  channel,
  locale,
  subject: optionalText(300),
  body: z.string().max(5000),
  /** A real patient (and appointment) to fill the variables from; sample values otherwise. */
  patientId: id.optional(),
  appointmentId: id.optional(),
  vars,
});

export const SendInput = z.object({
  patientId: id,
  kind,
  channel,
  appointmentId: id.optional(),
  vars,
});

export const MessagesListInput = z.object({
  patientId: id.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

const SENDERS = ['admin', 'director', 'reception', 'callcenter'] as const;
const MANAGERS = ['admin', 'director'] as const;

export const messagesContracts = {
  'messages.templates': contract<MessageTemplate[]>()({
    input: z.object({ kind: kind.optional(), channel: channel.optional(), locale: locale.optional() }),
    roles: ANY_ROLE,
    write: false,
  }),
  /** Creates or replaces the template of kind × channel × locale; an unknown variable is a 400 naming the field. */
  'messages.saveTemplate': contract<MessageTemplate>()({ input: TemplateSaveInput, roles: MANAGERS, write: true }),
  'messages.preview': contract<Preview>()({ input: PreviewInput, roles: ANY_ROLE, write: false }),
  /** Queues one message to a patient; 409 with the reason when they have not consented to the channel. */
  'messages.send': contract<Message>()({ input: SendInput, roles: SENDERS, write: true }),
  'messages.list': contract<{ rows: Message[]; total: number }>()({ input: MessagesListInput, roles: ANY_ROLE, write: false }),
  'messages.retry': contract<Message>()({ input: z.object({ id }), roles: SENDERS, write: true }),
  'messages.cancel': contract<Message>()({ input: z.object({ id }), roles: SENDERS, write: true }),
  /** Manual unsubscribe: clears the consent, records it, cancels the queued messages of that channel. */
  'messages.optOut': contract<{ cancelled: number }>()({
    input: z.object({ patientId: id, channel, note: optionalText(500) }),
    roles: SENDERS,
    write: true,
  }),
  /** The language a patient's messages are written in; null follows the clinic's language. */
  'messages.setLanguage': contract<{ ok: true }>()({ input: z.object({ patientId: id, locale: locale.nullable() }), roles: SENDERS, write: true }),
  /** A patient's messaging state for the card: language and recorded unsubscribes, newest first. */
  'messages.patient': contract<{ language: MessageLocale | null; optOuts: Array<{ channel: MessageChannel; source: 'manual' | 'sms_reply'; note: string | null; at: string }> }>()({
    input: z.object({ patientId: id }),
    roles: ANY_ROLE,
    write: false,
  }),
  /** Queues tomorrow's reminders and today's birthday greetings now (the host does it every few minutes). */
  'messages.runReminders': contract<{ reminders: number; birthdays: number; skipped: number }>()({ input: z.object({}), roles: MANAGERS, write: true }),
  'messages.settings': contract<MessagingSettings>()({ input: z.object({}), roles: MANAGERS, write: false }),
  'messages.updateSettings': contract<MessagingSettings>()({ input: MessagingSettingsInput, roles: MANAGERS, write: true }),
  /** Sends one message right now with the saved settings, outside the queue; the error says what is wrong. */
  'messages.test': contract<{ ok: boolean; error: string | null; providerId: string | null }>()({
    input: z.object({ channel, to: z.string().trim().min(3).max(200) }),
    roles: MANAGERS,
    write: false,
  }),
  /** Gateway callback: a reply to a message. STOP (СТОП, 退订…) unsubscribes the sender at once. */
  'sms.inbound': contract<{ ok: true; optedOut: number }>()({
    input: z.object({ token: z.string().min(1).max(500), phone: z.string().trim().min(3).max(40), text: z.string().max(2000) }),
    roles: [],
    write: true,
  }),
  /** Gateway callback: a delivery report for a message it accepted. */
  'sms.status': contract<{ ok: true; updated: number }>()({
    input: z.object({ token: z.string().min(1).max(500), messageId: z.string().trim().min(1).max(200), status: z.string().trim().min(1).max(50), error: optionalText(500) }),
    roles: [],
    write: true,
  }),
};

export { TEMPLATE_VARIABLES };
