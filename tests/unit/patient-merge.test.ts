// Merging a duplicate patient carries the follow-up work with it: tasks,
// contacts, messages, unsubscribes, campaign memberships (one per campaign,
// the worked one kept) and the campaign audience's summaries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessagingClinic, type MessagingClinic } from './messages-fixture';

let c: MessagingClinic;
let source: number;
let target: number;
beforeEach(async () => {
  c = await makeMessagingClinic();
  target = c.consentingId;
  source = (
    await c.call('reception', 'patients.create', {
      lastName: 'Соколова', firstName: 'Маша', phone: '+79161234568', email: 'masha@example.test', consentSms: true, consentEmail: true, sourceId: c.sourceId, city: 'Москва',
    })
  ).id;
});
afterEach(async () => c.close());

const merge = () => c.call('director', 'patients.merge', { sourceId: source, targetId: target });
const rowsOf = (table: 'tasks' | 'contacts' | 'messages' | 'message_opt_outs' | 'campaign_members') =>
  c.database.db.selectFrom(table).select(['id', 'patient_id']).orderBy('id').execute();
const period = { startDate: '2026-11-01', endDate: '2026-12-31' };

describe('patients.merge: follow-up tables', () => {
  it('moves the duplicate\'s tasks, contacts and messages to the survivor, shown on its timeline', async () => {
    const task = await c.call('reception', 'tasks.create', { kind: 'call', patientId: source, dueAt: '2026-11-25T11:00' });
    const contact = await c.call('reception', 'contacts.create', { patientId: source, outcome: 'reached', at: '2026-11-25T09:30' });
    const message = await c.call('reception', 'messages.send', { patientId: source, kind: 'recall_invitation', channel: 'email' });
    await merge();
    for (const table of ['tasks', 'contacts', 'messages'] as const) expect((await rowsOf(table)).every((r) => r.patient_id === target)).toBe(true);
    const timeline = await c.call('doctor', 'patients.timeline', { patientId: target });
    expect(timeline.items.map((i) => `${i.kind}:${i.id}`)).toEqual(expect.arrayContaining([`contact:${contact.id}`, `message:${message.id}`]));
    expect(await c.call('reception', 'tasks.get', { id: task.id })).toMatchObject({ patientId: target });
  });

  it('moves an unsubscribe and keeps it in force: the survivor\'s consent is cleared and what waited is cancelled', async () => {
    await c.call('reception', 'messages.optOut', { patientId: source, channel: 'sms' });
    const waiting = await c.call('reception', 'messages.send', { patientId: target, kind: 'recall_invitation', channel: 'sms' });
    const mail = await c.call('reception', 'messages.send', { patientId: target, kind: 'recall_invitation', channel: 'email' });
    const survivor = await merge();
    expect(survivor).toMatchObject({ consentSms: false, consentEmail: true });
    expect((await rowsOf('message_opt_outs')).map((r) => r.patient_id)).toEqual([target]);
    const status = async (id: number) => (await c.database.db.selectFrom('messages').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow());
    expect(await status(waiting.id)).toEqual({ status: 'cancelled', error: 'the patient unsubscribed (on a merged duplicate record)' });
    expect((await status(mail.id)).status).toBe('queued');
    expect((await c.call('director', 'messages.patient', { patientId: target })).optOuts).toHaveLength(1);
  });

  it('moves campaign memberships; where both are members keeps the worked membership and drops the other', async () => {
    const mk = async (name: string) => (await c.call('director', 'campaigns.create', { name, channel: 'call', ...period })).id;
    const onlySource = await mk('только дубликат');
    const sourceWorked = await mk('дубликат обзвонен');
    const targetWorked = await mk('оставшийся обзвонен');
    const neither = await mk('никто');
    await c.call('director', 'campaigns.addMembers', { id: onlySource, patientIds: [source] });
    for (const id of [sourceWorked, targetWorked, neither]) await c.call('director', 'campaigns.addMembers', { id, patientIds: [target, source] });
    const memberOf = async (campaignId: number, patientId: number) =>
      (await c.database.db.selectFrom('campaign_members').select('id').where('campaign_id', '=', campaignId).where('patient_id', '=', patientId).executeTakeFirstOrThrow()).id;
    const keep = {
      onlySource: await memberOf(onlySource, source),
      sourceWorked: await memberOf(sourceWorked, source),
      targetWorked: await memberOf(targetWorked, target),
      neither: await memberOf(neither, target),
    };
    await c.call('callcenter', 'campaigns.recordOutcome', { memberId: keep.sourceWorked, outcome: 'booked' });
    await c.call('callcenter', 'campaigns.recordOutcome', { memberId: keep.targetWorked, outcome: 'no_answer' });
    c.at('2026-11-25T10:30');
    await c.call('callcenter', 'campaigns.recordOutcome', { memberId: await memberOf(targetWorked, source), outcome: 'reached' });

    await merge();
    const members = await c.database.db.selectFrom('campaign_members').select(['id', 'campaign_id', 'patient_id']).orderBy('campaign_id').execute();
    expect(members).toEqual([
      { id: keep.onlySource, campaign_id: onlySource, patient_id: target },
      { id: keep.sourceWorked, campaign_id: sourceWorked, patient_id: target },
      { id: keep.targetWorked, campaign_id: targetWorked, patient_id: target },
      { id: keep.neither, campaign_id: neither, patient_id: target },
    ]);
    // The kept member's outcome is the latest contact of either record.
    const page = await c.call('director', 'campaigns.members', { id: targetWorked, offset: 0, limit: 10 });
    expect(page.rows).toMatchObject([{ memberId: keep.targetWorked, patientId: target, contacts: 2, lastOutcome: 'reached' }]);
    expect((await c.call('director', 'campaigns.members', { id: sourceWorked, offset: 0, limit: 10 })).rows).toMatchObject([{ lastOutcome: 'booked' }]);
  });

  it('recounts the audience summaries: the survivor has both records\' visits and services, the duplicate none', async () => {
    const sqlite = c.database.sqlite;
    const visit = (patient: number, at: string, service: number) => {
      const a = Number(sqlite.prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status) VALUES (?, ?, ?, ?, ?, 'completed')").run(patient, c.doctorA, c.branchId, at, at).lastInsertRowid);
      sqlite.prepare('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, 100, 0, 100)').run(a, service);
    };
    visit(target, '2026-01-10T10:00', c.services.consult);
    visit(source, '2026-06-10T10:00', c.services.xray);
    await merge();
    expect(sqlite.prepare('SELECT patient_id, last_at FROM patient_last_visits WHERE patient_id IN (?, ?)').all(source, target)).toEqual([{ patient_id: target, last_at: '2026-06-10T10:00' }]);
    expect(sqlite.prepare('SELECT patient_id, service_id FROM patient_services WHERE patient_id IN (?, ?) ORDER BY 2').all(source, target)).toEqual(
      [c.services.consult, c.services.xray].sort((a, b) => a - b).map((service_id) => ({ patient_id: target, service_id })),
    );
    const audience = await c.call('director', 'campaigns.audienceCount', { channel: 'call', filters: { serviceDone: { serviceId: c.services.xray } } });
    expect(audience).toMatchObject({ count: 1 });
  });
});
