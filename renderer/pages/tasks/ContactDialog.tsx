// How a talk with a patient went. From a task's one-click outcome it asks
// only what that outcome needs (the churn reason for a refusal, the time to
// call back); from the patient card ("log contact") also the channel,
// direction and outcome.
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CHURN_OUTCOMES, CONTACT_CHANNELS, CONTACT_DIRECTIONS, CONTACT_OUTCOMES, type ContactChannel, type ContactOutcome } from '../../../shared/api/contacts';
import { ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { defaultDue, EnumSelect, useChurnReasons } from './common';

export interface ContactValues {
  channel: ContactChannel;
  direction: 'in' | 'out';
  outcome: ContactOutcome;
  churnReason: string | null;
  note: string | null;
  callBackAt?: string;
}

export function ContactDialog({
  title,
  outcome: fixedOutcome,
  onSubmit,
  onClose,
}: {
  title: string;
  /** Given by a task's button: only the details are asked. */
  outcome?: ContactOutcome;
  onSubmit(v: ContactValues): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useTranslation('tasks');
  const errorText = useErrorText();
  const reasons = useChurnReasons();
  const [channel, setChannel] = useState<ContactChannel>('call');
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [outcome, setOutcome] = useState<ContactOutcome>(fixedOutcome ?? 'reached');
  const [churnReason, setChurnReason] = useState(fixedOutcome === 'moved_away' ? 'moved' : '');
  const [callBackAt, setCallBackAt] = useState(defaultDue());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<string[]>([]);
  const leaving = CHURN_OUTCOMES.includes(outcome);

  const save = async () => {
    try {
      await onSubmit({ channel, direction, outcome, churnReason: leaving ? churnReason || null : null, note: note || null, ...(outcome === 'call_back' ? { callBackAt } : {}) });
      onClose();
    } catch (e) {
      setBad(e instanceof ApiClientError ? e.fields : []);
      setError(errorText(e));
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="contact-dialog">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {!fixedOutcome && (
            <Stack direction="row" spacing={2}>
              <EnumSelect label={t('fields.channel')} value={channel} values={CONTACT_CHANNELS} prefix="channel" onChange={setChannel} width={150} />
              <EnumSelect label={t('fields.direction')} value={direction} values={CONTACT_DIRECTIONS} prefix="direction" onChange={setDirection} width={150} />
              <EnumSelect label={t('fields.outcome')} value={outcome} values={CONTACT_OUTCOMES} prefix="outcome" onChange={setOutcome} testId="contact-outcome" />
            </Stack>
          )}
          {leaving && (
            <TextField
              select
              size="small"
              label={t('fields.churnReason')}
              value={churnReason}
              error={bad.includes('churnReason')}
              onChange={(e) => setChurnReason(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'churn-reason' } }}
            >
              {reasons.map((r) => (
                <MenuItem key={r.code} value={r.code} data-testid={`churn-${r.code}`}>
                  {r.label}
                </MenuItem>
              ))}
            </TextField>
          )}
          {outcome === 'call_back' && (
            <TextField size="small" type="datetime-local" label={t('fields.callBackAt')} value={callBackAt} error={bad.includes('callBackAt')} onChange={(e) => setCallBackAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          )}
          <TextField size="small" label={t('fields.note')} value={note} multiline minRows={2} onChange={(e) => setNote(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="contact-save">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
