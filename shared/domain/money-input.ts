// Amounts typed by people in major units ("1500", "1 500,50", "1,234.50",
// "1.234,50") read as text into integer minor units, never through floating
// point; and the plain editable form of an amount for an input field. One
// module for every money field of the UI (payments, prices, discounts,
// expenses, campaign costs).

/** Minor units for a typed amount, or null when it is not an amount with at most 2 decimals. */
export function parseMoney(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  // "1,234.50" or "1.234,50": the last separator is the decimal one.
  if (s.includes(',') && s.includes('.')) {
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    s = s.split(decimal === ',' ? '.' : ',').join('');
  }
  s = s.replace(',', '.');
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s) ?? /^()\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const major = m[1] ? Number(m[1]) : 0;
  const minor = Number((m[2] ?? '').padEnd(2, '0'));
  return major * 100 + minor;
}

/** The plain editable form of an amount: 150000 → "1500", 150050 → "1500.50", −2500 → "-25". */
export function moneyText(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
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
