// SQL pieces shared by the reports whose rows are patients (rating, debtors,
// recalls-due): the display name as the drill-down shows it, and which
// patients may be listed (a deleted or merged-away card cannot be opened).

/** "Last First Middle", trimmed: the same name the drill-down lists. */
export function patientName(alias: string): string {
  return `trim(${alias}.last_name || ' ' || ${alias}.first_name || ' ' || coalesce(${alias}.middle_name, ''))`;
}

/** A patient whose card can be opened. */
export function livePatient(alias: string): string {
  return `${alias}.deleted_at IS NULL AND ${alias}.merged_into_id IS NULL`;
}

/**
 * `<expr> NOT IN (the deleted or merged-away patients)`: the same rule as
 * livePatient() without a seek in patients per row — those patients are few,
 * read once through the partial index patients_gone (migration 0013).
 */
export function notGone(patientId: string): string {
  return `${patientId} NOT IN (SELECT id FROM patients WHERE deleted_at IS NOT NULL OR merged_into_id IS NOT NULL)`;
}
