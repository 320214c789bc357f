// The core schema every domain stands on. Frozen once landed: later changes
// go into new migrations. Types here are Kysely<any> on purpose, so this file
// never depends on application code that may change after it shipped.
import { Kysely, sql } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('branches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('login', 'text', (c) => c.notNull().unique().modifyEnd(sql`COLLATE NOCASE`)) // Anna = anna
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // A doctor's specialty code (therapist, surgeon, hygienist…); null for non-doctors.
    .addColumn('specialty', 'text')
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();

  // Editable catalogs of reasons: why a booking was cancelled, why a patient
  // did not come, why a patient left the clinic.
  await db.schema
    .createTable('reasons')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull()) // cancel | no_show | churn
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('reasons_kind_code', ['kind', 'code'])
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text')
    .addColumn('duration_min', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('price', 'integer', (c) => c.notNull())
    // A periodic service (hygiene every 180 days…) invites the patient back.
    .addColumn('recall_days', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();

  // Price history: a price applies from valid_from until the next row.
  await db.schema
    .createTable('service_prices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();

  await db.schema
    .createTable('patients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('sex', 'text')
    .addColumn('phone', 'text') // E.164
    // The digits as dialled at home (89123456789), so a number typed with the
    // trunk prefix is found too.
    .addColumn('phone_national', 'text')
    .addColumn('email', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text')
    .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
    .addColumn('referral_note', 'text')
    .addColumn('consent_sms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text')
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('external_id', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('patients.id'))
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('patients_phone').on('patients').column('phone').execute();
  await db.schema.createIndex('patients_name').on('patients').columns(['last_name', 'first_name']).execute();
  await db.schema.createIndex('patients_birth_date').on('patients').column('birth_date').execute();
  await db.schema
    .createIndex('patients_external_id')
    .on('patients')
    .column('external_id')
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('patients_created_at').on('patients').column('created_at').execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('branch_id', 'integer', (c) => c.notNull().references('branches.id'))
    // Branch-local wall-clock time, ISO text without zone: 2026-11-24T14:30.
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    // booked | confirmed | arrived | in_service | completed | cancelled | no_show
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('channel', 'text') // how it was booked: phone, walk_in, website, messenger, referral
    .addColumn('comment', 'text')
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arrived_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema
    .createIndex('appointments_doctor_start')
    .on('appointments')
    .columns(['doctor_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('appointments_patient_start')
    .on('appointments')
    .columns(['patient_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('appointments_start')
    .on('appointments')
    .columns(['start_at', 'status'])
    .execute();

  await db.schema
    .createTable('appointment_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('qty', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('discount', 'integer', (c) => c.notNull().defaultTo(0))
    // qty × price − discount, stored so totals are always the sum of lines.
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema
    .createIndex('appointment_items_appointment')
    .on('appointment_items')
    .column('appointment_id')
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull()) // refunds are negative
    .addColumn('method', 'text', (c) => c.notNull()) // cash | card | transfer
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('payments_patient').on('payments').columns(['patient_id', 'paid_at']).execute();
  await db.schema.createIndex('payments_paid_at').on('payments').column('paid_at').execute();

  await db.schema
    .createTable('expenses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('branch_id', 'integer', (c) => c.references('branches.id'))
    .addColumn('category', 'text', (c) => c.notNull()) // rent, salaries, materials, marketing, other
    .addColumn('source_id', 'integer', (c) => c.references('sources.id')) // marketing spend per source
    .addColumn('spent_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('expenses_spent_on').on('expenses').column('spent_on').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('user_id', 'integer')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

  // Patient search: trigram full-text index over names, phone digits and
  // e-mail, kept in sync by triggers so no write path can forget it.
  await sql`CREATE VIRTUAL TABLE patients_fts USING fts5(
    name, phone_digits, email, tokenize = 'trigram', content = '', contentless_delete = 1
  )`.execute(db);
  const ftsRow = (p: string) => sql.raw(`
    coalesce(${p}.last_name,'') || ' ' || coalesce(${p}.first_name,'') || ' ' || coalesce(${p}.middle_name,''),
    replace(coalesce(${p}.phone,''), '+', '') || ' ' || coalesce(${p}.phone_national, ''),
    coalesce(${p}.email,'')`);
  await sql`CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients
    WHEN new.deleted_at IS NULL AND new.merged_into_id IS NULL BEGIN
    INSERT INTO patients_fts(rowid, name, phone_digits, email) VALUES (new.id, ${ftsRow('new')});
  END`.execute(db);
  await sql`CREATE TRIGGER patients_fts_update AFTER UPDATE ON patients BEGIN
    DELETE FROM patients_fts WHERE rowid = old.id;
    INSERT INTO patients_fts(rowid, name, phone_digits, email)
      SELECT new.id, ${ftsRow('new')} WHERE new.deleted_at IS NULL AND new.merged_into_id IS NULL;
  END`.execute(db);
  await sql`CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN
    DELETE FROM patients_fts WHERE rowid = old.id;
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'patients_fts', 'audit_log', 'expenses', 'payments', 'appointment_items', 'appointments',
    'patients', 'service_prices', 'services', 'reasons', 'sources', 'sessions', 'users', 'branches', 'settings',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.ref(t)}`.execute(db);
  }
}
