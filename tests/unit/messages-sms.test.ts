import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { rejection } from './harness';
import { makeMessagingClinic, type MessagingClinic } from './messages-fixture';
import { FakeSmsGateway } from './fake-sms-gateway';
import { buildHttp } from '../../main/server/http';

let c: MessagingClinic;
let gateway: FakeSmsGateway;
beforeEach(async () => {
  c = await makeMessagingClinic();
  gateway = new FakeSmsGateway();
  await gateway.start();
  await c.call('admin', 'messages.updateSettings', {
    preferredChannel: 'sms',
    smsProvider: 'generic',
    smsUrl: gateway.url,
    smsMethod: 'POST',
    smsBodyFormat: 'json',
    smsBodyTemplate: '{"to":"{phone}","message":"{text}","from":"{sender}"}',
    smsIdPath: 'result.id',
    smsAuthHeader: 'Authorization: Bearer s3cret',
    smsSender: 'Clinic',
    webhookToken: 'hook-token',
  });
});
afterEach(async () => {
  await gateway.stop();
  await c.close();
});

const messages = () => c.database.db.selectFrom('messages').selectAll().orderBy('id').execute();

async function bookTomorrow(patientId: number) {
  return c.call('reception', 'appointments.book', { patientId, doctorId: c.doctorA, startAt: '2026-11-26T14:30', serviceIds: [c.services.consult] });
}

describe('SMS through the generic gateway adapter', () => {
  it('posts the reminder as JSON with the auth header, and keeps the gateway\'s message id', async () => {
    await bookTomorrow(c.consentingId);
    await c.call('director', 'messages.runReminders', {});
    expect(await c.outbox.tick()).toMatchObject({ sent: 2 });
    expect(gateway.requests).toHaveLength(2);
    const reminder = gateway.requests.find((r) => String(r.fields.message).includes('напоминаем'))!;
    expect(reminder.method).toBe('POST');
    expect(reminder.headers.authorization).toBe('Bearer s3cret');
    expect(reminder.fields).toEqual({ to: '+79161234567', message: 'Мария, напоминаем: приём 26.11.2026 в 14:30, врач Орлов Иван. Клиника Здоровье', from: 'Clinic' });
    const rows = await messages();
    expect(rows.map((m) => [m.channel, m.status])).toEqual([
      ['sms', 'sent'],
      ['sms', 'sent'],
    ]);
    expect(rows.map((m) => m.provider_id).sort()).toEqual(['g-1', 'g-2']);
  });

  it('sends a form with GET when told, escaping the text', async () => {
    await c.call('admin', 'messages.updateSettings', { smsMethod: 'GET', smsBodyFormat: 'form', smsBodyTemplate: 'to={phoneDigits}&msg={text}', smsIdPath: '' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'campaign', channel: 'sms', vars: { offer: 'скидка 20% & подарок' } });
    expect(await c.outbox.tick()).toMatchObject({ sent: 1 });
    expect(gateway.requests[0].method).toBe('GET');
    expect(gateway.requests[0].fields).toEqual({ to: '79161234567', msg: 'Мария, скидка 20% & подарок Клиника Здоровье' });
  });

  it('retries a gateway error after 60 s, then 120 s, and fails with the reason after the last attempt', async () => {
    gateway.answer = () => ({ status: 503, json: { error: 'busy' } });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ retrying: 1 });
    let [m] = await messages();
    expect(m).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: new Date(new Date('2026-11-25T10:00').getTime() + 60_000).toISOString() });
    expect(m.error).toBe('The SMS gateway answered 503: {"error":"busy"}');
    c.at('2026-11-25T10:01');
    expect(await c.outbox.tick()).toMatchObject({ retrying: 1 });
    [m] = await messages();
    expect(m.attempts).toBe(2);
    expect(m.next_attempt_at).toBe(new Date(new Date('2026-11-25T10:01').getTime() + 120_000).toISOString());
    c.at('2026-11-25T10:03');
    expect(await c.outbox.tick()).toMatchObject({ failed: 1 });
    [m] = await messages();
    expect(m).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, error: 'The SMS gateway answered 503: {"error":"busy"}' });
    expect(gateway.requests).toHaveLength(3);
    // Retried by hand once the gateway works again.
    gateway.answer = () => ({ status: 200, json: { result: { id: 'ok-1' } } });
    await c.call('reception', 'messages.retry', { id: m.id });
    expect(await c.outbox.tick()).toMatchObject({ sent: 1 });
    expect((await messages())[0]).toMatchObject({ status: 'sent', provider_id: 'ok-1' });
  });

  it('waits while the gateway is unreachable, without using up attempts', async () => {
    await gateway.stop();
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    for (const t of ['10:00', '10:01', '10:02', '10:03', '10:04']) {
      c.at(`2026-11-25T${t}`);
      expect(await c.outbox.tick()).toMatchObject({ waiting: 1 });
    }
    expect((await messages())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await messages())[0].error).toMatch(/The SMS gateway unreachable/);
  });
});

