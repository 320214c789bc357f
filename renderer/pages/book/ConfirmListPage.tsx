// Confirmation calls: tomorrow's bookings (or any day's) not yet confirmed.
// One click per outcome; a confirmed or cancelled booking leaves the list,
// a call nobody answered stays, marked, for another try.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, ButtonGroup, Chip, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import CheckIcon from '@mui/icons-material/Check';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import PhoneMissedIcon from '@mui/icons-material/PhoneMissed';
import PhoneIcon from '@mui/icons-material/Phone';
import { useTranslation } from 'react-i18next';
import { format, parseISO } from 'date-fns';
import type { Appointment, ToConfirm } from '../../../shared/api/appointments';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges } from '../../api/hooks';
import { formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { ReasonDialog } from './ReasonDialog';
import { capitalize, hhmm, shiftDay, shortName, toDay } from './book-utils';
import { useBookErrorText } from './book-errors';
import { dateLocale } from './localizer';

const MAY_ACT = ['admin', 'director', 'reception', 'callcenter'];

/** When a call went unanswered: the time today, the day and time before today. */
function attemptTime(at: string): string {
  return at.slice(0, 10) === toDay(new Date()) ? at.slice(11, 16) : `${at.slice(8, 10)}.${at.slice(5, 7)} ${at.slice(11, 16)}`;
}

export function ConfirmListPage() {
  const { t, i18n } = useTranslation('book');
  const { t: tc } = useTranslation();
  const { user, settings } = useSession();
  const notify = useNotify();
  const bookError = useBookErrorText();
  const currency = settings?.currency ?? 'RUB';
  const mayAct = !!user && MAY_ACT.includes(user.role);
  const [date, setDate] = useState(() => shiftDay(toDay(new Date()), 1));
  const [rows, setRows] = useState<ToConfirm[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await api('appointments.toConfirm', { date });
      setRows(list.sort((a, b) => a.startAt.localeCompare(b.startAt) || a.doctorName.localeCompare(b.doctorName)));
      setError(null);
    } catch {
      setError(t('confirm.loadFailed'));
    }
  }, [date, t]);

  useEffect(() => {
    setRows(null);
    void load();
  }, [date, load]);

  useChanges('appointments', () => void load());

  const drop = (id: number) => setRows((r) => (r ? r.filter((x) => x.id !== id) : r));

  const confirm = async (a: Appointment) => {
    setBusy(a.id);
    try {
      await api('appointments.setStatus', { id: a.id, updatedAt: a.updatedAt, status: 'confirmed' });
      drop(a.id);
      notify(t('confirm.confirmed', { patient: a.patientName }));
    } catch (e) {
      notify(bookError(e, 'status').text, 'error');
      void load();
    } finally {
      setBusy(null);
    }
  };

  const cancel = async (a: Appointment, reasonCode: string) => {
    setBusy(a.id);
    setCancelError(null);
    try {
      await api('appointments.setStatus', { id: a.id, updatedAt: a.updatedAt, status: 'cancelled', reasonCode });
      drop(a.id);
      setCancelling(null);
      notify(t('confirm.cancelled', { patient: a.patientName }));
    } catch (e) {
      setCancelError(bookError(e, 'status').text);
      void load();
    } finally {
      setBusy(null);
    }
  };

  const noAnswer = async (a: Appointment) => {
    setBusy(a.id);
    try {
      await api('appointments.noAnswer', { id: a.id });
      void load();
      notify(t('confirm.noAnswerSaved', { patient: a.patientName }), 'info');
    } catch (e) {
      notify(bookError(e, 'status').text, 'error');
    } finally {
      setBusy(null);
    }
  };

  // Not yet called first, then the ones nobody answered, each in time order.
  const ordered = useMemo(
    () => (rows ? [...rows].sort((a, b) => a.attempts.length - b.attempts.length || a.startAt.localeCompare(b.startAt)) : []),
    [rows],
  );

  const locale = dateLocale(i18n.language);
  const isTomorrow = date === shiftDay(toDay(new Date()), 1);

  return (
    <Box data-testid="confirm-page">
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5, mb: 2 }}>
        <Typography variant="h5" sx={{ mr: 1 }}>
          {t('confirm.title')}
        </Typography>
        <ButtonGroup size="small" variant="outlined">
          <Button onClick={() => setDate((d) => shiftDay(d, -1))} aria-label={t('book.prevDay')} data-testid="confirm-prev">
            <ChevronLeftIcon fontSize="small" />
          </Button>
          <Button onClick={() => setDate(shiftDay(toDay(new Date()), 1))} disabled={isTomorrow} data-testid="confirm-tomorrow">
            {t('confirm.tomorrow')}
          </Button>
          <Button onClick={() => setDate((d) => shiftDay(d, 1))} aria-label={t('book.nextDay')} data-testid="confirm-next">
            <ChevronRightIcon fontSize="small" />
          </Button>
        </ButtonGroup>
        <TextField
          type="date"
          size="small"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'confirm-date', 'aria-label': t('book.date') } }}
          sx={{ width: 160 }}
        />
        <Typography variant="subtitle1" color="text.secondary">
          {capitalize(format(parseISO(date), 'EEEE, d MMMM', { locale }))}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {rows && (
          <Chip
            color={rows.length ? 'primary' : 'default'}
            label={t('confirm.left', { count: rows.length })}
            data-testid="confirm-count"
          />
        )}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 90 }}>{t('confirm.time')}</TableCell>
              <TableCell>{t('confirm.patient')}</TableCell>
              <TableCell sx={{ width: 180 }}>{t('appt.phone')}</TableCell>
              <TableCell>{t('fields.doctorId')}</TableCell>
              <TableCell>{t('fields.serviceIds')}</TableCell>
              <TableCell align="right" sx={{ width: 430 }}>
                {t('confirm.actions')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} sx={{ py: 6, textAlign: 'center', color: 'text.secondary' }} data-testid="confirm-empty">
                  {t('confirm.empty')}
                </TableCell>
              </TableRow>
            )}
            {!rows && !error && (
              <TableRow>
                <TableCell colSpan={6} sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>
                  {tc('common.loading')}
                </TableCell>
              </TableRow>
            )}
            {ordered.map((a) => {
              const tries = a.attempts;
              return (
                <TableRow key={a.id} hover data-testid={`confirm-row-${a.id}`} sx={{ '& td': { verticalAlign: 'top', py: 1 }, opacity: busy === a.id ? 0.6 : 1 }}>
                  <TableCell sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                    {hhmm(a.startAt)}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {hhmm(a.endAt)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Link href={`#/patients/${a.patientId}`} underline="hover" sx={{ fontWeight: 500 }}>
                      {a.patientName}
                    </Link>
                    <Box sx={{ display: 'flex', gap: 0.5, mt: 0.5, flexWrap: 'wrap' }}>
                      {a.patientDebt > 0 && (
                        <Chip size="small" color="error" variant="outlined" label={t('confirm.debt', { amount: formatMoney(a.patientDebt, currency) })} />
                      )}
                      {tries.length > 0 && (
                        <Chip
                          size="small"
                          color="warning"
                          variant="outlined"
                          icon={<PhoneMissedIcon />}
                          label={t('confirm.noAnswerAt', { times: tries.map((x) => attemptTime(x.at)).join(', ') })}
                          title={[...new Set(tries.map((x) => x.userName).filter(Boolean))].join(', ')}
                          data-testid="confirm-no-answer-mark"
                        />
                      )}
                      {a.comment && (
                        <Typography variant="caption" color="text.secondary">
                          {a.comment}
                        </Typography>
                      )}
                    </Box>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {a.patientPhone ? (
                      <Link href={`tel:${a.patientPhone}`} underline="hover" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                        <PhoneIcon sx={{ fontSize: 16 }} />
                        {formatPhone(a.patientPhone)}
                      </Link>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('patient.noPhone')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{shortName(a.doctorName)}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{a.lines.map((l) => l.serviceName).join(', ') || '—'}</Typography>
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {mayAct && (
                      <Box sx={{ display: 'inline-flex', gap: 1 }}>
                        <Button size="small" variant="contained" color="success" startIcon={<CheckIcon />} disabled={busy === a.id} onClick={() => void confirm(a)} data-testid="confirm-confirm">
                          {t('appt.confirm')}
                        </Button>
                        <Button size="small" variant="outlined" color="warning" startIcon={<PhoneMissedIcon />} disabled={busy === a.id} onClick={() => void noAnswer(a)} data-testid="confirm-no-answer">
                          {t('confirm.noAnswer')}
                        </Button>
                        <Button size="small" color="error" startIcon={<EventBusyIcon />} disabled={busy === a.id} onClick={() => { setCancelError(null); setCancelling(a); }} data-testid="confirm-cancel">
                          {t('confirm.cancel')}
                        </Button>
                      </Box>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {cancelling && (
        <ReasonDialog
          kind="cancel"
          title={t('reason.cancelTitle')}
          subtitle={`${cancelling.patientName} · ${hhmm(cancelling.startAt)} · ${shortName(cancelling.doctorName)}`}
          busy={busy === cancelling.id}
          error={cancelError}
          onClose={() => setCancelling(null)}
          onChoose={(code) => void cancel(cancelling, code)}
        />
      )}
    </Box>
  );
}
