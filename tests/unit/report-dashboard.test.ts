// The dashboard's tiles equal the reports they open: debt and retention are
// read by their own shorter SQL (debtTotal, retentionTotalPct, uniquePatientsIn), the others
// from the reports themselves. Checked on the report fixture for months
// across its history, clinic-wide and per branch, and the debt as of days
// before and after later visits and payments (balances minus what came after `to`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReportClinic, type ReportClinic } from './report-fixture';
import { dashboard } from '../../main/reports/dashboard';
import { runReport } from '../../main/reports/registry';
import { debtTotal } from '../../main/reports/debtors';
import { retentionTotalPct } from '../../main/reports/retention';
import { monthEnd, monthStart, plusMonths } from '../../main/reports/period';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const days = ['2025-06-30', '2025-08-01', '2025-09-15', '2025-12-31', '2026-01-20', '2026-02-05', '2026-02-28', '2026-03-15', '2026-03-31', '2026-04-30', '2027-01-01'];

describe('dashboard', () => {
  it('debtTotal is the debtors report total as of any day, with and without filters', () => {
    const filters = [{}, { branchId: rc.ids.B1 }, { branchId: rc.ids.B2 }, { doctorId: rc.ids.D1 }];
    let positive = 0;
    for (const to of days) {
      for (const f of filters) {
        const p = { from: '2020-01-01', to, ...f };
        const report = runReport(rc.sqlite, 'debtors', p, 'en');
        const total = report.rows.reduce((s, r) => s + (r.debt as number), 0);
        expect({ to, f, debt: debtTotal(rc.sqlite, p) }).toEqual({ to, f, debt: total });
        if (total > 0) positive++;
      }
    }
    expect(positive).toBeGreaterThan(4);
  });

  it('retentionTotalPct is the retention report total', () => {
    let some = 0;
    for (const to of days) {
      const month = to.slice(0, 7);
      for (const f of [{}, { branchId: rc.ids.B1 }, { doctorId: rc.ids.D2 }]) {
        for (const p of [{ from: monthStart(month), to, asOf: to, ...f }, { from: '2025-01-01', to, asOf: '2026-12-31', ...f }]) {
          const want = runReport(rc.sqlite, 'retention', p, 'en').totals?.retentionPct ?? null;
          expect({ p, pct: retentionTotalPct(rc.sqlite, p) }).toEqual({ p, pct: want });
          if (want !== null) some++;
        }
      }
    }
    expect(some).toBeGreaterThan(4);
  });

  it('each tile equals its report for this month so far and the previous month', () => {
    for (const today of ['2026-02-14', '2026-03-31', '2026-04-10']) {
      for (const branchId of [undefined, rc.ids.B1]) {
        const d = dashboard(rc.sqlite, branchId, today);
        const month = today.slice(0, 7);
        const periods = { current: { from: monthStart(month), to: today }, previous: { from: monthStart(plusMonths(month, -1)), to: monthEnd(plusMonths(month, -1)) } };
        for (const which of ['current', 'previous'] as const) {
          const p = { ...periods[which], ...(branchId ? { branchId } : {}) };
          const tile = (key: string) => d.tiles.find((t) => t.key === key)![which];
          const run = (id: string, extra = {}) => runReport(rc.sqlite, id, { ...p, ...extra }, 'en');
          expect(tile('debtTotal')).toBe(run('debtors').totals?.debt);
          expect(tile('retentionPct')).toBe(run('retention', { asOf: p.to }).totals?.retentionPct ?? null);
          expect(tile('newPatients')).toBe(run('base-growth').totals?.newPatients ?? null);
          expect(tile('revenue')).toBe(run('average-check').totals?.revenue ?? null);
          expect(tile('averageCheck')).toBe(run('average-check').totals?.averageCheck ?? null);
          expect(tile('lostThisMonth')).toBe(run('lost').rows.reduce((s, r) => s + (r.lost as number), 0));
          expect(tile('uniquePatients')).toBe(run('activity').rows[0]?.uniquePatients ?? null);
        }
      }
    }
  });
});
