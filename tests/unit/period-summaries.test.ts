// Migration 0012's period summaries (visit_hours, unique_patient_months,
// payment_months) are kept by triggers: after every kind of write — a visit
// completed, a cancellation, a payment and a refund, a visit moved to another
// month / hour / doctor / branch, a visit un-completed, a merge, a history
// import, an appointment or a payment deleted or edited — they equal a rebuild
// from history. Then the reports that read them equal plain SQL over the
// visits, for whole-month periods and periods that start or end mid-month,
// with and without filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFrontDesk, type FrontDesk } from './front-desk';
import { rebuildPeriodSummaries } from '../../main/api/period-summaries';
import { rebuildBalances } from '../../main/api/balances';
import { runReport } from '../../main/reports/registry';
import { dayAfter, previousPeriod, yearBefore } from '../../main/reports/period';
import type { Appointment } from '../../shared/api/appointments';

let clinic: FrontDesk;
let branch2: number;
const sqlite = () => clinic.database.sqlite;

const snapshot = () => ({
  hours: sqlite().prepare('SELECT * FROM visit_hours ORDER BY doctor_id, branch_id, month, weekday, hour').all(),
  links: sqlite().prepare('SELECT * FROM unique_patient_months ORDER BY doctor_id, branch_id, month, prev_month').all(),
  payments: sqlite().prepare('SELECT * FROM payment_months ORDER BY month, doctor_id, branch_id').all(),
});

/** The kept summaries equal a rebuild from history (which leaves them as they were). */
async function expectKept(step: string): Promise<void> {
  const kept = snapshot();
  await rebuildPeriodSummaries(clinic.database.db);
  expect({ step, ...snapshot() }).toEqual({ step, ...kept });
}

async function visit(at: string, patientId: number, doctorId: number, serviceId = clinic.services.consult): Promise<Appointment> {
  clinic.setNow(at);
  const a = await clinic.call('reception', 'queue.walkIn', { patientId, doctorId, serviceIds: [serviceId] });
  return clinic.call('director', 'appointments.complete', { id: a.id, items: [{ serviceId, qty: 1, discount: 0 }] });
}

const run = (sql: string, ...args: unknown[]) => sqlite().prepare(sql).run(...args);

