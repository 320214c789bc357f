// Cell readers shared by the history imports (visits, payments): header
// aliases, local date-times, money in major units and words from a short
// list in four languages. Each returns null (or undefined) for a cell it
// cannot read, so the row reader can name the field and the reason.
import { format } from 'date-fns';
import { headerKey, type TableRow } from './table-file';

/** Builds a reader of the recognized columns of a row: field name → cell text (first column wins). */
export function columnReader(aliases: Record<string, string[]>): (row: TableRow) => Record<string, string> {
  const byHeader = new Map<string, string>();
  for (const [field, names] of Object.entries(aliases)) for (const n of names) byHeader.set(headerKey(n), field);
  return (row) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(row.values)) {
      const field = byHeader.get(key);
      if (field && !(field in out)) out[field] = value;
    }
    return out;
  };
}

/** Who a visit or a payment belongs to: the patient's external id, or a phone. */
export const PATIENT_ALIASES: Record<string, string[]> = {
  // Not "patient"/"Пациент" alone: old systems put the patient's name there.
  patientId: ['patientid', 'patientexternalid', 'patientcode', 'кодпациента', 'idпациента', 'кодпацієнта', 'idпацієнта', '患者编号', '病人编号'],
  patientPhone: ['patientphone', 'phone', 'телефон', 'телефонпациента', 'телефонпацієнта', '电话', '手机', '患者电话'],
};

export const BRANCH_ALIASES = ['branch', 'clinic', 'филиал', 'філія', '分院', '分店', '门店'];

/** A word from a short list: keys are the stored values, aliases in any language. */
export function wordReader<T extends string>(words: Record<T, string[]>): (text: string) => T | undefined {
  const norm = (t: string) => t.trim().toLowerCase().replace(/ё/g, 'е').replace(/[\s\-_'’]+/g, '');
  const byAlias = new Map<string, T>();
  for (const [value, aliases] of Object.entries(words) as Array<[T, string[]]>) {
    byAlias.set(norm(value), value);
    for (const a of aliases) byAlias.set(norm(a), value);
  }
  return (text) => byAlias.get(norm(text));
}

export interface LocalDateTime {
  /** Local wall-clock time as appointments store it: 2024-03-05T14:30. */
  at: string;
  /** The cell had a date only (the time is 00:00). */
  dateOnly: boolean;
}

const ISO = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DMY = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads `YYYY-MM-DD HH:mm`, `DD.MM.YYYY HH:mm` (or `/`), ISO 8601 (`2024-03-05T14:30:00`;
 * with `Z` or an offset it is turned into the host's local time) or a date alone.
 * Null when it is not a real date and time between 1900 and 2100.
 */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const t = text.trim();
  let y: number, mo: number, d: number, h: number, mi: number;
  let zone: string | undefined;
  let hasTime: boolean;
  const iso = ISO.exec(t);
  const dmy = iso ? null : DMY.exec(t);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    hasTime = iso[4] !== undefined;
    [h, mi] = hasTime ? [Number(iso[4]), Number(iso[5])] : [0, 0];
    if (iso[6] !== undefined && Number(iso[6]) > 59) return null;
    zone = iso[7];
  } else if (dmy) {
    [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    hasTime = dmy[4] !== undefined;
    [h, mi] = hasTime ? [Number(dmy[4]), Number(dmy[5])] : [0, 0];
    if (dmy[6] !== undefined && Number(dmy[6]) > 59) return null;
  } else return null;
  if (y < 1900 || y > 2100 || h > 23 || mi > 59) return null;
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  if (zone) {
    if (!hasTime) return null;
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const instant = new Date(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${offset}`);
    return Number.isNaN(instant.getTime()) ? null : { at: format(instant, "yyyy-MM-dd'T'HH:mm"), dateOnly: false };
  }
  return { at: `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`, dateOnly: !hasTime };
}

/** The largest amount accepted, as the payment API: 100 million in major units. */
export const MAX_MINOR = 100_000_000_00;

/**
 * Money in major units as old systems write it — `1500`, `1 500,50`, `1500.5`,
 * `1,500.50`, `-200` — into integer minor units, from the digits (never through
 * a float). Spaces and apostrophes group thousands; `.` or `,` is the decimal
 * separator with at most two digits after it. Undefined when it cannot be read.
 */
export function parseMoney(text: string): number | undefined {
  let t = text.trim().replace(/[\s\u00a0\u202f'’]/g, '');
  let sign = 1;
  if (/^[-−]/.test(t)) {
    sign = -1;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  // Both separators: the last one is the decimal point, the others group thousands.
  const last = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
  let whole = last < 0 ? t : t.slice(0, last);
  const fraction = last < 0 ? '' : t.slice(last + 1);
  if (last >= 0 && /[.,]/.test(whole)) {
    const other = t[last] === '.' ? ',' : '.';
    if (!new RegExp(`^\\d{1,3}(\\${other}\\d{3})+$`).test(whole)) return undefined;
    whole = whole.split(other).join('');
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction) || (last >= 0 && !fraction)) return undefined;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return undefined;
  return sign * minor;
}

/** A whole number of things (a line's quantity); undefined unless an integer in [1, max]. */
export function parseCount(text: string, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d+([.,]0+)?$/.test(t)) return undefined;
  const n = Number(t.replace(/[.,]0+$/, ''));
  return n >= 1 && n <= max ? n : undefined;
}
