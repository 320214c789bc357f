// The patient's timeline: visits, payments, contacts and messages, newest
// first. Each source is read newest first through its (patient, time) index,
// only as far as the page needs, and merged here. Times are local wall-clock;
// contacts and messages keep UTC in their tables and are converted on the way out.
import type { TimelineItem } from '../../shared/api/timeline';
import type { MessageStatus } from '../../shared/api/messages';
import type { MessageChannel, MessageKind } from '../../shared/domain/templates';
import { localTime } from './clock';
import { toContact } from './contacts';
import { notFound } from './errors';
import type { Handlers } from './router';

export const timelineHandlers: Handlers = {
  'patients.timeline': async (ctx, { patientId, limit, offset }) => {
    const patient = await ctx.db.selectFrom('patients').select(['id', 'deleted_at']).where('id', '=', patientId).executeTakeFirst();
    if (!patient || patient.deleted_at) throw notFound('Patient', patientId);
    const need = offset + limit + 1;
    const visits = await ctx.db
      .selectFrom('appointments as a')
      .innerJoin('users as d', 'd.id', 'a.doctor_id')
      .innerJoin('branches as b', 'b.id', 'a.branch_id')
      .select(['a.id', 'a.start_at', 'a.status', 'a.charged', 'd.full_name as doctor', 'b.name as branch'])
      .where('a.patient_id', '=', patientId)
      .orderBy('a.start_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(need)
      .execute();
    const payments = await ctx.db
      .selectFrom('payments')
      .select(['id', 'paid_at', 'amount', 'method'])
      .where('patient_id', '=', patientId)
      .orderBy('paid_at', 'desc')
      .orderBy('id', 'desc')
      .limit(need)
      .execute();
    const contacts = await ctx.db
      .selectFrom('contacts as c')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .selectAll('c')
      .select('u.full_name')
      .where('c.patient_id', '=', patientId)
      .orderBy('c.at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(need)
      .execute();
    const messages = await ctx.db
      .selectFrom('messages')
      .select(['id', 'created_at', 'channel', 'kind', 'status', 'error', 'subject', 'sent_at', 'delivered_at'])
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(need)
      .execute();
    const local = (utc: string | null) => (utc ? localTime(new Date(utc)) : null);
    const items: TimelineItem[] = [
      ...visits.map((v) => ({ kind: 'visit' as const, id: v.id, at: v.start_at, status: v.status, doctor: v.doctor, branch: v.branch, amount: v.charged })),
      ...payments.map((p) => ({ kind: 'payment' as const, id: p.id, at: p.paid_at.slice(0, 16), amount: p.amount, method: p.method })),
      ...contacts.map((c) => ({ kind: 'contact' as const, ...toContact(c), userName: c.full_name ?? null })),
      ...messages.map((m) => ({
        kind: 'message' as const,
        id: m.id,
        at: localTime(new Date(m.created_at)),
        channel: m.channel as MessageChannel,
        messageKind: m.kind as MessageKind,
        status: m.status as MessageStatus,
        error: m.error,
        subject: m.subject,
        sentAt: local(m.sent_at),
        deliveredAt: local(m.delivered_at),
      })),
    ];
    // Newest first; at the same minute a contact or message goes above the visit it followed.
    const rank = { message: 0, contact: 1, payment: 2, visit: 3 };
    items.sort((a, b) => (a.at === b.at ? rank[a.kind] - rank[b.kind] || b.id - a.id : a.at < b.at ? 1 : -1));
    return { items: items.slice(offset, offset + limit), hasMore: items.length > offset + limit };
  },
};
