// Migration 0009's report summaries (appointment_months, patient_cohorts,
// cohort_months, recall_visits), 0013's patient_recalls and 0014's patient_charges and patient_debts after a front desk's sequence of writes — visits completed
// across months, a cancellation and a no-show with reasons, a payment and a
// refund, a merge that moves a first visit earlier, a history import of an
// earlier visit — equal a rebuild from history, and the reports that read them
// (cohorts, no-shows) equal the plain SQL over the visits, for whole-month
// periods and periods that start or end mid-month, with and without filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFrontDesk, type FrontDesk } from './front-desk';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';
import { runReport } from '../../main/reports/registry';
import { dayAfter, monthEnd, plusMonths } from '../../main/reports/period';
import type { Appointment } from '../../shared/api/appointments';

let clinic: FrontDesk;
const sqlite = () => clinic.database.sqlite;

const snapshot = () => ({
  months: sqlite().prepare('SELECT * FROM appointment_months ORDER BY month, doctor_id, branch_id, status, reason').all(),
  patients: sqlite().prepare('SELECT * FROM patient_cohorts ORDER BY patient_id').all(),
  cohorts: sqlite().prepare('SELECT * FROM cohort_months ORDER BY cohort, doctor_id, branch_id, k').all(),
  recalls: sqlite().prepare('SELECT * FROM recall_visits ORDER BY patient_id, service_id, at, appointment_id').all(),
  patientRecalls: sqlite().prepare('SELECT * FROM patient_recalls ORDER BY patient_id, service_id').all(),
  patientCharges: sqlite().prepare('SELECT * FROM patient_charges ORDER BY patient_id, upto').all(),
  patientDebts: sqlite().prepare('SELECT * FROM patient_debts ORDER BY patient_id').all(),
});

async function visit(at: string, patientId: number, doctorId: number, serviceId = clinic.services.consult): Promise<Appointment> {
  clinic.setNow(at);
  const a = await clinic.call('reception', 'queue.walkIn', { patientId, doctorId, serviceIds: [serviceId] });
  return clinic.call('director', 'appointments.complete', { id: a.id, items: [{ serviceId, qty: 1, discount: 0 }] });
}

async function booking(at: string, patientId: number, doctorId: number, status: 'cancelled' | 'no_show', reasonCode: string): Promise<void> {
  const a = await clinic.call('reception', 'appointments.book', { patientId, doctorId, startAt: at, serviceIds: [clinic.services.consult] });
  await clinic.call('reception', 'appointments.setStatus', { id: a.id, status, reasonCode });
}

