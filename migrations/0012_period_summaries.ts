// Summaries that let the period reports (peak-hours, branches, activity,
// staff-revenue, average-check) read a few thousand rows instead of a
// period's visits (DESIGN.md "How reports get fast"). All three are kept by
// triggers, so every writer (front desk, history import, merge, demo
// generator) keeps them right without knowing about them; each has four
// levels of (doctor_id, branch_id) with 0 for "any", so a report reads the
// one level its filters name.
// - visit_hours: completed visits per month × local weekday × starting hour.
//   10 years without filters: ~120 × 80 rows.
// - unique_patient_months: distinct patients over any run of whole months,
//   which monthly counts cannot add up. For each patient and level, every
//   month with a visit is counted under the previous such month (prev_month,
//   '' for none); the patients with a visit in months A…B are then exactly
//   the rows with A <= month <= B and prev_month < A (each patient's first
//   month in the run). A visit written or removed moves at most three counts
//   per level: its month, and the next visit month's link to the previous.
// - payment_months: payments per month × their appointment's doctor and branch
//   (branches' "paid").
// `npm run cli -- rebuild-summaries` recomputes them (main/api/period-summaries.ts);
// a unit test compares the kept tables with a rebuild after every kind of write.
import { Kysely, sql } from 'kysely';
import { HOUR_OF, LEVELS, WEEKDAY_OF, rebuildPaymentMonths, rebuildUniquePatientMonths, rebuildVisitHours } from '../main/api/period-summaries';

type Row = 'new' | 'old';

const HOURS = (x: Row, sign: 1 | -1, guard: string) => `INSERT INTO visit_hours (doctor_id, branch_id, month, weekday, hour, visits)
  SELECT l.column1, l.column2, substr(${x}.start_at, 1, 7), ${WEEKDAY_OF(`${x}.start_at`)}, ${HOUR_OF(`${x}.start_at`)}, ${sign}
  FROM (VALUES ${LEVELS(x).map(([d, b]) => `(${d}, ${b})`).join(', ')}) l WHERE ${guard}
  ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;`;
const HOURS_CHANGED = `old.status IS NOT new.status OR old.start_at IS NOT new.start_at OR old.doctor_id IS NOT new.doctor_id OR old.branch_id IS NOT new.branch_id`;

/**
 * The patient-month links of one level moved by row x's visit appearing
 * (sign 1) or going (sign -1). Every lookup leaves x's own row out, so it reads
 * the visits without it whether the trigger runs after an insert, an update
 * or a delete; x's month changes the links only when no other visit of the
 * patient at this level falls in it.
 */
function patientLinks(x: Row, sign: 1 | -1, [d, b]: [string, string]): string {
  const match = `${d === '0' ? '' : ` AND v.doctor_id = ${x}.doctor_id`}${b === '0' ? '' : ` AND v.branch_id = ${x}.branch_id`}`;
  const others = `appointments v INDEXED BY visits_by_patient WHERE v.status = 'completed' AND v.patient_id = ${x}.patient_id AND v.id <> ${x}.id${match}`;
  const month = `substr(${x}.start_at, 1, 7)`;
  const start = `(${month} || '-01')`;
  const next = `date(${month} || '-01', '+1 month')`;
  const prev = `coalesce((SELECT substr(max(v.start_at), 1, 7) FROM ${others} AND v.start_at < ${start}), '')`;
  const after = `(SELECT substr(min(v.start_at), 1, 7) FROM ${others} AND v.start_at >= ${next})`;
  return `INSERT INTO unique_patient_months (doctor_id, branch_id, month, prev_month, patients)
    SELECT ${d}, ${b}, l.m, l.p, l.n FROM (
      SELECT ${month} AS m, ${prev} AS p, ${sign} AS n
      UNION ALL SELECT ${after}, ${month}, ${sign}
      UNION ALL SELECT ${after}, ${prev}, ${-sign}) l
    WHERE l.m IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${others} AND v.start_at >= ${start} AND v.start_at < ${next})
    ON CONFLICT DO UPDATE SET patients = patients + excluded.patients;`;
}
const LINKS = (x: Row, sign: 1 | -1) => `${LEVELS(x).map((l) => patientLinks(x, sign, l)).join('\n')}
  DELETE FROM unique_patient_months WHERE patients = 0;`;
const LINKS_CHANGED = `old.status IS NOT new.status OR old.patient_id IS NOT new.patient_id OR substr(old.start_at, 1, 7) IS NOT substr(new.start_at, 1, 7)
  OR old.doctor_id IS NOT new.doctor_id OR old.branch_id IS NOT new.branch_id`;

const PAYMENT = (x: Row, sign: 1 | -1) => `INSERT INTO payment_months (month, doctor_id, branch_id, amount, n)
  SELECT substr(${x}.paid_at, 1, 7), a.doctor_id, a.branch_id, ${sign} * ${x}.amount, ${sign} FROM appointments a WHERE a.id = ${x}.appointment_id
  ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, n = n + excluded.n;`;
