// Messages on the patient timeline: each message at the time it was queued,
// with where it stands (queued, sent, delivered, failed with the reason).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMessagingClinic, type MessagingClinic } from './messages-fixture';
import { FakeSmsGateway } from './fake-sms-gateway';

let c: MessagingClinic;
let gateway: FakeSmsGateway;
beforeEach(async () => {
  c = await makeMessagingClinic();
  gateway = new FakeSmsGateway();
  await gateway.start();
  await c.call('admin', 'messages.updateSettings', {
    smsProvider: 'generic',
    smsUrl: gateway.url,
    smsBodyTemplate: '{"to":"{phone}","message":"{text}"}',
    smsIdPath: 'result.id',
    webhookToken: 'hook-token',
  });
});
afterEach(async () => {
  await gateway.stop();
  await c.close();
});

const timeline = async () => (await c.call('doctor', 'patients.timeline', { patientId: c.consentingId })).items.filter((i) => i.kind === 'message');

describe('patients.timeline: messages', () => {
  it('shows an e-mail queued, then sent and an SMS delivered, with the times in local wall-clock', async () => {
    const mail = await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    expect(await timeline()).toEqual([
      { kind: 'message', id: mail.id, at: '2026-11-25T10:00', channel: 'email', messageKind: 'recall_invitation', status: 'queued', error: null, subject: 'Пора на профилактический осмотр', sentAt: null, deliveredAt: null },
    ]);
    c.at('2026-11-25T10:05');
    const sms = await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'birthday_greeting', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ sent: 2 });
    c.at('2026-11-25T10:07');
    await c.call('reception', 'sms.status', { token: 'hook-token', messageId: 'g-1', status: 'delivered' });
    const items = await timeline();
    expect(items.map((i) => i.id)).toEqual([sms.id, mail.id]);
    expect(items[0]).toMatchObject({ channel: 'sms', messageKind: 'birthday_greeting', status: 'delivered', sentAt: '2026-11-25T10:05', deliveredAt: '2026-11-25T10:07', subject: null });
    expect(items[1]).toMatchObject({ status: 'sent', sentAt: '2026-11-25T10:05', error: null });
  });

  it('shows the reason of a message that waits and of one that failed', async () => {
    const port = c.smtp.port;
    await c.smtp.stop();
    gateway.answer = () => ({ status: 400, json: { error: 'bad number' } });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ failed: 1, waiting: 1 });
    const [sms, mail] = await timeline();
    expect(sms).toMatchObject({ channel: 'sms', status: 'failed', error: 'The SMS gateway answered 400: {"error":"bad number"}', sentAt: null });
    expect(mail).toMatchObject({ channel: 'email', status: 'queued', sentAt: null });
    expect(mail.kind === 'message' && mail.error).toMatch(/SMTP server unreachable/);
    await c.smtp.start(port);
    c.at('2026-11-25T10:02');
    await c.outbox.tick();
    expect((await timeline())[1]).toMatchObject({ status: 'sent', error: null, sentAt: '2026-11-25T10:02' });
  });

  it('places a message among visits and contacts by the time it was queued, and only the patient\'s own', async () => {
    c.at('2026-11-25T09:00');
    const contact = await c.call('reception', 'contacts.create', { patientId: c.consentingId, outcome: 'reached', at: '2026-11-25T08:30' });
    const mine = await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    await c.database.db.updateTable('patients').set({ consent_email: 1, email: 'x@example.test' }).where('id', '=', c.patientId).execute();
    await c.call('reception', 'messages.send', { patientId: c.patientId, kind: 'recall_invitation', channel: 'email' });
    const all = await c.call('doctor', 'patients.timeline', { patientId: c.consentingId });
    expect(all.items.map((i) => [i.kind, i.id])).toEqual([
      ['message', mine.id],
      ['contact', contact.id],
    ]);
    const page = await c.call('doctor', 'patients.timeline', { patientId: c.consentingId, limit: 1 });
    expect(page).toMatchObject({ hasMore: true, items: [{ kind: 'message', id: mine.id }] });
  });
});
