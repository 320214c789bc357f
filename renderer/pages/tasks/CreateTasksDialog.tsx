// Call tasks for a list of patients (a report's drill-down, the recall and
// lost lists): whom to give them to, when, and a comment.
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, type TaskKind } from '../../../shared/api/tasks';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { defaultDue, EnumSelect, useAssignees } from './common';

export function CreateTasksDialog({ patientIds, defaultComment, onClose }: { patientIds: number[]; defaultComment?: string; onClose(): void }) {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const assignees = useAssignees();
  const [kind, setKind] = useState<TaskKind>('call');
  const [assigneeId, setAssigneeId] = useState<number>(user?.id ?? 0);
  const [dueAt, setDueAt] = useState(defaultDue());
  const [comment, setComment] = useState(defaultComment ?? '');
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    try {
      const r = await api('tasks.createMany', { kind, patientIds, assigneeId, dueAt, comment: comment || null });
      notify(t('createMany.created', { count: r.created }));
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="create-tasks-dialog">
      <DialogTitle>{t('createMany.title', { count: patientIds.length })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <EnumSelect label={t('fields.kind')} value={kind} values={TASK_KINDS} prefix="kind" onChange={setKind} />
          <TextField select size="small" label={t('fields.assignee')} value={assigneeId || ''} onChange={(e) => setAssigneeId(Number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'create-tasks-assignee' } }}>
            {assignees.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                {a.fullName}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="datetime-local" label={t('fields.dueAt')} value={dueAt} onChange={(e) => setDueAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" label={t('fields.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!patientIds.length} data-testid="create-tasks-save">
          {t('createMany.button')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
