// The values a template's variables take for one patient (and appointment):
// dates written the way each language writes them, the doctor's name, the
// clinic's name. Sample values stand in when the editor previews without a patient.
import { format, parseISO } from 'date-fns';
import type { MessageLocale, TemplateValues } from '../../shared/domain/templates';
import type { Db } from '../db/connection';
import { invalid } from '../api/errors';

export function formatDate(localDay: string, locale: MessageLocale): string {
  const d = parseISO(localDay);
  if (locale === 'zh') return format(d, 'yyyy年M月d日');
  if (locale === 'en') return format(d, 'd MMM yyyy');
  return format(d, 'dd.MM.yyyy');
}

const SAMPLE: Record<MessageLocale, TemplateValues> = {
  ru: { firstName: 'Анна', lastName: 'Иванова', middleName: 'Сергеевна', doctor: 'Петров Пётр Петрович', service: 'Консультация терапевта' },
  uk: { firstName: 'Ганна', lastName: 'Коваленко', middleName: 'Сергіївна', doctor: 'Петренко Петро Петрович', service: 'Консультація терапевта' },
  en: { firstName: 'Anna', lastName: 'Smith', middleName: '', doctor: 'Dr Peter Brown', service: 'GP consultation' },
  zh: { firstName: '安娜', lastName: '王', middleName: '', doctor: '李医生', service: '全科咨询' },
};

export function sampleValues(locale: MessageLocale, clinic: string, offer: string | undefined): TemplateValues {
  return { ...SAMPLE[locale], clinic, date: formatDate('2026-12-01', locale), time: '10:30', offer: offer ?? '' };
}

export interface PatientForMessage {
  id: number;
  firstName: string;
  lastName: string;
  middleName: string | null;
  phone: string | null;
  email: string | null;
  consentSms: boolean;
  consentEmail: boolean;
  language: string | null;
}

/** A live patient (not deleted, not merged away), or null. */
export async function patientForMessage(db: Db, patientId: number): Promise<PatientForMessage | null> {
  const p = await db.selectFrom('patients').selectAll().where('id', '=', patientId).where('deleted_at', 'is', null).where('merged_into_id', 'is', null).executeTakeFirst();
  if (!p) return null;
  return {
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    middleName: p.middle_name,
    phone: p.phone,
    email: p.email,
    consentSms: p.consent_sms === 1,
    consentEmail: p.consent_email === 1,
    language: p.language,
  };
}

/** The appointment's variables; 400 naming appointmentId when it is not this patient's. */
export async function appointmentValues(db: Db, appointmentId: number, patientId: number, locale: MessageLocale): Promise<TemplateValues> {
  const a = await db
    .selectFrom('appointments as a')
    .innerJoin('users as u', 'u.id', 'a.doctor_id')
    .select(['a.start_at', 'a.patient_id', 'u.full_name'])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
  if (!a || a.patient_id !== patientId) throw invalid('appointmentId', `appointment ${appointmentId} is not one of patient ${patientId}'s`);
  const service = await db
    .selectFrom('appointment_items as i')
    .innerJoin('services as s', 's.id', 'i.service_id')
    .select('s.name')
    .where('i.appointment_id', '=', appointmentId)
    .orderBy('i.id')
    .executeTakeFirst();
  return { date: formatDate(a.start_at.slice(0, 10), locale), time: a.start_at.slice(11, 16), doctor: a.full_name, service: service?.name ?? '' };
}

/** The doctor of the patient's last completed visit, for a recall invitation. */
export async function lastDoctor(db: Db, patientId: number): Promise<string> {
  const r = await db
    .selectFrom('appointments as a')
    .innerJoin('users as u', 'u.id', 'a.doctor_id')
    .select('u.full_name')
    .where('a.patient_id', '=', patientId)
    .where('a.status', '=', 'completed')
    .orderBy('a.start_at', 'desc')
    .executeTakeFirst();
  return r?.full_name ?? '';
}

export function patientValues(p: PatientForMessage, clinic: string): TemplateValues {
  return { firstName: p.firstName, lastName: p.lastName, middleName: p.middleName ?? '', clinic };
}
