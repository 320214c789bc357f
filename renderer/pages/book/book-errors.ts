// Translates the host's refusals of booking, moving and status changes into
// sentences that say what is in the way and what to do.
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/appointments';
import { ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatDate } from '../../i18n';
import { hhmm, type Hours } from './book-utils';

export interface BookError {
  text: string;
  /** The bookings in the way (409 on book/move). */
  clashes: Appointment[];
  /** The appointment as it is now (409 on a stale or refused change). */
  current: Appointment | null;
}

type Context = 'book' | 'move' | 'status';

function isAppointment(v: unknown): v is Appointment {
  return !!v && typeof v === 'object' && 'id' in v && 'status' in v && 'startAt' in v;
}

export function useBookErrorText(): (e: unknown, context: Context) => BookError {
  const { t } = useTranslation('book');
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  const timeOf = (a: Appointment) => `${formatDate(a.startAt)} ${hhmm(a.startAt)}–${hhmm(a.endAt)}`;
  return (e, context) => {
    const none = { clashes: [], current: null };
    if (!(e instanceof ApiClientError)) return { text: errorText(e), ...none };
    if (e.code === 'conflict') {
      const cur = e.current;
      if (e.reason === 'slot_taken' && Array.isArray(cur) && cur.length && isAppointment(cur[0])) {
        const clashes = cur as Appointment[];
        const c = clashes[0];
        return { text: t('errors.taken', { patient: c.patientName, doctor: c.doctorName, time: timeOf(c) }), clashes, current: null };
      }
      if (e.reason === 'off_hours' && cur && typeof cur === 'object' && 'shifts' in cur) {
        const shifts = (cur as { shifts: Hours }).shifts;
        const text = shifts.length ? t('errors.offHours', { hours: shifts.map((s) => `${s.start}–${s.end}`).join(', ') }) : t('errors.dayOff');
        return { text, ...none };
      }
      if (isAppointment(cur)) {
        const status = tc(`patient.status.${cur.status}`);
        if (e.reason === 'stale') return { text: tc('errors.conflict'), clashes: [], current: cur };
        if (e.reason === 'not_today') return { text: t('errors.arriveToday'), clashes: [], current: cur };
        if (context === 'move') return { text: t('errors.cannotMove', { status }), clashes: [], current: cur };
        return { text: t('errors.statusMove', { status }), clashes: [], current: cur };
      }
      return { text: tc('errors.conflict'), ...none };
    }
    if (e.code === 'forbidden') {
      return { text: context === 'status' ? tc('errors.forbidden') : t('errors.forbiddenOverride'), ...none };
    }
    if (e.code === 'invalid_input') {
      const fields = [...new Set(e.fields)];
      if (fields.includes('startAt') && e.issues.some((i) => i.message.includes('past'))) return { text: t('errors.past'), ...none };
      if (fields.includes('endAt')) return { text: t('errors.endBeforeStart'), ...none };
      const names = fields.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ');
      return { text: tc('errors.invalid_input', { fields: names }), ...none };
    }
    return { text: errorText(e), ...none };
  };
}
