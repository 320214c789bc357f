// The patient's timeline: visits, payments and contacts, newest first. Each
// source is read newest first through its (patient, time) index, only as far
// as the page needs, and merged here. Times are local wall-clock; contacts
// keep UTC in the table and are converted on the way out.
import type { TimelineItem } from '../../shared/api/timeline';
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
    const items: TimelineItem[] = [
      ...visits.map((v) => ({ kind: 'visit' as const, id: v.id, at: v.start_at, status: v.status, doctor: v.doctor, branch: v.branch, amount: v.charged })),
      ...payments.map((p) => ({ kind: 'payment' as const, id: p.id, at: p.paid_at.slice(0, 16), amount: p.amount, method: p.method })),
      ...contacts.map((c) => ({ kind: 'contact' as const, ...toContact(c), userName: c.full_name ?? null })),
    ];
    // Newest first; at the same minute a contact goes above the visit it followed.
    const rank = { contact: 0, payment: 1, visit: 2 };
    items.sort((a, b) => (a.at === b.at ? rank[a.kind] - rank[b.kind] || b.id - a.id : a.at < b.at ? 1 : -1));
    return { items: items.slice(offset, offset + limit), hasMore: items.length > offset + limit };
  },
};
