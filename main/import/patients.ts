// Turns one row of an imported patient file into patient columns, or into
// the reasons it cannot be imported. Column names are documented in the
// README; common Russian, Ukrainian and Chinese headers are accepted too.
import { isValid, parse } from 'date-fns';
import { normalizePhone } from '../../shared/domain/phone';
import type { ImportRowError } from '../../shared/api/import';
import { headerKey, type TableRow } from './table-file';

const ALIASES: Record<string, string[]> = {
  externalId: ['externalid', 'id', 'code', 'код', '编号'],
  lastName: ['lastname', 'surname', 'фамилия', 'прізвище', '姓'],
  firstName: ['firstname', 'name', 'имя', 'імя', "ім'я", '名'],
  middleName: ['middlename', 'patronymic', 'отчество', 'побатькові'],
  fullName: ['fullname', 'фио', 'піб', '姓名'],
  birthDate: ['birthdate', 'dob', 'dateofbirth', 'датарождения', 'датанародження', '出生日期'],
  sex: ['sex', 'gender', 'пол', 'стать', '性别'],
  phone: ['phone', 'tel', 'mobile', 'телефон', '电话', '手机'],
  email: ['email', 'mail', 'почта', 'пошта', '邮箱'],
  city: ['city', 'город', 'місто', '城市'],
  address: ['address', 'адрес', 'адреса', '地址'],
  source: ['source', 'источник', 'джерело', '来源'],
  createdAt: ['createdat', 'created', 'registered', 'датарегистрации', 'датареєстрації', '登记日期'],
  comment: ['comment', 'note', 'комментарий', 'коментар', '备注'],
  consentSms: ['consentsms', 'smsconsent', 'sms'],
  consentEmail: ['consentemail', 'emailconsent'],
};

const FIELD_BY_HEADER = new Map<string, string>();
for (const [field, names] of Object.entries(ALIASES)) for (const n of names) FIELD_BY_HEADER.set(headerKey(n), field);

export interface ImportedPatient {
  externalId: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  phone: { e164: string; nationalDigits: string } | null;
  email: string | null;
  city: string | null;
  address: string | null;
  /** Source code or name as written in the file. */
  source: string | null;
  createdAt: string | null;
  comment: string | null;
  consentSms: boolean;
  consentEmail: boolean;
}

const DATE_FORMATS = ['yyyy-MM-dd', 'dd.MM.yyyy', 'dd/MM/yyyy', 'd.M.yyyy', 'yyyy/MM/dd', 'yyyy.MM.dd'];

/** Reads a date in the formats old systems export; null when it cannot be read. */
export function parseDate(text: string): string | null {
  const t = text.trim().slice(0, 10);
  for (const f of DATE_FORMATS) {
    const d = parse(t, f, new Date(2000, 0, 1));
    if (isValid(d) && d.getFullYear() >= 1900 && d.getFullYear() <= 2100) {
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      return iso;
    }
  }
  return null;
}

function parseSex(text: string): 'male' | 'female' | null | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  if (['m', 'male', 'м', 'муж', 'мужской', 'ч', 'чол', 'чоловіча', '男'].includes(t)) return 'male';
  if (['f', 'female', 'ж', 'жен', 'женский', 'жін', 'жіноча', '女'].includes(t)) return 'female';
  return undefined;
}

function yes(text: string): boolean {
  return ['1', 'yes', 'true', 'да', 'так', '是', 'y', '+'].includes(text.trim().toLowerCase());
}

/** Columns of the file that mean something to the import, by field name. */
export function recognizedColumns(row: TableRow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.values)) {
    const field = FIELD_BY_HEADER.get(key);
    if (field && !(field in out)) out[field] = value;
  }
  return out;
}

export function readPatientRow(row: TableRow, country: string, today: string): { patient?: ImportedPatient; errors: ImportRowError[] } {
  const v = recognizedColumns(row);
  const errors: ImportRowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line: row.line, field, reason });

  let lastName = v.lastName ?? '';
  let firstName = v.firstName ?? '';
  let middleName = v.middleName ?? '';
  if (!lastName && !firstName && v.fullName) {
    [lastName = '', firstName = '', middleName = ''] = v.fullName.split(/\s+/);
  }
  if (!lastName) fail('lastName', 'no last name');
  if (!firstName) fail('firstName', 'no first name');

  let birthDate: string | null = null;
  if (v.birthDate) {
    birthDate = parseDate(v.birthDate);
    if (!birthDate) fail('birthDate', `cannot read the date "${v.birthDate}" (use YYYY-MM-DD or DD.MM.YYYY)`);
    else if (birthDate > today) fail('birthDate', `birth date ${birthDate} is in the future`);
  }
  let createdAt: string | null = null;
  if (v.createdAt) {
    createdAt = parseDate(v.createdAt);
    if (!createdAt) fail('createdAt', `cannot read the date "${v.createdAt}" (use YYYY-MM-DD or DD.MM.YYYY)`);
  }
  const sex = parseSex(v.sex ?? '');
  if (sex === undefined) fail('sex', `unknown sex "${v.sex}" (use M or F)`);

  let phone: ImportedPatient['phone'] = null;
  if (v.phone) {
    phone = normalizePhone(v.phone, country);
    if (!phone) fail('phone', `"${v.phone}" is not a phone number`);
  }
  const email = v.email ? v.email.toLowerCase() : null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('email', `"${v.email}" is not an e-mail address`);

  if (errors.length) return { errors };
  return {
    errors,
    patient: {
      externalId: v.externalId || null,
      lastName,
      firstName,
      middleName: middleName || null,
      birthDate,
      sex: sex ?? null,
      phone,
      email,
      city: v.city || null,
      address: v.address || null,
      source: v.source || null,
      createdAt,
      comment: v.comment || null,
      consentSms: yes(v.consentSms ?? ''),
      consentEmail: yes(v.consentEmail ?? ''),
    },
  };
}
