// Reads a spreadsheet exported by another system — CSV (UTF-8, BOM or not,
// delimiter detected) or XLSX (first sheet) — into rows keyed by the header.
// Each row keeps its line number in the file for error reports.
import Papa from 'papaparse';
import type ExcelJS from 'exceljs';

export interface TableRow {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  values: Record<string, string>;
}

/** Header names compared without case, spaces, underscores or dashes. */
export function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_\-.]+/g, '');
}

export async function readTableFile(fileName: string, content: Buffer): Promise<TableRow[]> {
  return /\.xlsx$/i.test(fileName) ? readXlsx(content) : readCsv(content.toString('utf8'));
}

export function readCsv(text: string): TableRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [header, ...data] = parsed.data;
  if (!header) return [];
  const keys = header.map(headerKey);
  const rows: TableRow[] = [];
  data.forEach((cells, i) => {
    if (cells.every((c) => !c || !c.trim())) return;
    const values: Record<string, string> = {};
    keys.forEach((k, j) => (values[k] = (cells[j] ?? '').trim()));
    rows.push({ line: i + 2, values });
  });
  return rows;
}

async function readXlsx(content: Buffer): Promise<TableRow[]> {
  // exceljs takes a second to load: only when a spreadsheet arrives, not at host start.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    // Excel stores wall-clock time: a date cell is a date, a date-time cell keeps its minutes.
    if (v instanceof Date) return v.getUTCHours() || v.getUTCMinutes() ? v.toISOString().slice(0, 16).replace('T', ' ') : v.toISOString().slice(0, 10);
    if (typeof v === 'object') {
      if ('text' in v) return String(v.text);
      if ('result' in v) return String(v.result ?? '');
      if ('richText' in v) return v.richText.map((r) => r.text).join('');
    }
    return String(v);
  };
  const keys: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (keys[col] = headerKey(text(cell.value))));
  const rows: TableRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    keys.forEach((k, col) => {
      if (k) values[k] = text(row.getCell(col).value).trim();
    });
    if (Object.values(values).some((v) => v)) rows.push({ line: n, values });
  });
  return rows;
}
