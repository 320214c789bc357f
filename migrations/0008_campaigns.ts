// Campaigns: outreach to a chosen audience (calls, SMS, e-mail, messenger)
// with a cost and a period, whose members are frozen from audience filters or
// from a report's patient list, and whose contacts are linked back to the
// campaign so the `campaigns` report can attribute visits after a contact.
// Frozen once landed, like the others.
import { Kysely, sql } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // call | sms | email | messenger
    .addColumn('cost', 'integer', (c) => c.notNull().defaultTo(0)) // minor units
    .addColumn('start_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('offer', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | active | finished
    // The audience filters as JSON (shared/api/campaigns.ts AudienceFilters).
    .addColumn('filters', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('audience_built_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('campaigns_period').on('campaigns').columns(['start_date', 'end_date']).execute();

  await db.schema
    .createTable('campaign_members')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('campaign_members_campaign_patient', ['campaign_id', 'patient_id'])
    .execute();

  // A contact made for a campaign names it: the report finds each member's
  // first contact through this index. No REFERENCES clause: SQLite cannot drop
  // a column that has one, and only a campaign without contacts is deleted.
  await db.schema.alterTable('contacts').addColumn('campaign_id', 'integer').execute();
  await sql`CREATE INDEX contacts_campaign ON contacts(campaign_id, patient_id, at) WHERE campaign_id IS NOT NULL`.execute(db);

  // The audience query scans live patients in id order testing their own
  // columns before seeking their visits: this narrow copy of those columns,
  // id first, is scanned instead of the wide rows (~40% less on 100k patients).
  await sql`CREATE INDEX patients_audience ON patients(id, deleted_at, merged_into_id, consent_sms, consent_email, phone, email, sex, city, source_id, birth_date)`.execute(db);

  // Each patient's last visit, for "last visit older than / within": a seek
  // in this small table instead of in the big visits_by_patient index (~30%
  // of the audience count). Kept by triggers like patient_services below. A
  // new visit only raises the date (no index needed, so the demo generator's
  // bulk insert without secondary indexes stays linear); a completed visit
  // moved, deleted or merged away recounts the patient.
  await sql`CREATE TABLE patient_last_visits (patient_id INTEGER PRIMARY KEY, last_at TEXT NOT NULL)`.execute(db);
  await sql`INSERT INTO patient_last_visits (patient_id, last_at)
    SELECT patient_id, max(start_at) FROM appointments WHERE status = 'completed' GROUP BY patient_id`.execute(db);
  const raise = sql.raw(`INSERT INTO patient_last_visits (patient_id, last_at) VALUES (new.patient_id, new.start_at)
      ON CONFLICT (patient_id) DO UPDATE SET last_at = max(last_at, excluded.last_at);`);
  const recount = (who: string) => sql.raw(`
    DELETE FROM patient_last_visits WHERE patient_id = ${who};
    INSERT INTO patient_last_visits (patient_id, last_at)
      SELECT ${who}, max(v.start_at) FROM appointments v
      WHERE v.status = 'completed' AND v.patient_id = ${who} HAVING max(v.start_at) IS NOT NULL;`);
  await sql`CREATE TRIGGER patient_last_visits_insert AFTER INSERT ON appointments WHEN new.status = 'completed' BEGIN
    ${raise}
  END`.execute(db);
  await sql`CREATE TRIGGER patient_last_visits_completed AFTER UPDATE OF status ON appointments
    WHEN old.status <> 'completed' AND new.status = 'completed' BEGIN
    ${raise}
  END`.execute(db);
  await sql`CREATE TRIGGER patient_last_visits_changed AFTER UPDATE OF status, start_at, patient_id ON appointments
    WHEN old.status = 'completed' BEGIN
    ${recount('old.patient_id')}
    ${recount('new.patient_id')}
  END`.execute(db);
  await sql`CREATE TRIGGER patient_last_visits_delete AFTER DELETE ON appointments WHEN old.status = 'completed' BEGIN
    ${recount('old.patient_id')}
  END`.execute(db);

  // Which services each patient has ever had on a visit, for "service ever
  // done / never done": one seek per patient instead of joining every line
  // of every visit to its appointment (~1 s on 100k patients). Kept by
  // triggers, so every write path (completion, history import, merge) keeps
  // it without knowing about it; a visit is a completed appointment.
  await sql`CREATE TABLE patient_services (
    patient_id INTEGER NOT NULL, service_id INTEGER NOT NULL, PRIMARY KEY (patient_id, service_id)) WITHOUT ROWID`.execute(db);
  await sql`INSERT OR IGNORE INTO patient_services (patient_id, service_id)
    SELECT a.patient_id, i.service_id FROM appointment_items i JOIN appointments a ON a.id = i.appointment_id
    WHERE a.status = 'completed'`.execute(db);
  await sql`CREATE TRIGGER patient_services_visit AFTER UPDATE OF status, patient_id ON appointments
    WHEN new.status = 'completed' BEGIN
    INSERT OR IGNORE INTO patient_services (patient_id, service_id)
      SELECT new.patient_id, i.service_id FROM appointment_items i WHERE i.appointment_id = new.id;
  END`.execute(db);
  await sql`CREATE TRIGGER patient_services_line AFTER INSERT ON appointment_items BEGIN
    INSERT OR IGNORE INTO patient_services (patient_id, service_id)
      SELECT a.patient_id, new.service_id FROM appointments a WHERE a.id = new.appointment_id AND a.status = 'completed';
  END`.execute(db);
  // A line removed from a visit (a history re-import) may have been the only time.
  await sql`CREATE TRIGGER patient_services_line_gone AFTER DELETE ON appointment_items BEGIN
    DELETE FROM patient_services
    WHERE service_id = old.service_id
      AND patient_id = (SELECT a.patient_id FROM appointments a WHERE a.id = old.appointment_id)
      AND NOT EXISTS (SELECT 1 FROM appointments v JOIN appointment_items i ON i.appointment_id = v.id
                      WHERE v.status = 'completed' AND v.patient_id = patient_services.patient_id AND i.service_id = old.service_id);
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'patient_services_visit', 'patient_services_line', 'patient_services_line_gone',
    'patient_last_visits_insert', 'patient_last_visits_completed', 'patient_last_visits_changed', 'patient_last_visits_delete',
  ]) {
    await sql`DROP TRIGGER IF EXISTS ${sql.ref(t)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS patient_last_visits`.execute(db);
  await sql`DROP TABLE IF EXISTS patient_services`.execute(db);
  await sql`DROP INDEX IF EXISTS patients_audience`.execute(db);
  await sql`DROP INDEX IF EXISTS contacts_campaign`.execute(db);
  await db.schema.alterTable('contacts').dropColumn('campaign_id').execute();
  await sql`DROP TABLE IF EXISTS campaign_members`.execute(db);
  await sql`DROP TABLE IF EXISTS campaigns`.execute(db);
}
