// Turns a kind of message for one patient into its subject and body: picks
// the patient's language (the clinic's when they have none), the stored
// template of kind × channel × language, and fills its variables.
import { renderTemplate, unknownVariable, type MessageChannel, type MessageKind, type MessageLocale, type TemplateValues } from '../../shared/domain/templates';
import { MESSAGE_LOCALES } from '../../shared/domain/templates';
import type { Db } from '../db/connection';
import { readSettings } from '../api/settings';
import { invalid } from '../api/errors';
import { appointmentValues, lastDoctor, patientValues, type PatientForMessage } from './values';

export interface Composed {
  templateId: number | null;
  locale: MessageLocale;
  subject: string | null;
  body: string;
}

/** Rejects a text naming a variable its kind cannot fill: 400 naming the field and the variable. */
export function checkVariables(kind: MessageKind, fields: Record<string, string | null | undefined>): void {
  for (const [field, text] of Object.entries(fields)) {
    const bad = text ? unknownVariable(kind, text) : null;
    if (bad !== null) throw invalid(field, `unknown variable {${bad}} in a ${kind.replace(/_/g, ' ')}`);
  }
}

export function localeOf(p: Pick<PatientForMessage, 'language'>, clinicLocale: MessageLocale): MessageLocale {
  if (p.language && (MESSAGE_LOCALES as readonly string[]).includes(p.language)) return p.language as MessageLocale;
  return clinicLocale;
}

export async function valuesFor(
  db: Db,
  p: PatientForMessage,
  kind: MessageKind,
  locale: MessageLocale,
  extra: { appointmentId?: number | null; offer?: string; clinic?: string },
): Promise<TemplateValues> {
  const clinic = extra.clinic ?? (await readSettings(db)).clinicName;
  const values: TemplateValues = { ...patientValues(p, clinic), offer: extra.offer ?? '' };
  if (extra.appointmentId) Object.assign(values, await appointmentValues(db, extra.appointmentId, p.id, locale));
  else if (kind === 'recall_invitation') values.doctor = await lastDoctor(db, p.id);
  return values;
}

export async function compose(
  db: Db,
  p: PatientForMessage,
  req: { kind: MessageKind; channel: MessageChannel; appointmentId?: number | null; offer?: string; text?: { subject?: string | null; body: string } },
): Promise<Composed | null> {
  const settings = await readSettings(db);
  const locale = localeOf(p, settings.defaultLocale);
  let templateId: number | null = null;
  let text = req.text;
  if (!text) {
    const t = await db
      .selectFrom('message_templates')
      .select(['id', 'subject', 'body'])
      .where('kind', '=', req.kind)
      .where('channel', '=', req.channel)
      .where('locale', '=', locale)
      .executeTakeFirst();
    if (!t) return null;
    templateId = t.id;
    text = t;
  } else {
    checkVariables(req.kind, { 'text.subject': text.subject, 'text.body': text.body });
  }
  const values = await valuesFor(db, p, req.kind, locale, { ...req, clinic: settings.clinicName });
  return {
    templateId,
    locale,
    subject: req.channel === 'email' ? renderTemplate(text.subject ?? '', values) : null,
    body: renderTemplate(text.body, values),
  };
}