describe('SMS through SMSC.ru', () => {
  beforeEach(async () => {
    await c.call('admin', 'messages.updateSettings', { smsProvider: 'smsc', smsUrl: gateway.url, smscLogin: 'clinic', smscPassword: 'pw', smsSender: 'Zdorovie' });
  });

  it('sends SMSC.ru\'s form and reads its JSON answer', async () => {
    gateway.answer = () => ({ status: 200, json: { id: 345, cnt: 1 } });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'birthday_greeting', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ sent: 1 });
    expect(gateway.requests[0].fields).toEqual({
      login: 'clinic',
      psw: 'pw',
      phones: '79161234567',
      mes: 'Мария, поздравляем с днём рождения! Здоровья и радости. Клиника Здоровье',
      fmt: '3',
      charset: 'utf-8',
      sender: 'Zdorovie',
    });
    expect((await messages())[0].provider_id).toBe('345');
  });

  it('fails a message SMSC.ru refuses for a bad number at once, and keeps waiting on a wrong password', async () => {
    gateway.answer = () => ({ status: 200, json: { error: 'invalid number', error_code: 7 } });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'birthday_greeting', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ failed: 1 });
    expect((await messages())[0]).toMatchObject({ status: 'failed', error: 'SMSC.ru refused: invalid number (code 7)' });
    gateway.answer = () => ({ status: 200, json: { error: 'authorise error', error_code: 2 } });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    expect(await c.outbox.tick()).toMatchObject({ waiting: 1 });
    expect((await messages())[1]).toMatchObject({ status: 'queued', attempts: 0, error: 'SMSC.ru refused: authorise error (code 2)' });
  });
});

