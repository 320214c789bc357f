// Campaign messages: an SMS/e-mail campaign's sent message counts as the
// member's contact, and the campaigns report and list look it up per member.
// Migration 0007 indexed messages by campaign only, which made that lookup
// scan the whole campaign for every member. Frozen once landed.
import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX messages_campaign_patient ON messages (campaign_id, patient_id, sent_at) WHERE campaign_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS messages_campaign_patient`.execute(db);
}