beforeAll(async () => {
  clinic = await makeFrontDesk();
  const { patientId: A, otherPatientId: B, doctorA, doctorB } = clinic;
  branch2 = Number(run(`INSERT INTO branches (name, city) VALUES ('Филиал 2', 'Тверь')`).lastInsertRowid);
  const C = (await clinic.call('reception', 'patients.create', { lastName: 'Кузнецов', firstName: 'Олег', phone: '+79035556677', sourceId: clinic.sourceId })).id;
  await visit('2026-11-24T10:00', B, doctorA);
  await visit('2026-11-25T09:00', A, doctorA);
  await expectKept('first visits');
  clinic.setNow('2026-11-25T09:30');
  const cancelled = await clinic.call('reception', 'appointments.book', { patientId: B, doctorId: doctorA, startAt: '2026-11-26T10:00', serviceIds: [clinic.services.consult] });
  await clinic.call('reception', 'appointments.setStatus', { id: cancelled.id, status: 'cancelled', reasonCode: 'ill' });
  const b1 = await visit('2026-12-02T09:00', B, doctorB, clinic.services.cleaning);
  const a2 = await visit('2026-12-02T11:00', A, doctorA);
  await visit('2026-12-16T11:00', A, doctorB);
  const a4 = await visit('2027-01-11T10:00', A, doctorB, clinic.services.xray);
  await visit('2027-02-15T10:00', B, doctorA);
  await visit('2027-03-01T09:00', A, doctorA);
  await visit('2027-03-31T17:00', B, doctorB);
  await expectKept('visits across months');
  clinic.setNow('2027-02-15T12:00');
  await clinic.call('reception', 'payments.create', { patientId: B, appointmentId: b1.id, amount: b1.total, method: 'card' });
  await clinic.call('director', 'payments.refund', { patientId: B, appointmentId: b1.id, amount: 10000, method: 'card', reason: 'Ошибка' });
  await clinic.call('reception', 'payments.create', { patientId: A, appointmentId: a4.id, amount: 20000, method: 'cash' });
  await expectKept('payments');
  // Writes no API makes today, each a kind a trigger must follow.
  run(`UPDATE appointments SET start_at = '2027-01-20T15:00', end_at = '2027-01-20T15:30' WHERE id = ?`, a2.id);
  await expectKept('a visit moved to another month and hour');
  run(`UPDATE appointments SET start_at = '2027-01-20T16:00', end_at = '2027-01-20T16:30' WHERE id = ?`, a2.id);
  await expectKept('a visit moved within its day');
  run(`UPDATE appointments SET branch_id = ?, doctor_id = ? WHERE id = ?`, branch2, doctorB, a4.id);
  await expectKept('a paid visit moved to another doctor and branch');
  run(`UPDATE appointments SET status = 'no_show' WHERE id = ?`, a2.id);
  await expectKept('a visit no longer completed');
  run(`UPDATE appointments SET status = 'completed' WHERE id = ?`, a2.id);
  await expectKept('completed again');
  run(`UPDATE payments SET paid_at = '2027-03-02T10:00', amount = amount + 500 WHERE appointment_id = ? AND amount > 0`, b1.id);
  await expectKept('a payment edited');
  run(`UPDATE payments SET appointment_id = ? WHERE appointment_id = ? AND amount < 0`, a4.id, b1.id);
  await expectKept('a refund moved to another appointment');
  run(`DELETE FROM payments WHERE appointment_id = ? AND amount > 0`, a4.id);
  await expectKept('a payment deleted');
  const extra = await visit('2027-02-16T12:00', B, doctorB);
  run(`DELETE FROM appointment_items WHERE appointment_id = ?`, extra.id);
  run(`DELETE FROM appointments WHERE id = ?`, extra.id);
  await expectKept('a visit deleted');
  // C's visits merged into A: their patient moves, A's months gain and lose links.
  await visit('2026-10-14T10:00', C, doctorB);
  await visit('2026-12-03T10:00', C, doctorA);
  await visit('2027-04-03T10:00', C, doctorA);
  clinic.setNow('2027-04-04T09:00');
  await clinic.call('director', 'patients.merge', { sourceId: C, targetId: A });
  await expectKept('merge');
  const branch = (sqlite().prepare('SELECT name FROM branches WHERE id = ?').get(clinic.branchId) as { name: string }).name;
  const csv = [
    'visit_id,patient_id,patient_phone,doctor,branch,start,end,status,reason,service,qty,price,discount,amount',
    `H-1,,+79031112233,doctor2,${branch},2026-09-30 10:00,,completed,,C1,1,150000,,150000`,
    `H-2,,+79031112233,doctor2,${branch},2026-10-20 23:30,,completed,,C1,1,150000,,150000`,
    `H-3,,+79031112233,doctor2,${branch},2026-10-21 10:00,,cancelled,ill,C1,1,150000,,`,
  ].join('\n');
  const imported = await clinic.call('director', 'import.visits', { fileName: 'h.csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun: false, allOrNothing: true });
  expect(imported.errors ?? []).toEqual([]);
  await expectKept('history import');
});

afterAll(() => clinic.close());

const periods: Array<[string, string]> = [
  ['2026-09-01', '2027-04-30'], // whole months
  ['2026-11-01', '2027-01-31'],
  ['2026-09-15', '2027-02-10'], // both ends mid-month
  ['2026-10-01', '2026-12-20'], // ends mid-month
  ['2026-12-03', '2027-03-31'], // starts mid-month
  ['2026-10-14', '2026-10-31'], // within one month
  ['2026-11-26', '2027-01-05'], // no whole month
  ['2027-05-01', '2027-05-31'], // nothing
  ['2025-06-01', '2027-06-30'], // past a year
  ['2025-06-10', '2027-03-20'],
];
const filters = () => [{}, { doctorId: clinic.doctorA }, { doctorId: clinic.doctorB }, { branchId: clinic.branchId }, { branchId: branch2 }, { branchId: clinic.branchId, doctorId: clinic.doctorB }];
const where = (f: { doctorId?: number; branchId?: number }) => ({
  sql: `${f.doctorId ? ' AND doctor_id = ?' : ''}${f.branchId ? ' AND branch_id = ?' : ''}`,
  args: [...(f.doctorId ? [f.doctorId] : []), ...(f.branchId ? [f.branchId] : [])],
});
const visits = (from: string, to: string, f: { doctorId?: number; branchId?: number }) => {
  const w = where(f);
  return `FROM appointments WHERE status = 'completed' AND start_at >= '${from}' AND start_at < '${dayAfter(to)}'${w.sql}`;
};

describe('period summaries of migration 0012', () => {
  it('were kept equal to a rebuild after every write (beforeAll), and are not empty', () => {
    const s = snapshot();
    expect(s.hours.length).toBeGreaterThan(10);
    expect(s.links.length).toBeGreaterThan(10);
    expect(s.payments.length).toBeGreaterThan(1);
  });

  it('peak-hours equals the plain count of visits by weekday and hour', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const plain = sqlite()
          .prepare(
            `SELECT ((CAST(strftime('%w', start_at) AS INTEGER) + 6) % 7) + 1 AS weekday, CAST(substr(start_at, 12, 2) AS INTEGER) AS hour, count(*) AS visits
             ${visits(from, to, f)} GROUP BY 1, 2 ORDER BY 1, 2`,
          )
          .all(...where(f).args);
        expect({ from, to, f, rows: runReport(sqlite(), 'peak-hours', { from, to, ...f }, 'en').rows }).toEqual({ from, to, f, rows: plain });
      }
    }
  });

  it('activity equals the plain distinct count in each of its periods', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const prev = previousPeriod(from, to);
        const plain = [
          ['current', from, to],
          ['previous', prev.from, prev.to],
          ['lastYear', yearBefore(from), yearBefore(to)],
        ].map(([period, a, b]) => ({
          period,
          from: a,
          to: b,
          ...(sqlite().prepare(`SELECT count(DISTINCT patient_id) AS uniquePatients, count(*) AS visits ${visits(a, b, f)}`).get(...where(f).args) as object),
        }));
        expect({ from, to, f, rows: runReport(sqlite(), 'activity', { from, to, ...f }, 'en').rows }).toEqual({ from, to, f, rows: plain });
      }
    }
  });

  it('branches and staff-revenue equal the plain sums and distinct counts', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const w = where(f);
        const byBranch = sqlite()
          .prepare(`SELECT branch_id AS branchId, count(*) AS visits, count(DISTINCT patient_id) AS uniquePatients, sum(charged) AS revenue ${visits(from, to, f)} GROUP BY 1`)
          .all(...w.args) as Array<{ branchId: number }>;
        const paid = sqlite()
          .prepare(
            `SELECT a.branch_id AS branchId, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
             WHERE pm.paid_at >= ? AND pm.paid_at < ?${w.sql.replaceAll('doctor_id', 'a.doctor_id').replaceAll('branch_id', 'a.branch_id')} GROUP BY 1`,
          )
          .all(from, dayAfter(to), ...w.args) as Array<{ branchId: number; paid: number }>;
        const total = sqlite().prepare(`SELECT count(DISTINCT patient_id) AS n ${visits(from, to, f)}`).get(...w.args) as { n: number };
        const report = runReport(sqlite(), 'branches', { from, to, ...f }, 'en');
        const got = report.rows.map((r) => ({ branchId: r.branchId, visits: r.visits, uniquePatients: r.uniquePatients, revenue: r.revenue, paid: r.paid }));
        const ids = [...new Set([...byBranch.map((b) => b.branchId), ...paid.map((b) => b.branchId)])];
        const want = ids.map((id) => ({
          branchId: id,
          visits: 0,
          uniquePatients: 0,
          revenue: 0,
          ...byBranch.find((b) => b.branchId === id),
          paid: paid.find((b) => b.branchId === id)?.paid ?? 0,
        }));
        const byId = (a: { branchId: unknown }, b: { branchId: unknown }) => (a.branchId as number) - (b.branchId as number);
        expect({ from, to, f, rows: got.sort(byId), unique: report.totals?.uniquePatients ?? 0 }).toEqual({ from, to, f, rows: want.sort(byId), unique: report.rows.length ? total.n : 0 });

        const byDoctor = sqlite()
          .prepare(`SELECT doctor_id AS doctorId, count(*) AS visits, count(DISTINCT patient_id) AS uniquePatients, sum(charged) AS revenue ${visits(from, to, f)} GROUP BY 1 ORDER BY 1`)
          .all(...w.args);
        const staff = runReport(sqlite(), 'staff-revenue', { from, to, ...f }, 'en');
        const rows = staff.rows
          .map((r) => ({ doctorId: r.doctorId, visits: r.visits, uniquePatients: r.uniquePatients, revenue: r.revenue }))
          .sort((a, b) => (a.doctorId as number) - (b.doctorId as number));
        expect({ from, to, f, rows, unique: staff.totals?.uniquePatients }).toEqual({ from, to, f, rows: byDoctor, unique: byDoctor.length ? total.n : 0 });
      }
    }
  });

  it('average-check equals the plain sums per month and per doctor', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const w = where(f);
        const months = runReport(sqlite(), 'average-check', { from, to, ...f }, 'en').rows;
        for (const m of months) {
          const a = m.month === from.slice(0, 7) ? from : `${m.month as string}-01`;
          const plain = sqlite().prepare(`SELECT count(*) AS visits, coalesce(sum(charged), 0) AS revenue ${visits(a, to, f)} AND charged > 0 AND substr(start_at, 1, 7) = ?`).get(...w.args, m.month) as object;
          expect({ from, to, f, month: m.month, visits: m.visits, revenue: m.revenue }).toEqual({ from, to, f, month: m.month, ...plain });
        }
        const byDoctor = sqlite()
          .prepare(`SELECT doctor_id AS doctorId, count(*) AS visits, sum(charged) AS revenue ${visits(from, to, f)} AND charged > 0 GROUP BY 1 ORDER BY 1`)
          .all(...w.args);
        const rows = runReport(sqlite(), 'average-check', { from, to, groupBy: 'doctor', ...f }, 'en')
          .rows.map((r) => ({ doctorId: r.doctorId, visits: r.visits, revenue: r.revenue }))
          .sort((a, b) => (a.doctorId as number) - (b.doctorId as number));
        expect({ from, to, f, rows }).toEqual({ from, to, f, rows: byDoctor });
      }
    }
  });

  it('rating (patient by patient past a quarter) equals the plain sums per patient', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const plain = sqlite()
          .prepare(`SELECT patient_id AS patientId, count(*) AS visits, sum(charged) AS revenue ${visits(from, to, f)} GROUP BY 1 ORDER BY 1`)
          .all(...where(f).args);
        const rows = runReport(sqlite(), 'rating', { from, to, ...f }, 'en')
          .rows.map((r) => ({ patientId: r.patientId, visits: r.visits, revenue: r.revenue }))
          .sort((a, b) => (a.patientId as number) - (b.patientId as number));
        expect({ from, to, f, rows }).toEqual({ from, to, f, rows: plain });
      }
    }
  });

  it('sources equals the plain count of new patients and their revenue', async () => {
    // The raw SQL writes above bypass the balances the write path keeps; sources reads them past a year.
    await rebuildBalances(clinic.database.db);
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const w = where(f);
        const plain = sqlite()
          .prepare(
            `SELECT p.source_id AS sourceId, count(*) AS newPatients,
                    sum((SELECT coalesce(sum(charged), 0) ${visits(from, to, f)} AND patient_id = x.patient_id)) AS revenue
             FROM (SELECT patient_id, doctor_id, branch_id, start_at FROM (
                     SELECT patient_id, doctor_id, branch_id, start_at, row_number() OVER (PARTITION BY patient_id ORDER BY start_at, id) AS n
                     FROM appointments WHERE status = 'completed') WHERE n = 1) x JOIN patients p ON p.id = x.patient_id
             WHERE x.start_at >= ? AND x.start_at < ?${w.sql.replaceAll('doctor_id', 'x.doctor_id').replaceAll('branch_id', 'x.branch_id')} GROUP BY 1 ORDER BY 1`,
          )
          .all(...w.args, from, dayAfter(to), ...w.args);
        const rows = runReport(sqlite(), 'sources', { from, to, ...f }, 'en')
          .rows.filter((r) => (r.newPatients as number) > 0)
          .map((r) => ({ sourceId: r.sourceId, newPatients: r.newPatients, revenue: r.revenue }))
          .sort((a, b) => ((a.sourceId as number) ?? -1) - ((b.sourceId as number) ?? -1));
        expect({ from, to, f, rows }).toEqual({ from, to, f, rows: plain });
      }
    }
  });

  it('rating past a year ranks the same when it walks only the patients who can rank (small limits)', async () => {
    await rebuildBalances(clinic.database.db);
    for (const [from, to] of periods) {
      for (const limit of [1, 2, 3]) {
        const plain = sqlite()
          .prepare(
            `SELECT v.patient_id AS patientId, v.visits, v.revenue FROM (
               SELECT patient_id, count(*) AS visits, sum(charged) AS revenue ${visits(from, to, {})} GROUP BY 1) v
             JOIN patients p ON p.id = v.patient_id WHERE p.deleted_at IS NULL AND p.merged_into_id IS NULL
             ORDER BY v.revenue DESC, v.visits DESC, trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, '')), v.patient_id LIMIT ?`,
          )
          .all(limit);
        const rows = runReport(sqlite(), 'rating', { from, to, limit }, 'en').rows.map((r) => ({ patientId: r.patientId, visits: r.visits, revenue: r.revenue }));
        expect({ from, to, limit, rows }).toEqual({ from, to, limit, rows: plain });
      }
    }
  });
});