describe('gateway callbacks over HTTP', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildHttp({ router: c.router, sqlite: c.database.sqlite, rendererDir: null });
  });
  afterEach(async () => app.close());

  it('marks a message delivered from a form delivery report with the token in the query', async () => {
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    await c.outbox.tick();
    const wrong = await app.inject({ method: 'POST', url: '/api/sms.status?token=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'id=g-1&status=1' });
    expect(wrong.statusCode).toBe(403);
    expect((await messages())[0].status).toBe('sent');
    const ok = await app.inject({ method: 'POST', url: '/api/sms.status?token=hook-token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'id=g-1&status=1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, updated: 1 });
    expect((await messages())[0]).toMatchObject({ status: 'delivered', delivered_at: c.clock.now.toISOString() });
    const list = await c.call('reception', 'messages.list', { patientId: c.consentingId, status: 'delivered' });
    expect(list.rows.map((m) => m.status)).toEqual(['delivered']);
  });

  it('honours a STOP reply at once: SMS consent cleared and recorded, queued SMS cancelled, e-mail untouched', async () => {
    await c.call('admin', 'messages.updateSettings', { quietFrom: '00:00', quietTo: '23:59' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    const res = await app.inject({ method: 'POST', url: '/api/sms.inbound', headers: { 'content-type': 'application/json', 'x-webhook-token': 'hook-token' }, payload: { from: '79161234567', mes: 'Stop' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, optedOut: 1 });
    const { patient: p } = await c.call('reception', 'patients.get', { id: c.consentingId });
    expect([p.consentSms, p.consentEmail]).toEqual([false, true]);
    expect((await messages()).map((m) => [m.channel, m.status, m.error])).toEqual([
      ['sms', 'cancelled', 'the patient replied STOP'],
      ['email', 'queued', null],
    ]);
    expect(await c.database.db.selectFrom('message_opt_outs').select(['patient_id', 'channel', 'source', 'note']).execute()).toEqual([
      { patient_id: c.consentingId, channel: 'sms', source: 'sms_reply', note: 'Stop' },
    ]);
    const refused = await rejection(c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' }));
    expect(refused.message).toBe('Соколова Мария has not consented to SMS messages');
    // The sender as dialled at home (8…) is found too; any other reply changes nothing.
    const again = await app.inject({ method: 'GET', url: '/api/sms.inbound?token=hook-token&phone=89161234567&mes=%D0%A1%D0%A2%D0%9E%D0%9F' });
    expect(again.json()).toEqual({ ok: true, optedOut: 1 });
    const other = await app.inject({ method: 'POST', url: '/api/sms.inbound?token=hook-token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'phone=%2B79031112233&mes=Thanks' });
    expect(other.json()).toEqual({ ok: true, optedOut: 0 });
  });

  it('refuses callbacks while no token is configured, and names a missing field', async () => {
    await c.call('admin', 'messages.updateSettings', { webhookToken: '' });
    const res = await app.inject({ method: 'POST', url: '/api/sms.inbound?token=hook-token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'phone=79161234567&mes=STOP' });
    expect(res.statusCode).toBe(403);
    expect((await c.call('reception', 'patients.get', { id: c.consentingId })).patient.consentSms).toBe(true);
    const missing = await app.inject({ method: 'POST', url: '/api/sms.status?token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'status=1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['messageId']);
  });
});

describe('opt-out, settings and the test message', () => {
  it('a manual opt-out clears the consent, is recorded and cancels what waits', async () => {
    await c.call('admin', 'messages.updateSettings', { quietFrom: '00:00', quietTo: '23:59' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    expect(await c.call('reception', 'messages.optOut', { patientId: c.consentingId, channel: 'email', note: 'asked by phone' })).toEqual({ cancelled: 1 });
    expect((await c.call('reception', 'patients.get', { id: c.consentingId })).patient.consentEmail).toBe(false);
    expect((await messages())[0].status).toBe('cancelled');
    const audit = await c.database.db.selectFrom('audit_log').select(['method', 'after']).where('method', '=', 'messages.optOut').execute();
    expect(JSON.parse(audit[0].after!)).toMatchObject({ consent_email: false, optOut: 'manual', cancelled: 1 });
    await c.call('reception', 'messages.setLanguage', { patientId: c.consentingId, locale: 'uk' });
    expect(await c.call('doctor', 'messages.patient', { patientId: c.consentingId })).toEqual({
      language: 'uk',
      optOuts: [{ channel: 'email', source: 'manual', note: 'asked by phone', at: c.clock.now.toISOString() }],
    });
  });

  it('shows secrets to administrators only', async () => {
    const admin = await c.call('admin', 'messages.settings', {});
    expect(admin).toMatchObject({ smsAuthHeader: 'Authorization: Bearer s3cret', smsAuthHeaderSet: true, webhookToken: 'hook-token' });
    const director = await c.call('director', 'messages.settings', {});
    expect(director).toMatchObject({ smsAuthHeader: null, smsAuthHeaderSet: true, webhookToken: null, webhookTokenSet: true, smtpPassword: null, smtpPasswordSet: false });
    // Saving without the secret keeps it.
    await c.call('director', 'messages.updateSettings', { smsSender: 'Other' });
    expect((await c.call('admin', 'messages.settings', {})).smsAuthHeader).toBe('Authorization: Bearer s3cret');
    const audit = await c.database.db.selectFrom('audit_log').select('after').where('method', '=', 'messages.updateSettings').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).not.toContain('s3cret');
    expect((await rejection(c.call('reception', 'messages.settings', {}))).code).toBe('forbidden');
  });

  it('"send test message" shows the SMTP or gateway error and leaves the queue intact', async () => {
    await c.call('admin', 'messages.updateSettings', { quietFrom: '00:00', quietTo: '23:59' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    const ok = await c.call('director', 'messages.test', { channel: 'email', to: 'boss@example.test' });
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(c.smtp.mails.map((m) => m.to)).toEqual([['boss@example.test']]);
    await c.smtp.stop();
    const down = await c.call('director', 'messages.test', { channel: 'email', to: 'boss@example.test' });
    expect(down.ok).toBe(false);
    expect(down.error).toMatch(/SMTP server unreachable .*ECONNREFUSED/);
    gateway.answer = () => ({ status: 401, json: { error: 'bad key' } });
    const sms = await c.call('director', 'messages.test', { channel: 'sms', to: '8 916 123-45-67' });
    expect(sms).toEqual({ ok: false, error: 'The SMS gateway answered 401: {"error":"bad key"}', providerId: null });
    expect(gateway.requests[0].fields.to).toBe('+79161234567');
    expect((await messages()).map((m) => [m.status, m.attempts])).toEqual([['queued', 0]]);
    const bad = await rejection(c.call('director', 'messages.test', { channel: 'email', to: 'not-an-address' }));
    expect(bad.extra.issues!.map((i) => i.path)).toEqual(['to']);
  });

  it('greets a consenting patient on the birthday, once', async () => {
    await c.database.db.updateTable('patients').set({ birth_date: '1990-11-25' }).where('id', '=', c.consentingId).execute();
    await c.database.db.updateTable('patients').set({ birth_date: '1985-11-25' }).where('id', '=', c.patientId).execute();
    expect(await c.call('director', 'messages.runReminders', {})).toEqual({ reminders: 0, birthdays: 1, skipped: 0 });
    expect(await c.call('director', 'messages.runReminders', {})).toEqual({ reminders: 0, birthdays: 0, skipped: 1 });
    expect((await messages()).map((m) => [m.kind, m.channel, m.patient_id])).toEqual([['birthday_greeting', 'sms', c.consentingId]]);
  });
});

describe('bad input names the field and writes nothing', () => {
  it.each([
    ['messages.updateSettings', { quietFrom: '25:00' }, 'quietFrom'],
    ['messages.updateSettings', { smsUrl: 'ftp://x' }, 'smsUrl'],
    ['messages.updateSettings', { smsAuthHeader: 'no colon' }, 'smsAuthHeader'],
    ['messages.updateSettings', { maxAttempts: 0 }, 'maxAttempts'],
    ['messages.updateSettings', { smtpPort: 70000 }, 'smtpPort'],
    ['messages.updateSettings', { colour: 'red' }, '(input)'],
    ['messages.optOut', { patientId: 9999, channel: 'sms' }, 'patientId'],
    ['messages.optOut', { patientId: 1, channel: 'fax' }, 'channel'],
    ['messages.setLanguage', { patientId: 1, locale: 'de' }, 'locale'],
    ['messages.setLanguage', { patientId: 9999, locale: 'en' }, 'patientId'],
    ['messages.retry', { id: 'x' }, 'id'],
    ['messages.cancel', { id: -1 }, 'id'],
    ['messages.list', { status: 'lost' }, 'status'],
    ['messages.preview', { kind: 'campaign', channel: 'sms', locale: 'en', body: '{foo}' }, 'body'],
    ['messages.test', { channel: 'sms', to: 'x' }, 'to'],
    ['sms.inbound', { token: 'hook-token', text: 'STOP' }, 'phone'],
    ['sms.status', { token: 'hook-token', messageId: 'g-1' }, 'status'],
  ])('%s %j', async (method, input, field) => {
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    const before = JSON.stringify([await messages(), await c.call('admin', 'messages.settings', {}), await c.database.db.selectFrom('patients').selectAll().execute()]);
    const err = await rejection(c.call('admin', method as 'messages.list', input as never));
    expect(err.code).toBe('invalid_input');
    const paths = err.extra.issues!.map((i) => i.path);
    expect(paths.some((p) => p === field || (field === '(input)' && p === ''))).toBe(true);
    expect(JSON.stringify([await messages(), await c.call('admin', 'messages.settings', {}), await c.database.db.selectFrom('patients').selectAll().execute()])).toBe(before);
  });

  it('retry and cancel refuse a message in the wrong state with 409', async () => {
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'sms' });
    await c.outbox.tick();
    const [m] = await messages();
    expect((await rejection(c.call('reception', 'messages.cancel', { id: m.id }))).code).toBe('conflict');
    expect((await rejection(c.call('reception', 'messages.retry', { id: m.id }))).code).toBe('conflict');
    expect((await rejection(c.call('reception', 'messages.retry', { id: 9999 }))).code).toBe('not_found');
  });
});
