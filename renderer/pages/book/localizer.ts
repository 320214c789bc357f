// react-big-calendar's date-fns localizer in the UI's language, weeks from
// Monday, 24-hour times.
import { dateFnsLocalizer, type Formats } from 'react-big-calendar';
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enGB, ru, uk, zhCN } from 'date-fns/locale';
import type { Locale } from 'date-fns';
import { capitalize } from './book-utils';

const LOCALES: Record<string, Locale> = { ru, uk, en: enGB, zh: zhCN };

export function dateLocale(language: string): Locale {
  return LOCALES[language] ?? ru;
}

export const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
  getDay,
  locales: LOCALES,
});

const range = ({ start, end }: { start: Date; end: Date }) => `${format(start, 'HH:mm')}–${format(end, 'HH:mm')}`;

export const FORMATS: Formats = {
  timeGutterFormat: 'HH:mm',
  eventTimeRangeFormat: range,
  eventTimeRangeStartFormat: ({ start }: { start: Date }) => `${format(start, 'HH:mm')} –`,
  eventTimeRangeEndFormat: ({ end }: { end: Date }) => `– ${format(end, 'HH:mm')}`,
  selectRangeFormat: range,
  dayFormat: (d: Date, culture?: string) => capitalize(format(d, 'EEEEEE, d MMM', { locale: dateLocale(culture ?? 'ru') })),
  dayHeaderFormat: (d: Date, culture?: string) => capitalize(format(d, 'EEEE, d MMMM', { locale: dateLocale(culture ?? 'ru') })),
};
