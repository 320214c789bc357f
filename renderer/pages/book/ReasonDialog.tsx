// Asks why a booking is cancelled or why the patient did not come: a code
// from the clinic's reasons catalog, which the reports count.
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../../shared/api/payments';
import { api } from '../../api/client';

/** The reason's own name, else the translated standard code, else the code. */
export function useReasonLabel(): (r: { code: string; name?: string | null }) => string {
  const { t } = useTranslation('book');
  return (r) => r.name || t(`reasons.${r.code}`, { defaultValue: r.code.replace(/_/g, ' ') });
}

export function ReasonDialog({
  kind,
  title,
  subtitle,
  busy,
  error,
  onClose,
  onChoose,
}: {
  kind: 'cancel' | 'no_show';
  title: string;
  subtitle?: string;
  busy?: boolean;
  error?: string | null;
  onClose(): void;
  onChoose(code: string): void;
}) {
  const { t } = useTranslation('book');
  const label = useReasonLabel();
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [code, setCode] = useState('');

  useEffect(() => {
    api('reasons.list', { kind }).then((r) => setReasons(r.filter((x) => x.active)), () => undefined);
  }, [kind]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code) onChoose(code);
  };

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth data-testid="reason-dialog">
      <Box component="form" onSubmit={submit}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {subtitle && <Box sx={{ mb: 2, color: 'text.secondary', fontSize: 14 }}>{subtitle}</Box>}
          {error && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          <TextField
            select
            fullWidth
            autoFocus
            size="small"
            label={t('reason.label')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'reason-select' }, inputLabel: { shrink: true } }}
            sx={{ mt: 1 }}
          >
            <option value="" disabled>
              {t('reason.choose')}
            </option>
            {reasons.map((r) => (
              <option key={r.id} value={r.code}>
                {label(r)}
              </option>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.back')}</Button>
          <Button type="submit" variant="contained" color={kind === 'cancel' ? 'error' : 'warning'} disabled={!code || busy} data-testid="reason-ok">
            {kind === 'cancel' ? t('reason.cancelOk') : t('reason.noShowOk')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
