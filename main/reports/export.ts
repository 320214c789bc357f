// Report exports: CSV (UTF-8 with BOM, so Excel opens Cyrillic and Chinese
// right) and XLSX (real cells: numbers as numbers, money formatted, a header
// row, the parameters above the table).
import Papa from 'papaparse';
import type { ReportColumn, ReportResult } from '../../shared/api/reports';
import { writeXlsx, XlsxStyle, type XlsxSheet } from './xlsx-writer';

function cellValue(c: ReportColumn, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (c.type === 'money' && typeof v === 'number') return v / 100;
  return v as string | number;
}

export function toCsv(r: ReportResult): Buffer {
  const data = r.rows.map((row) => r.columns.map((c) => cellValue(c, row[c.key]) ?? ''));
  const text = Papa.unparse({ fields: r.columns.map((c) => c.label), data });
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** Data cells by column type (numbers as numbers; money in major units with two decimals). */
const DATA_STYLE: Partial<Record<ReportColumn['type'], XlsxStyle>> = { money: XlsxStyle.Money, pct: XlsxStyle.Pct, int: XlsxStyle.Int };
const TOTAL_STYLE: Partial<Record<ReportColumn['type'], XlsxStyle>> = { money: XlsxStyle.BoldMoney, pct: XlsxStyle.BoldPct, int: XlsxStyle.BoldInt };

export async function toXlsx(r: ReportResult, title: string): Promise<Buffer> {
  const rows: XlsxSheet['rows'] = [{ cells: [title], styles: XlsxStyle.Title }];
  for (const [k, v] of Object.entries(r.params)) if (v !== undefined) rows.push({ cells: [k, String(v)] });
  rows.push({ cells: [] });
  rows.push({ cells: r.columns.map((c) => c.label), styles: XlsxStyle.Header });
  const headerRow = rows.length;
  const styles = r.columns.map((c) => DATA_STYLE[c.type] ?? XlsxStyle.Plain);
  for (const row of r.rows) rows.push({ cells: r.columns.map((c) => cellValue(c, row[c.key])), styles });
  if (r.totals && r.columns.some((c) => c.key in r.totals!)) {
    rows.push({
      cells: r.columns.map((c, i) => (i === 0 && !(c.key in r.totals!) ? 'Σ' : cellValue(c, r.totals![c.key]))),
      styles: r.columns.map((c) => TOTAL_STYLE[c.type] ?? XlsxStyle.Bold),
    });
  }
  return writeXlsx({
    name: r.id,
    rows,
    widths: r.columns.map((c) => Math.min(40, Math.max(10, c.label.length + 2))),
    frozenRows: headerRow,
  });
}
