import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudienceFilters, CampaignChannel } from '../../shared/api/campaigns';
import { audienceQuery, rebuildAudienceSummaries } from '../../main/api/campaign-audience';
import { rejection } from './harness';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';
import { makeCampaignClinic, type CampaignClinic } from './campaign-clinic';

let cc: CampaignClinic;
beforeEach(async () => {
  cc = await makeCampaignClinic();
});
afterEach(async () => cc.close());

const period = { startDate: '2026-11-25', endDate: '2026-12-31' };
const audience = async (filters: AudienceFilters, channel: CampaignChannel = 'call') =>
  (await cc.call('callcenter', 'campaigns.audienceCount', { channel, filters })).sample.map((p) => p.id);
const rows = (table: 'campaigns' | 'campaign_members' | 'contacts') => cc.sqlite.prepare(`SELECT * FROM ${table}`).all();

describe('campaign audience filters', () => {
  // See campaign-clinic.ts: live patients with a phone are A, B, C, D, H.
  it.each<[string, AudienceFilters, Array<keyof CampaignClinic['ids']>]>([
    ['last visit 180 or more days ago (C exactly 180, H 179)', { lastVisitOlderThanDays: 180 }, ['A', 'C']],
    ['last visit less than 180 days ago', { lastVisitWithinDays: 180 }, ['B', 'H']],
    ['service ever done', { serviceDone: { serviceId: 0 } }, ['A']],
    ['service category ever done', { serviceDone: { category: 'therapy' } }, ['A', 'B', 'C', 'H']],
    ['service category never done', { serviceNeverDone: { category: 'hygiene' } }, ['B', 'C', 'D', 'H']],
    ['age 30 to 50 (no birth date: out)', { ageFrom: 30, ageTo: 50 }, ['A', 'C']],
    ['age 60 or more (H turned 60 on 11-02)', { ageFrom: 60 }, ['H']],
    ['age up to 59', { ageTo: 59 }, ['A', 'B', 'C']],
    ['sex', { sex: 'male' }, ['B', 'D', 'H']],
    ['city', { city: 'Казань' }, ['B']],
    ['marketing source', { sourceId: -1 }, ['B']],
    ['doctor ever seen', { doctorId: -2 }, ['B', 'H']],
    ['has debt', { hasDebt: true }, ['B']],
    ['has no debt', { hasDebt: false }, ['A', 'C', 'D', 'H']],
    ['birthday month', { birthdayMonth: 11 }, ['C', 'H']],
    ['four filters at once', { lastVisitOlderThanDays: 180, sex: 'female', city: 'Москва', ageFrom: 30 }, ['A', 'C']],
  ])('%s', async (_name, filters, expected) => {
    // Placeholders for ids only known once the clinic exists.
    const f = { ...filters };
    if (f.serviceDone?.serviceId === 0) f.serviceDone = { serviceId: cc.ids.cleaning };
    if (f.sourceId === -1) f.sourceId = cc.ids.ref;
    if (f.doctorId === -2) f.doctorId = cc.ids.D2;
    expect(await audience({ ...f, includeBooked: true })).toEqual(expected.map((k) => cc.ids[k]));
  });

  it('leaves out patients with a future booking unless asked, but not a cancelled one', async () => {
    const { A, B, C, D, H } = cc.ids;
    expect(await audience({})).toEqual([A, B, D, H]);
    expect(await audience({ includeBooked: true })).toEqual([A, B, C, D, H]);
    // A booking in the past (a no-show that was never closed) does not count as future.
    cc.visit(A, cc.ids.D1, '2026-11-20T10:00', 'booked');
    expect(await audience({})).toEqual([A, B, D, H]);
  });

  it('needs consent for the channel: sms and messenger consent_sms and a phone, e-mail consent_email, calls a phone', async () => {
    const { A, C, D, G, H } = cc.ids;
    expect(await audience({ includeBooked: true }, 'sms')).toEqual([A, C, D, H]);
    expect(await audience({ includeBooked: true }, 'messenger')).toEqual([A, C, D, H]);
    expect(await audience({ includeBooked: true }, 'email')).toEqual([A, G]);
  });

  it('counts beyond the sample and shows the last visit', async () => {
    const r = await cc.call('director', 'campaigns.audienceCount', { channel: 'call', filters: { lastVisitOlderThanDays: 180, includeBooked: true } });
    expect(r.count).toBe(2);
    expect(r.sample[0]).toEqual({ id: cc.ids.A, name: 'Анна Т', phone: '+79000000001', lastVisit: '2026-03-01' });
  });

  it.each([
    ['filters.ageTo', { ageFrom: 50, ageTo: 40 }],
    ['filters.birthdayMonth', { birthdayMonth: 13 }],
    ['filters.lastVisitOlderThanDays', { lastVisitOlderThanDays: 0 }],
    ['filters.serviceDone', { serviceDone: {} }],
    ['filters.serviceDone.serviceId', { serviceDone: { serviceId: 999 } }],
    ['filters.sourceId', { sourceId: 999 }],
    ['filters.doctorId', { doctorId: 1 }],
    ['filters', { shoeSize: 42 }],
  ])('rejects a bad %s naming it', async (field, filters) => {
    const err = await rejection(cc.call('director', 'campaigns.audienceCount', { channel: 'call', filters: filters as never }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
  });
});

describe('campaigns', () => {
  const base = { name: 'Вернуть спящих', channel: 'call' as const, cost: 1_200_000, ...period, offer: 'Скидка 10% на гигиену' };

  it('creates, reads, lists, edits and deletes a draft; audited and published', async () => {
    const events: string[] = [];
    cc.feed.subscribe((e) => events.push(`${e.entity}:${e.op}`));
    const c = await cc.call('director', 'campaigns.create', { ...base, filters: { lastVisitOlderThanDays: 180 } });
    expect(c).toMatchObject({ ...base, status: 'draft', filters: { lastVisitOlderThanDays: 180 }, members: 0, contacted: 0, audienceBuiltAt: null });
    expect(await cc.call('callcenter', 'campaigns.get', { id: c.id })).toEqual(c);
    const u = await cc.call('director', 'campaigns.update', { id: c.id, updatedAt: c.updatedAt, cost: 900_000, offer: null });
    expect(u).toMatchObject({ cost: 900_000, offer: null, name: base.name, filters: { lastVisitOlderThanDays: 180 } });
    expect((await cc.call('admin', 'campaigns.list', {})).map((x) => x.id)).toEqual([c.id]);
    expect(await cc.call('admin', 'campaigns.list', { status: 'active' })).toEqual([]);
    expect(await cc.call('director', 'campaigns.delete', { id: c.id })).toEqual({ ok: true });
    expect(rows('campaigns')).toEqual([]);
    expect(events).toEqual(['campaigns:create', 'campaigns:update', 'campaigns:delete']);
    const audit = cc.sqlite.prepare("SELECT method FROM audit_log WHERE entity = 'campaigns' ORDER BY id").all();
    expect(audit).toEqual([{ method: 'campaigns.create' }, { method: 'campaigns.update' }, { method: 'campaigns.delete' }]);
    expect((await rejection(cc.call('director', 'campaigns.get', { id: c.id }))).code).toBe('not_found');
    expect((await rejection(cc.call('reception', 'campaigns.list', {}))).code).toBe('forbidden');
  });

  it.each([
    ['name', { name: '  ' }],
    ['channel', { channel: 'pigeon' }],
    ['cost', { cost: -1 }],
    ['cost', { cost: 10.5 }],
    ['startDate', { startDate: '2026-02-30' }],
    ['endDate', { endDate: '2026-11-01' }],
    ['filters.sex', { filters: { sex: 'x' } }],
    ['filters.sourceId', { filters: { sourceId: 999 } }],
  ])('create rejects a bad %s with 400 naming it and writes nothing', async (field, patch) => {
    const err = await rejection(cc.call('director', 'campaigns.create', { ...base, ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(rows('campaigns')).toEqual([]);
  });

  it('update refuses a bad field, a period turned around, a stale copy, and keeps the row', async () => {
    const c = await cc.call('director', 'campaigns.create', base);
    const before = rows('campaigns');
    for (const [field, patch] of [
      ['endDate', { endDate: '2026-11-01' }],
      ['startDate', { startDate: '2027-01-01' }],
      ['status', { status: 'paused' }],
      ['filters.ageFrom', { filters: { ageFrom: -1 } }],
    ] as const) {
      const err = await rejection(cc.call('director', 'campaigns.update', { id: c.id, ...patch } as never));
      expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    }
    const stale = await rejection(cc.call('director', 'campaigns.update', { id: c.id, updatedAt: 'old', cost: 1 }));
    expect(stale.code).toBe('conflict');
    expect(rows('campaigns')).toEqual(before);
    expect((await rejection(cc.call('director', 'campaigns.update', { id: 999, cost: 1 }))).code).toBe('not_found');
  });

  it('freezes the audience; a rebuild replaces members nobody worked and keeps worked ones', async () => {
    const { A, B, C, D, H } = cc.ids;
    const c = await cc.call('director', 'campaigns.create', { ...base, filters: { lastVisitOlderThanDays: 180, includeBooked: true } });
    expect(await cc.call('director', 'campaigns.buildAudience', { id: c.id })).toEqual({ added: 2, removed: 0, members: 2 });
    const page = await cc.call('callcenter', 'campaigns.members', { id: c.id });
    expect(page.rows.map((m) => m.patientId)).toEqual([A, C]);
    await cc.call('callcenter', 'campaigns.recordOutcome', { memberId: page.rows[0].memberId, outcome: 'no_answer' });
    await cc.call('director', 'campaigns.update', { id: c.id, filters: { lastVisitWithinDays: 180 } });
    // C (not worked) goes, A (worked) stays, B and H come in.
    expect(await cc.call('director', 'campaigns.buildAudience', { id: c.id })).toEqual({ added: 2, removed: 1, members: 3 });
    expect((await cc.call('callcenter', 'campaigns.members', { id: c.id })).rows.map((m) => m.patientId)).toEqual([A, B, H]);
    expect((await cc.call('director', 'campaigns.get', { id: c.id })).audienceBuiltAt).not.toBeNull();
    // Patients from a report's list: D is new, B already a member.
    expect(await cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [D, B, D] })).toEqual({ added: 1, members: 4 });
  });

  it('addMembers refuses unknown, deleted or bad ids naming patientIds and adds nobody', async () => {
    const c = await cc.call('director', 'campaigns.create', base);
    for (const patientIds of [[cc.ids.A, 999], [cc.ids.E], [], [0]]) {
      const err = await rejection(cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds }));
      expect(err.code).toBe('invalid_input');
      expect(err.extra.issues!.map((i) => i.path.split('.')[0])).toContain('patientIds');
    }
    expect(rows('campaign_members')).toEqual([]);
    expect((await rejection(cc.call('director', 'campaigns.addMembers', { id: 999, patientIds: [cc.ids.A] }))).code).toBe('not_found');
  });

  it('works members as a call list: outcome recorded as a campaign contact, last outcome shown, paging and outcome filter', async () => {
    const { A, B, D } = cc.ids;
    const c = await cc.call('director', 'campaigns.create', base);
    await cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [A, B, D] });
    const [ma, mb] = (await cc.call('callcenter', 'campaigns.members', { id: c.id })).rows;
    cc.setNow('2026-11-25T10:00');
    await cc.call('callcenter', 'campaigns.recordOutcome', { memberId: ma.memberId, outcome: 'no_answer' });
    cc.setNow('2026-11-25T11:00');
    const worked = await cc.call('callcenter', 'campaigns.recordOutcome', { memberId: ma.memberId, outcome: 'booked', note: 'на пятницу' });
    expect(worked).toMatchObject({ memberId: ma.memberId, patientId: A, phone: '+79000000001', lastVisit: '2026-03-01', contacts: 2, lastOutcome: 'booked', lastNote: 'на пятницу' });
    await cc.call('callcenter', 'campaigns.recordOutcome', { memberId: mb.memberId, outcome: 'refused', churnReason: 'competitor' });
    const contacts = cc.sqlite.prepare('SELECT patient_id, campaign_id, channel, direction, outcome, churn_reason, user_id FROM contacts ORDER BY id').all();
    expect(contacts).toEqual([
      { patient_id: A, campaign_id: c.id, channel: 'call', direction: 'out', outcome: 'no_answer', churn_reason: null, user_id: cc.users.callcenter.id },
      { patient_id: A, campaign_id: c.id, channel: 'call', direction: 'out', outcome: 'booked', churn_reason: null, user_id: cc.users.callcenter.id },
      { patient_id: B, campaign_id: c.id, channel: 'call', direction: 'out', outcome: 'refused', churn_reason: 'competitor', user_id: cc.users.callcenter.id },
    ]);
    // The first outcome started the draft.
    expect(await cc.call('director', 'campaigns.get', { id: c.id })).toMatchObject({ status: 'active', members: 3, contacted: 2 });
    const second = await cc.call('callcenter', 'campaigns.members', { id: c.id, offset: 1, limit: 1 });
    expect(second.total).toBe(3);
    expect(second.rows.map((m) => [m.patientId, m.lastOutcome])).toEqual([[B, 'refused']]);
    expect((await cc.call('callcenter', 'campaigns.members', { id: c.id, outcome: 'none' })).rows.map((m) => m.patientId)).toEqual([D]);
    expect((await cc.call('callcenter', 'campaigns.members', { id: c.id, outcome: 'booked' })).rows.map((m) => m.patientId)).toEqual([A]);
  });

  it.each([
    ['outcome', { outcome: 'maybe' }],
    ['churnReason', { outcome: 'reached', churnReason: 'price' }],
    ['churnReason', { outcome: 'refused', churnReason: 'aliens' }],
    // A refusal without its reason: the contact log's rule, as at every other place a contact is recorded.
    ['churnReason', { outcome: 'moved_away' }],
    ['note', { outcome: 'reached', note: 'x'.repeat(1001) }],
    ['memberId', { memberId: 'one' }],
  ])('recordOutcome rejects a bad %s naming it and writes no contact', async (field, patch) => {
    const c = await cc.call('director', 'campaigns.create', base);
    await cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [cc.ids.A] });
    const [m] = (await cc.call('callcenter', 'campaigns.members', { id: c.id })).rows;
    const err = await rejection(cc.call('callcenter', 'campaigns.recordOutcome', { memberId: m.memberId, ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(rows('contacts')).toEqual([]);
    expect((await cc.call('director', 'campaigns.get', { id: c.id })).status).toBe('draft');
  });

  it('a finished campaign takes no outcomes or members; a worked campaign cannot be deleted', async () => {
    const c = await cc.call('director', 'campaigns.create', base);
    await cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [cc.ids.A] });
    const [m] = (await cc.call('callcenter', 'campaigns.members', { id: c.id })).rows;
    await cc.call('callcenter', 'campaigns.recordOutcome', { memberId: m.memberId, outcome: 'reached' });
    expect((await rejection(cc.call('director', 'campaigns.delete', { id: c.id }))).code).toBe('conflict');
    await cc.call('director', 'campaigns.update', { id: c.id, status: 'draft' });
    expect((await rejection(cc.call('director', 'campaigns.delete', { id: c.id }))).code).toBe('conflict');
    await cc.call('director', 'campaigns.update', { id: c.id, status: 'finished' });
    expect((await rejection(cc.call('callcenter', 'campaigns.recordOutcome', { memberId: m.memberId, outcome: 'reached' }))).code).toBe('conflict');
    expect((await rejection(cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [cc.ids.B] }))).code).toBe('conflict');
    expect((await rejection(cc.call('director', 'campaigns.buildAudience', { id: c.id }))).code).toBe('conflict');
    expect((await rejection(cc.call('director', 'campaigns.update', { id: c.id, cost: 5 }))).code).toBe('conflict');
    expect((await rejection(cc.call('callcenter', 'campaigns.recordOutcome', { memberId: 999, outcome: 'reached' }))).code).toBe('not_found');
    expect(rows('contacts')).toHaveLength(1);
    expect(rows('campaign_members')).toHaveLength(1);
  });

  it('sends an SMS campaign through the outbox once per member; a sent message counts as the contact', async () => {
    const { A, B, G, D1, consult } = cc.ids;
    const call = await cc.call('director', 'campaigns.create', base);
    expect((await rejection(cc.call('director', 'campaigns.send', { id: call.id }))).code).toBe('conflict');
    const c = await cc.call('director', 'campaigns.create', { ...base, channel: 'sms' });
    await cc.call('director', 'campaigns.addMembers', { id: c.id, patientIds: [A, B, G] });
    const sent = await cc.call('callcenter', 'campaigns.send', { id: c.id });
    // B and G have not consented to SMS.
    expect(sent).toMatchObject({ queued: 1, alreadySent: 0 });
    expect(sent.refused.map((r) => [r.patientId, r.code])).toEqual([[B, 'no_consent'], [G, 'no_consent']]);
    const queued = cc.sqlite.prepare('SELECT patient_id, channel, kind, campaign_id, status, body FROM messages').all() as Array<Record<string, unknown>>;
    expect(queued).toMatchObject([{ patient_id: A, channel: 'sms', kind: 'campaign', campaign_id: c.id, status: 'queued' }]);
    expect(queued[0].body).toContain(base.offer);
    // Sending again queues nothing twice.
    expect(await cc.call('callcenter', 'campaigns.send', { id: c.id })).toMatchObject({ queued: 0, alreadySent: 1 });
    expect((await cc.call('director', 'campaigns.get', { id: c.id })).contacted).toBe(0);

    // The outbox sent it this morning; A comes the next day.
    cc.sqlite.prepare("UPDATE messages SET status = 'sent', sent_at = '2026-11-25T07:00:00.000Z'").run();
    expect((await cc.call('director', 'campaigns.get', { id: c.id })).contacted).toBe(1);
    cc.visit(A, D1, '2026-11-26T10:00', 'completed', [[consult, 10000]]);
    await rebuildVisitSummaries(cc.database.db, [A]); // what a visit charged, as completion keeps it
    const report = await cc.call('director', 'reports.run', { id: 'campaigns', params: { from: '2026-11-01', to: '2026-11-30' } });
    expect(report.rows.find((r) => r.campaignId === c.id)).toMatchObject({ members: 3, contacted: 1, converted: 1, revenue: 10000 });
  });
});

