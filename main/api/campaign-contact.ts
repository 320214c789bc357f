// Writes one campaign contact into the contact log. The contact log's own
// module (main/api/contacts.ts, the tasks work) will own contact writing;
// until it lands this is the one place campaigns write a contact, so the
// swap at merge is this function's body.
import type { Db } from '../db/connection';

export interface CampaignContact {
  campaignId: number;
  patientId: number;
  channel: string;
  outcome: string;
  churnReason: string | null;
  note: string | null;
  userId: number | null;
  /** UTC ISO with Z, as the contact log's `at` defaults to. */
  at: string;
}

export async function recordCampaignContact(db: Db, c: CampaignContact): Promise<number> {
  const row = await db
    .insertInto('contacts')
    .values({
      patient_id: c.patientId,
      campaign_id: c.campaignId,
      channel: c.channel,
      direction: 'out',
      outcome: c.outcome,
      churn_reason: c.churnReason,
      note: c.note,
      user_id: c.userId,
      at: c.at,
      created_by: c.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
