// The report XLSX writer (main/reports/xlsx-writer.ts) read back by exceljs:
// numbers as numbers with their formats, strings in any script with XML's
// special characters, the parameters above a bold, filled header, a frozen
// header and a bold totals row.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from '../../main/reports/export';
import type { ReportResult } from '../../shared/api/reports';

const result: ReportResult = {
  id: 'debtors',
  params: { from: '2026-01-01', to: '2026-03-31', branchId: undefined, limit: 5 },
  columns: [
    { key: 'patient', label: 'Пациент', type: 'text' },
    { key: 'month', label: 'Month', type: 'month' },
    { key: 'visits', label: 'Visits', type: 'int' },
    { key: 'debt', label: '欠款', type: 'money' },
    { key: 'share', label: 'Share %', type: 'pct' },
  ],
  rows: [
    { patient: 'Иванов <Иван> & "сын"', month: '2026-01', visits: 3, debt: 123456, share: 12.5 },
    { patient: '王小明', month: '2026-02', visits: 0, debt: -5, share: null },
    { patient: null, month: '2026-03', visits: 1, debt: 0, share: 100 },
  ],
  totals: { visits: 4, debt: 123451, share: 37.5 },
};

describe('XLSX export', () => {
  it('reads back with the same cells, formats and layout', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(result, 'Должники')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('debtors');
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toEqual([
      ['Должники'],
      ['from', '2026-01-01'],
      ['to', '2026-03-31'],
      ['limit', '5'],
      [],
      ['Пациент', 'Month', 'Visits', '欠款', 'Share %'],
      ['Иванов <Иван> & "сын"', '2026-01', 3, 1234.56, 12.5],
      ['王小明', '2026-02', 0, -0.05],
      [undefined, '2026-03', 1, 0, 100],
      ['Σ', undefined, 4, 1234.51, 37.5],
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.size).toBe(14);
    expect(ws.getCell('D6').font?.bold).toBe(true);
    expect((ws.getCell('D6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE0F2F1');
    expect(ws.getCell('D7').numFmt).toBe('#,##0.00');
    expect(ws.getCell('E7').numFmt).toBe('0.0');
    expect(ws.getCell('C7').numFmt).toBe('0');
    expect(ws.getCell('D10').font?.bold).toBe(true);
    expect(ws.getCell('D10').numFmt).toBe('#,##0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.getColumn(1).width).toBe(10);
  });

  it('writes a report without totals or rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx({ ...result, rows: [], totals: undefined }, 'T')) as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values.at(-1)).toEqual(['Пациент', 'Month', 'Visits', '欠款', 'Share %']);
  });
});
