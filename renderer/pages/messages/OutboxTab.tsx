// The outbox: every message, newest first, filtered by status, with retry
// for a failed one and cancel for one still waiting. Refreshes as the host
// sends (change events on `messages`).
import { useCallback, useEffect, useState } from 'react';
import { Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATUSES, type Message, type MessageStatus } from '../../../shared/api/messages';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { MessageTable } from './MessageTable';

export function OutboxTab({ manager }: { manager: boolean }) {
  const { t } = useTranslation('messages');
  const { user } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const [data, setData] = useState<{ rows: Message[]; total: number }>({ rows: [], total: 0 });
  const load = useCallback(
    () => api('messages.list', { status: status || undefined, limit: 200 }).then(setData, (e) => notify(errorText(e), 'error')),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status],
  );
  useEffect(() => void load(), [load]);
  useChanges('messages', () => void load());
  const act = (p: Promise<unknown>) => p.then(() => load(), (e) => notify(errorText(e), 'error'));
  const canAct = user?.role !== 'doctor';
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField select size="small" label={t('outbox.filter')} value={status} sx={{ width: 220 }} onChange={(e) => setStatus(e.target.value as MessageStatus | '')} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'outbox-status' } }}>
          <option value="">{t('outbox.all')}</option>
          {MESSAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </TextField>
        <Typography color="text.secondary" sx={{ flexGrow: 1 }}>
          {t('outbox.total', { count: data.total })}
        </Typography>
        {manager && (
          <Button
            variant="outlined"
            data-testid="msg-run-reminders"
            onClick={() =>
              api('messages.runReminders', {}).then(
                (r) => {
                  notify(t('outbox.queuedReminders', r));
                  void load();
                },
                (e) => notify(errorText(e), 'error'),
              )
            }
          >
            {t('outbox.runReminders')}
          </Button>
        )}
      </Stack>
      <Paper>
        <MessageTable rows={data.rows} showPatient canAct={canAct} onRetry={(id) => void act(api('messages.retry', { id }))} onCancel={(id) => void act(api('messages.cancel', { id }))} />
      </Paper>
    </Stack>
  );
}
