import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeMessagingClinic, type MessagingClinic } from './messages-fixture';
import { enqueueMessage } from '../../main/jobs/outbox';
import { Outbox } from '../../main/jobs/outbox';
import { smsLength } from '../../shared/domain/sms';

let c: MessagingClinic;
beforeEach(async () => {
  c = await makeMessagingClinic();
});
afterEach(async () => c.close());

const messages = () => c.database.db.selectFrom('messages').selectAll().orderBy('id').execute();

async function bookTomorrow(patientId: number, time = '14:30') {
  return c.call('reception', 'appointments.book', { patientId, doctorId: c.doctorA, startAt: `2026-11-26T${time}`, serviceIds: [c.services.consult] });
}

describe('templates', () => {
  it('seeds every kind × channel × language, and saving one replaces it', async () => {
    const all = await c.call('reception', 'messages.templates', {});
    expect(all).toHaveLength(6 * 2 * 4);
    expect(all.filter((t) => t.channel === 'email').every((t) => t.subject)).toBe(true);
    const saved = await c.call('director', 'messages.saveTemplate', { kind: 'appointment_reminder', channel: 'sms', locale: 'en', body: 'Hi {firstName}, see {doctor} on {date} at {time}' });
    expect(saved.body).toBe('Hi {firstName}, see {doctor} on {date} at {time}');
    expect(await c.call('reception', 'messages.templates', { kind: 'appointment_reminder', channel: 'sms', locale: 'en' })).toEqual([saved]);
    expect((await rejection(c.call('reception', 'messages.saveTemplate', { kind: 'campaign', channel: 'sms', locale: 'en', body: 'x' }))).code).toBe('forbidden');
  });

  it.each([
    ['body', { body: 'Hello {firstname}' }, 'firstname'],
    ['subject', { subject: 'On {date} {price}' }, 'price'],
    ['body', { kind: 'birthday_greeting' as const, body: 'See {doctor}' }, 'doctor'],
  ])('rejects an unknown variable in %s with 400 naming the field and the variable, writing nothing', async (field, patch, variable) => {
    const before = await c.call('reception', 'messages.templates', { kind: 'appointment_reminder', channel: 'email', locale: 'ru' });
    const err = await rejection(c.call('director', 'messages.saveTemplate', { kind: 'appointment_reminder', channel: 'email', locale: 'ru', subject: 'S', body: 'B', ...patch }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toEqual([field]);
    expect(err.message).toContain(`{${variable}}`);
    expect(await c.call('reception', 'messages.templates', { kind: 'appointment_reminder', channel: 'email', locale: 'ru' })).toEqual(before);
  });

  it.each([
    ['kind', { kind: 'spam' }],
    ['channel', { channel: 'fax' }],
    ['locale', { locale: 'de' }],
    ['body', { body: '   ' }],
    ['subject', { channel: 'email', subject: null }],
  ])('rejects a bad %s at save', async (field, patch) => {
    const before = await messagesTemplatesCount();
    const err = await rejection(c.call('director', 'messages.saveTemplate', { kind: 'campaign', channel: 'sms', locale: 'ru', body: 'x', ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await messagesTemplatesCount()).toBe(before);
  });

  it('previews with sample values or a real appointment, with the SMS length', async () => {
    const sample = await c.call('reception', 'messages.preview', { kind: 'appointment_reminder', channel: 'sms', locale: 'en', body: '{firstName}: {date} {time}' });
    expect(sample.body).toBe('Anna: 1 Dec 2026 10:30');
    expect(sample.sms).toEqual({ encoding: 'GSM-7', chars: 22, segments: 1, remaining: 138 });
    const a = await bookTomorrow(c.consentingId);
    const real = await c.call('reception', 'messages.preview', {
      kind: 'appointment_reminder',
      channel: 'email',
      locale: 'ru',
      subject: 'Приём {date}',
      body: '{firstName}, {date} в {time}, {doctor}. {clinic}',
      patientId: c.consentingId,
      appointmentId: a.id,
    });
    expect(real).toMatchObject({ subject: 'Приём 26.11.2026', body: 'Мария, 26.11.2026 в 14:30, Орлов Иван. Клиника Здоровье', sms: { encoding: 'UCS-2', segments: 1 } });
    const err = await rejection(c.call('reception', 'messages.preview', { kind: 'appointment_reminder', channel: 'sms', locale: 'ru', body: 'x', patientId: c.patientId, appointmentId: a.id }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['appointmentId']);
  });

  it('counts SMS parts: GSM-7 160/153, UCS-2 70/67, extension characters twice', () => {
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    expect(smsLength('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', chars: 160, segments: 1 });
    expect(smsLength('я'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsLength('я'.repeat(71))).toMatchObject({ segments: 2 });
    expect(smsLength('你好'.repeat(34))).toMatchObject({ encoding: 'UCS-2', chars: 68, segments: 1 });
    expect(smsLength('')).toMatchObject({ segments: 0 });
  });
});

async function messagesTemplatesCount() {
  return (await c.call('reception', 'messages.templates', {})).length;
}

describe('outbox over SMTP', () => {
  it('sends a booking confirmation and tomorrow\'s reminder to the loopback SMTP server with the right date, time and doctor', async () => {
    const a = await bookTomorrow(c.consentingId);
    // The booking queued its confirmation (e-mail preferred when both are consented).
    expect((await messages()).map((m) => [m.kind, m.channel, m.status])).toEqual([['booking_confirmation', 'email', 'queued']]);
    expect(await c.call('director', 'messages.runReminders', {})).toEqual({ reminders: 1, birthdays: 0, skipped: 0 });
    // Once per appointment.
    expect(await c.call('director', 'messages.runReminders', {})).toEqual({ reminders: 0, birthdays: 0, skipped: 0 });
    expect(await c.outbox.tick()).toMatchObject({ sent: 2, failed: 0 });
    const reminder = c.smtp.mails.find((m) => m.subject.startsWith('Напоминание'))!;
    expect(reminder.to).toEqual(['maria@example.test']);
    expect(reminder.from).toBe('clinic@example.test');
    expect(reminder.subject).toBe('Напоминание о приёме 26.11.2026');
    expect(reminder.text).toBe('Мария, напоминаем: приём 26.11.2026 в 14:30, врач Орлов Иван. Клиника Здоровье');
    const list = await c.call('reception', 'messages.list', { patientId: c.consentingId });
    expect(list.total).toBe(2);
    expect(list.rows.every((m) => m.status === 'sent' && m.sentAt && m.appointmentId === a.id && m.attempts === 1)).toBe(true);
  });

  it('writes in the patient\'s language, the clinic\'s when they have none', async () => {
    await c.call('reception', 'messages.setLanguage', { patientId: c.consentingId, locale: 'zh' });
    await bookTomorrow(c.consentingId);
    await c.outbox.tick();
    expect(c.smtp.mails[0]).toMatchObject({ subject: '已预约 2026年11月26日', text: 'Мария，您已预约 2026年11月26日 14:30，医生：Орлов Иван。Клиника Здоровье' });
  });

  it('refuses a patient without consent with the reason, API 409 and the function both, writing nothing', async () => {
    const err = await rejection(c.call('reception', 'messages.send', { patientId: c.patientId, kind: 'recall_invitation', channel: 'email' }));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Иванов Пётр has not consented to e-mail messages');
    expect(await enqueueMessage(c.database.db, { patientId: c.patientId, channel: 'sms', kind: 'recall_invitation' })).toEqual({
      ok: false,
      code: 'no_consent',
      reason: 'Иванов Пётр has not consented to SMS messages',
    });
    // A booking for them queues nothing either.
    await bookTomorrow(c.patientId);
    expect(await messages()).toEqual([]);
  });

  it('never sends in quiet hours: queued messages wait until morning', async () => {
    c.at('2026-11-25T22:30');
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    expect(await c.outbox.tick()).toMatchObject({ quiet: true, sent: 0 });
    c.at('2026-11-26T08:59');
    expect(await c.outbox.tick()).toMatchObject({ quiet: true });
    expect(c.smtp.mails).toEqual([]);
    c.at('2026-11-26T09:00');
    expect(await c.outbox.tick()).toMatchObject({ quiet: false, sent: 1 });
    expect(c.smtp.mails[0].subject).toBe('Пора на профилактический осмотр');
  });

  it('while the SMTP server is down the queue waits, with the reason; once it is up the message goes', async () => {
    const port = c.smtp.port;
    await c.smtp.stop();
    const m = await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    expect(await c.outbox.tick()).toMatchObject({ sent: 0, waiting: 1 });
    let row = (await messages())[0];
    expect(row).toMatchObject({ status: 'queued', attempts: 0, next_attempt_at: new Date(c.clock.now.getTime() + 60_000).toISOString() });
    expect(row.error).toMatch(/SMTP server unreachable .*ECONNREFUSED/);
    // Not due yet: nothing is tried.
    expect(await c.outbox.tick()).toMatchObject({ sent: 0, waiting: 0 });
    await c.smtp.start(port);
    c.at('2026-11-25T10:01');
    expect(await c.outbox.tick()).toMatchObject({ sent: 1 });
    row = (await messages())[0];
    expect(row).toMatchObject({ id: m.id, status: 'sent', error: null, attempts: 1 });
    expect(c.smtp.mails).toHaveLength(1);
  });

  it('keeps the queue across a restart: a message left sending goes back to the queue and is sent once', async () => {
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email' });
    await c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'birthday_greeting', channel: 'email' });
    // A crash in the middle of sending the first.
    await c.database.db.updateTable('messages').set({ status: 'sending' }).where('kind', '=', 'recall_invitation').execute();
    const restarted = new Outbox({ db: c.database.db, now: () => c.clock.now });
    try {
      expect(await restarted.recover()).toBe(1);
      expect(await restarted.tick()).toMatchObject({ sent: 2 });
    } finally {
      await restarted.stop();
    }
    expect(c.smtp.mails.map((m) => m.subject).sort()).toEqual(['Пора на профилактический осмотр', 'С днём рождения!']);
  });

  it.each([
    ['patientId', { patientId: 9999 }],
    ['kind', { kind: 'spam' }],
    ['channel', { channel: 'fax' }],
    ['appointmentId', { appointmentId: 9999 }],
    ['vars', { vars: { price: 1 } }],
  ])('messages.send: a bad %s is a 400 naming it, and nothing is queued', async (field, patch) => {
    const err = await rejection(c.call('reception', 'messages.send', { patientId: c.consentingId, kind: 'recall_invitation', channel: 'email', ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await messages()).toEqual([]);
  });
});

describe('automatic messages', () => {
  it('does not send a reminder late: one whose appointment has begun or was cancelled is cancelled as expired', async () => {
    await c.smtp.stop();
    const a = await bookTomorrow(c.consentingId, '14:30');
    const b = await bookTomorrow(c.consentingId, '16:00');
    await c.call('director', 'messages.runReminders', {});
    await c.call('reception', 'appointments.setStatus', { id: b.id, status: 'cancelled', reasonCode: 'ill' });
    c.at('2026-11-26T14:30');
    expect(await c.outbox.tick()).toMatchObject({ sent: 0 });
    const rows = await messages();
    expect(rows.map((m) => [m.appointment_id, m.kind, m.status])).toEqual([
      [a.id, 'booking_confirmation', 'cancelled'],
      [b.id, 'booking_confirmation', 'cancelled'],
      [a.id, 'appointment_reminder', 'cancelled'],
      [b.id, 'appointment_reminder', 'cancelled'],
    ]);
    expect(rows[2].error).toBe('expired: the appointment has begun or is no longer booked');
  });

  it('queues nothing automatically on a channel the clinic has not set up', async () => {
    await c.call('admin', 'messages.updateSettings', { smtpHost: '' });
    await bookTomorrow(c.consentingId);
    expect(await c.call('director', 'messages.runReminders', {})).toEqual({ reminders: 0, birthdays: 0, skipped: 1 });
    expect(await messages()).toEqual([]);
  });
});
