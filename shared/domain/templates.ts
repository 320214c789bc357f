// Message templates: which kinds exist, which variables each may use, and the
// one renderer both the host (outbox) and the editor's preview run, so what
// the preview shows is what the patient gets.

export const MESSAGE_KINDS = [
  'appointment_reminder',
  'booking_confirmation',
  'recall_invitation',
  'birthday_greeting',
  'feedback_request',
  'campaign',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Messenger messages share the SMS text, so templates exist for these two. */
export const MESSAGE_CHANNELS = ['sms', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_LOCALES = ['ru', 'uk', 'en', 'zh'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

export const PATIENT_VARIABLES = ['firstName', 'lastName', 'middleName', 'clinic'] as const;
export const APPOINTMENT_VARIABLES = ['date', 'time', 'doctor', 'service'] as const;
export const TEMPLATE_VARIABLES = [...PATIENT_VARIABLES, ...APPOINTMENT_VARIABLES, 'offer'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What each kind can fill in: a birthday greeting has no appointment, only a campaign has an offer. */
export const VARIABLES_OF: Record<MessageKind, readonly TemplateVariable[]> = {
  appointment_reminder: [...PATIENT_VARIABLES, ...APPOINTMENT_VARIABLES],
  booking_confirmation: [...PATIENT_VARIABLES, ...APPOINTMENT_VARIABLES],
  feedback_request: [...PATIENT_VARIABLES, ...APPOINTMENT_VARIABLES],
  recall_invitation: [...PATIENT_VARIABLES, 'doctor'],
  birthday_greeting: [...PATIENT_VARIABLES],
  campaign: [...PATIENT_VARIABLES, 'offer'],
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The variables a text names, in order of appearance, each once. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The first variable of `text` that `kind` cannot fill, or null when all are known. */
export function unknownVariable(kind: MessageKind, text: string): string | null {
  const allowed = VARIABLES_OF[kind] as readonly string[];
  return variablesIn(text).find((v) => !allowed.includes(v)) ?? null;
}

export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/** Fills the placeholders; a value the message has no data for renders empty. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => values[name as TemplateVariable] ?? '');
}
