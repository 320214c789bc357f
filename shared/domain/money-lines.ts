// Charged lines of a visit: amount = qty × price − discount, and a total is
// always the sum of its lines (integer minor units, no rounding anywhere).

export interface ChargeLine {
  qty: number;
  price: number;
  discount: number;
}

export function lineAmount(l: ChargeLine): number {
  return l.qty * l.price - l.discount;
}

export function totalOf(lines: readonly ChargeLine[]): number {
  return lines.reduce((s, l) => s + lineAmount(l), 0);
}

/** The discount as a percentage of the line before discount (0 when free). */
export function discountPct(l: ChargeLine): number {
  const gross = l.qty * l.price;
  return gross === 0 ? 0 : (l.discount / gross) * 100;
}
