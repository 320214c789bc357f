// Phones are stored as E.164 with the clinic's default country; search
// matches any digits typed, in any format.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  e164: string;
  /** Digits as dialled inside the country, trunk prefix included (89123456789). */
  nationalDigits: string;
}

export function normalizePhone(raw: string, defaultCountry: string): NormalizedPhone | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  const national = parsed.format('NATIONAL').replace(/\D/g, '');
  return { e164: parsed.number, nationalDigits: national };
}

export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