beforeAll(async () => {
  clinic = await makeFrontDesk();
  const { patientId: A, otherPatientId: B, doctorA, doctorB } = clinic;
  // A visit with cleaning before it becomes a recall service: the change rebuilds recall_visits.
  await visit('2026-11-24T10:00', B, doctorA, clinic.services.cleaning);
  await clinic.call('director', 'services.update', { id: clinic.services.cleaning, recallDays: 180 });
  const C = (await clinic.call('reception', 'patients.create', { lastName: 'Кузнецов', firstName: 'Олег', phone: '+79035556677', sourceId: clinic.sourceId })).id;
  await visit('2026-11-25T09:00', A, doctorA);
  clinic.setNow('2026-11-25T09:30');
  await booking('2026-11-26T10:00', B, doctorA, 'cancelled', 'ill');
  await booking('2026-11-27T10:00', A, doctorB, 'no_show', 'forgot');
  const b1 = await visit('2026-12-02T09:00', B, doctorB, clinic.services.cleaning);
  await visit('2026-12-02T11:00', A, doctorA);
  await visit('2026-12-16T11:00', A, doctorB);
  await visit('2027-01-11T10:00', A, doctorB, clinic.services.xray);
  await visit('2027-02-15T10:00', B, doctorA);
  clinic.setNow('2027-02-15T12:00');
  await clinic.call('reception', 'payments.create', { patientId: B, appointmentId: b1.id, amount: b1.total, method: 'card' });
  await clinic.call('director', 'payments.refund', { patientId: B, appointmentId: b1.id, amount: 10000, method: 'card', reason: 'Ошибка' });
  // C's first visit is before A's: merged into A, it becomes A's first visit (another cohort, doctor B).
  await visit('2026-10-14T10:00', C, doctorB);
  await visit('2026-11-03T10:00', C, doctorB);
  // Completions alone (no merge or import yet, which rebuild their patients) kept the summaries right.
  const kept = snapshot();
  await rebuildVisitSummaries(clinic.database.db);
  expect(snapshot()).toEqual(kept);
  clinic.setNow('2027-02-16T09:00');
  await clinic.call('director', 'patients.merge', { sourceId: C, targetId: A });
  // An imported earlier visit of B moves B's cohort; an imported cancellation counts in no-shows.
  const csv = [
    'visit_id,patient_id,patient_phone,doctor,branch,start,end,status,reason,service,qty,price,discount,amount',
    'H-1,,+79031112233,doctor2,,2026-09-30 10:00,,completed,,C1,1,150000,,150000',
    'H-2,,+79031112233,doctor2,,2026-10-20 10:00,,completed,,C1,1,150000,,150000',
    'H-3,,+79031112233,doctor2,,2026-10-21 10:00,,cancelled,ill,C1,1,150000,,',
  ].join('\n');
  const imported = await clinic.call('director', 'import.visits', { fileName: 'h.csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun: false, allOrNothing: true });
  expect(imported.errors ?? []).toEqual([]);
});

afterAll(() => clinic.close());

describe('report summaries of migration 0009', () => {
  it('are kept by the write path exactly as a rebuild from history computes them', async () => {
    const kept = snapshot();
    expect(kept.patients.length).toBe(2);
    expect(kept.recalls.length).toBe(2);
    expect(kept.patientRecalls.length).toBe(1);
    expect(kept.months.length).toBeGreaterThan(5);
    await rebuildVisitSummaries(clinic.database.db);
    expect(snapshot()).toEqual(kept);
  });

  const periods: Array<[string, string]> = [
    ['2026-09-01', '2027-02-28'], // whole months
    ['2026-09-15', '2027-02-10'], // both ends mid-month
    ['2026-10-01', '2026-12-20'], // ends mid-month
    ['2026-10-14', '2026-10-31'], // within one month
    ['2026-11-26', '2026-11-27'],
  ];
  const filters = () => [{}, { doctorId: clinic.doctorA }, { doctorId: clinic.doctorB }, { branchId: clinic.branchId }];

  it('cohorts equals the plain SQL over visits', () => {
    const asOf = '2027-03-10';
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const firsts = sqlite()
          .prepare(
            `SELECT patient_id, first_at FROM (SELECT patient_id, start_at AS first_at, doctor_id, branch_id, row_number() OVER (PARTITION BY patient_id ORDER BY start_at, id) AS n
               FROM appointments WHERE status = 'completed') WHERE n = 1 AND first_at >= ? AND first_at < ?
               AND (? IS NULL OR doctor_id = ?) AND (? IS NULL OR branch_id = ?)`,
          )
          .all(from, dayAfter(to), f.doctorId ?? null, f.doctorId ?? null, f.branchId ?? null, f.branchId ?? null) as Array<{ patient_id: number; first_at: string }>;
        const expected = new Map<string, { size: number; m: number[] }>();
        for (const p of firsts) {
          const cohort = p.first_at.slice(0, 7);
          const e = expected.get(cohort) ?? { size: 0, m: Array(13).fill(0) };
          e.size++;
          for (let k = 1; k <= 12; k++) {
            const month = plusMonths(cohort, k);
            const seen = sqlite()
              .prepare(`SELECT 1 FROM appointments WHERE status = 'completed' AND patient_id = ? AND substr(start_at, 1, 7) = ? AND start_at < ?`)
              .get(p.patient_id, month, asOf);
            if (seen) e.m[k]++;
          }
          expected.set(cohort, e);
        }
        const rows = runReport(sqlite(), 'cohorts', { from, to, asOf, ...f }, 'en').rows;
        const want = [...expected.entries()].sort().map(([cohort, e]) => {
          const row: Record<string, unknown> = { cohort, size: e.size };
          for (let k = 1; k <= 12; k++) row[`m${k}`] = monthEnd(plusMonths(cohort, k)) < asOf ? Math.round((e.m[k] / e.size) * 1000) / 10 : null;
          return row;
        });
        expect({ from, to, f, rows }).toEqual({ from, to, f, rows: want });
      }
    }
  });

  it('no-shows equals the plain count of appointments', () => {
    for (const [from, to] of periods) {
      for (const f of filters()) {
        const plain = sqlite()
          .prepare(
            `SELECT doctor_id AS doctorId, count(*) AS scheduled, sum(status = 'completed') AS completed, sum(status = 'no_show') AS noShow, sum(status = 'cancelled') AS cancelled
             FROM appointments WHERE start_at >= ? AND start_at < ? AND (? IS NULL OR doctor_id = ?) AND (? IS NULL OR branch_id = ?) GROUP BY doctor_id ORDER BY doctor_id`,
          )
          .all(from, dayAfter(to), f.doctorId ?? null, f.doctorId ?? null, f.branchId ?? null, f.branchId ?? null);
        const rows = runReport(sqlite(), 'no-shows', { from, to, ...f }, 'en')
          .rows.map((r) => ({ doctorId: r.doctorId, scheduled: r.scheduled, completed: r.completed, noShow: r.noShow, cancelled: r.cancelled }))
          .sort((a, b) => (a.doctorId as number) - (b.doctorId as number));
        expect({ from, to, f, rows }).toEqual({ from, to, f, rows: plain });
      }
    }
  });
});

