// The outbox's throughput: 1,000 e-mails queued and sent to a real SMTP server
// on loopback (smtp-server), with the process's memory before and after, so a
// leak per message (a transport per mail, kept buffers) shows as growth.
// Runs in-process on its own temp database: the queue's speed does not depend
// on the size of the patient base, and the bench host is left alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../main/db/connection';
import { Outbox, enqueueMessage } from '../../main/jobs/outbox';
import { updateMessagingConfig } from '../../main/messages/settings';
import { LoopbackSmtp } from '../unit/loopback-smtp';
import type { Figure } from './figures';

const COUNT = 1000;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

export async function benchOutbox(figures: Figure[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-outbox-bench-'));
  const smtp = new LoopbackSmtp({ keep: false });
  const database = await openDatabase(path.join(dir, 'clinic.sqlite'));
  const { db } = database;
  try {
    const port = await smtp.start();
    // Noon: outside the default quiet hours whenever the bench runs.
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    await updateMessagingConfig(db, { smtpHost: '127.0.0.1', smtpPort: port, smtpFrom: 'bench@clinic.test', quietFrom: '00:00', quietTo: '00:00' });
    const patients = Array.from({ length: COUNT }, (_v, i) => ({
      last_name: `Пациент${i}`,
      first_name: 'Анна',
      email: `p${i}@bench.test`,
      consent_email: 1,
    }));
    for (let i = 0; i < patients.length; i += 200) await db.insertInto('patients').values(patients.slice(i, i + 200)).execute();
    const ids = (await db.selectFrom('patients').select('id').execute()).map((r) => r.id);

    const outbox = new Outbox({ db, now: () => noon });
    /** Queues one e-mail per patient and sends them all; returns the two times. */
    const round = async () => {
      const queueStart = performance.now();
      await db.transaction().execute(async (tx) => {
        for (const id of ids) {
          const r = await enqueueMessage(tx, { patientId: id, channel: 'email', kind: 'recall_invitation', now: noon });
          if (!r.ok) throw new Error(r.reason);
        }
      });
      const queueMs = performance.now() - queueStart;
      const sendStart = performance.now();
      let sent = 0;
      while (sent < COUNT) {
        const r = await outbox.tick();
        if (r.sent === 0) throw new Error(`the outbox stopped after ${sent} e-mails: ${JSON.stringify(r)}`);
        sent += r.sent;
      }
      return { queueMs, sendS: (performance.now() - sendStart) / 1000 };
    };
    const rssStart = rssMb();
    const first = await round();
    // Memory flat: a second thousand adds nothing once caches and the SMTP pool are warm.
    const rssBefore = rssMb();
    const second = await round();
    const rssAfter = rssMb();
    await outbox.stop();
    if (smtp.received !== 2 * COUNT) throw new Error(`the SMTP server got ${smtp.received} e-mails, not ${2 * COUNT}`);
    console.log(
      `  outbox: queued ${COUNT} in ${first.queueMs.toFixed(0)} / ${second.queueMs.toFixed(0)} ms, sent in ${first.sendS.toFixed(1)} / ${second.sendS.toFixed(1)} s; ` +
        `RSS ${rssStart.toFixed(0)} MB at start, ${rssBefore.toFixed(0)} MB after the first ${COUNT}, ${rssAfter.toFixed(0)} MB after the second`,
    );
    figures.push({ name: `outbox: queue ${COUNT} e-mails`, unit: 's', median: first.queueMs / 1000, target: 5 });
    figures.push({ name: `outbox: send ${COUNT} e-mails to a loopback SMTP server`, unit: 's', median: first.sendS, target: 30 });
    figures.push({ name: `outbox: RSS growth over a second ${COUNT} e-mails (${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB)`, unit: 'MB', median: Math.max(0, rssAfter - rssBefore), target: 10 });
  } finally {
    await smtp.stop();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
