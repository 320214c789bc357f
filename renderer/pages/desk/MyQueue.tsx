// A doctor's own live queue: who is in the chair (complete the visit), who
// waits and since when (start the next), and who is still booked today.
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../../shared/api/queue';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { DebtChip } from './QueueBoard';
import { ArrivalsList } from './TodayLists';
import { hhmm, useQueues, useToday } from './queues';
import { useVisitActions } from './visit-actions';

function Entry({ entry, kind, onAction }: { entry: QueueEntry; kind: 'waiting' | 'inservice'; onAction(): void }) {
  const { t } = useTranslation('desk');
  const a = entry.appointment;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, display: 'flex', alignItems: 'center', gap: 2, borderColor: kind === 'inservice' ? 'primary.main' : 'divider', borderWidth: kind === 'inservice' ? 2 : 1 }}
      data-testid={`queue-${kind}-${a.id}`}
    >
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, cursor: 'pointer' }} onClick={() => navigate(`patients/${a.patientId}`)}>
          {a.patientName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {kind === 'waiting'
            ? t('myQueue.waitingFor', { count: entry.minutes, time: hhmm(a.arrivedAt) })
            : t('myQueue.inServiceFor', { count: entry.minutes, time: hhmm(a.startedAt) })}
          {a.lines.length > 0 && ` · ${a.lines.map((l) => l.serviceName).join(', ')}`}
        </Typography>
      </Box>
      <DebtChip debt={a.patientDebt} />
      {kind === 'waiting' ? (
        <Button variant="outlined" onClick={onAction} data-testid={`queue-start-${a.id}`}>
          {t('myQueue.start')}
        </Button>
      ) : (
        <Button variant="contained" onClick={onAction} data-testid={`queue-complete-${a.id}`}>
          {t('myQueue.complete')}
        </Button>
      )}
    </Paper>
  );
}

export function MyQueue() {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const { queues, error, reload } = useQueues(user!.id);
  const today = useToday();
  const { actions, dialog } = useVisitActions(reload);
  const q = queues?.find((x) => x.doctorId === user!.id);

  return (
    <Stack spacing={2} sx={{ maxWidth: 960 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" sx={{ flexGrow: 1 }}>
          {t('myQueue.title')}
        </Typography>
        {q && <Chip label={t('board.doneToday', { count: q.doneToday })} data-testid="my-done" />}
      </Stack>
      {error && <Alert severity="warning">{error}</Alert>}
      {queues && !q && <Alert severity="info">{t('myQueue.notOnShift')}</Alert>}
      {q && (
        <>
          <Typography variant="overline" color="text.secondary">
            {t('board.inService')}
          </Typography>
          {q.inService.length ? (
            q.inService.map((e) => <Entry key={e.appointment.id} entry={e} kind="inservice" onAction={() => actions.onComplete(e.appointment)} />)
          ) : (
            <Typography color="text.secondary">{t('myQueue.nobodyInService')}</Typography>
          )}
          <Typography variant="overline" color="text.secondary">
            {t('board.waiting', { count: q.waiting.length })}
          </Typography>
          {q.waiting.length ? (
            q.waiting.map((e) => <Entry key={e.appointment.id} entry={e} kind="waiting" onAction={() => actions.onStart(e.appointment)} />)
          ) : (
            <Typography color="text.secondary">{t('board.nobodyWaiting')}</Typography>
          )}
        </>
      )}
      <ArrivalsList appointments={today.appointments} canMark={false} doctorId={user!.id} />
      {dialog}
    </Stack>
  );
}
