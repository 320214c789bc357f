// Medians and p95s, and the table `npm run bench` prints: every figure next
// to its target.

export interface Figure {
  name: string;
  unit: 'ms' | 's' | 'MB';
  median: number;
  p95?: number;
  /** The figure (p95 where there is one) must be at most this. */
  target: number;
}

export function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

export function report(figures: Figure[]): void {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  console.log('\n| figure | median | p95 | target | |');
  console.log('|---|---:|---:|---:|---|');
  for (const f of figures) {
    const measured = f.p95 ?? f.median;
    console.log(
      `| ${f.name} | ${fmt(f.median)} ${f.unit} | ${f.p95 === undefined ? '' : `${fmt(f.p95)} ${f.unit}`} | ≤ ${f.target} ${f.unit} | ${measured <= f.target ? 'ok' : 'OVER'} |`,
    );
  }
}
