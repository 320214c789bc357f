// The two lists of today at the desk: bookings whose patient has not come
// yet ("Arrived" puts them in their doctor's queue), and finished visits
// that still owe money ("Take payment").
import { useMemo, useState, type ReactNode } from 'react';
import { Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/appointments';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatMoney } from '../../i18n';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PaymentDialog } from '../../components/PaymentDialog';
import { DebtChip } from './QueueBoard';
import { hhmm, isExpected, isUnpaid } from './queues';

/** A booking more than 15 minutes past its start is shown as late. */
const LATE_AFTER_MS = 15 * 60_000;

function Row({ a, children }: { a: Appointment; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', py: 0.75, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}>
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, width: 44 }}>
        {hhmm(a.startAt)}
      </Typography>
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography
          variant="body2"
          noWrap
          sx={{ fontWeight: 500, cursor: 'pointer', '&:hover': { textDecoration: 'underline' } }}
          onClick={() => navigate(`patients/${a.patientId}`)}
        >
          {a.patientName}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap component="div">
          {a.doctorName}
        </Typography>
      </Box>
      {children}
    </Stack>
  );
}

export function ArrivalsList({ appointments, canMark, doctorId }: { appointments: Appointment[] | null; canMark: boolean; doctorId?: number }) {
  const { t } = useTranslation('desk');
  const errorText = useErrorText();
  const notify = useNotify();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<number | null>(null);
  const now = Date.now();

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (appointments ?? [])
      .filter(isExpected)
      .filter((a) => !doctorId || a.doctorId === doctorId)
      .filter((a) => !f || a.patientName.toLowerCase().includes(f) || a.doctorName.toLowerCase().includes(f) || (a.patientPhone ?? '').includes(f))
      .sort((x, y) => x.startAt.localeCompare(y.startAt));
  }, [appointments, filter, doctorId]);

  const arrived = async (a: Appointment) => {
    setBusy(a.id);
    try {
      await api('appointments.setStatus', { id: a.id, updatedAt: a.updatedAt, status: 'arrived' });
      notify(t('arrivals.marked', { patient: a.patientName, doctor: a.doctorName }));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>
          {doctorId ? t('arrivals.laterToday') : t('arrivals.title')}
        </Typography>
        <Chip size="small" label={rows.length} />
      </Stack>
      {!doctorId && (
        <TextField
          size="small"
          fullWidth
          placeholder={t('arrivals.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          sx={{ mb: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'arrivals-filter' } }}
        />
      )}
      <Box sx={{ maxHeight: 480, overflowY: 'auto' }} data-testid="arrivals">
        {appointments && !rows.length && (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            {t('arrivals.empty')}
          </Typography>
        )}
        {rows.map((a) => {
          const late = now - new Date(a.startAt).getTime() > LATE_AFTER_MS;
          return (
            <Row key={a.id} a={a}>
              <DebtChip debt={a.patientDebt} />
              {late && <Chip size="small" color="warning" variant="outlined" label={t('arrivals.late')} />}
              {a.status === 'confirmed' && <Chip size="small" color="success" variant="outlined" label={t('arrivals.confirmed')} />}
              {canMark && (
                <Button size="small" variant="outlined" disabled={busy === a.id} onClick={() => void arrived(a)} data-testid={`arrival-${a.id}`}>
                  {t('arrivals.arrived')}
                </Button>
              )}
            </Row>
          );
        })}
      </Box>
    </Paper>
  );
}

export function CheckoutList({ appointments }: { appointments: Appointment[] | null }) {
  const { t } = useTranslation('desk');
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const [paying, setPaying] = useState<Appointment | null>(null);
  const rows = useMemo(
    () => (appointments ?? []).filter(isUnpaid).sort((x, y) => (y.completedAt ?? '').localeCompare(x.completedAt ?? '')),
    [appointments],
  );
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>
          {t('checkout.title')}
        </Typography>
        <Chip size="small" color={rows.length ? 'error' : 'default'} label={rows.length} />
      </Stack>
      <Box sx={{ maxHeight: 360, overflowY: 'auto' }} data-testid="checkout">
        {appointments && !rows.length && (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            {t('checkout.empty')}
          </Typography>
        )}
        {rows.map((a) => (
          <Row key={a.id} a={a}>
            <Box sx={{ textAlign: 'right' }}>
              <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} color="error">
                {formatMoney(a.total - a.paid, currency)}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {t('checkout.ofTotal', { total: formatMoney(a.total, currency) })}
              </Typography>
            </Box>
            <Button size="small" variant="contained" onClick={() => setPaying(a)} data-testid={`checkout-pay-${a.id}`}>
              {t('checkout.pay')}
            </Button>
          </Row>
        ))}
      </Box>
      {paying && (
        <PaymentDialog
          patientId={paying.patientId}
          appointmentId={paying.id}
          suggestedAmount={paying.total - paying.paid}
          onClose={() => setPaying(null)}
          onPaid={() => setPaying(null)}
        />
      )}
    </Paper>
  );
}
