// One task as My day and the lists show it: who and what, why a rule made it,
// and the one-click outcomes (those that need more ask in a small dialog).
import { useState } from 'react';
import { Box, Button, Chip, Link, Menu, MenuItem, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CONTACT_TASK_KINDS, type MyDayTask, type Task } from '../../../shared/api/tasks';
import type { ContactOutcome } from '../../../shared/api/contacts';
import { formatPhone } from '../../../shared/domain/phone';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatDate, formatDateTime, formatMoney } from '../../i18n';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { ContactDialog, type ContactValues } from './ContactDialog';
import { HistoryDialog, ReassignDialog } from './TaskActions';

const QUICK: ContactOutcome[] = ['reached', 'no_answer', 'booked', 'call_back', 'refused'];
const MORE: ContactOutcome[] = ['busy', 'wrong_number', 'moved_away'];
/** Outcomes that need a detail before the task closes. */
const ASKS: ContactOutcome[] = ['call_back', 'refused', 'moved_away'];

export function TaskCard({ task, onChanged }: { task: Task | MyDayTask; onChanged(): void }) {
  const { t } = useTranslation('tasks');
  const { settings } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [asking, setAsking] = useState<ContactOutcome | null>(null);
  const [more, setMore] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'reassign' | 'history' | null>(null);
  const talk = task.patientId !== null && CONTACT_TASK_KINDS.includes(task.kind);
  const open = task.status === 'open';
  const day = 'lastVisit' in task ? task : null;

  const complete = async (outcome: ContactOutcome | 'done', details: Partial<ContactValues> = {}) => {
    try {
      await api('tasks.complete', { id: task.id, updatedAt: task.updatedAt, outcome, churnReason: details.churnReason ?? null, note: details.note ?? null, ...(details.callBackAt ? { callBackAt: details.callBackAt } : {}) });
      notify(t('completed'));
      onChanged();
    } catch (e) {
      if (e instanceof ApiClientError && e.code === 'conflict') {
        notify(t('changedElsewhere'), 'warning');
        onChanged();
        return;
      }
      throw e;
    }
  };
  const click = (o: ContactOutcome) => {
    setMore(null);
    if (ASKS.includes(o)) setAsking(o);
    else complete(o).catch((e: unknown) => notify(errorText(e), 'error'));
  };

  return (
    <Paper sx={{ p: 1.5 }} data-testid={`task-${task.id}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flexGrow: 1 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" label={t(`kind.${task.kind}`)} color={task.kind === 'call' ? 'primary' : 'default'} />
            {task.priority === 'high' && <Chip size="small" color="error" label={t('priority.high')} />}
            {task.patientId ? (
              <Link href={`#/patients/${task.patientId}`} underline="hover" sx={{ fontWeight: 600 }} data-testid="task-patient">
                {task.patientName}
              </Link>
            ) : null}
            {task.patientPhone && <Typography sx={{ whiteSpace: 'nowrap' }}>{formatPhone(task.patientPhone)}</Typography>}
            <Typography variant="body2" color={day?.overdue ? 'error' : 'text.secondary'}>
              {t('due')}: {formatDateTime(task.dueAt)} {day?.overdue ? `(${t('overdue')})` : ''}
            </Typography>
            {!open && <Chip size="small" variant="outlined" label={`${t(`status.${task.status}`)}${task.outcome ? ` · ${t(`outcome.${task.outcome}`)}` : ''}`} />}
          </Stack>
          {day && day.patientId !== null && (
            <Typography variant="body2" color="text.secondary">
              {t('lastVisit')}: {day.lastVisit ? formatDate(day.lastVisit) : t('never')}
              {day.debt > 0 ? ` · ${t('debt')}: ${formatMoney(day.debt, settings?.currency ?? 'RUB')}` : ''}
            </Typography>
          )}
          {task.rule && (
            <Typography variant="body2" data-testid="task-rule">
              {t('why')}: {t(`rule.${task.rule}`)} — {task.ruleReason}
            </Typography>
          )}
          {task.comment && <Typography variant="body2">{task.comment}</Typography>}
          {!day && <Typography variant="caption" color="text.secondary">{task.assigneeName}</Typography>}
        </Box>
        <Stack spacing={0.5} sx={{ alignItems: 'flex-end' }}>
          {open && (
            <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }}>
              {talk ? (
                <>
                  {QUICK.map((o) => (
                    <Button key={o} size="small" variant={o === 'reached' || o === 'booked' ? 'contained' : 'outlined'} onClick={() => click(o)} data-testid={`outcome-${o}`}>
                      {t(`outcome.${o}`)}
                    </Button>
                  ))}
                  <Button size="small" onClick={(e) => setMore(e.currentTarget)} data-testid="outcome-more">
                    {t('more')}
                  </Button>
                  <Menu open={!!more} anchorEl={more} onClose={() => setMore(null)}>
                    {MORE.map((o) => (
                      <MenuItem key={o} onClick={() => click(o)} data-testid={`outcome-${o}`}>
                        {t(`outcome.${o}`)}
                      </MenuItem>
                    ))}
                  </Menu>
                </>
              ) : (
                <Button size="small" variant="contained" onClick={() => complete('done').catch((e: unknown) => notify(errorText(e), 'error'))} data-testid="outcome-done">
                  {t('outcome.done')}
                </Button>
              )}
            </Stack>
          )}
          <Stack direction="row" spacing={0.5}>
            {open && <Button size="small" onClick={() => setDialog('reassign')}>{t('reassign')}</Button>}
            {open && (
              <Button size="small" color="warning" onClick={() => api('tasks.cancel', { id: task.id, updatedAt: task.updatedAt }).then(onChanged, (e) => notify(errorText(e), 'error'))}>
                {t('cancelTask')}
              </Button>
            )}
            <Button size="small" onClick={() => setDialog('history')}>{t('history')}</Button>
          </Stack>
        </Stack>
      </Stack>
      {asking && (
        <ContactDialog
          title={`${t(`outcome.${asking}`)}${task.patientName ? ` · ${task.patientName}` : ''}`}
          outcome={asking}
          onSubmit={(v) => complete(asking, v)}
          onClose={() => setAsking(null)}
        />
      )}
      {dialog === 'reassign' && (
        <ReassignDialog
          task={task}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog === 'history' && <HistoryDialog task={task} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
