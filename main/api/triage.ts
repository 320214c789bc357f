// Fair triage (挂号分诊 in the seeds): among the doctors of the needed
// specialty on shift now, propose the one with the fewest patients today
// (arrived + in service + completed); on a tie, the one who has waited
// longest since their last patient finished (nobody yet today counts as
// longest); then the lower id, so the proposal is stable.
import type { TriageCandidate, TriageProposal } from '../../shared/api/queue';

export function rankCandidates(candidates: readonly TriageCandidate[]): TriageCandidate[] {
  return [...candidates].sort((a, b) => {
    if (a.patientsToday !== b.patientsToday) return a.patientsToday - b.patientsToday;
    if (a.lastFinishedAt !== b.lastFinishedAt) {
      if (a.lastFinishedAt === null) return -1;
      if (b.lastFinishedAt === null) return 1;
      return a.lastFinishedAt < b.lastFinishedAt ? -1 : 1;
    }
    return a.doctorId - b.doctorId;
  });
}

export function propose(candidates: readonly TriageCandidate[]): TriageProposal {
  const ranked = rankCandidates(candidates);
  const [best, second] = ranked;
  if (!best) return { doctorId: null, reason: { rule: 'none_on_shift' }, candidates: ranked };
  if (!second) return { doctorId: best.doctorId, reason: { rule: 'only_one', patientsToday: best.patientsToday }, candidates: ranked };
  if (best.patientsToday < second.patientsToday) {
    return { doctorId: best.doctorId, reason: { rule: 'fewest_patients', patientsToday: best.patientsToday }, candidates: ranked };
  }
  return {
    doctorId: best.doctorId,
    reason: { rule: 'longest_idle', patientsToday: best.patientsToday, lastFinishedAt: best.lastFinishedAt },
    candidates: ranked,
  };
}
