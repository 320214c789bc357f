// The director reads reports on the demo clinic: retention with a changed
// period and a drill-down, peak hours, and debtors downloaded as XLSX whose
// cells hold the same numbers the host computed.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiAs, workstation } from './session';

test('retention, peak hours and debtors: period, drill-down, XLSX', async ({ browser }) => {
  const director = await workstation(browser, 'director');
  await expect(director.getByTestId('dashboard')).toBeVisible();
  await expect(director.getByTestId('tile-retentionPct')).toBeVisible();

  // Retention: switch to this year, then drill into the first doctor's first-time patients.
  await director.goto('/#/reports/retention');
  await expect(director.getByTestId('report-table')).toBeVisible();
  await director.getByTestId('report-period-this-year').click();
  const year = String(new Date().getFullYear());
  await expect.poll(() => director.url()).toContain(`from=${year}-01-01`);
  const cell = director.getByTestId(/report-drill-primary-\d+/).first();
  await expect(cell).toBeVisible();
  const shown = Number((await cell.innerText()).replace(/\D/g, ''));
  expect(shown).toBeGreaterThan(0);
  await cell.click();
  await expect(director.getByTestId('drill-dialog')).toBeVisible();
  await expect(director.getByTestId('drill-count')).toHaveText(new RegExp(`\\b${shown}\\b`));
  await expect(director.getByTestId(/drill-patient-\d+/)).toHaveCount(shown);
  await director.getByTestId('drill-close').click();

  // Peak hours: the heatmap and the table.
  await director.goto('/#/reports/peak-hours');
  await expect(director.getByTestId('report-chart')).toBeVisible();
  await expect(director.getByTestId('report-table')).toBeVisible();

  // Debtors: the XLSX holds the host's numbers.
  await director.goto('/#/reports/debtors');
  await expect(director.getByTestId('report-table')).toBeVisible();
  const params = Object.fromEntries(new URLSearchParams(director.url().split('?')[1] ?? ''));
  const fromHost = (await apiAs(director, 'reports.run', { id: 'debtors', params: { from: params.from, to: params.to } })).body as {
    rows: Array<{ patientId: number; debt: number }>;
  };
  expect(fromHost.rows.length).toBeGreaterThan(0);
  const [download] = await Promise.all([director.waitForEvent('download'), director.getByTestId('report-export-xlsx').click()]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const header = rows.findIndex((r) => r.includes('Долг'));
  expect(header).toBeGreaterThanOrEqual(0);
  const debtCol = rows[header].indexOf('Долг');
  const idCol = rows[header].indexOf('ID пациента');
  const data = rows.slice(header + 1).filter((r) => typeof r[idCol] === 'number');
  expect(data.map((r) => [r[idCol], Math.round((r[debtCol] as number) * 100)])).toEqual(fromHost.rows.map((r) => [r.patientId, r.debt]));
});
