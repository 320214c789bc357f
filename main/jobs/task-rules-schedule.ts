// Runs the automatic task rules on the host: shortly after start and then
// every 10 minutes, through the router (one transaction, audited as
// tasks.runRules by the rules' own user, change events to every window).
import type { User } from '../../shared/api/auth';
import type { Router } from '../api/router';
import { repeat } from './repeat';

export const RULES_INTERVAL_MS = 10 * 60_000;

/** Who the audit log names for a rule's task: no user row, id 0 like the console. */
export const RULES_USER: User = { id: 0, login: 'rules', fullName: 'Automatic rules', role: 'admin', specialty: null, branchId: null, active: true };

export function scheduleTaskRules(router: Router, onError: (e: unknown) => void): () => void {
  const run = () => router.call('tasks.runRules', {}, { user: RULES_USER, tokenHash: null }).catch(onError);
  return repeat(run, 3_000, RULES_INTERVAL_MS);
}
