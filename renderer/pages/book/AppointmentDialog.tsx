// One booking: who, with whom, when, what for and how much; the status moves
// the rules allow from here (completion is the doctor's, in the queue), a
// payment, and rescheduling without the mouse.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Grid, IconButton, Link, Table, TableBody, TableCell, TableHead,
  TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import CheckIcon from '@mui/icons-material/Check';
import LoginIcon from '@mui/icons-material/Login';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import PaymentsIcon from '@mui/icons-material/Payments';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { Appointment } from '../../../shared/api/appointments';
import type { Doctor } from '../../../shared/api/schedules';
import { TRANSITIONS, type AppointmentStatus } from '../../../shared/domain/appointments';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges } from '../../api/hooks';
import { formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PaymentDialog } from '../../components/PaymentDialog';
import { ReasonDialog, useReasonLabel } from './ReasonDialog';
import { STATUS_COLOURS, canDrag, capitalize, fromLocal, hhmm, minutesBetween, plusMinutes, toDay } from './book-utils';
import { useBookErrorText, type BookError } from './book-errors';
import { dateLocale } from './localizer';

const ICONS: Partial<Record<AppointmentStatus, ReactNode>> = {
  confirmed: <CheckIcon />,
  arrived: <LoginIcon />,
  in_service: <PlayArrowIcon />,
  cancelled: <EventBusyIcon />,
  no_show: <PersonOffIcon />,
};

const MAY_BOOK = ['admin', 'director', 'reception', 'callcenter'];
const MAY_PAY = ['admin', 'director', 'reception'];