/** An appointment's payments counted for (or taken off) the appointment's doctor and branch as row x has them. */
const APPOINTMENT_PAYMENTS = (x: Row, sign: 1 | -1) => `INSERT INTO payment_months (month, doctor_id, branch_id, amount, n)
  SELECT substr(pm.paid_at, 1, 7), ${x}.doctor_id, ${x}.branch_id, ${sign} * sum(pm.amount), ${sign} * count(*) FROM payments pm
  WHERE pm.appointment_id = ${x}.id GROUP BY 1
  ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, n = n + excluded.n;`;
const PAYMENTS_GONE = 'DELETE FROM payment_months WHERE n = 0;';

const TRIGGERS: Array<[string, string]> = [
  ['visit_hours_insert', `AFTER INSERT ON appointments WHEN new.status = 'completed' BEGIN ${HOURS('new', 1, 'true')} END`],
  ['visit_hours_delete', `AFTER DELETE ON appointments WHEN old.status = 'completed' BEGIN ${HOURS('old', -1, 'true')} DELETE FROM visit_hours WHERE visits = 0; END`],
  [
    'visit_hours_update',
    `AFTER UPDATE OF status, start_at, doctor_id, branch_id ON appointments
     WHEN (old.status = 'completed' OR new.status = 'completed') AND (${HOURS_CHANGED}) BEGIN
     ${HOURS('old', -1, `old.status = 'completed'`)} ${HOURS('new', 1, `new.status = 'completed'`)} DELETE FROM visit_hours WHERE visits = 0; END`,
  ],
  ['unique_patient_months_insert', `AFTER INSERT ON appointments WHEN new.status = 'completed' BEGIN ${LINKS('new', 1)} END`],
  ['unique_patient_months_delete', `AFTER DELETE ON appointments WHEN old.status = 'completed' BEGIN ${LINKS('old', -1)} END`],
  [
    'unique_patient_months_update_old',
    `AFTER UPDATE OF status, patient_id, start_at, doctor_id, branch_id ON appointments
     WHEN old.status = 'completed' AND (${LINKS_CHANGED}) BEGIN ${LINKS('old', -1)} END`,
  ],
  [
    'unique_patient_months_update_new',
    `AFTER UPDATE OF status, patient_id, start_at, doctor_id, branch_id ON appointments
     WHEN new.status = 'completed' AND (${LINKS_CHANGED}) BEGIN ${LINKS('new', 1)} END`,
  ],
  ['payment_months_insert', `AFTER INSERT ON payments BEGIN ${PAYMENT('new', 1)} END`],
  ['payment_months_delete', `AFTER DELETE ON payments BEGIN ${PAYMENT('old', -1)} ${PAYMENTS_GONE} END`],
  [
    'payment_months_update',
    `AFTER UPDATE OF paid_at, amount, appointment_id ON payments
     WHEN old.paid_at IS NOT new.paid_at OR old.amount IS NOT new.amount OR old.appointment_id IS NOT new.appointment_id
     BEGIN ${PAYMENT('old', -1)} ${PAYMENT('new', 1)} ${PAYMENTS_GONE} END`,
  ],
  [
    'payment_months_appointment_update',
    `AFTER UPDATE OF doctor_id, branch_id ON appointments WHEN old.doctor_id IS NOT new.doctor_id OR old.branch_id IS NOT new.branch_id
     BEGIN ${APPOINTMENT_PAYMENTS('old', -1)} ${APPOINTMENT_PAYMENTS('new', 1)} ${PAYMENTS_GONE} END`,
  ],
  ['payment_months_appointment_delete', `AFTER DELETE ON appointments BEGIN ${APPOINTMENT_PAYMENTS('old', -1)} ${PAYMENTS_GONE} END`],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE visit_hours (
    doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL, month TEXT NOT NULL, weekday INTEGER NOT NULL, hour INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    PRIMARY KEY (doctor_id, branch_id, month, weekday, hour)) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE unique_patient_months (
    doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL, month TEXT NOT NULL, prev_month TEXT NOT NULL, patients INTEGER NOT NULL,
    PRIMARY KEY (doctor_id, branch_id, month, prev_month)) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE payment_months (
    month TEXT NOT NULL, doctor_id INTEGER NOT NULL, branch_id INTEGER NOT NULL, amount INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (month, doctor_id, branch_id)) WITHOUT ROWID`.execute(db);
  // The rows a trigger brought to zero, found without a scan.
  await sql`CREATE INDEX visit_hours_zero ON visit_hours(visits) WHERE visits = 0`.execute(db);
  await sql`CREATE INDEX unique_patient_months_zero ON unique_patient_months(patients) WHERE patients = 0`.execute(db);
  await sql`CREATE INDEX payment_months_zero ON payment_months(n) WHERE n = 0`.execute(db);
  for (const [name, body] of TRIGGERS) await sql.raw(`CREATE TRIGGER ${name} ${body}`).execute(db);
  await rebuildVisitHours(db);
  await rebuildUniquePatientMonths(db);
  await rebuildPaymentMonths(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
  for (const t of ['visit_hours', 'unique_patient_months', 'payment_months']) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
