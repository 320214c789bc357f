// The live queues: one card per doctor on shift today, with who waits (and
// how long), who is in the chair, and how many were seen.
import { Alert, Box, Button, Chip, Divider, Grid, Link, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/appointments';
import type { DoctorQueue, QueueEntry } from '../../../shared/api/queue';
import { formatMoney } from '../../i18n';
import { navigate } from '../../route';
import { useSession } from '../../session';

export interface QueueActions {
  onStart?(a: Appointment): void;
  onComplete?(a: Appointment): void;
}

/** Long waits stand out: amber after 15 minutes, red after 30. */
function waitColor(minutes: number): 'default' | 'warning' | 'error' {
  return minutes >= 30 ? 'error' : minutes >= 15 ? 'warning' : 'default';
}

export function DebtChip({ debt }: { debt: number }) {
  const { t } = useTranslation('desk');
  const { settings } = useSession();
  if (debt <= 0) return null;
  return (
    <Tooltip title={t('board.debtHint', { amount: formatMoney(debt, settings?.currency ?? 'RUB') })}>
      <Chip size="small" color="error" variant="outlined" label={t('board.debt')} data-testid="debt-flag" />
    </Tooltip>
  );
}

function PatientName({ a }: { a: Appointment }) {
  return (
    <Link component="button" underline="hover" color="inherit" onClick={() => navigate(`patients/${a.patientId}`)} sx={{ textAlign: 'left', fontWeight: 500 }}>
      {a.patientName}
    </Link>
  );
}

function EntryRow({ entry, kind, actions }: { entry: QueueEntry; kind: 'waiting' | 'inservice'; actions: QueueActions }) {
  const { t } = useTranslation('desk');
  const a = entry.appointment;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.5 }} data-testid={`queue-${kind}-${a.id}`}>
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <PatientName a={a} />
        {a.lines.length > 0 && (
          <Typography variant="caption" color="text.secondary" component="div" noWrap>
            {a.lines.map((l) => l.serviceName).join(', ')}
          </Typography>
        )}
      </Box>
      <DebtChip debt={a.patientDebt} />
      <Chip
        size="small"
        variant={kind === 'waiting' ? 'outlined' : 'filled'}
        color={kind === 'waiting' ? waitColor(entry.minutes) : 'primary'}
        label={t('board.minutes', { count: entry.minutes })}
        title={kind === 'waiting' ? t('board.waitingSince', { time: a.arrivedAt?.slice(11, 16) ?? '' }) : t('board.inServiceSince', { time: a.startedAt?.slice(11, 16) ?? '' })}
      />
      {kind === 'waiting' && actions.onStart && (
        <Button size="small" onClick={() => actions.onStart!(a)} data-testid={`queue-start-${a.id}`}>
          {t('board.start')}
        </Button>
      )}
      {kind === 'inservice' && actions.onComplete && (
        <Button size="small" onClick={() => actions.onComplete!(a)} data-testid={`queue-complete-${a.id}`}>
          {t('board.complete')}
        </Button>
      )}
    </Stack>
  );
}

export function DoctorQueueCard({ queue, actions }: { queue: DoctorQueue; actions: QueueActions }) {
  const { t } = useTranslation('desk');
  const busy = queue.inService.length > 0;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, height: '100%', display: 'flex', flexDirection: 'column' }} data-testid={`desk-queue-${queue.doctorId}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600, lineHeight: 1.3 }}>
            {queue.doctorName}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {queue.specialty ? t(`specialty.${queue.specialty}`, { defaultValue: queue.specialty }) : t('specialty.none')}
          </Typography>
        </Box>
        <Chip size="small" color={busy ? 'primary' : 'success'} variant="outlined" label={busy ? t('board.busy') : t('board.free')} />
      </Stack>
      <Divider sx={{ my: 1 }} />
      <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.8 }}>
        {t('board.inService')}
      </Typography>
      {queue.inService.length ? (
        queue.inService.map((e) => <EntryRow key={e.appointment.id} entry={e} kind="inservice" actions={actions} />)
      ) : (
        <Typography variant="body2" color="text.secondary">
          —
        </Typography>
      )}
      <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.8, mt: 1 }}>
        {t('board.waiting', { count: queue.waiting.length })}
      </Typography>
      <Box sx={{ flexGrow: 1 }}>
        {queue.waiting.length ? (
          queue.waiting.map((e) => <EntryRow key={e.appointment.id} entry={e} kind="waiting" actions={actions} />)
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('board.nobodyWaiting')}
          </Typography>
        )}
      </Box>
      <Divider sx={{ my: 1 }} />
      <Typography variant="body2" color="text.secondary" data-testid={`queue-done-${queue.doctorId}`}>
        {t('board.doneToday', { count: queue.doneToday })}
      </Typography>
    </Paper>
  );
}

export function QueueBoard({ queues, error, actions }: { queues: DoctorQueue[] | null; error: string | null; actions: QueueActions }) {
  const { t } = useTranslation('desk');
  return (
    <Stack spacing={1}>
      {error && <Alert severity="warning">{error}</Alert>}
      {queues && !queues.length && <Typography color="text.secondary">{t('board.empty')}</Typography>}
      <Grid container spacing={1.5}>
        {queues?.map((q) => (
          <Grid key={q.doctorId} size={{ xs: 12, sm: 6, xl: 4 }}>
            <DoctorQueueCard queue={q} actions={actions} />
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}
