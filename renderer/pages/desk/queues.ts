// Today's live data of the desk, kept current: other workstations' changes
// arrive as events; the waiting minutes are fetched again every 30 s.
import { useCallback, useEffect, useState } from 'react';
import { format } from 'date-fns';
import type { Appointment, DayView } from '../../../shared/api/appointments';
import type { DoctorQueue } from '../../../shared/api/queue';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';

const TICK_MS = 30_000;

export function todayLocal(): string {
  return format(new Date(), 'yyyy-MM-dd');
}

/** HH:mm of a local time such as 2026-11-24T14:30. */
export function hhmm(local: string | null | undefined): string {
  return local ? local.slice(11, 16) : '';
}

export function useQueues(doctorId?: number) {
  const errorText = useErrorText();
  const [queues, setQueues] = useState<DoctorQueue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setQueues(await api('queue.list', doctorId ? { doctorId } : {}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
    // errorText only translates; the doctor decides what is loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doctorId]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), TICK_MS);
    return () => clearInterval(timer);
  }, [load]);
  useChanges('appointments', () => void load());
  return { queues, error, reload: load };
}

/** Today's appointments of every doctor (the arrivals and the visits still to pay). */
export function useToday() {
  const errorText = useErrorText();
  const [day, setDay] = useState<DayView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setDay(await api('appointments.day', { date: todayLocal() }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), TICK_MS);
    return () => clearInterval(timer);
  }, [load]);
  useChanges('appointments', () => void load());
  useChanges('payments', () => void load());
  return { appointments: day?.appointments ?? null, error, reload: load };
}

export function isExpected(a: Appointment): boolean {
  return a.status === 'booked' || a.status === 'confirmed';
}

export function isUnpaid(a: Appointment): boolean {
  return a.status === 'completed' && a.total > a.paid;
}
