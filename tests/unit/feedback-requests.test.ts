// The automatic feedback request after a completed visit: once per visit,
// feedbackDelayHours after completion, only with consent, never in quiet hours.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeMessagingClinic, type MessagingClinic } from './messages-fixture';
import { runFeedbackRequests } from '../../main/jobs/feedback-requests';

let c: MessagingClinic;
beforeEach(async () => {
  c = await makeMessagingClinic();
});
afterEach(async () => c.close());

const feedback = () => c.database.db.selectFrom('messages').selectAll().where('kind', '=', 'feedback_request').orderBy('id').execute();
const run = () => runFeedbackRequests(c.database.db, c.clock.now);

/** Books at `day`T`start`, and completes the visit at `done` (the clock is left there). */
async function visit(patientId: number, day: string, start: string, done: string) {
  c.at(`${day}T09:00`);
  const a = await c.call('director', 'appointments.book', { patientId, doctorId: c.doctorA, startAt: `${day}T${start}`, serviceIds: [c.services.consult] });
  c.at(`${day}T${start}`);
  for (const status of ['arrived', 'in_service'] as const) await c.call('reception', 'appointments.setStatus', { id: a.id, status });
  c.at(`${day}T${done}`);
  await c.call('doctor', 'appointments.complete', { id: a.id, items: [{ serviceId: c.services.consult }] });
  return a.id;
}

describe('feedback requests', () => {
  it('queues one request two hours after the visit was completed, and sends it with the visit\'s date and doctor', async () => {
    const id = await visit(c.consentingId, '2026-11-25', '10:30', '11:00');
    c.at('2026-11-25T12:59');
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
    c.at('2026-11-25T13:00');
    expect(await run()).toEqual({ queued: 1, skipped: 0 });
    c.at('2026-11-25T13:05');
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
    const rows = await feedback();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ patient_id: c.consentingId, appointment_id: id, channel: 'email', status: 'queued', dedupe_key: `feedback_request:${id}` });
    await c.outbox.tick();
    const mail = c.smtp.mails.find((m) => m.subject === 'Как прошёл ваш визит?')!;
    expect(mail.text).toContain('Мария, спасибо за визит 25.11.2026. Оцените, пожалуйста, приём у врача Орлов Иван.');
    expect((await feedback())[0].status).toBe('sent');
  });

  it('queues nothing for a patient without consent', async () => {
    await visit(c.patientId, '2026-11-25', '10:30', '11:00');
    c.at('2026-11-25T14:00');
    expect(await run()).toEqual({ queued: 0, skipped: 1 });
    expect(await feedback()).toEqual([]);
  });

  it('waits out quiet hours in the outbox: due at 21:30, sent at 09:00', async () => {
    await visit(c.consentingId, '2026-11-25', '17:00', '19:30');
    c.at('2026-11-25T21:30');
    expect(await run()).toMatchObject({ queued: 1 });
    expect(await c.outbox.tick()).toMatchObject({ quiet: true, sent: 0 });
    c.at('2026-11-26T09:00');
    expect(await run()).toMatchObject({ queued: 0 });
    expect(await c.outbox.tick()).toMatchObject({ quiet: false, sent: 1 });
    expect(c.smtp.mails.filter((m) => m.subject === 'Как прошёл ваш визит?')).toHaveLength(1);
  });

  it('follows the settings: off, the delay in hours, the first visit only', async () => {
    await c.call('director', 'messages.updateSettings', { autoFeedback: false });
    await visit(c.consentingId, '2026-11-25', '10:30', '11:00');
    c.at('2026-11-25T15:00');
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
    await c.call('director', 'messages.updateSettings', { autoFeedback: true, feedbackDelayHours: 5, feedbackVisits: 'first' });
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
    c.at('2026-11-25T16:00');
    expect(await run()).toEqual({ queued: 1, skipped: 0 });
    // The second visit is not the first: no request.
    await visit(c.consentingId, '2026-11-26', '10:30', '11:00');
    c.at('2026-11-26T18:00');
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
    await c.call('director', 'messages.updateSettings', { feedbackVisits: 'every' });
    expect(await run()).toEqual({ queued: 1, skipped: 0 });
    expect((await feedback()).map((m) => m.appointment_id)).toHaveLength(2);
    expect(await c.call('director', 'messages.settings', {})).toMatchObject({ autoFeedback: true, feedbackDelayHours: 5, feedbackVisits: 'every' });
  });

  it('does not ask about a visit completed more than a day before it became due (host off, setting just switched on)', async () => {
    await visit(c.consentingId, '2026-11-25', '10:30', '11:00');
    c.at('2026-11-26T13:01');
    expect(await run()).toEqual({ queued: 0, skipped: 0 });
  });

  it.each([
    ['feedbackDelayHours', { feedbackDelayHours: -1 }],
    ['feedbackDelayHours', { feedbackDelayHours: 1.5 }],
    ['feedbackVisits', { feedbackVisits: 'second' }],
    ['autoFeedback', { autoFeedback: 'yes' }],
  ])('a bad %s is a 400 naming it, and the settings stay', async (field, patch) => {
    const before = await c.call('director', 'messages.settings', {});
    const err = await rejection(c.call('director', 'messages.updateSettings', patch as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toEqual([field]);
    expect(await c.call('director', 'messages.settings', {})).toEqual(before);
  });
});
