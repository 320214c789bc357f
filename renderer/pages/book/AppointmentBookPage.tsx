// The appointment book: a day with one column per doctor, or a week of one
// doctor. Free time is booked by clicking or selecting it (or "New
// appointment"), bookings are moved and stretched by dragging, and a click
// opens the booking. Bookings made at other workstations appear by themselves.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { Calendar, type CalendarProps, type EventProps, type ResourceHeaderProps, type SlotInfo } from 'react-big-calendar';
import withDragAndDropModule, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import {
  Alert, Box, Button, ButtonGroup, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, IconButton, LinearProgress, Paper, Switch, TextField, ToggleButton, ToggleButtonGroup, Tooltip,
  Typography,
} from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { format, parseISO } from 'date-fns';
import type { Appointment, DayView, DoctorColumn, WeekView } from '../../../shared/api/appointments';
import type { Doctor } from '../../../shared/api/schedules';
import type { Branch } from '../../../shared/api/settings';
import { APPOINTMENT_STATUSES } from '../../../shared/domain/appointments';
import { api, ApiClientError } from '../../api/client';
import { useChanges } from '../../api/hooks';
import { formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { BookingDialog, type BookingDraft } from './BookingDialog';
import { AppointmentDialog } from './AppointmentDialog';
import {
  STATUS_COLOURS, canDrag, capitalize, firstFree, fromLocal, hhmm, inHours, isFaded, mondayOf, nowOnGrid, shiftDay, shortName, toDay, toLocal, type Hours,
} from './book-utils';
import { useBookErrorText } from './book-errors';
import { FORMATS, dateLocale, localizer } from './localizer';

type ViewName = 'day' | 'week';

interface BookEvent {
  id: number;
  appt: Appointment;
  title: string;
  start: Date;
  end: Date;
  resourceId: number;
}

type Resource = DoctorColumn;

// The add-on is CommonJS: the bundler's interop may hand over its exports object instead of the function.
type WithDnD = typeof withDragAndDropModule;
const withDragAndDrop: WithDnD = (withDragAndDropModule as unknown as { default?: WithDnD }).default ?? withDragAndDropModule;

const DnDCalendar = withDragAndDrop<BookEvent, Resource>(Calendar as unknown as ComponentType<CalendarProps<BookEvent, Resource>>);

const MAY_BOOK = ['admin', 'director', 'reception', 'callcenter'];

interface Stored {
  view: ViewName;
  date: string;
  branchId: number | '';
  doctorId: number | '';
  showCancelled: boolean;
}

function readStored(): Partial<Stored> {
  try {
    return JSON.parse(sessionStorage.getItem('clinic.book') ?? '{}') as Partial<Stored>;
  } catch {
    return {};
  }
}

/** What the event and header renderers need from the page. */
const BookContext = createContext<{ currency: string; openWeek(doctorId: number): void }>({ currency: 'RUB', openWeek: () => undefined });

function EventContent({ event }: EventProps<BookEvent>) {
  const { t } = useTranslation('book');
  const { currency } = useContext(BookContext);
  const a = event.appt;
  const services = a.lines.map((l) => l.serviceName).join(', ');
  return (
    <div className="book-event" data-testid={`appt-${a.id}`} data-status={a.status}>
      <div className="book-event-head">
        <span className="book-event-time">{hhmm(a.startAt)}</span>
        <span className="book-event-name">{a.patientName}</span>
        {a.patientDebt > 0 && (
          <span className="book-event-debt" title={t('event.debtTitle', { amount: formatMoney(a.patientDebt, currency) })} data-testid={`appt-debt-${a.id}`}>
            {t('event.debt')}
          </span>
        )}
      </div>
      {services && <div className="book-event-services">{services}</div>}
    </div>
  );
}

function DoctorHeader({ resource }: ResourceHeaderProps<Resource>) {
  const { t } = useTranslation('book');
  const { openWeek } = useContext(BookContext);
  const hours = resource.shifts.map((s) => `${s.start}–${s.end}`).join(', ');
  return (
    <Tooltip
      placement="top"
      title={
        <>
          <div>{resource.name}</div>
          <div>{[resource.specialty && t(`specialties.${resource.specialty}`, { defaultValue: resource.specialty }), hours || t('book.dayOff')].filter(Boolean).join(' · ')}</div>
          <div style={{ opacity: 0.8 }}>{t('book.openWeek')}</div>
        </>
      }
    >
      <Box
        component="button"
        type="button"
        onClick={() => openWeek(resource.id)}
        data-testid={`book-col-${resource.id}`}
        sx={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%', py: 0.5, textAlign: 'center', '&:hover .book-doc-name': { textDecoration: 'underline' } }}
      >
        <div className="book-doc-name">{shortName(resource.name)}</div>
        <div className="book-doc-meta">
          {resource.specialty ? t(`specialties.${resource.specialty}`, { defaultValue: resource.specialty }) : ''}
          {resource.specialty ? ' · ' : ''}
          {hours || t('book.dayOff')}
        </div>
      </Box>
    </Tooltip>
  );
}

const COMPONENTS = { event: EventContent, resourceHeader: DoctorHeader };

function hourFloor(time: string): number {
  return Number(time.slice(0, 2));
}

function hourCeil(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return m > 0 ? h + 1 : h;
}

export function AppointmentBookPage() {
  const { t, i18n } = useTranslation('book');
  const { t: tc } = useTranslation();
  const { user, settings } = useSession();
  const notify = useNotify();
  const bookError = useBookErrorText();
  const stored = useMemo(readStored, []);
  const step = settings?.slotMinutes ?? 15;
  const currency = settings?.currency ?? 'RUB';
  const mayBook = !!user && MAY_BOOK.includes(user.role);
  const mayOverride = user?.role === 'director' || user?.role === 'admin';

  const [view, setView] = useState<ViewName>(stored.view ?? (user?.role === 'doctor' ? 'week' : 'day'));
  const [date, setDate] = useState(stored.date ?? toDay(new Date()));
  const [branchId, setBranchId] = useState<number | ''>(stored.branchId ?? '');
  const [doctorId, setDoctorId] = useState<number | ''>(stored.doctorId ?? (user?.role === 'doctor' ? user.id : ''));
  const [showCancelled, setShowCancelled] = useState(stored.showCancelled ?? true);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [doctors, setDoctors] = useState<Doctor[]>([]);
  const [day, setDay] = useState<DayView | null>(null);
  const [week, setWeek] = useState<WeekView | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingDraft | null>(null);
  const [opened, setOpened] = useState<Appointment | null>(null);
  const [retry, setRetry] = useState<{ args: EventInteractionArgs<BookEvent>; text: string } | null>(null);
  const requestSeq = useRef(0);

  useEffect(() => {
    sessionStorage.setItem('clinic.book', JSON.stringify({ view, date, branchId, doctorId, showCancelled } satisfies Stored));
  }, [view, date, branchId, doctorId, showCancelled]);

  const loadDoctors = useCallback(() => {
    api('doctors.list', {}).then(setDoctors, () => undefined);
  }, []);

  useEffect(() => {
    api('branches.list', {}).then(setBranches, () => undefined);
    loadDoctors();
  }, [loadDoctors]);

  // The week view needs a doctor: the signed-in doctor, else the first one.
  useEffect(() => {
    if (view === 'week' && !doctorId && doctors.length) setDoctorId(doctors[0].id);
  }, [view, doctorId, doctors]);

  const load = useCallback(async () => {
    const seq = ++requestSeq.current;
    setLoading(true);
    try {
      if (view === 'day') {
        const d = await api('appointments.day', { date, ...(branchId ? { branchId } : {}) });
        if (seq === requestSeq.current) setDay(d);
      } else if (doctorId) {
        const w = await api('appointments.week', { doctorId, weekStart: mondayOf(date) });
        if (seq === requestSeq.current) setWeek(w);
      }
      if (seq === requestSeq.current) setLoadError(null);
    } catch {
      if (seq === requestSeq.current) setLoadError(t('book.loadFailed'));
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, [view, date, branchId, doctorId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // Other workstations' changes: one refetch for a burst of events.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => void load(), 150);
  }, [load]);
  useEffect(() => () => { if (pending.current) clearTimeout(pending.current); }, []);
  useChanges('appointments', refreshSoon);
  useChanges('payments', refreshSoon);
  useChanges('schedules', () => {
    loadDoctors();
    refreshSoon();
  });

  const appointments = useMemo(() => (view === 'day' ? day?.appointments ?? [] : week?.appointments ?? []), [view, day, week]);

  const resources = useMemo<Resource[] | undefined>(() => {
    if (view !== 'day' || !day) return undefined;
    const cols = [...day.doctors];
    // A booking of a doctor who is not listed (another branch, retired) still shows.
    for (const a of day.appointments) {
      if (!cols.some((c) => c.id === a.doctorId)) cols.push({ id: a.doctorId, name: a.doctorName, specialty: null, branchId: a.branchId, shifts: [] });
    }
    return cols;
  }, [view, day]);

  const events = useMemo<BookEvent[]>(
    () =>
      appointments
        .filter((a) => showCancelled || !isFaded(a.status))
        .map((a) => ({ id: a.id, appt: a, title: a.patientName, start: fromLocal(a.startAt), end: fromLocal(a.endAt), resourceId: a.doctorId })),
    [appointments, showCancelled],
  );

  const hoursOf = useCallback(
    (d: Date, resourceId?: number | string): Hours => {
      if (view === 'day') return resources?.find((r) => r.id === Number(resourceId))?.shifts ?? [];
      return week?.days.find((x) => x.date === toDay(d))?.shifts ?? [];
    },
    [view, resources, week],
  );

  // The visible hours: from the earliest shift to the latest, widened to whole hours and to any booking outside them.
  const [min, max] = useMemo(() => {
    const all: Hours = view === 'day' ? (resources ?? []).flatMap((r) => r.shifts) : (week?.days ?? []).flatMap((d) => d.shifts);
    let from = all.length ? Math.min(...all.map((s) => hourFloor(s.start))) : 8;
    let to = all.length ? Math.max(...all.map((s) => hourCeil(s.end))) : 20;
    for (const a of appointments) {
      from = Math.min(from, hourFloor(hhmm(a.startAt)));
      to = Math.max(to, a.endAt.slice(0, 10) > a.startAt.slice(0, 10) ? 24 : hourCeil(hhmm(a.endAt)));
    }
    const base = parseISO(date);
    const lo = new Date(base);
    lo.setHours(from, 0, 0, 0);
    const hi = new Date(base);
    if (to >= 24) hi.setHours(23, 59, 0, 0);
    else hi.setHours(to, 0, 0, 0);
    return [lo, hi];
  }, [view, resources, week, appointments, date]);

  const slotPropGetter = useCallback(
    (d: Date, resourceId?: number | string) => (inHours(hoursOf(d, resourceId), format(d, 'HH:mm')) ? {} : { className: 'book-off' }),
    [hoursOf],
  );

  const eventPropGetter = useCallback((e: BookEvent) => {
    const c = STATUS_COLOURS[e.appt.status];
    return {
      className: `book-status-${e.appt.status}${isFaded(e.appt.status) ? ' book-faded' : ''}`,
      style: { backgroundColor: c.bg, color: c.text, borderColor: c.main, borderLeftColor: c.main },
    };
  }, []);

  const tooltip = useCallback(
    (e: BookEvent) => {
      const a = e.appt;
      return [
        `${hhmm(a.startAt)}–${hhmm(a.endAt)} ${a.patientName}`,
        `${tc(`patient.status.${a.status}`)} · ${a.doctorName}`,
        ...a.lines.map((l) => `• ${l.serviceName}`),
        a.patientDebt > 0 ? t('event.debtTitle', { amount: formatMoney(a.patientDebt, currency) }) : '',
        a.comment ?? '',
      ]
        .filter(Boolean)
        .join('\n');
    },
    [t, tc, currency],
  );

  // The next free start of a doctor from what is loaded (today: from now on).
  const nextFree = useCallback(
    (docId: number, minutes: number): string | null => {
      const notBefore = nowOnGrid(step);
      if (view === 'day' && day) {
        const col = day.doctors.find((c) => c.id === docId);
        if (!col) return null;
        return firstFree(day.date, col.shifts, day.appointments, { doctorId: docId, minutes, step, notBefore });
      }
      if (view === 'week' && week && week.doctor.id === docId) {
        for (const d of week.days) {
          const s = firstFree(d.date, d.shifts, week.appointments, { doctorId: docId, minutes, step, notBefore });
          if (s) return s;
        }
      }
      return null;
    },
    [view, day, week, step],
  );

  const newAppointment = useCallback(() => {
    if (!mayBook) return;
    const candidates =
      view === 'day' ? (day?.doctors ?? []).filter((c) => c.shifts.length).map((c) => c.id) : doctorId ? [doctorId] : [];
    let best: { doctorId: number; startAt: string } | null = null;
    for (const id of candidates) {
      const s = nextFree(id, 30);
      if (s && (!best || s < best.startAt)) best = { doctorId: id, startAt: s };
    }
    const fallbackStart = date === toDay(new Date()) || date < toDay(new Date()) ? nowOnGrid(step) : `${date}T09:00`;
    setBooking(best ?? { doctorId: candidates[0] ?? doctors[0]?.id ?? '', startAt: fallbackStart });
  }, [mayBook, view, day, doctorId, nextFree, date, step, doctors]);

  const onSelectSlot = (slot: SlotInfo) => {
    if (!mayBook) return;
    const docId = view === 'day' ? Number(slot.resourceId) : doctorId;
    if (!docId) return;
    const startAt = toLocal(slot.start);
    const ranged = slot.action === 'select' && slot.end.getTime() - slot.start.getTime() > step * 60_000;
    setBooking({ doctorId: docId, startAt, ...(ranged ? { endAt: toLocal(slot.end) } : {}) });
  };

  const replace = (a: Appointment) => {
    const swap = (list: Appointment[]) => list.map((x) => (x.id === a.id ? a : x));
    setDay((d) => (d ? { ...d, appointments: swap(d.appointments) } : d));
    setWeek((w) => (w ? { ...w, appointments: swap(w.appointments) } : w));
  };

  const move = async ({ event, start, end, resourceId }: EventInteractionArgs<BookEvent>, override = false) => {
    const a = event.appt;
    const startAt = toLocal(new Date(start));
    const endAt = toLocal(new Date(end));
    const toDoctor = view === 'day' && resourceId !== undefined ? Number(resourceId) : a.doctorId;
    if (startAt === a.startAt && endAt === a.endAt && toDoctor === a.doctorId) return;
    const target = resources?.find((r) => r.id === toDoctor);
    // Shown at the new place at once; put back if the host refuses.
    replace({ ...a, startAt, endAt, doctorId: toDoctor, doctorName: target?.name ?? a.doctorName });
    try {
      const moved = await api('appointments.move', {
        id: a.id,
        updatedAt: a.updatedAt,
        startAt,
        endAt,
        ...(toDoctor !== a.doctorId ? { doctorId: toDoctor } : {}),
        ...(override ? { override: true } : {}),
      });
      replace(moved);
      notify(t('book.moved', { patient: moved.patientName, time: `${format(fromLocal(moved.startAt), 'd MMM', { locale: dateLocale(i18n.language) })} ${hhmm(moved.startAt)}–${hhmm(moved.endAt)}` }));
    } catch (e) {
      replace(a);
      const err = bookError(e, 'move');
      // A director may put it there anyway (over a booking or outside hours); everybody else is told why not.
      if (mayOverride && !override && e instanceof ApiClientError && e.code === 'conflict' && !err.current) setRetry({ args: { event, start, end, resourceId }, text: err.text });
      else notify(err.text, 'error');
      void load();
    }
  };

  const go = useCallback(
    (dir: -1 | 0 | 1) => {
      if (dir === 0) setDate(toDay(new Date()));
      else setDate((d) => shiftDay(d, dir * (view === 'week' ? 7 : 1)));
    },
    [view],
  );

  const openWeek = useCallback((id: number) => {
    setDoctorId(id);
    setView('week');
  }, []);

  // Keys on the book itself (not while typing or in a dialog): ← → days, T today, N new, D day, W week.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || booking || opened || retry) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.closest('input, textarea, select, [contenteditable="true"], [role="dialog"], [role="listbox"]') || el.isContentEditable)) return;
      if (e.key === 'ArrowLeft') go(-1);
      else if (e.key === 'ArrowRight') go(1);
      else if (e.code === 'KeyT') go(0);
      else if (e.code === 'KeyN') newAppointment();
      else if (e.code === 'KeyD') setView('day');
      else if (e.code === 'KeyW') setView('week');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, newAppointment, booking, opened, retry]);

  const locale = dateLocale(i18n.language);
  const heading =
    view === 'day'
      ? format(parseISO(date), 'EEEE, d MMMM yyyy', { locale })
      : (() => {
          const mon = parseISO(mondayOf(date));
          const sun = parseISO(shiftDay(mondayOf(date), 6));
          return `${format(mon, mon.getMonth() === sun.getMonth() ? 'd' : 'd MMM', { locale })} – ${format(sun, 'd MMMM yyyy', { locale })}`;
        })();

  const counts = useMemo(() => {
    const c: Partial<Record<string, number>> = {};
    for (const a of appointments) c[a.status] = (c[a.status] ?? 0) + 1;
    return c;
  }, [appointments]);

  const isToday = date === toDay(new Date());
  // Today opens an hour before now; other days at the start of the working time (the grid measures the distance from `min` unsigned).
  const scrollTo = useMemo(() => {
    if (!isToday) return min;
    const d = parseISO(date);
    d.setHours(Math.max(new Date().getHours() - 1, 0), 0, 0, 0);
    return d < min ? min : d;
  }, [date, isToday, min]);

  const timeslots = step === 15 ? 4 : step === 10 ? 3 : 6;
  const slotHeight = step === 15 ? 20 : step === 10 ? 18 : 12;
  const ctx = useMemo(() => ({ currency, openWeek }), [currency, openWeek]);
  const noDoctors = view === 'day' && day && !resources?.length;
  // A new day or doctor mounts the grid afresh, so it scrolls to the working time of what it shows.
  const gridKey = view === 'day' ? `day-${day?.date}` : `week-${week?.doctor.id}-${week?.days[0]?.date}`;

  return (
    <BookContext.Provider value={ctx}>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)', minHeight: 520 }} data-testid="book-page">
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5, mb: 1.5 }}>
          <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: ViewName | null) => v && setView(v)}>
            <ToggleButton value="day" data-testid="book-view-day" sx={{ px: 2 }}>
              {t('book.day')}
            </ToggleButton>
            <ToggleButton value="week" data-testid="book-view-week" sx={{ px: 2 }}>
              {t('book.week')}
            </ToggleButton>
          </ToggleButtonGroup>
          <ButtonGroup size="small" variant="outlined">
            <Tooltip title={view === 'day' ? t('book.prevDay') : t('book.prevWeek')}>
              <Button onClick={() => go(-1)} aria-label={t('book.prev')} data-testid="book-prev">
                <ChevronLeftIcon fontSize="small" />
              </Button>
            </Tooltip>
            <Button onClick={() => go(0)} data-testid="book-today" disabled={isToday && view === 'day'}>
              {t('book.today')}
            </Button>
            <Tooltip title={view === 'day' ? t('book.nextDay') : t('book.nextWeek')}>
              <Button onClick={() => go(1)} aria-label={t('book.next')} data-testid="book-next">
                <ChevronRightIcon fontSize="small" />
              </Button>
            </Tooltip>
          </ButtonGroup>
          <TextField
            type="date"
            size="small"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'book-date', 'aria-label': t('book.date') } }}
            sx={{ width: 160 }}
          />
          <Typography variant="h6" sx={{ fontWeight: 500, mx: 1, whiteSpace: 'nowrap' }} data-testid="book-heading">
            {capitalize(heading)}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          {view === 'day' ? (
            <TextField
              select
              size="small"
              label={t('book.branch')}
              value={branchId}
              onChange={(e) => setBranchId(e.target.value ? Number(e.target.value) : '')}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'book-branch' }, inputLabel: { shrink: true } }}
              sx={{ minWidth: 220 }}
            >
              <option value="">{t('book.allBranches')}</option>
              {branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </TextField>
          ) : (
            <TextField
              select
              size="small"
              label={t('fields.doctorId')}
              value={doctorId}
              onChange={(e) => setDoctorId(e.target.value ? Number(e.target.value) : '')}
              slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'book-doctor' }, inputLabel: { shrink: true } }}
              sx={{ minWidth: 280 }}
            >
              {doctors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.specialty ? `${d.name} — ${t(`specialties.${d.specialty}`, { defaultValue: d.specialty })}` : d.name}
                </option>
              ))}
            </TextField>
          )}
          {mayBook && (
            <Tooltip title={t('book.newHint')}>
              <Button variant="contained" startIcon={<AddIcon />} onClick={newAppointment} data-testid="book-new">
                {t('book.new')}
              </Button>
            </Tooltip>
          )}
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 0.75, mb: 1 }}>
          {APPOINTMENT_STATUSES.map((s) => (
            <Chip
              key={s}
              size="small"
              label={`${tc(`patient.status.${s}`)}${counts[s] ? ` · ${counts[s]}` : ''}`}
              sx={{
                bgcolor: STATUS_COLOURS[s].bg,
                color: STATUS_COLOURS[s].text,
                borderLeft: `4px solid ${STATUS_COLOURS[s].main}`,
                borderRadius: 1,
                opacity: isFaded(s) && !showCancelled ? 0.45 : 1,
              }}
              data-testid={`book-count-${s}`}
            />
          ))}
          <FormControlLabel
            sx={{ ml: 1 }}
            control={<Switch size="small" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} slotProps={{ input: { 'data-testid': 'book-show-cancelled' } as object }} />}
            label={<Typography variant="body2">{t('book.showCancelled')}</Typography>}
          />
          <Box sx={{ flexGrow: 1 }} />
          <Typography variant="caption" color="text.secondary">
            {mayBook ? t('book.hint') : t('book.hintReadOnly')}
          </Typography>
        </Box>
        {loadError && (
          <Alert severity="error" sx={{ mb: 1 }} action={<IconButton size="small" onClick={() => void load()}>↻</IconButton>}>
            {loadError}
          </Alert>
        )}
        <Paper variant="outlined" sx={{ position: 'relative', flexGrow: 1, minHeight: 0, overflow: 'hidden', ...calendarSx(slotHeight * timeslots) }} data-testid="book-day">
          {loading && <LinearProgress sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 10, height: 2 }} />}
          {noDoctors ? (
            <Box sx={{ p: 4, color: 'text.secondary', textAlign: 'center' }}>{t('book.noDoctors')}</Box>
          ) : (
            <DnDCalendar
              key={gridKey}
              localizer={localizer}
              culture={i18n.language}
              formats={FORMATS}
              toolbar={false}
              view={view}
              views={['day', 'week']}
              onView={() => undefined}
              date={parseISO(date)}
              onNavigate={(d) => setDate(toDay(d))}
              events={events}
              resources={resources}
              resourceIdAccessor={(r: Resource) => r.id}
              resourceTitleAccessor={(r: Resource) => r.name}
              resourceAccessor={(e: BookEvent) => e.resourceId}
              tooltipAccessor={tooltip}
              step={step}
              timeslots={timeslots}
              min={min}
              max={max}
              scrollToTime={scrollTo}
              enableAutoScroll
              dayLayoutAlgorithm="no-overlap"
              selectable={mayBook}
              onSelectSlot={onSelectSlot}
              onSelectEvent={(e: BookEvent) => setOpened(e.appt)}
              onKeyPressEvent={(e: BookEvent, ev) => (ev as unknown as KeyboardEvent).key === 'Enter' && setOpened(e.appt)}
              onDrillDown={(d: Date) => {
                setDate(toDay(d));
                setView('day');
              }}
              slotPropGetter={slotPropGetter}
              eventPropGetter={eventPropGetter}
              components={COMPONENTS}
              draggableAccessor={(e: BookEvent) => mayBook && canDrag(e.appt.status)}
              resizableAccessor={(e: BookEvent) => mayBook && canDrag(e.appt.status)}
              onEventDrop={(args) => void move(args)}
              onEventResize={(args) => void move(args)}
              showMultiDayTimes
              messages={{ noEventsInRange: t('book.empty') }}
            />
          )}
        </Paper>
      </Box>
      {booking && (
        <BookingDialog
          initial={booking}
          doctors={doctors}
          branchId={view === 'day' ? branchId : ''}
          nextFree={nextFree}
          onClose={() => setBooking(null)}
          onBooked={(a) => {
            setBooking(null);
            notify(t('book.booked', { patient: a.patientName, time: `${format(fromLocal(a.startAt), 'd MMM', { locale })} ${hhmm(a.startAt)}`, doctor: shortName(a.doctorName) }));
            if (a.startAt.slice(0, 10) !== date) setDate(a.startAt.slice(0, 10));
            void load();
          }}
        />
      )}
      {retry && (
        <Dialog open onClose={() => setRetry(null)} maxWidth="xs" fullWidth data-testid="move-override-dialog">
          <DialogTitle>{t('book.overrideTitle')}</DialogTitle>
          <DialogContent>
            <Alert severity="warning">{retry.text}</Alert>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
              {t('form.overrideHint')}
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRetry(null)} autoFocus>
              {tc('patient.cancel')}
            </Button>
            <Button
              color="warning"
              variant="contained"
              onClick={() => {
                const args = retry.args;
                setRetry(null);
                void move(args, true);
              }}
              data-testid="move-override"
            >
              {t('book.overrideMove')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {opened && (
        <AppointmentDialog
          appointment={opened}
          doctors={doctors}
          onClose={() => setOpened(null)}
          onChanged={(a) => {
            replace(a);
            refreshSoon();
          }}
        />
      )}
    </BookContext.Provider>
  );
}

