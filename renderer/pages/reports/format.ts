// How report cells read: money in the clinic's currency, percentages with one
// decimal, months by name, and the values that are codes (weekday, debt age,
// activity period) in the user's language.
import type { TFunction } from 'i18next';
import { format, parseISO } from 'date-fns';
import { enGB, ru as ruDate, uk as ukDate, zhCN } from 'date-fns/locale';
import type { Cell, ReportColumn } from '../../../shared/api/reports';
import { currentLocale, formatDate, formatMoney } from '../../i18n';

const INTL: Record<string, string> = { ru: 'ru-RU', uk: 'uk-UA', en: 'en-GB', zh: 'zh-CN' };
const DATE_LOCALES = { ru: ruDate, uk: ukDate, en: enGB, zh: zhCN };

export const intlLocale = (): string => INTL[currentLocale()] ?? 'en-GB';

export const EMPTY = '—';

export function formatInt(v: number): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 0 }).format(v);
}

export function formatPct(v: number): string {
  return `${new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} %`;
}

/** "January 2026" in the user's language (stand-alone month name). */
export function formatMonth(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  const s = format(parseISO(`${month}-01`), currentLocale() === 'zh' ? 'yyyy年M月' : 'LLLL yyyy', { locale: DATE_LOCALES[currentLocale()] ?? enGB });
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Jan 26": a month as a short chart label. */
export function formatMonthShort(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  if (currentLocale() === 'zh') return format(parseISO(`${month}-01`), 'yy年M月');
  const s = format(parseISO(`${month}-01`), 'LLL yy', { locale: DATE_LOCALES[currentLocale()] ?? enGB });
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatHour(h: number): string {
  return `${String(h).padStart(2, '0')}:00`;
}

export function formatNumber(type: ReportColumn['type'], v: number, currency: string): string {
  if (type === 'money') return formatMoney(v, currency);
  if (type === 'pct') return formatPct(v);
  return formatInt(v);
}

/** A cell as shown in the table, the print and the drill-down title. */
export function formatCell(col: Pick<ReportColumn, 'key' | 'type'>, v: Cell | undefined, currency: string, t: TFunction): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (col.key === 'weekday' && typeof v === 'number') return t('values.weekday.' + v, { ns: 'reports', defaultValue: String(v) });
  if (col.key === 'hour' && typeof v === 'number') return formatHour(v);
  if (col.key === 'period' && typeof v === 'string') return t('values.period.' + v, { ns: 'reports', defaultValue: v });
  if (col.key === 'bucket' && typeof v === 'string') return t(`values.bucket.${v}`, { ns: 'reports', defaultValue: v });
  if (typeof v === 'number') {
    if (col.type === 'money' || col.type === 'pct' || col.type === 'int') return formatNumber(col.type, v, currency);
    return String(v);
  }
  if (col.type === 'date') return formatDate(v);
  if (col.type === 'month') return formatMonth(v);
  return v;
}

/** A change as "+12.5 %" (relative) or, for percentages, "+3.2 p.p." (difference); null when it cannot be told. */
export function change(type: ReportColumn['type'], current: Cell | undefined, previous: Cell | undefined): { delta: number; text: string; pp: boolean } | null {
  if (typeof current !== 'number' || typeof previous !== 'number') return null;
  const fmt = new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  if (type === 'pct') {
    const d = Math.round((current - previous) * 10) / 10;
    return { delta: d, text: fmt.format(d), pp: true };
  }
  if (previous === 0) return current === 0 ? { delta: 0, text: fmt.format(0), pp: false } : null;
  const d = Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
  return { delta: d, text: `${fmt.format(d)} %`, pp: false };
}

/** Whether a rise of this number is bad news (debt, lost patients, no-shows…), good news, or neither. */
export function direction(key: string): 'good' | 'bad' | 'neutral' {
  if (/^reason:/.test(key)) return 'bad';
  if (['debt', 'debtTotal', 'lost', 'lostThisMonth', 'noShow', 'noShowPct', 'cancelled', 'expenses', 'costPerPatient', 'overdueDays'].includes(key)) return 'bad';
  if (key === 'spend') return 'neutral';
  return 'good';
}
