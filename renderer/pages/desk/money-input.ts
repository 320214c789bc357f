// Money typed at the desk, in major units ("1234.5", "1 234,50"), read as a
// string into integer minor units, never through floating point.

/** Minor units for a typed amount, or null when it is not a valid amount (at most 2 decimals). */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const major = m[1] ? Number(m[1]) : 0;
  const minor = Number((m[2] ?? '').padEnd(2, '0'));
  return major * 100 + minor;
}

/** The plain editable form of an amount: 123450 → "1234.50", 100 → "1.00". */
export function moneyText(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A percentage typed as "10", "12.5" or "12,5", in hundredths of a percent (1250); null unless 0–100. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text.trim().replace(',', '.'));
  if (!m) return null;
  const v = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return v <= 100_00 ? v : null;
}

/** The discount of `pctHundredths` on `gross` minor units, rounded down so it never exceeds the percentage typed. */
export function discountOf(gross: number, pctHundredths: number): number {
  return Math.floor((gross * pctHundredths) / 100_00);
}
