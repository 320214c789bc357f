// Tasks (#/tasks): My day for everyone; the director's view per employee
// (the tasks report's numbers, each opening its list).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { MyDayTask } from '../../../shared/api/tasks';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { TaskCard } from './TaskCard';
import { TaskDialog } from './TaskDialog';
import { TeamView } from './TeamView';

function MyDay() {
  const { t } = useTranslation('tasks');
  const errorText = useErrorText();
  const [day, setDay] = useState<{ items: MyDayTask[]; total: number } | null>(null);
  // A long day is read a hundred at a time, the most urgent first.
  const [limit, setLimit] = useState(100);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api('tasks.myDay', { limit }).then(
      (r) => {
        setDay(r);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [limit]);
  useEffect(load, [load]);
  useChanges('tasks', () => load());
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!day) return null;
  if (!day.items.length) return <Typography color="text.secondary" data-testid="my-day-empty">{t('empty')}</Typography>;
  return (
    <Stack spacing={1} data-testid="my-day">
      {day.items.map((task) => (
        <TaskCard key={`${task.id}-${task.updatedAt}`} task={task} onChanged={load} />
      ))}
      {day.total > day.items.length && limit < 500 && (
        <Button onClick={() => setLimit(limit + 100)} data-testid="my-day-more">
          {t('more')} ({day.total - day.items.length})
        </Button>
      )}
    </Stack>
  );
}

export function TasksPage() {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const notify = useNotify();
  const [tab, setTab] = useState(0);
  const [creating, setCreating] = useState(false);
  const director = user?.role === 'director' || user?.role === 'admin';
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" sx={{ flexGrow: 1 }}>
          {t('title')}
        </Typography>
        <Button variant="contained" onClick={() => setCreating(true)} data-testid="new-task">
          {t('newTask')}
        </Button>
      </Stack>
      {director && (
        <Tabs value={tab} onChange={(_e, v: number) => setTab(v)}>
          <Tab label={t('myDay')} data-testid="tab-my-day" />
          <Tab label={t('team')} data-testid="tab-team" />
        </Tabs>
      )}
      {tab === 0 ? <MyDay /> : <TeamView />}
      {creating && (
        <TaskDialog
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            notify(t('saved'));
          }}
        />
      )}
    </Stack>
  );
}
