// The host's messaging jobs: the outbox (recovering what a crash left
// `sending`, then ticking every few seconds), the reminder schedule and the
// feedback requests after completed visits.
import type { Db } from '../db/connection';
import type { ChangeFeed } from '../api/events';
import { Outbox } from './outbox';
import { scheduleReminders } from './reminders';
import { scheduleFeedbackRequests } from './feedback-requests';

export const OUTBOX_TICK_MS = 5_000;

export async function startMessaging(db: Db, feed: ChangeFeed, now: () => Date, onError: (e: unknown) => void): Promise<() => Promise<void>> {
  const outbox = new Outbox({ db, now, onError, onChange: () => feed.publish('messages', null, 'sent') });
  await outbox.recover();
  outbox.start(OUTBOX_TICK_MS);
  // A message queued by a booking or a campaign goes out on the next tick at the latest.
  const unsubscribe = feed.subscribe((e) => {
    if (e.entity === 'messages' && e.op !== 'sent') void outbox.tick().catch(onError);
  });
  const stopReminders = scheduleReminders(db, now, onError, () => void outbox.tick().catch(onError));
  const stopFeedback = scheduleFeedbackRequests(db, now, onError, () => void outbox.tick().catch(onError));
  return async () => {
    unsubscribe();
    stopReminders();
    stopFeedback();
    await outbox.stop();
  };
}
