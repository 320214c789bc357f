// Local calendar dates as the API takes them (YYYY-MM-DD).
import { endOfMonth, format, startOfMonth } from 'date-fns';

export const today = (): string => format(new Date(), 'yyyy-MM-dd');
export const monthStart = (): string => format(startOfMonth(new Date()), 'yyyy-MM-dd');
export const monthEnd = (): string => format(endOfMonth(new Date()), 'yyyy-MM-dd');
export const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);
