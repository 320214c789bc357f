// i18next with the four catalogs, plus the locale-aware formatting of dates
// (date-fns) and money (Intl) the whole UI uses.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { format, parseISO } from 'date-fns';
import { enGB, ru as ruDate, uk as ukDate, zhCN } from 'date-fns/locale';
import type { Locale as DateLocale } from 'date-fns';
import en from './locales/en';
import ru from './locales/ru';
import uk from './locales/uk';
import zh from './locales/zh';
import type { Locale } from '../../shared/api/settings';
import { NAMESPACES } from './namespaces';

export const LANGUAGE_NAMES: Record<Locale, string> = { ru: 'Русский', uk: 'Українська', en: 'English', zh: '中文' };

const DATE_LOCALES: Record<Locale, DateLocale> = { ru: ruDate, uk: ukDate, en: enGB, zh: zhCN };
const INTL_LOCALES: Record<Locale, string> = { ru: 'ru-RU', uk: 'uk-UA', en: 'en-GB', zh: 'zh-CN' };

function storedLocale(): Locale | null {
  const l = localStorage.getItem('clinic.locale');
  return l === 'ru' || l === 'uk' || l === 'en' || l === 'zh' ? l : null;
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(
    (['en', 'ru', 'uk', 'zh'] as const).map((l) => [
      l,
      { translation: { en, ru, uk, zh }[l], ...Object.fromEntries(Object.entries(NAMESPACES).map(([ns, c]) => [ns, c[l]])) },
    ]),
  ),
  lng: storedLocale() ?? 'ru',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export function currentLocale(): Locale {
  return (i18n.language as Locale) ?? 'ru';
}

export function setLocale(l: Locale): void {
  localStorage.setItem('clinic.locale', l);
  document.documentElement.lang = l;
  void i18n.changeLanguage(l);
}

/** Applies the clinic's default language unless this workstation chose one. */
export function applyDefaultLocale(l: Locale): void {
  if (!storedLocale() && i18n.language !== l) void i18n.changeLanguage(l);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'P', { locale: DATE_LOCALES[currentLocale()] });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'Pp', { locale: DATE_LOCALES[currentLocale()] });
}

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat(INTL_LOCALES[currentLocale()], { style: 'currency', currency }).format(minor / 100);
}

export default i18n;