describe('patient_services and patient_last_visits (what the audience filters read)', () => {
  const kept = () => cc.sqlite.prepare('SELECT patient_id, service_id FROM patient_services ORDER BY 1, 2').all();
  const lastKept = () => cc.sqlite.prepare('SELECT patient_id, last_at FROM patient_last_visits ORDER BY 1').all();
  const lastRecounted = () =>
    cc.sqlite.prepare("SELECT patient_id, max(start_at) AS last_at FROM appointments WHERE status = 'completed' GROUP BY patient_id ORDER BY 1").all();
  const recomputed = () =>
    cc.sqlite
      .prepare(
        `SELECT DISTINCT a.patient_id, i.service_id FROM appointment_items i JOIN appointments a ON a.id = i.appointment_id
         WHERE a.status = 'completed' ORDER BY 1, 2`,
      )
      .all();

  it('follows completions, lines removed from a visit and merges, matching a recount from history', async () => {
    const { D, C, A, D1, consult, cleaning } = cc.ids;
    expect(kept()).toEqual(recomputed());
    expect(lastKept()).toEqual(lastRecounted());
    // A booking with planned lines is not a visit; completing it is.
    const a = cc.visit(D, D1, '2026-11-25T08:00', 'arrived', [[cleaning, 30000]]);
    expect(kept()).toEqual(recomputed());
    expect(lastKept()).toEqual(lastRecounted());
    expect(await audience({ serviceDone: { serviceId: cleaning }, includeBooked: true })).toEqual([A]);
    cc.sqlite.prepare("UPDATE appointments SET status = 'completed' WHERE id = ?").run(a);
    expect(await audience({ serviceDone: { serviceId: cleaning }, includeBooked: true })).toEqual([A, D]);
    // A line added to a completed visit, then the lines replaced (a history re-import).
    cc.insert('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, 1, 0, 1)', a, consult);
    expect(kept()).toEqual(recomputed());
    cc.sqlite.prepare('DELETE FROM appointment_items WHERE appointment_id = ? AND service_id = ?').run(a, cleaning);
    expect(kept()).toEqual(recomputed());
    expect(await audience({ serviceDone: { serviceId: cleaning }, includeBooked: true })).toEqual([A]);
    expect(lastKept()).toEqual(lastRecounted());
    await cc.call('director', 'patients.merge', { sourceId: C, targetId: D });
    expect(lastKept()).toEqual(lastRecounted());
    // A visit moved to another day, one deleted.
    cc.sqlite.prepare("UPDATE appointments SET start_at = '2026-11-24T08:00' WHERE id = ?").run(a);
    expect(lastKept()).toEqual(lastRecounted());
    cc.sqlite.prepare('DELETE FROM appointment_items WHERE appointment_id = ?').run(a);
    cc.sqlite.prepare('DELETE FROM appointments WHERE id = ?').run(a);
    expect(lastKept()).toEqual(lastRecounted());
    expect(kept().filter((r) => (r as { patient_id: number }).patient_id === D)).toEqual(
      recomputed().filter((r) => (r as { patient_id: number }).patient_id === D),
    );
  });

  it('rebuild-summaries recomputes both from history', async () => {
    cc.sqlite.exec("DELETE FROM patient_services; UPDATE patient_last_visits SET last_at = '1900-01-01'");
    await rebuildAudienceSummaries(cc.database.db);
    expect(kept()).toEqual(recomputed());
    expect(lastKept()).toEqual(lastRecounted());
  });

  it('the audience query scans the narrow patients_audience index and seeks the last visit and services by patient', async () => {
    const planOf = (channel: 'sms' | 'call' | 'email', filters: AudienceFilters) => {
      const q = audienceQuery(cc.database.db, { channel, filters, now: '2026-11-25T09:00' }).select((eb) => eb.fn.countAll().as('n')).compile();
      return (cc.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>).map((r) => r.detail);
    };
    // Not the phone, e-mail, city or source indexes: they would visit patients out of id order.
    for (const [channel, filters] of [['call', {}], ['email', { city: 'Москва', sourceId: 1 }]] as const) {
      expect(planOf(channel, filters)).toContain('SCAN p USING COVERING INDEX patients_audience');
    }
    const plan = planOf('sms', { lastVisitOlderThanDays: 180, serviceDone: { category: 'therapy' }, ageFrom: 30, sex: 'female' });
    expect(plan).toContain('SCAN p USING COVERING INDEX patients_audience');
    expect(plan.some((d) => /SEARCH l USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(d))).toBe(true);
    expect(plan.some((d) => /SEARCH ps .*PRIMARY KEY \(patient_id=\? AND service_id=\?\)/.test(d))).toBe(true);
  });
});
