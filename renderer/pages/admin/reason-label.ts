// How a reason (cancel / no-show / churn) is shown anywhere in the UI: its
// custom name when the clinic gave one, else the translated standard name of
// a known code (admin namespace, `reason.<code>`), else the code itself.
import type { ReasonKind } from '../../../shared/domain/appointments';

/** The codes the clinic starts with; each has a translation `reason.<code>` in the admin namespace. */
export const STANDARD_REASONS: Record<ReasonKind, readonly string[]> = {
  cancel: ['inconvenient_time', 'changed_mind', 'too_expensive', 'went_elsewhere', 'ill', 'other'],
  no_show: ['forgot', 'ill', 'no_reason'],
  churn: ['moved', 'price', 'quality', 'competitor', 'treatment_finished', 'doctor_left', 'other'],
};

const KNOWN = new Set(Object.values(STANDARD_REASONS).flat());

/** Any i18next `t` (from any namespace): the label is looked up in 'admin'. */
type Translate = (key: string, options: { ns: string; defaultValue: string }) => string;

export function reasonLabel(t: Translate, kind: ReasonKind, code: string, name?: string | null): string {
  const own = name?.trim();
  if (own) return own;
  // A code the clinic added itself has no translation: show it as typed.
  if (!KNOWN.has(code) && !STANDARD_REASONS[kind].includes(code)) return code;
  return t(`reason.${code}`, { ns: 'admin', defaultValue: code });
}
