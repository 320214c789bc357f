// What a patient merge does to the follow-up tables beyond moving rows
// (patients.merge moves PATIENT_HISTORY_TABLES: tasks, contacts, messages,
// opt-outs). A campaign has each patient once, so a duplicate who is a
// member of a campaign the survivor is in too gives up one membership; the
// audience summaries of the two patients are recounted; and an unsubscribe
// recorded on the duplicate keeps holding for the survivor.
import { sql } from 'kysely';
import type { MessageChannel } from '../../shared/domain/templates';
import type { Db } from '../db/connection';
import { cancelQueued } from '../jobs/outbox';

/** A member is worked once it has a contact or a message for its campaign. */
const worked = (m: string) => sql.raw(`(EXISTS (SELECT 1 FROM contacts c WHERE c.campaign_id = ${m}.campaign_id AND c.patient_id = ${m}.patient_id)
  OR EXISTS (SELECT 1 FROM messages x WHERE x.campaign_id = ${m}.campaign_id AND x.patient_id = ${m}.patient_id))`);

/**
 * Before the contacts and messages move: where both are members of a
 * campaign, the membership kept is the worked one (its id is what the call
 * list shows), the survivor's when both or neither were worked; the other is
 * dropped. The contacts of both then belong to the kept member, so its outcome
 * is the latest of either. The duplicate's other memberships move.
 */
export async function mergeCampaignMembers(db: Db, sourceId: number, targetId: number): Promise<{ moved: number; dropped: number }> {
  const targetGivesWay = await sql`DELETE FROM campaign_members AS t WHERE t.patient_id = ${targetId} AND NOT ${worked('t')}
    AND EXISTS (SELECT 1 FROM campaign_members s WHERE s.campaign_id = t.campaign_id AND s.patient_id = ${sourceId} AND ${worked('s')})`.execute(db);
  const sourceGivesWay = await sql`DELETE FROM campaign_members AS s WHERE s.patient_id = ${sourceId}
    AND EXISTS (SELECT 1 FROM campaign_members t WHERE t.campaign_id = s.campaign_id AND t.patient_id = ${targetId})`.execute(db);
  const moved = await db.updateTable('campaign_members').set({ patient_id: targetId }).where('patient_id', '=', sourceId).executeTakeFirst();
  return { moved: Number(moved.numUpdatedRows), dropped: Number(targetGivesWay.numAffectedRows ?? 0) + Number(sourceGivesWay.numAffectedRows ?? 0) };
}

/**
 * After the visits move: the campaign audience's summaries (migration 0008)
 * recounted for both, so the duplicate leaves no services behind and the
 * survivor has all of both.
 */
export async function recountAudienceSummaries(db: Db, sourceId: number, targetId: number): Promise<void> {
  for (const id of [sourceId, targetId]) {
    await sql`DELETE FROM patient_last_visits WHERE patient_id = ${id}`.execute(db);
    await sql`INSERT INTO patient_last_visits (patient_id, last_at) SELECT ${id}, max(start_at) FROM appointments
      WHERE status = 'completed' AND patient_id = ${id} HAVING max(start_at) IS NOT NULL`.execute(db);
    await sql`DELETE FROM patient_services WHERE patient_id = ${id}`.execute(db);
    await sql`INSERT OR IGNORE INTO patient_services (patient_id, service_id) SELECT a.patient_id, i.service_id
      FROM appointments a JOIN appointment_items i ON i.appointment_id = a.id WHERE a.status = 'completed' AND a.patient_id = ${id}`.execute(db);
  }
}

/**
 * The channels the duplicate unsubscribed from (cleared consent with a
 * recorded opt-out) that the survivor still has consent for: a merge must not
 * bring back messages the patient stopped. Returns the survivor's columns to
 * clear; the survivor's queued messages on those channels are cancelled.
 */
export async function carriedOptOuts(
  db: Db,
  source: { id: number; consent_sms: number; consent_email: number },
  target: { id: number; consent_sms: number; consent_email: number },
  now: Date,
): Promise<{ consent_sms?: number; consent_email?: number }> {
  const recorded = await db.selectFrom('message_opt_outs').select('channel').distinct().where('patient_id', '=', source.id).execute();
  const out: { consent_sms?: number; consent_email?: number } = {};
  for (const { channel } of recorded) {
    const col = channel === 'email' ? 'consent_email' : 'consent_sms';
    if (source[col] === 0 && target[col] === 1) {
      out[col] = 0;
      await cancelQueued(db, target.id, channel as MessageChannel, 'the patient unsubscribed (on a merged duplicate record)', now);
    }
  }
  return out;
}