describe('patient_recalls of migration 0013, patient_charges and patient_debts of 0014', () => {
  // Changes the clinic: keep last.
  it('follows recall visits undone, moved, re-dated and deleted exactly as a rebuild computes it', async () => {
    const db = sqlite();
    const latest = () => db.prepare('SELECT * FROM patient_recalls ORDER BY patient_id, service_id').all() as Array<{ patient_id: number; last_at: string; appointment_id: number }>;
    // Plain SQL writes, as a history re-import or a future writer might do them: the
    // trigger-kept tables must follow (the cohorts are kept by the API's write path, not here).
    const kept = () => {
      const { recalls, patientRecalls, patientCharges, patientDebts } = snapshot();
      return { recalls, patientRecalls, patientCharges, patientDebts };
    };
    const check = async () => {
      const before = kept();
      await rebuildVisitSummaries(clinic.database.db);
      expect(kept()).toEqual(before);
    };
    const [before] = latest();
    expect(before.last_at).toBe('2026-12-02T09:00');
    // The latest cleaning undone: the earlier one is the latest again.
    db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = ?").run(before.appointment_id);
    expect(latest().map((r) => r.last_at)).toEqual(['2026-11-24T10:00']);
    await check();
    // Done again, and moved to another day; then moved to the other patient.
    db.prepare("UPDATE appointments SET status = 'completed', start_at = '2027-03-01T09:00' WHERE id = ?").run(before.appointment_id);
    expect(latest().map((r) => r.last_at)).toEqual(['2027-03-01T09:00']);
    await check();
    // Re-dated before all the patient's other visits and back: every running total after it moves.
    db.prepare("UPDATE appointments SET start_at = '2026-01-05T09:00' WHERE id = ?").run(before.appointment_id);
    await check();
    db.prepare("UPDATE appointments SET start_at = '2027-03-01T09:00' WHERE id = ?").run(before.appointment_id);
    await check();
    db.prepare('UPDATE appointments SET patient_id = ? WHERE id = ?').run(clinic.patientId, before.appointment_id);
    expect(latest().map((r) => [r.patient_id, r.last_at])).toEqual([
      [clinic.patientId, '2027-03-01T09:00'],
      [clinic.otherPatientId, '2026-11-24T10:00'],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)));
    await check();
    // Its cleaning line removed, then the other patient's visit deleted: nothing left for either.
    db.prepare('DELETE FROM appointment_items WHERE appointment_id = ? AND service_id = ?').run(before.appointment_id, clinic.services.cleaning);
    // A writer keeps the visit's charged total with its lines (patient_charges follows charged).
    db.prepare('UPDATE appointments SET charged = (SELECT coalesce(sum(amount), 0) FROM appointment_items WHERE appointment_id = ?) WHERE id = ?').run(before.appointment_id, before.appointment_id);
    const other = latest()[0].appointment_id;
    db.prepare('DELETE FROM payments WHERE appointment_id = ?').run(other);
    db.prepare('DELETE FROM appointment_items WHERE appointment_id = ?').run(other);
    db.prepare('DELETE FROM appointments WHERE id = ?').run(other);
    expect(latest()).toEqual([]);
    await check();
  });
});
