// A new task for oneself or another employee; from the patient card the patient is given.
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, TASK_PRIORITIES, type TaskKind, type TaskPriority } from '../../../shared/api/tasks';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useSession } from '../../session';
import { PatientPicker, type PatientOption } from '../book/PatientPicker';
import { defaultDue, EnumSelect, useAssignees } from './common';

export function TaskDialog({ patient, onClose, onSaved }: { patient?: { id: number; name: string }; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const errorText = useErrorText();
  const assignees = useAssignees();
  const [kind, setKind] = useState<TaskKind>('call');
  const [picked, setPicked] = useState<PatientOption | null>(null);
  const [assigneeId, setAssigneeId] = useState<number>(user?.id ?? 0);
  const [dueAt, setDueAt] = useState(defaultDue());
  const [priority, setPriority] = useState<TaskPriority>('normal');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<string[]>([]);

  const save = async () => {
    try {
      await api('tasks.create', { kind, patientId: patient?.id ?? picked?.id ?? null, assigneeId, dueAt, priority, comment: comment || null });
      onSaved();
    } catch (e) {
      setBad(e instanceof ApiClientError ? e.fields : []);
      setError(errorText(e));
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('newTask')}{patient ? ` · ${patient.name}` : ''}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <Stack direction="row" spacing={2}>
            <EnumSelect label={t('fields.kind')} value={kind} values={TASK_KINDS} prefix="kind" onChange={setKind} testId="task-kind" />
            <EnumSelect label={t('fields.priority')} value={priority} values={TASK_PRIORITIES} prefix="priority" onChange={setPriority} />
          </Stack>
          {!patient && <PatientPicker value={picked} onChange={setPicked} error={bad.includes('patientId')} />}
          <TextField select size="small" label={t('fields.assignee')} value={assigneeId || ''} error={bad.includes('assigneeId')} onChange={(e) => setAssigneeId(Number(e.target.value))}>
            {assignees.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                {a.fullName}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="datetime-local" label={t('fields.dueAt')} value={dueAt} error={bad.includes('dueAt')} onChange={(e) => setDueAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" label={t('fields.comment')} value={comment} multiline minRows={2} onChange={(e) => setComment(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="task-save">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