/** The book's look: light status cards with a coloured bar, greyed hours off, a calm grid. */
function calendarSx(groupHeight: number) {
  return {
    '& .rbc-calendar': { height: '100%', fontFamily: 'inherit', fontSize: 13 },
    '& .rbc-time-view': { border: 0 },
    '& .rbc-time-header': { borderBottom: '1px solid', borderColor: 'divider', bgcolor: '#fafbfb' },
    '& .rbc-time-header-content': { borderLeftColor: 'divider' },
    '& .rbc-allday-cell': { display: 'none' },
    '& .rbc-header': { py: 0.5, fontWeight: 500, borderBottom: 0, whiteSpace: 'normal' },
    '& .rbc-header .rbc-button-link': { fontWeight: 600, fontSize: 13 },
    '& .rbc-row-resource': { borderBottom: 0 },
    '& .rbc-row-resource .rbc-header': { borderLeftColor: 'divider' },
    '& .book-doc-name, & .book-doc-meta': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', px: 0.5 },
    '& .book-doc-name': { fontWeight: 600, fontSize: 13, color: 'text.primary' },
    '& .book-doc-meta': { fontSize: 11, color: 'text.secondary', fontWeight: 400 },
    '& .rbc-timeslot-group': { minHeight: groupHeight, borderBottomColor: '#e3e7ea' },
    '& .rbc-time-slot': { borderTopColor: '#f1f3f4' },
    '& .rbc-day-slot .rbc-time-slot': { borderTop: '1px dotted #eef0f2' },
    '& .rbc-time-gutter .rbc-timeslot-group': { borderBottomColor: 'divider' },
    '& .rbc-label': { fontSize: 12, color: 'text.secondary', px: 1 },
    '& .rbc-time-content': { borderTop: 0 },
    '& .rbc-time-content > * + * > *': { borderLeftColor: '#dde2e6' },
    '& .rbc-today': { bgcolor: '#f5fbfa' },
    '& .rbc-day-slot.rbc-today': { bgcolor: 'transparent' },
    '& .rbc-time-gutter .book-off': { bgcolor: 'transparent', backgroundImage: 'none' },
    '& .rbc-day-slot .book-off': {
      bgcolor: '#eef0f2',
      backgroundImage: 'repeating-linear-gradient(135deg, transparent 0 6px, rgba(0,0,0,0.035) 6px 12px)',
    },
    '& .rbc-slot-selection': { bgcolor: 'rgba(0,105,92,0.18)', color: '#00695c', border: '1px solid #00695c', fontSize: 12 },
    '& .rbc-current-time-indicator': { bgcolor: '#d32f2f', height: 2 },
    '& .rbc-event, & .rbc-day-slot .rbc-background-event': {
      border: '1px solid',
      borderLeftWidth: 4,
      borderRadius: '4px',
      padding: '1px 4px',
      boxShadow: '0 1px 1px rgba(0,0,0,0.06)',
    },
    '& .rbc-day-slot .rbc-event': { minHeight: 16 },
    '& .rbc-event.rbc-selected': { boxShadow: '0 0 0 2px rgba(0,105,92,0.55)' },
    '& .rbc-event:focus-visible': { outline: '2px solid #00695c', outlineOffset: 1 },
    '& .rbc-event-label': { display: 'none' },
    '& .rbc-day-slot .rbc-event-content': { lineHeight: 1.25 },
    '& .book-event': { overflow: 'hidden', height: '100%' },
    '& .book-event-head': { display: 'flex', gap: '4px', alignItems: 'baseline', whiteSpace: 'nowrap', overflow: 'hidden' },
    '& .book-event-time': { fontWeight: 600, fontVariantNumeric: 'tabular-nums' },
    '& .book-event-name': { fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', flexShrink: 1, minWidth: 0 },
    '& .book-event-debt': {
      flexShrink: 0,
      fontSize: 10,
      fontWeight: 700,
      color: '#fff',
      bgcolor: '#d32f2f',
      borderRadius: '3px',
      px: '4px',
      lineHeight: '14px',
      textTransform: 'uppercase',
    },
    '& .book-event-services': { fontSize: 11, opacity: 0.85, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
    '& .book-faded': { opacity: 0.5, borderStyle: 'dashed' },
    '& .book-faded .book-event-name': { textDecoration: 'line-through' },
    '& .rbc-addons-dnd .rbc-addons-dnd-resize-ns-anchor .rbc-addons-dnd-resize-ns-icon': { borderTopColor: 'currentColor', width: 14 },
  } as const;
}
