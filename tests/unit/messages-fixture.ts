// A clinic for the messaging tests: the front-desk clinic (clock on Wednesday
// 2026-11-25 09:00) with a patient who consented to e-mail and SMS, a loopback
// SMTP server the outbox is pointed at, and an outbox on the clinic's clock.
import { makeFrontDesk, type FrontDesk } from './front-desk';
import { LoopbackSmtp } from './loopback-smtp';
import { Outbox } from '../../main/jobs/outbox';

export interface MessagingClinic extends FrontDesk {
  smtp: LoopbackSmtp;
  outbox: Outbox;
  /** The clinic's clock as the outbox reads it. */
  clock: { now: Date };
  consentingId: number;
  at(local: string): void;
}

export async function makeMessagingClinic(): Promise<MessagingClinic> {
  const desk = await makeFrontDesk();
  const clock = { now: new Date('2026-11-25T09:00') };
  const at = (local: string) => {
    clock.now = new Date(local);
    desk.setNow(local);
  };
  at('2026-11-25T10:00');
  const smtp = new LoopbackSmtp();
  const port = await smtp.start();
  await desk.call('admin', 'messages.updateSettings', { smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false, smtpFrom: 'clinic@example.test', retryBaseSeconds: 60, maxAttempts: 3 });
  await desk.call('director', 'settings.update', { clinicName: 'Клиника Здоровье' });
  const consentingId = (
    await desk.call('reception', 'patients.create', {
      lastName: 'Соколова',
      firstName: 'Мария',
      phone: '+79161234567',
      email: 'maria@example.test',
      consentSms: true,
      consentEmail: true,
      sourceId: desk.sourceId,
    })
  ).id;
  const outbox = new Outbox({ db: desk.database.db, now: () => clock.now });
  const close = desk.close;
  return {
    ...desk,
    smtp,
    outbox,
    clock,
    consentingId,
    at,
    close: async () => {
      await outbox.stop();
      await smtp.stop();
      await close();
    },
  };
}
