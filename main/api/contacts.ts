// The contact log. `recordContact` is the one place a contact is written:
// contacts.create, a task's completion and the campaigns' call lists all go
// through it, so the churn-reason rule and the call-back task hold everywhere.
import type { z } from 'zod';
import { CHURN_OUTCOMES, type Contact, type ContactFields } from '../../shared/api/contacts';
import type { ContactsTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { localTime, nowOf } from './clock';
import { invalid } from './errors';
import type { Ctx, Handlers } from './router';
import { createTask, livePatients } from './task-rows';

export type ContactInput = z.output<typeof ContactFields> & {
  patientId: number;
  appointmentId?: number | null;
  /** The task whose completion this contact records. */
  taskId?: number | null;
  /** Whom the call-back task goes to; default the caller. */
  callBackAssigneeId?: number;
  /** The campaign this contact works (a member's outcome). */
  campaignId?: number | null;
};

export function toContact(r: Selectable<ContactsTable>): Contact {
  return {
    id: r.id,
    patientId: r.patient_id,
    appointmentId: r.appointment_id,
    taskId: r.task_id,
    channel: r.channel as Contact['channel'],
    direction: r.direction as Contact['direction'],
    outcome: r.outcome as Contact['outcome'],
    churnReason: r.churn_reason,
    note: r.note,
    userId: r.user_id,
    at: localTime(new Date(r.at)),
  };
}

/**
 * Checks and writes one contact by the caller (ctx.user), inside the caller's
 * transaction: refused / moved_away need a churn reason from the catalog (the
 * code is what the `lost` report counts), and call_back with callBackAt
 * creates a call task. Throws a 400 naming the field before writing anything.
 * `contacts.at` keeps UTC ISO like every contact before it; `at` in and out is
 * local wall-clock time.
 */
export async function recordContact(ctx: Ctx, input: ContactInput): Promise<Contact> {
  await livePatients(ctx.db, [input.patientId], 'patientId');
  const leaving = CHURN_OUTCOMES.includes(input.outcome);
  if (leaving && !input.churnReason) throw invalid('churnReason', `outcome ${input.outcome} needs the reason the patient leaves`);
  if (!leaving && input.churnReason) throw invalid('churnReason', `a churn reason goes only with outcome ${CHURN_OUTCOMES.join(' or ')}`);
  if (input.churnReason) {
    const reason = await ctx.db
      .selectFrom('reasons')
      .select('id')
      .where('kind', '=', 'churn')
      .where('code', '=', input.churnReason)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!reason) throw invalid('churnReason', `"${input.churnReason}" is not a churn reason of the catalog`);
  }
  if (input.callBackAt && input.outcome !== 'call_back') throw invalid('callBackAt', 'a call-back time goes only with outcome call_back');
  if (input.appointmentId) {
    const a = await ctx.db.selectFrom('appointments').select('patient_id').where('id', '=', input.appointmentId).executeTakeFirst();
    if (!a || a.patient_id !== input.patientId) throw invalid('appointmentId', `appointment ${input.appointmentId} is not this patient's`);
  }
  const at = input.at ? new Date(input.at) : nowOf(ctx);
  const row = await ctx.db
    .insertInto('contacts')
    .values({
      patient_id: input.patientId,
      appointment_id: input.appointmentId ?? null,
      task_id: input.taskId ?? null,
      campaign_id: input.campaignId ?? null,
      channel: input.channel,
      direction: input.direction,
      outcome: input.outcome,
      churn_reason: input.churnReason,
      note: input.note,
      user_id: ctx.user?.id || null,
      at: at.toISOString(),
      created_by: ctx.user?.id || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const contact = toContact(row);
  ctx.audit({ entity: 'contacts', entityId: row.id, after: { ...contact } });
  ctx.emit('contacts', row.id, 'create');
  // The patient card's timeline shows contacts: tell the open cards.
  ctx.emit('patients', input.patientId, 'contact');
  if (input.outcome === 'call_back' && input.callBackAt) {
    const task = await createTask(ctx, {
      kind: 'call',
      assigneeId: input.callBackAssigneeId,
      patientId: input.patientId,
      dueAt: input.callBackAt,
      comment: input.note ?? null,
    });
    contact.callBackTaskId = task.id;
  }
  return contact;
}

export const contactsHandlers: Handlers = {
  'contacts.create': async (ctx, input) => recordContact(ctx, input),
};
