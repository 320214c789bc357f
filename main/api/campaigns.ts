// Campaigns: create and edit, a live audience count while filters change,
// freezing the audience into members (or adding a report's patients), the
// members as a call list with their last outcome, and recording an outcome
// as a contact linked to the campaign. SMS/e-mail campaigns are sent through
// the outbox: see sendCampaignMessages.
import { sql, type Selectable, type Updateable } from 'kysely';
import type { AudienceFilters, Campaign, CampaignChannel, CampaignMember, CampaignOutcome, CampaignSendResult, CampaignStatus } from '../../shared/api/campaigns';
import type { Contact } from '../../shared/api/contacts';
import type { Db } from '../db/connection';
import type { CampaignsTable } from '../db/schema';
import { ApiError, invalid, notFound } from './errors';
import type { Ctx, Handlers } from './router';
import { nowOf, localTime } from './clock';
import { audienceCount, audienceQuery, lastVisitOf, withCitySpellings } from './campaign-audience';
import { recordContact } from './contacts';
import { enqueueMessage } from '../jobs/outbox';

type CampaignRow = Selectable<CampaignsTable>;

function toCampaign(r: CampaignRow, counts: { members: number; contacted: number }): Campaign {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel as CampaignChannel,
    cost: r.cost,
    startDate: r.start_date,
    endDate: r.end_date,
    offer: r.offer,
    status: r.status as CampaignStatus,
    filters: JSON.parse(r.filters) as AudienceFilters,
    audienceBuiltAt: r.audience_built_at,
    ...counts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Members, and members with at least one contact for the campaign, per campaign. */
async function countsOf(db: Db, ids: number[]): Promise<Map<number, { members: number; contacted: number }>> {
  const out = new Map<number, { members: number; contacted: number }>();
  if (!ids.length) return out;
  const rows = await sql<{ campaign_id: number; members: number; contacted: number }>`
    SELECT m.campaign_id, count(*) AS members,
           sum(EXISTS (SELECT 1 FROM contacts c WHERE c.campaign_id = m.campaign_id AND c.patient_id = m.patient_id)
               OR EXISTS (SELECT 1 FROM messages g WHERE g.campaign_id = m.campaign_id AND g.patient_id = m.patient_id AND g.sent_at IS NOT NULL)) AS contacted
    FROM campaign_members m WHERE m.campaign_id IN (${sql.join(ids)}) GROUP BY m.campaign_id`.execute(db);
  for (const r of rows.rows) out.set(r.campaign_id, { members: r.members, contacted: r.contacted });
  return out;
}

async function memberCount(db: Db, campaignId: number): Promise<number> {
  const r = await db.selectFrom('campaign_members').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function rowOf(db: Db, id: number): Promise<CampaignRow> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Campaign', id);
  return row;
}

async function campaignOf(db: Db, id: number): Promise<Campaign> {
  const row = await rowOf(db, id);
  return toCampaign(row, (await countsOf(db, [id])).get(id) ?? { members: 0, contacted: 0 });
}

async function checkFilters(db: Db, f: AudienceFilters): Promise<void> {
  for (const key of ['serviceDone', 'serviceNeverDone'] as const) {
    const s = f[key];
    if (s?.serviceId !== undefined && !(await db.selectFrom('services').select('id').where('id', '=', s.serviceId).executeTakeFirst())) {
      throw invalid(`filters.${key}.serviceId`, `there is no service ${s.serviceId}`);
    }
  }
  if (f.sourceId !== undefined && !(await db.selectFrom('sources').select('id').where('id', '=', f.sourceId).executeTakeFirst())) {
    throw invalid('filters.sourceId', `there is no marketing source ${f.sourceId}`);
  }
  if (f.doctorId !== undefined && !(await db.selectFrom('users').select('id').where('id', '=', f.doctorId).where('role', '=', 'doctor').executeTakeFirst())) {
    throw invalid('filters.doctorId', `there is no doctor ${f.doctorId}`);
  }
}

function refuseFinished(c: CampaignRow, what: string): void {
  if (c.status === 'finished') throw new ApiError('conflict', `The campaign "${c.name}" is finished: its ${what} can no longer change`);
}

const nowLocal = (ctx: Ctx) => localTime(nowOf(ctx));

/** Ids of the members; the member rows as the call list shows them. */
async function membersPage(
  db: Db,
  campaignId: number,
  opts: { offset: number; limit: number; outcome?: CampaignOutcome | 'none'; memberId?: number },
): Promise<{ total: number; rows: CampaignMember[] }> {
  const outcomeFilter =
    opts.outcome === undefined ? sql`` : opts.outcome === 'none' ? sql` AND lc.id IS NULL` : sql` AND lc.outcome = ${opts.outcome}`;
  const memberFilter = opts.memberId === undefined ? sql`` : sql` AND m.id = ${opts.memberId}`;
  // The latest contact of each member for this campaign, by the contacts_campaign index.
  const from = sql`FROM campaign_members m JOIN patients p ON p.id = m.patient_id
    LEFT JOIN contacts lc ON lc.id = (SELECT c.id FROM contacts c WHERE c.campaign_id = m.campaign_id AND c.patient_id = m.patient_id
                                      ORDER BY c.at DESC, c.id DESC LIMIT 1)
    WHERE m.campaign_id = ${campaignId}${outcomeFilter}${memberFilter}`;
  const total = (await sql<{ n: number }>`SELECT count(*) AS n ${from}`.execute(db)).rows[0].n;
  const rows = await sql<{
    member_id: number; patient_id: number; name: string; phone: string | null; email: string | null; last_visit: string | null;
    contacts: number; outcome: string | null; at: string | null; note: string | null;
  }>`SELECT m.id AS member_id, p.id AS patient_id, trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, '')) AS name,
            p.phone, p.email, ${lastVisitOf} AS last_visit,
            (SELECT count(*) FROM contacts c WHERE c.campaign_id = m.campaign_id AND c.patient_id = m.patient_id) AS contacts,
            lc.outcome, lc.at, lc.note
     ${from} ORDER BY m.id LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
  return {
    total,
    rows: rows.rows.map((r) => ({
      memberId: r.member_id,
      patientId: r.patient_id,
      name: r.name,
      phone: r.phone,
      email: r.email,
      lastVisit: r.last_visit ? r.last_visit.slice(0, 10) : null,
      contacts: r.contacts,
      lastOutcome: r.outcome as CampaignOutcome | null,
      lastContactAt: r.at,
      lastNote: r.note,
    })),
  };
}

/**
 * The send step of an SMS or e-mail campaign: one message per member through
 * the outbox (consent, quiet hours, retries are the outbox's), at most once per
 * member (a dedupe key), with the campaign's offer as {offer}. A sent message
 * counts as the member's contact in the campaigns report. Members the outbox
 * refuses (no consent, no address) come back with the reason.
 */
async function sendCampaignMessages(ctx: Ctx, c: CampaignRow): Promise<CampaignSendResult> {
  if (c.channel !== 'sms' && c.channel !== 'email') {
    throw new ApiError('conflict', `A ${c.channel} campaign is worked as a call list; only SMS and e-mail campaigns are sent`);
  }
  const members = await ctx.db.selectFrom('campaign_members').select('patient_id').where('campaign_id', '=', c.id).orderBy('id').execute();
  const result: CampaignSendResult = { queued: 0, alreadySent: 0, refused: [] };
  let lastId: number | null = null;
  for (const { patient_id: patientId } of members) {
    const r = await enqueueMessage(ctx.db, {
      patientId,
      channel: c.channel,
      kind: 'campaign',
      campaignId: c.id,
      vars: { offer: c.offer ?? '' },
      dedupeKey: `campaign:${c.id}:${patientId}`,
      createdBy: ctx.user?.id ?? null,
      now: nowOf(ctx),
    });
    if (r.ok) {
      result.queued++;
      lastId = r.id;
    } else if (r.code === 'duplicate') result.alreadySent++;
    else result.refused.push({ patientId, code: r.code, reason: r.reason });
  }
  if (lastId !== null) ctx.emit('messages', lastId, 'queued'); // wakes the outbox
  return result;
}

export const campaignsHandlers: Handlers = {
  'campaigns.list': async (ctx, { status }) => {
    const rows = await ctx.db
      .selectFrom('campaigns')
      .selectAll()
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const counts = await countsOf(ctx.db, rows.map((r) => r.id));
    return rows.map((r) => toCampaign(r, counts.get(r.id) ?? { members: 0, contacted: 0 }));
  },

  'campaigns.get': async (ctx, { id }) => campaignOf(ctx.db, id),

  'campaigns.create': async (ctx, input) => {
    await checkFilters(ctx.db, input.filters);
    const row = await ctx.db
      .insertInto('campaigns')
      .values({
        name: input.name,
        channel: input.channel,
        cost: input.cost,
        start_date: input.startDate,
        end_date: input.endDate,
        offer: input.offer,
        filters: JSON.stringify(input.filters),
        created_by: ctx.user?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const campaign = toCampaign(row, { members: 0, contacted: 0 });
    ctx.audit({ entity: 'campaigns', entityId: row.id, after: { ...campaign } });
    ctx.emit('campaigns', row.id, 'create');
    return campaign;
  },

  'campaigns.update': async (ctx, input) => {
    const before = await rowOf(ctx.db, input.id);
    if (input.updatedAt !== undefined && input.updatedAt !== before.updated_at) {
      throw new ApiError('conflict', 'This campaign was changed at another workstation. Its current state is shown; try again.', { current: await campaignOf(ctx.db, input.id) });
    }
    const startDate = input.startDate ?? before.start_date;
    const endDate = input.endDate ?? before.end_date;
    if (startDate > endDate) throw invalid(input.endDate ? 'endDate' : 'startDate', 'The campaign ends before it starts');
    if (input.filters) await checkFilters(ctx.db, input.filters);
    if (before.status === 'finished' && input.status !== 'active') refuseFinished(before, 'settings');
    const set: Updateable<CampaignsTable> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.channel !== undefined) set.channel = input.channel;
    if (input.cost !== undefined) set.cost = input.cost;
    if (input.startDate !== undefined) set.start_date = input.startDate;
    if (input.endDate !== undefined) set.end_date = input.endDate;
    if (input.offer !== undefined) set.offer = input.offer ? input.offer : null;
    if (input.filters !== undefined) set.filters = JSON.stringify(input.filters);
    if (input.status !== undefined) set.status = input.status;
    await ctx.db
      .updateTable('campaigns')
      .set({ ...set, updated_at: new Date(nowOf(ctx).getTime()).toISOString() })
      .where('id', '=', input.id)
      .execute();
    const after = await campaignOf(ctx.db, input.id);
    const { members: _m, contacted: _c, ...beforeFields } = toCampaign(before, { members: 0, contacted: 0 });
    ctx.audit({ entity: 'campaigns', entityId: input.id, before: beforeFields, after: { ...set } });
    ctx.emit('campaigns', input.id, 'update');
    return after;
  },

  'campaigns.delete': async (ctx, { id }) => {
    const row = await rowOf(ctx.db, id);
    if (row.status !== 'draft') throw new ApiError('conflict', `Only a draft campaign can be deleted; "${row.name}" is ${row.status}`);
    const worked = await ctx.db.selectFrom('contacts').select('id').where('campaign_id', '=', id).limit(1).executeTakeFirst();
    if (worked) throw new ApiError('conflict', `"${row.name}" already has recorded contacts; finish it instead of deleting`);
    await ctx.db.deleteFrom('campaign_members').where('campaign_id', '=', id).execute();
    await ctx.db.deleteFrom('campaigns').where('id', '=', id).execute();
    ctx.audit({ entity: 'campaigns', entityId: id, before: { name: row.name, status: row.status } });
    ctx.emit('campaigns', id, 'delete');
    return { ok: true as const };
  },

  'campaigns.audienceCount': async (ctx, { channel, filters }) => {
    await checkFilters(ctx.db, filters);
    return audienceCount(ctx.db, { channel, filters, now: nowLocal(ctx) });
  },

  'campaigns.buildAudience': async (ctx, { id }) => {
    const c = await rowOf(ctx.db, id);
    refuseFinished(c, 'audience');
    const filters = JSON.parse(c.filters) as AudienceFilters;
    // Members nobody has contacted yet are replaced by the current matches; worked members stay.
    const removed = await ctx.db
      .deleteFrom('campaign_members')
      .where('campaign_id', '=', id)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('contacts as c').select('c.id').whereRef('c.campaign_id', '=', 'campaign_members.campaign_id').whereRef('c.patient_id', '=', 'campaign_members.patient_id'))),
      )
      .executeTakeFirst();
    const userId = ctx.user?.id ?? null;
    const scope = await withCitySpellings(ctx.db, { channel: c.channel as CampaignChannel, filters, now: nowLocal(ctx) });
    const added = await ctx.db
      .insertInto('campaign_members')
      .columns(['campaign_id', 'patient_id', 'created_by'])
      .expression(
        audienceQuery(ctx.db, scope)
          .select([sql<number>`${id}`.as('campaign_id'), 'p.id', sql<number | null>`${userId}`.as('created_by')])
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('campaign_members as m').select('m.id').where('m.campaign_id', '=', id).whereRef('m.patient_id', '=', 'p.id')))),
      )
      .executeTakeFirst();
    await ctx.db.updateTable('campaigns').set({ audience_built_at: nowOf(ctx).toISOString(), updated_at: nowOf(ctx).toISOString() }).where('id', '=', id).execute();
    const members = await memberCount(ctx.db, id);
    const result = { added: Number(added.numInsertedOrUpdatedRows ?? 0), removed: Number(removed.numDeletedRows), members };
    ctx.audit({ entity: 'campaigns', entityId: id, after: { audience: result, filters } });
    ctx.emit('campaigns', id, 'update');
    return result;
  },

  'campaigns.addMembers': async (ctx, { id, patientIds }) => {
    const c = await rowOf(ctx.db, id);
    refuseFinished(c, 'audience');
    const unique = [...new Set(patientIds)];
    const live = await sql<{ id: number }>`SELECT p.id FROM patients p WHERE p.id IN (SELECT value FROM json_each(${JSON.stringify(unique)}))
      AND p.deleted_at IS NULL AND p.merged_into_id IS NULL`.execute(ctx.db);
    if (live.rows.length !== unique.length) {
      const known = new Set(live.rows.map((r) => r.id));
      const bad = unique.filter((p) => !known.has(p));
      throw invalid('patientIds', `no such patient (or deleted / merged): ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? '…' : ''}`);
    }
    const userId = ctx.user?.id ?? null;
    const res = await sql`INSERT OR IGNORE INTO campaign_members (campaign_id, patient_id, created_by)
      SELECT ${id}, value, ${userId} FROM json_each(${JSON.stringify(unique)})`.execute(ctx.db);
    const added = Number(res.numAffectedRows ?? 0);
    const members = await memberCount(ctx.db, id);
    ctx.audit({ entity: 'campaigns', entityId: id, after: { addedMembers: added, patientIds: unique.length } });
    ctx.emit('campaigns', id, 'update');
    return { added, members };
  },

  'campaigns.members': async (ctx, { id, offset, limit, outcome }) => {
    await rowOf(ctx.db, id);
    return membersPage(ctx.db, id, { offset, limit, outcome });
  },

  'campaigns.recordOutcome': async (ctx, { memberId, outcome, note, churnReason }) => {
    const member = await ctx.db.selectFrom('campaign_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!member) throw notFound('Campaign member', memberId);
    const c = await rowOf(ctx.db, member.campaign_id);
    refuseFinished(c, 'members');
    // The contact log's one writer checks the churn reason (required for a
    // refusal, from the catalog), audits and publishes the contact.
    await recordContact(ctx, {
      patientId: member.patient_id,
      channel: c.channel as Contact['channel'],
      direction: 'out',
      outcome,
      churnReason,
      note,
      campaignId: c.id,
    });
    // The first worked member starts a draft campaign.
    if (c.status === 'draft') {
      await ctx.db.updateTable('campaigns').set({ status: 'active', updated_at: nowOf(ctx).toISOString() }).where('id', '=', c.id).execute();
      ctx.audit({ entity: 'campaigns', entityId: c.id, before: { status: 'draft' }, after: { status: 'active' } });
      ctx.emit('campaigns', c.id, 'update');
    }
    ctx.emit('campaigns', c.id, 'update');
    const page = await membersPage(ctx.db, c.id, { offset: 0, limit: 1, memberId });
    return page.rows[0];
  },

  'campaigns.send': async (ctx, { id }) => {
    const c = await rowOf(ctx.db, id);
    refuseFinished(c, 'messages');
    const result = await sendCampaignMessages(ctx, c);
    if (result.queued && c.status === 'draft') {
      await ctx.db.updateTable('campaigns').set({ status: 'active', updated_at: nowOf(ctx).toISOString() }).where('id', '=', c.id).execute();
    }
    ctx.audit({ entity: 'campaigns', entityId: c.id, after: { sent: result.queued, refused: result.refused.length } });
    ctx.emit('campaigns', c.id, 'update');
    return result;
  },
};
