// Follow-up work: tasks (given by a user or an automatic rule), the incoming
// calls the PBX reports, and what the contact log needs beyond 0002 (which
// task a contact closed, indexes for the rules), plus the churn reasons the
// contact log asks for when a patient refuses or moved away. Frozen once landed.
import { Kysely, sql } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

const CHURN_REASONS = ['moved', 'price', 'quality', 'competitor', 'treatment_finished', 'doctor_left', 'other'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull()) // call | recall | reminder | feedback | custom
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | done | cancelled
    .addColumn('assignee_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('patient_id', 'integer', (c) => c.references('patients.id'))
    // Local wall-clock time, as appointments: 2026-11-24T14:30.
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal')) // low | normal | high
    .addColumn('comment', 'text')
    // Set by an automatic rule: which one, why (in words), and the cause's key,
    // unique per rule, so a cause never makes a second task.
    .addColumn('rule', 'text')
    .addColumn('rule_reason', 'text')
    .addColumn('cause_key', 'text')
    .addColumn('outcome', 'text')
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    // Local wall-clock time of completion or cancellation.
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'integer')
    .execute();
  // My day: my open tasks up to the end of today, in due order.
  await sql`CREATE INDEX tasks_assignee_open ON tasks(assignee_id, due_at) WHERE status = 'open'`.execute(db);
  // Lists and the tasks report: by due time.
  await db.schema.createIndex('tasks_due').on('tasks').columns(['due_at', 'assignee_id']).execute();
  await db.schema.createIndex('tasks_patient').on('tasks').columns(['patient_id', 'status']).execute();
  await sql`CREATE UNIQUE INDEX tasks_rule_cause ON tasks(rule, cause_key) WHERE rule IS NOT NULL`.execute(db);

  await db.schema.alterTable('contacts').addColumn('task_id', 'integer', (c) => c.references('tasks.id')).execute();
  // The appointment-request rule reads inbound requests of the last days.
  await db.schema.createIndex('contacts_outcome_at').on('contacts').columns(['outcome', 'at']).execute();

  await db.schema
    .createTable('incoming_calls')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('phone', 'text', (c) => c.notNull()) // as the PBX sent it
    .addColumn('phone_e164', 'text')
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('reported_by', 'integer') // the user who reported it; null for the PBX's token
    .execute();

  for (const code of CHURN_REASONS) {
    await sql`INSERT OR IGNORE INTO reasons (kind, code, name) VALUES ('churn', ${code}, NULL)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS contacts_outcome_at`.execute(db);
  await db.schema.alterTable('contacts').dropColumn('task_id').execute();
  await sql`DROP TABLE IF EXISTS incoming_calls`.execute(db);
  await sql`DROP TABLE IF EXISTS tasks`.execute(db);
}
