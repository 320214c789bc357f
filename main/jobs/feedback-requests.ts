// The automatic feedback request: a message asking how the visit went,
// feedbackDelayHours after the visit was completed (2 hours by default), after
// every visit or only the patient's first (Messages → Settings). It goes once
// per visit (a dedupe key), on a channel the patient consented to, and like
// every message waits out quiet hours in the outbox. Runs with the reminders.
import { sql } from 'kysely';
import { addHours } from 'date-fns';
import type { Db } from '../db/connection';
import { localTime } from '../api/clock';
import { readMessagingConfig } from '../messages/settings';
import { enqueueAuto } from './reminders';
import { repeat } from './repeat';

/**
 * How far back a visit still gets its request once due: a host that was off
 * for a day, or the setting switched on, does not ask about old visits.
 */
export const FEEDBACK_WINDOW_HOURS = 24;

export interface FeedbackRun {
  queued: number;
  /** Visits whose patient has no consented channel (asked again on the next run while in the window). */
  skipped: number;
}

export async function runFeedbackRequests(db: Db, now: Date): Promise<FeedbackRun> {
  const config = await readMessagingConfig(db);
  const out: FeedbackRun = { queued: 0, skipped: 0 };
  if (!config.autoFeedback) return out;
  const dueBy = addHours(now, -config.feedbackDelayHours);
  const since = addHours(dueBy, -FEEDBACK_WINDOW_HOURS);
  const visits = await db
    .selectFrom('appointments as a')
    .select(['a.id', 'a.patient_id'])
    .where('a.status', '=', 'completed')
    // start_at first, through the completed visits' index; a visit is completed after it starts.
    .where('a.start_at', '>=', localTime(addHours(since, -24)))
    .where('a.start_at', '<=', localTime(dueBy))
    .where('a.completed_at', '>', localTime(since))
    .where('a.completed_at', '<=', localTime(dueBy))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('messages as m').select('m.id').where('m.dedupe_key', '=', sql<string>`'feedback_request:' || a.id`))),
    )
    .$if(config.feedbackVisits === 'first', (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(selectFrom('patient_first_visits as f').select('f.patient_id').whereRef('f.patient_id', '=', 'a.patient_id').whereRef('f.first_at', '=', 'a.start_at')),
      ),
    )
    .orderBy('a.completed_at')
    .execute();
  for (const v of visits) {
    if (await enqueueAuto(db, config, v.patient_id, 'feedback_request', `feedback_request:${v.id}`, now, v.id)) out.queued++;
    else out.skipped++;
  }
  return out;
}

/** The host's schedule, beside the reminders': every `intervalMs`, so a request goes within minutes of being due. */
export function scheduleFeedbackRequests(db: Db, now: () => Date, onError: (e: unknown) => void, after: () => void, intervalMs = 5 * 60_000): () => void {
  const run = () =>
    runFeedbackRequests(db, now())
      .then((r) => {
        if (r.queued) after();
      })
      .catch(onError);
  return repeat(run, 4_000, intervalMs);
}
