// What can be done to an open task besides closing it: reassign it (another
// employee, another time), cancel it, and read its history.
import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Task, TaskHistoryEntry } from '../../../shared/api/tasks';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatDateTime } from '../../i18n';
import { useAssignees } from './common';

export function ReassignDialog({ task, onClose, onSaved }: { task: Task; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('tasks');
  const errorText = useErrorText();
  const assignees = useAssignees();
  const [assigneeId, setAssigneeId] = useState(task.assigneeId);
  const [dueAt, setDueAt] = useState(task.dueAt);
  const [error, setError] = useState<string | null>(null);
  const save = () =>
    api('tasks.reassign', { id: task.id, updatedAt: task.updatedAt, assigneeId, ...(dueAt !== task.dueAt ? { dueAt } : {}) }).then(onSaved, (e) => setError(errorText(e)));
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('reassign')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField select size="small" label={t('fields.assignee')} value={assigneeId} onChange={(e) => setAssigneeId(Number(e.target.value))}>
            {assignees.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                {a.fullName}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="datetime-local" label={t('fields.dueAt')} value={dueAt} onChange={(e) => setDueAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function HistoryDialog({ task, onClose }: { task: Task; onClose(): void }) {
  const { t } = useTranslation('tasks');
  const [entries, setEntries] = useState<TaskHistoryEntry[] | null>(null);
  useEffect(() => {
    api('tasks.history', { id: task.id }).then(setEntries, () => setEntries([]));
  }, [task.id]);
  const detail = (e: TaskHistoryEntry) => {
    const a = e.after ?? {};
    if (typeof a.outcome === 'string') return t(`outcome.${a.outcome}`, { defaultValue: a.outcome });
    if (typeof a.rule === 'string') return `${t(`rule.${a.rule}`)}: ${String(a.ruleReason ?? '')}`;
    if (typeof a.note === 'string') return a.note;
    return '';
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('history')}</DialogTitle>
      <DialogContent>
        {entries && !entries.length && t('historyEmpty')}
        <List dense>
          {entries?.map((e, i) => (
            <ListItem key={i}>
              <ListItemText
                primary={`${formatDateTime(e.at)} · ${t(`history_.${e.method}`, { defaultValue: e.method })} · ${e.userName ?? t('rule.' + String(e.after?.rule ?? ''), { defaultValue: '' })}`}
                secondary={detail(e)}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
