// Front desk: doctors' working hours and days off, the contact log (a
// confirmation call that did not reach the patient is the first contact
// kind; the follow-up work adds the rest), and each patient's running
// balance, kept current by the write path so debts never need a full scan.
import { Kysely, sql } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doctor_shifts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull()) // 1 = Monday … 7 = Sunday
    .addColumn('start_time', 'text', (c) => c.notNull()) // HH:mm local
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('doctor_shifts_doctor').on('doctor_shifts').columns(['doctor_id', 'weekday']).execute();

  await db.schema
    .createTable('doctor_days_off')
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .addPrimaryKeyConstraint('doctor_days_off_pk', ['doctor_id', 'day'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('channel', 'text', (c) => c.notNull()) // call | sms | email | messenger | visit
    .addColumn('direction', 'text', (c) => c.notNull()) // out | in
    .addColumn('outcome', 'text', (c) => c.notNull()) // reached | no_answer | wrong_number | booked | refused | call_back | moved_away …
    .addColumn('churn_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('contacts_patient').on('contacts').columns(['patient_id', 'at']).execute();

  await db.schema
    .createTable('patient_balances')
    .addColumn('patient_id', 'integer', (c) => c.primaryKey().references('patients.id'))
    .addColumn('charged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`INSERT INTO patient_balances (patient_id, charged, paid)
    SELECT p.id,
      coalesce((SELECT sum(i.amount) FROM appointments a JOIN appointment_items i ON i.appointment_id = a.id
                WHERE a.patient_id = p.id AND a.status = 'completed'), 0),
      coalesce((SELECT sum(amount) FROM payments WHERE patient_id = p.id), 0)
    FROM patients p`.execute(db);
  await db.schema
    .createIndex('patient_balances_debt')
    .on('patient_balances')
    .expression(sql`charged - paid`)
    .execute();

  await db.schema.createIndex('payments_appointment').on('payments').column('appointment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['patient_balances', 'contacts', 'doctor_days_off', 'doctor_shifts']) {
    await sql`DROP TABLE IF EXISTS ${sql.ref(t)}`.execute(db);
  }
  await sql`DROP INDEX IF EXISTS payments_appointment`.execute(db);
}
