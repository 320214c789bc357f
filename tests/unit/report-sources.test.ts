import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';
import { makeReportClinic, Q1, type ReportClinic } from './report-fixture';

let rc: ReportClinic;
beforeAll(async () => {
  rc = await makeReportClinic();
});
afterAll(async () => rc.close());

const pick = (rows: Array<Record<string, unknown>>) =>
  rows.map(({ source, newPatients, revenue, spend, costPerPatient, roi }) => ({ source, newPatients, revenue, spend, costPerPatient, roi }));

// New patients of Q1 (first visit in Q1): P1 (web, 01-10 D1 B1), P3 (web,
// 02-20 D1 B1), P5 (ref, 01-25 D2 B2 — the visit moved in from merged P4).
// Their Q1 revenue: P1 10000 + 30000 + 10000 (03-15 at B2 with D2) = 50000;
// P3 9000 (after the discount); P5 10000 + 10000 = 20000.
// Marketing spend in Q1: web 5000 (B1, 01-15), ref 3000 (B2, 02-10); rent is not marketing.
// Rows are sorted by source name: Рекомендация (ref) before Сайт (web).
describe('sources', () => {
  it('counts new patients, their revenue, spend, cost per patient and ROI per source', async () => {
    // ref: 1 patient, 20000, spend 3000 → 3000 per patient, (20000 − 3000) / 3000 = 566.67 → 566.7 %.
    // web: 2 patients, 59000, spend 5000 → 2500 per patient, (59000 − 5000) / 5000 = 1080 %.
    // Totals: 3, 79000, 8000 → 8000 / 3 = 2666.67 → 2667; 71000 / 8000 = 887.5 %.
    const r = await rc.call('director', 'reports.run', { id: 'sources', params: Q1 });
    expect(r.columns.filter((c) => c.drill).map((c) => c.key)).toEqual(['newPatients']);
    expect(pick(r.rows)).toEqual([
      { source: 'Рекомендация', newPatients: 1, revenue: 20000, spend: 3000, costPerPatient: 3000, roi: 566.7 },
      { source: 'Сайт', newPatients: 2, revenue: 59000, spend: 5000, costPerPatient: 2500, roi: 1080 },
    ]);
    expect(r.totals).toEqual({ newPatients: 3, revenue: 79000, spend: 8000, costPerPatient: 2667, roi: 887.5 });
  });

  it('applies the branch filter to first visits, revenue and spend', async () => {
    // B1: P1 and P3 first came to B1; revenue at B1 only: P1 10000 + 30000 (her
    // March visit was at B2), P3 9000 → 49000; web spend at B1 5000 → 2500, 880 %.
    // ref has no new patient at B1 and its spend was at B2: no row.
    const r = await rc.call('director', 'reports.run', { id: 'sources', params: { ...Q1, branchId: rc.ids.B1 } });
    expect(pick(r.rows)).toEqual([{ source: 'Сайт', newPatients: 2, revenue: 49000, spend: 5000, costPerPatient: 2500, roi: 880 }]);
  });

  it('keeps a source with spend but no new patients, with no cost per patient', async () => {
    // D2: only P5 first came to D2 (20000 with D2). Spend has no doctor, so both
    // sources keep theirs: web spent 5000 for nobody → cost null, ROI −100 %.
    const r = await rc.call('director', 'reports.run', { id: 'sources', params: { ...Q1, doctorId: rc.ids.D2 } });
    expect(pick(r.rows)).toEqual([
      { source: 'Рекомендация', newPatients: 1, revenue: 20000, spend: 3000, costPerPatient: 3000, roi: 566.7 },
      { source: 'Сайт', newPatients: 0, revenue: 0, spend: 5000, costPerPatient: null, roi: -100 },
    ]);
  });

  it('returns no rows for an empty period', async () => {
    // Rows are per source with new patients or spend: none in 2030.
    const r = await rc.call('director', 'reports.run', { id: 'sources', params: { from: '2030-01-01', to: '2030-01-31' } });
    expect(r.rows).toEqual([]);
    expect(r.totals).toEqual({ newPatients: 0, revenue: 0, spend: 0, costPerPatient: null, roi: null });
  });

  it('lists the new patients of a source', async () => {
    const web = await rc.call('director', 'reports.patients', { id: 'sources', params: Q1, rowIndex: 1, column: 'newPatients' });
    expect(web.map((p) => p.name)).toEqual(['Анна А', 'Вера В']);
    const all = await rc.call('director', 'reports.patients', { id: 'sources', params: Q1, column: 'newPatients' });
    expect(all).toHaveLength(3);
  });

  // Last: it adds to this file's clinic.
  it('puts patients and marketing spend without a source in a last row with source null', async () => {
    const s = rc.sqlite;
    const p9 = Number(s.prepare("INSERT INTO patients (last_name, first_name, phone) VALUES ('Зоя', 'З', '+79000000009')").run().lastInsertRowid);
    const a = Number(
      s
        .prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status) VALUES (?, ?, ?, '2026-03-20T10:00', '2026-03-20T10:30', 'completed')")
        .run(p9, rc.ids.D1, rc.ids.B1).lastInsertRowid,
    );
    s.prepare('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, 10000, 0, 10000)').run(a, rc.ids.consult);
    s.prepare("INSERT INTO expenses (branch_id, category, spent_on, amount) VALUES (?, 'marketing', '2026-03-20', 1000)").run(rc.ids.B1);
    await rebuildVisitSummaries(rc.database.db);
    // No source: P9, 10000, spend 1000 → 1000 per patient, 900 %.
    // Totals: 4, 89000, 9000 → 2250; 80000 / 9000 = 888.9 %.
    const r = await rc.call('director', 'reports.run', { id: 'sources', params: Q1 });
    expect(pick(r.rows).map((x) => x.source)).toEqual(['Рекомендация', 'Сайт', null]);
    expect(pick(r.rows)[2]).toEqual({ source: null, newPatients: 1, revenue: 10000, spend: 1000, costPerPatient: 1000, roi: 900 });
    expect(r.totals).toEqual({ newPatients: 4, revenue: 89000, spend: 9000, costPerPatient: 2250, roi: 888.9 });
    const none = await rc.call('director', 'reports.patients', { id: 'sources', params: Q1, rowIndex: 2, column: 'newPatients' });
    expect(none.map((p) => p.id)).toEqual([p9]);
  });
});
