// Report periods on local dates (YYYY-MM-DD): the quick choices, the
// previous period to compare with (the rule of METRICS.md), and the
// parameters kept in the query part of the hash (#/reports/lost?from=…).
import { useCallback, useEffect, useState } from 'react';
import { addDays, addMonths, differenceInCalendarDays, endOfMonth, format, isValid, parseISO, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';

export const QUICK = ['this-month', 'last-month', 'this-quarter', 'this-year'] as const;
export type Quick = (typeof QUICK)[number];

export const iso = (d: Date): string => format(d, 'yyyy-MM-dd');

export function today(): string {
  return iso(new Date());
}

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && isValid(parseISO(s)) && iso(parseISO(s)) === s;
}

/** A quick period; the current ones end today, so nothing in the future is counted. */
export function quickRange(q: Quick, now = new Date()): { from: string; to: string } {
  switch (q) {
    case 'this-month':
      return { from: iso(startOfMonth(now)), to: iso(now) };
    case 'last-month': {
      const m = addMonths(startOfMonth(now), -1);
      return { from: iso(m), to: iso(endOfMonth(m)) };
    }
    case 'this-quarter':
      return { from: iso(startOfQuarter(now)), to: iso(now) };
    case 'this-year':
      return { from: iso(startOfYear(now)), to: iso(now) };
  }
}

export function quickOf(from: string, to: string, now = new Date()): Quick | null {
  return QUICK.find((q) => {
    const r = quickRange(q, now);
    return r.from === from && r.to === to;
  }) ?? null;
}

function isWholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && to === iso(endOfMonth(parseISO(to)));
}

export function plusDays(date: string, n: number): string {
  return iso(addDays(parseISO(date), n));
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The same number of calendar months just before when the period is whole months, otherwise the same number of days. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isWholeMonths(from, to)) {
    const start = parseISO(from.slice(0, 7) + '-01');
    const end = parseISO(to.slice(0, 7) + '-01');
    const n = (end.getFullYear() - start.getFullYear()) * 12 + end.getMonth() - start.getMonth() + 1;
    return { from: iso(addMonths(start, -n)), to: iso(endOfMonth(addMonths(start, -1))) };
  }
  const n = daysBetween(from, to) + 1;
  return { from: plusDays(from, -n), to: plusDays(from, -1) };
}

// ---- the query part of the hash ----

export type Query = Record<string, string>;

function readQuery(): Query {
  const h = location.hash;
  const i = h.indexOf('?');
  return i < 0 ? {} : Object.fromEntries(new URLSearchParams(h.slice(i + 1)));
}

function hashWith(q: Query): string {
  const base = location.hash.split('?')[0] || '#/';
  const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')).toString();
  return qs ? `${base}?${qs}` : base;
}

/** Reads and writes `?a=1&b=2` after the hash route; a change is a history entry unless `replace`. */
export function useHashQuery(): [Query, (q: Query, replace?: boolean) => void] {
  const [query, setQuery] = useState(readQuery);
  useEffect(() => {
    const on = () => setQuery(readQuery());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const set = useCallback((q: Query, replace = false) => {
    const hash = hashWith(q);
    if (hash === location.hash) return;
    if (replace) {
      history.replaceState(history.state, '', hash);
      setQuery(readQuery());
    } else {
      location.hash = hash;
    }
  }, []);
  return [query, set];
}

export function queryString(q: Record<string, string | number | undefined | null>): string {
  return new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)])).toString();
}
