// Money is integer minor units (kopecks, cents, fen) everywhere; it is
// formatted only in the UI.

/** Divides and rounds half away from zero, as METRICS.md asks for averages. */
export function divideRounded(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const q = numerator / denominator;
  return Math.sign(q) * Math.round(Math.abs(q));
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
}
