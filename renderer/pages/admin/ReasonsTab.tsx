// The editable catalogs of reasons: why a booking was cancelled, why a
// patient did not come, why a patient left. A reason is retired (inactive),
// never deleted, so old records keep their meaning.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, IconButton, MenuItem, Paper, Stack, Switch, Table,
  TableBody, TableCell, TableHead, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../../shared/api/payments';
import { REASON_KINDS, type ReasonKind } from '../../../shared/domain/appointments';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { useFailure, type FieldErrors } from './common';
import { reasonLabel } from './reason-label';

export function ReasonsTab() {
  const { t } = useTranslation('admin');
  const notify = useNotify();
  const errorText = useErrorText();
  const [reasons, setReasons] = useState<Reason[] | null>(null);
  const [editing, setEditing] = useState<Reason | { kind: ReasonKind } | null>(null);

  const load = useCallback(async () => {
    try {
      setReasons(await api('reasons.list', {}));
    } catch (e) {
      notify(errorText(e), 'error');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useChanges('reasons', () => void load());

  const toggle = async (r: Reason) => {
    setReasons((list) => list?.map((x) => (x.id === r.id ? { ...x, active: !r.active } : x)) ?? list);
    try {
      await api('reasons.save', { id: r.id, kind: r.kind, code: r.code, name: r.name, active: !r.active });
      notify(t('reasons.saved'));
    } catch (e) {
      notify(errorText(e), 'error');
      void load();
    }
  };

  if (!reasons) return null;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => setEditing({ kind: 'cancel' })} data-testid="reason-new">
          {t('reasons.new')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('reasons.retired')}
        </Typography>
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'repeat(3, 1fr)' }, alignItems: 'start' }}>
        {REASON_KINDS.map((kind) => {
          const list = reasons.filter((r) => r.kind === kind);
          return (
            <Paper key={kind} data-testid={`reasons-${kind}`}>
              <Stack direction="row" sx={{ alignItems: 'center', px: 2, pt: 1.5 }}>
                <Typography variant="h6" sx={{ flexGrow: 1 }}>
                  {t(`reasons.kind.${kind}`)}
                </Typography>
                <Button size="small" onClick={() => setEditing({ kind })} data-testid={`reason-new-${kind}`}>
                  {t('common.add')}
                </Button>
              </Stack>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('reasons.shown')}</TableCell>
                    <TableCell>{t('reasons.code')}</TableCell>
                    <TableCell align="center">{t('reasons.active')}</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                        {t('reasons.empty')}
                      </TableCell>
                    </TableRow>
                  )}
                  {list.map((r) => (
                    <TableRow key={r.id} data-testid="reason-row" sx={{ opacity: r.active ? 1 : 0.55 }}>
                      <TableCell>{reasonLabel(t, r.kind, r.code, r.name)}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>{r.code}</TableCell>
                      <TableCell align="center">
                        <Switch
                          size="small"
                          checked={r.active}
                          onChange={() => void toggle(r)}
                          slotProps={{ input: { 'aria-label': t('reasons.active'), 'data-testid': `reason-active-${r.kind}-${r.code}` } as object }}
                        />
                      </TableCell>
                      <TableCell align="right" sx={{ width: 48 }}>
                        <Tooltip title={t('common.edit')}>
                          <IconButton size="small" aria-label={t('common.edit')} onClick={() => setEditing(r)} data-testid={`reason-edit-${r.kind}-${r.code}`}>
                            <EditIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          );
        })}
      </Box>
      {editing && (
        <ReasonDialog
          reason={'id' in editing ? editing : undefined}
          kind={editing.kind}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notify(t('reasons.saved'));
            void load();
          }}
        />
      )}
    </Stack>
  );
}

function ReasonDialog(props: { reason?: Reason; kind: ReasonKind; onClose(): void; onSaved(r: Reason): void }) {
  const { reason } = props;
  const { t } = useTranslation('admin');
  const failure = useFailure();
  const [kind, setKind] = useState<ReasonKind>(reason?.kind ?? props.kind);
  const [code, setCode] = useState(reason?.code ?? '');
  const [name, setName] = useState(reason?.name ?? '');
  const [active, setActive] = useState(reason?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labels: Record<string, string> = { kind: t('reasons.kindLabel'), code: t('reasons.code'), name: t('reasons.name') };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const c = code.trim();
    if (!/^[a-z0-9_]{1,50}$/.test(c)) {
      setErrors({ code: t('errors.codeFormat') });
      setMessage(t('errors.invalid', { fields: labels.code }));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api('reasons.save', { ...(reason ? { id: reason.id } : {}), kind, code: c, name: name.trim() || null, active });
      props.onSaved(saved);
    } catch (e) {
      const f = failure(e, labels, t('errors.reasonCodeTaken'));
      setErrors(f.fields);
      setMessage(f.message);
    } finally {
      setBusy(false);
    }
  };

  const standard = reasonLabel(t, kind, code.trim(), null);

  return (
    <Dialog open onClose={(_e, r) => r !== 'backdropClick' && props.onClose()} maxWidth="sm" fullWidth>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{reason ? t('reasons.editTitle') : t('reasons.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {message && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="reason-error">
              {message}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={12}>
              <TextField
                select
                fullWidth
                size="small"
                label={labels.kind}
                value={kind}
                disabled={!!reason}
                onChange={(e) => setKind(e.target.value as ReasonKind)}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'reason-kind' } as object } }}
              >
                {REASON_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`reasons.kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 5 }}>
              <TextField
                fullWidth
                size="small"
                required
                autoFocus={!reason}
                label={labels.code}
                value={code}
                error={!!errors.code}
                helperText={errors.code ?? t('reasons.codeHint')}
                onChange={(e) => {
                  setCode(e.target.value.toLowerCase());
                  setErrors({});
                }}
                slotProps={{ htmlInput: { maxLength: 50, 'data-testid': 'reason-code' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 7 }}>
              <TextField
                fullWidth
                size="small"
                autoFocus={!!reason}
                label={labels.name}
                value={name}
                placeholder={standard !== code.trim() ? standard : undefined}
                error={!!errors.name}
                helperText={errors.name ?? t('reasons.nameHint')}
                onChange={(e) => setName(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'reason-name' }, inputLabel: { shrink: true } }}
              />
            </Grid>
            <Grid size={12}>
              <FormControlLabel control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} />} label={t('reasons.active')} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="reason-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