export function StatusChip({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  const c = STATUS_COLOURS[status];
  return (
    <Chip
      size="small"
      label={t(`patient.status.${status}`)}
      sx={{ bgcolor: c.bg, color: c.text, border: `1px solid ${c.main}`, fontWeight: 500 }}
      data-testid="appt-status"
      data-status={status}
    />
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

export function AppointmentDialog({
  appointment,
  doctors,
  onClose,
  onChanged,
}: {
  appointment: Appointment;
  doctors: Doctor[];
  onClose(): void;
  onChanged(a: Appointment): void;
}) {
  const { t, i18n } = useTranslation('book');
  const { t: tc } = useTranslation();
  const { user, settings } = useSession();
  const notify = useNotify();
  const bookError = useBookErrorText();
  const reasonLabel = useReasonLabel();
  const currency = settings?.currency ?? 'RUB';
  const step = settings?.slotMinutes ?? 15;
  const [a, setA] = useState(appointment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BookError | null>(null);
  const [asking, setAsking] = useState<'cancel' | 'no_show' | null>(null);
  const [paying, setPaying] = useState(false);
  const [moving, setMoving] = useState(false);
  const [moveDoctor, setMoveDoctor] = useState(appointment.doctorId);
  const [moveStart, setMoveStart] = useState(appointment.startAt);
  const [moveEnd, setMoveEnd] = useState(hhmm(appointment.endAt));

  const reload = useCallback(async () => {
    try {
      const fresh = await api('appointments.get', { id: appointment.id });
      setA(fresh);
      return fresh;
    } catch {
      return null;
    }
  }, [appointment.id]);

  useChanges('appointments', (e) => {
    if (!e || e.id === appointment.id) void reload();
  });
  useChanges('payments', () => void reload());

  useEffect(() => {
    setA(appointment);
  }, [appointment]);

  const today = toDay(new Date());
  const isToday = a.startAt.slice(0, 10) === today;
  const actions = TRANSITIONS[a.status].filter((s) => s !== 'completed');
  const mayPay = !!user && MAY_PAY.includes(user.role) && (a.status === 'completed' || a.status === 'arrived' || a.status === 'in_service');
  const mayMove = !!user && MAY_BOOK.includes(user.role) && canDrag(a.status);
  const due = Math.max(a.total - a.paid, 0);

  const setStatus = async (status: Exclude<AppointmentStatus, 'booked' | 'completed'>, reasonCode?: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api('appointments.setStatus', { id: a.id, updatedAt: a.updatedAt, status, ...(reasonCode ? { reasonCode } : {}) });
      setA(next);
      setAsking(null);
      onChanged(next);
      notify(t('appt.statusSaved', { status: tc(`patient.status.${status}`) }));
    } catch (e) {
      const err = bookError(e, 'status');
      setError(err);
      if (err.current) {
        setA(err.current);
        onChanged(err.current);
      }
    } finally {
      setBusy(false);
    }
  };

  const click = (s: AppointmentStatus) => {
    if (s === 'cancelled') setAsking('cancel');
    else if (s === 'no_show') setAsking('no_show');
    else void setStatus(s as 'confirmed' | 'arrived' | 'in_service');
  };

  const openMove = () => {
    setMoveDoctor(a.doctorId);
    setMoveStart(a.startAt);
    setMoveEnd(hhmm(a.endAt));
    setMoving(true);
  };

  const changeMoveStart = (v: string) => {
    // Keep the length when the start changes.
    const length = minutesBetween(moveStart, `${moveStart.slice(0, 10)}T${moveEnd}`);
    setMoveStart(v);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && length > 0) setMoveEnd(hhmm(plusMinutes(v, length)));
  };

  const saveMove = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await api('appointments.move', { id: a.id, updatedAt: a.updatedAt, startAt: moveStart, endAt: `${moveStart.slice(0, 10)}T${moveEnd}`, doctorId: moveDoctor });
      setA(next);
      setMoving(false);
      onChanged(next);
      notify(t('appt.moved', { time: `${format(fromLocal(next.startAt), 'd MMM', { locale: dateLocale(i18n.language) })} ${hhmm(next.startAt)}` }));
    } catch (e) {
      const err = bookError(e, 'move');
      setError(err);
      if (err.current) setA(err.current);
    } finally {
      setBusy(false);
    }
  };

  const label: Record<string, string> = {
    confirmed: t('appt.confirm'),
    arrived: t('appt.arrived'),
    in_service: t('appt.start'),
    cancelled: t('appt.cancel'),
    no_show: t('appt.noShow'),
  };
  const colour: Record<string, 'success' | 'warning' | 'secondary' | 'error' | 'inherit'> = {
    confirmed: 'success',
    arrived: 'warning',
    in_service: 'secondary',
    cancelled: 'error',
    no_show: 'inherit',
  };

  const when = format(fromLocal(a.startAt), 'EEEE, d MMMM yyyy', { locale: dateLocale(i18n.language) });

  return (
    <>
      <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="appt-dialog">
        <DialogTitle sx={{ display: 'flex', alignItems: 'center', gap: 1.5, pr: 6 }}>
          <Link href={`#/patients/${a.patientId}`} underline="hover" onClick={onClose} data-testid="appt-patient">
            {a.patientName}
          </Link>
          <StatusChip status={a.status} />
          {a.override && <Chip size="small" variant="outlined" color="warning" label={t('appt.override')} />}
          <IconButton onClick={onClose} sx={{ position: 'absolute', right: 8, top: 8 }} aria-label={tc('common.close')}>
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent dividers>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="appt-error">
              {error.text}
            </Alert>
          )}
          {a.patientDebt > 0 && (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="appt-debt">
              {t('appt.patientDebt', { amount: formatMoney(a.patientDebt, currency) })}
            </Alert>
          )}
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Fact label={t('fields.startAt')}>
                {capitalize(when)}
                <br />
                <strong>
                  {hhmm(a.startAt)}–{hhmm(a.endAt)}
                </strong>{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  ({t('form.minutes', { count: minutesBetween(a.startAt, a.endAt) })})
                </Typography>
              </Fact>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Fact label={t('fields.doctorId')}>{a.doctorName}</Fact>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Fact label={t('appt.phone')}>
                {a.patientPhone ? <Link href={`tel:${a.patientPhone}`}>{formatPhone(a.patientPhone)}</Link> : '—'}
              </Fact>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Fact label={t('fields.channel')}>{a.channel ? t(`channels.${a.channel}`, { defaultValue: a.channel }) : '—'}</Fact>
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
              <Fact label={t('fields.comment')}>{a.comment || '—'}</Fact>
            </Grid>
            {a.reasonCode && (
              <Grid size={12}>
                <Fact label={t('reason.label')}>{reasonLabel({ code: a.reasonCode })}</Fact>
              </Grid>
            )}
            {(a.arrivedAt || a.startedAt || a.completedAt) && (
              <Grid size={12}>
                <Typography variant="caption" color="text.secondary">
                  {[
                    a.arrivedAt && `${tc('patient.status.arrived')} ${hhmm(a.arrivedAt)}`,
                    a.startedAt && `${tc('patient.status.in_service')} ${hhmm(a.startedAt)}`,
                    a.completedAt && `${tc('patient.status.completed')} ${hhmm(a.completedAt)}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              </Grid>
            )}
          </Grid>
          <Table size="small" data-testid="appt-lines">
            <TableHead>
              <TableRow>
                <TableCell>{t('appt.service')}</TableCell>
                <TableCell align="right">{t('appt.qty')}</TableCell>
                <TableCell align="right">{t('appt.price')}</TableCell>
                <TableCell align="right">{t('appt.discount')}</TableCell>
                <TableCell align="right">{t('appt.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {a.lines.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                    {t('appt.noServices')}
                  </TableCell>
                </TableRow>
              )}
              {a.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{l.serviceName}</TableCell>
                  <TableCell align="right">{l.qty}</TableCell>
                  <TableCell align="right">{formatMoney(l.price, currency)}</TableCell>
                  <TableCell align="right">{l.discount ? formatMoney(l.discount, currency) : '—'}</TableCell>
                  <TableCell align="right">{formatMoney(l.amount, currency)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={4} align="right" sx={{ fontWeight: 600, borderBottom: 0 }}>
                  {a.status === 'completed' ? t('appt.total') : t('appt.planned')}
                </TableCell>
                <TableCell align="right" sx={{ fontWeight: 600, borderBottom: 0 }} data-testid="appt-total">
                  {formatMoney(a.total, currency)}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell colSpan={4} align="right" sx={{ borderBottom: 0 }}>
                  {t('appt.paid')}
                </TableCell>
                <TableCell align="right" sx={{ borderBottom: 0 }} data-testid="appt-paid">
                  {formatMoney(a.paid, currency)}
                </TableCell>
              </TableRow>
              {a.status === 'completed' && due > 0 && (
                <TableRow>
                  <TableCell colSpan={4} align="right" sx={{ borderBottom: 0, color: 'error.main', fontWeight: 600 }}>
                    {t('appt.due')}
                  </TableCell>
                  <TableCell align="right" sx={{ borderBottom: 0, color: 'error.main', fontWeight: 600 }}>
                    {formatMoney(due, currency)}
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
          {moving && (
            <>
              <Divider sx={{ my: 2 }} />
              <Typography variant="subtitle2" sx={{ mb: 1.5 }}>
                {t('appt.reschedule')}
              </Typography>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 5 }}>
                  <TextField
                    select
                    fullWidth
                    size="small"
                    label={t('fields.doctorId')}
                    value={moveDoctor}
                    onChange={(e) => setMoveDoctor(Number(e.target.value))}
                    slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'appt-move-doctor' }, inputLabel: { shrink: true } }}
                  >
                    {doctors.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </TextField>
                </Grid>
                <Grid size={{ xs: 7, sm: 4 }}>
                  <TextField
                    fullWidth
                    size="small"
                    type="datetime-local"
                    label={t('fields.startAt')}
                    value={moveStart}
                    onChange={(e) => changeMoveStart(e.target.value)}
                    autoFocus
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: step * 60, 'data-testid': 'appt-move-start' } }}
                  />
                </Grid>
                <Grid size={{ xs: 5, sm: 3 }}>
                  <TextField
                    fullWidth
                    size="small"
                    type="time"
                    label={t('fields.endAt')}
                    value={moveEnd}
                    onChange={(e) => setMoveEnd(e.target.value)}
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: step * 60, 'data-testid': 'appt-move-end' } }}
                  />
                </Grid>
              </Grid>
              <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mt: 1.5 }}>
                <Button onClick={() => setMoving(false)}>{tc('patient.cancel')}</Button>
                <Button variant="contained" onClick={() => void saveMove()} disabled={busy} data-testid="appt-move-save">
                  {t('appt.moveSave')}
                </Button>
              </Box>
            </>
          )}
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1, px: 3, py: 1.5 }}>
          {actions.map((s) => {
            const blocked = s === 'arrived' && !isToday;
            const button = (
              <Button
                key={s}
                variant={s === 'cancelled' || s === 'no_show' ? 'outlined' : 'contained'}
                color={colour[s]}
                startIcon={ICONS[s]}
                disabled={busy || blocked}
                onClick={() => click(s)}
                data-testid={`appt-action-${s}`}
              >
                {label[s]}
              </Button>
            );
            return blocked ? (
              <Tooltip key={s} title={t('errors.arriveToday')}>
                <span>{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
          {mayMove && !moving && (
            <Button startIcon={<ScheduleIcon />} onClick={openMove} data-testid="appt-move">
              {t('appt.reschedule')}
            </Button>
          )}
          {mayPay && (
            <Button variant="outlined" startIcon={<PaymentsIcon />} onClick={() => setPaying(true)} data-testid="appt-pay">
              {a.status === 'completed' ? t('appt.pay') : t('appt.prepay')}
            </Button>
          )}
          <Box sx={{ flexGrow: 1 }} />
          <Button onClick={onClose}>{tc('common.close')}</Button>
        </DialogActions>
      </Dialog>
      {asking && (
        <ReasonDialog
          kind={asking}
          title={asking === 'cancel' ? t('reason.cancelTitle') : t('reason.noShowTitle')}
          subtitle={`${a.patientName} · ${hhmm(a.startAt)}`}
          busy={busy}
          error={error?.text}
          onClose={() => setAsking(null)}
          onChoose={(code) => void setStatus(asking === 'cancel' ? 'cancelled' : 'no_show', code)}
        />
      )}
      {paying && (
        <PaymentDialog
          patientId={a.patientId}
          appointmentId={a.id}
          suggestedAmount={due}
          onClose={() => setPaying(false)}
          onPaid={() => {
            void reload().then((fresh) => fresh && onChanged(fresh));
          }}
        />
      )}
    </>
  );
}
