// The front desk (#/desk). Reception, director, admin and the call-center
// see every doctor's live queue, today's arrivals and visits still to pay;
// reception registers walk-ins. A doctor sees their own queue instead.
import { Alert, Grid, Stack, Typography } from '@mui/material';
import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { formatDate } from '../../i18n';
import { QueueBoard } from './QueueBoard';
import { ArrivalsList, CheckoutList } from './TodayLists';
import { WalkInPanel } from './WalkInPanel';
import { MyQueue } from './MyQueue';
import { useQueues, useToday } from './queues';
import { useVisitActions } from './visit-actions';

function DeskBoard() {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const role = user!.role;
  const desk = role === 'reception' || role === 'director' || role === 'admin';
  const { queues, error, reload } = useQueues();
  const today = useToday();
  const { actions, dialog } = useVisitActions(reload);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5">{t('title')}</Typography>
        <Typography color="text.secondary">{formatDate(format(new Date(), 'yyyy-MM-dd'))}</Typography>
      </Stack>
      {today.error && <Alert severity="warning">{today.error}</Alert>}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Stack spacing={2}>
            {desk && <WalkInPanel />}
            <ArrivalsList appointments={today.appointments} canMark />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Stack spacing={2}>
            <Typography variant="h6">{t('board.title')}</Typography>
            <QueueBoard queues={queues} error={error} actions={desk ? actions : {}} />
            {desk && <CheckoutList appointments={today.appointments} />}
          </Stack>
        </Grid>
      </Grid>
      {dialog}
    </Stack>
  );
}

export function FrontDeskPage() {
  const { user } = useSession();
  if (!user) return null;
  return user.role === 'doctor' ? <MyQueue /> : <DeskBoard />;
}
