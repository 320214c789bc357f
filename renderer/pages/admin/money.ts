// Amounts typed in major units ("1500", "1 500,50", "1500.5") read as text
// into integer minor units, never through floating point.

/** Minor units for a typed amount, or null when it is not an amount with at most 2 decimals. */
export function parseMoney(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  // "1,234.50" or "1.234,50": the last separator is the decimal one.
  if (s.includes(',') && s.includes('.')) {
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    s = s.split(decimal === ',' ? '.' : ',').join('');
  }
  s = s.replace(',', '.');
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const major = m[1] ? Number(m[1]) : 0;
  const minor = Number((m[2] ?? '').padEnd(2, '0'));
  return major * 100 + minor;
}

/** The plain editable form of an amount: 150000 → "1500", 150050 → "1500.50". */
export function moneyText(minor: number): string {
  const major = Math.floor(minor / 100);
  const cents = minor % 100;
  return cents ? `${major}.${String(cents).padStart(2, '0')}` : String(major);
}
