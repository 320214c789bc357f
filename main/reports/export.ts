// Report exports: CSV (UTF-8 with BOM, so Excel opens Cyrillic and Chinese
// right) and XLSX (real cells: numbers as numbers, money formatted, a header
// row, the parameters above the table).
import Papa from 'papaparse';
import type { ReportColumn, ReportResult } from '../../shared/api/reports';

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

const NUMBER_FORMAT: Partial<Record<ReportColumn['type'], string>> = { money: '#,##0.00', pct: '0.0', int: '0' };

export async function toXlsx(r: ReportResult, title: string): Promise<Buffer> {
  // exceljs takes a second to load: only on the first export, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(r.id.slice(0, 31));
  ws.addRow([title]).font = { bold: true, size: 14 };
  for (const [k, v] of Object.entries(r.params)) if (v !== undefined) ws.addRow([k, String(v)]);
  ws.addRow([]);
  const header = ws.addRow(r.columns.map((c) => c.label));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0F2F1' } };
  });
  const headerRow = header.number;
  for (const row of r.rows) ws.addRow(r.columns.map((c) => cellValue(c, row[c.key])));
  if (r.totals && r.columns.some((c) => c.key in r.totals!)) {
    const t = ws.addRow(r.columns.map((c, i) => (i === 0 && !(c.key in r.totals!) ? 'Σ' : cellValue(c, r.totals![c.key]))));
    t.font = { bold: true };
  }
  r.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const fmt = NUMBER_FORMAT[c.type];
    if (fmt) col.numFmt = fmt;
    col.width = Math.min(40, Math.max(10, c.label.length + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
