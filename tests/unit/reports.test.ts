// The report engine: ids, parameters, labels, drill-down and exports, on the
// hand-built clinic of report-fixture.ts. Each report's numbers are checked
// in its own test file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { rejection } from './harness';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

describe('reports.run', () => {
  it('answers in the METRICS.md shape with labels in the asked language', async () => {
    const r = await rc.call('director', 'reports.run', { id: 'peak-hours', params: Q1, locale: 'ru' });
    expect(r.id).toBe('peak-hours');
    expect(r.params).toEqual(Q1);
    expect(r.columns.map((c) => [c.key, c.label])).toEqual([['weekday', 'День недели'], ['hour', 'Час'], ['visits', 'Визиты']]);
  });

  it.each([
    ['id', { id: 'nope', params: Q1 }],
    ['params.to', { id: 'peak-hours', params: { from: '2026-03-01', to: '2026-02-01' } }],
    ['params.from', { id: 'peak-hours', params: { from: '2026-02-30', to: '2026-03-01' } }],
    ['params.colour', { id: 'peak-hours', params: { ...Q1, colour: 'red' } }],
    ['params.to', { id: 'retention', params: { from: '2026-01-01' } }],
  ])('refuses a bad %s with 400 naming it', async (field, input) => {
    const err = await rejection(rc.call('director', 'reports.run', input as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
  });

  it('returns empty rows for an empty period, not an error', async () => {
    const r = await rc.call('director', 'reports.run', { id: 'retention', params: { from: '2030-01-01', to: '2030-01-31', asOf: '2030-02-01' } });
    expect(r.rows).toEqual([]);
  });

  it('is refused to reception and doctors', async () => {
    expect((await rejection(rc.call('reception', 'reports.run', { id: 'peak-hours', params: Q1 }))).code).toBe('forbidden');
  });
});

describe('drill-down and export', () => {
  it('lists the patients behind a number, and behind a total', async () => {
    const params = { ...Q1, asOf: '2026-03-31' };
    const r = await rc.call('director', 'reports.run', { id: 'retention', params });
    const d1 = r.rows.findIndex((row) => row.doctor === 'Алексеев Антон');
    const primary = await rc.call('director', 'reports.patients', { id: 'retention', params, rowIndex: d1, column: 'primary' });
    expect(primary.map((p) => p.name)).toEqual(['Анна А', 'Вера В']);
    const returned = await rc.call('director', 'reports.patients', { id: 'retention', params, rowIndex: d1, column: 'returned' });
    expect(returned.map((p) => p.id)).toEqual([rc.ids.P1]);
    const all = await rc.call('director', 'reports.patients', { id: 'retention', params, column: 'primary' });
    expect(all).toHaveLength(3);
    expect((await rejection(rc.call('director', 'reports.patients', { id: 'retention', params, column: 'retentionPct' }))).code).toBe('invalid_input');
  });

  it('exports CSV with a BOM and XLSX with real numbers', async () => {
    const csv = await rc.call('director', 'reports.export', { id: 'peak-hours', params: Q1, locale: 'ru', format: 'csv' });
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('День недели,Час,Визиты');
    const xlsx = await rc.call('director', 'reports.export', { id: 'peak-hours', params: Q1, locale: 'en', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values: unknown[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const header = values.findIndex((v) => v[0] === 'Weekday');
    expect(values[header]).toEqual(['Weekday', 'Hour', 'Visits']);
    expect(values[header + 1]).toEqual([2, 0, 1]);
    expect(values.some((v) => v[0] === 'from' && v[1] === '2026-01-01')).toBe(true);
  });
});
