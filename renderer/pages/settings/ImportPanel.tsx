// Settings → Import: the same imports as `npm run cli -- import` — patients,
// then their visits, then payments — with dry run and all-or-nothing, the bad
// rows listed by line and the doctors, services and reasons the file added.
import { useState } from 'react';
import { Alert, Button, Checkbox, FormControlLabel, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/api/import';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const KINDS = ['patients', 'visits', 'payments'] as const;
type Kind = (typeof KINDS)[number];
const HINT: Record<Kind, string> = { patients: 'settings.importText', visits: 'settings.importTextVisits', payments: 'settings.importTextPayments' };

export function ImportPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<Kind>('patients');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [allOrNothing, setAllOrNothing] = useState(true);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api(`import.${kind}`, { fileName: file.name, contentBase64: await toBase64(file), dryRun, allOrNothing }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Typography variant="h6">{t('settings.importTitle')}</Typography>
        <TextField
          select
          size="small"
          label={t('settings.importKind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind);
            setResult(null);
          }}
          sx={{ maxWidth: 320 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'import-kind' } as object } }}
        >
          {KINDS.map((k) => (
            <MenuItem key={k} value={k} data-testid={`import-kind-${k}`}>
              {t(`settings.importKinds.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary">
          {t(HINT[kind])}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button variant="outlined" component="label">
            {t('settings.chooseFile')}
            <input
              hidden
              type="file"
              accept=".csv,.xlsx,text/csv"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setResult(null);
              }}
            />
          </Button>
          <Typography>{file?.name}</Typography>
        </Stack>
        <Stack direction="row">
          <FormControlLabel control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />} label={t('settings.dryRun')} />
          <FormControlLabel control={<Checkbox checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />} label={t('settings.allOrNothing')} />
        </Stack>
        <div>
          <Button variant="contained" disabled={!file || busy} onClick={() => void run()} data-testid="run-import">
            {t('settings.runImport')}
          </Button>
        </div>
        {error && <Alert severity="error">{error}</Alert>}
        {result && (
          <Alert severity={result.errors.length ? 'warning' : 'success'} data-testid="import-result">
            {t('settings.importResult', { total: result.total, created: result.created, updated: result.updated, skipped: result.skipped, errors: result.errors.length })}{' '}
            {result.dryRun ? t('settings.importDry') : result.committed ? t('settings.importCommitted') : t('settings.importNothing')}
          </Alert>
        )}
        {result?.added && (result.added.doctors.length > 0 || result.added.services.length > 0 || result.added.reasons.length > 0) && (
          <Alert severity="info" data-testid="import-added">
            {t('settings.importAdded', {
              what: [
                result.added.doctors.length ? t('settings.importAddedDoctors', { names: result.added.doctors.join(', ') }) : '',
                result.added.services.length ? t('settings.importAddedServices', { names: result.added.services.join(', ') }) : '',
                result.added.reasons.length ? t('settings.importAddedReasons', { names: result.added.reasons.join(', ') }) : '',
              ]
                .filter(Boolean)
                .join('; '),
            })}
          </Alert>
        )}
        {result && result.errors.length > 0 && (
          <Table size="small" data-testid="import-errors">
            <TableHead>
              <TableRow>
                <TableCell>{t('settings.line')}</TableCell>
                <TableCell>{t('settings.field')}</TableCell>
                <TableCell>{t('settings.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.errors.map((e, i) => (
                <TableRow key={i}>
                  <TableCell>{e.line}</TableCell>
                  <TableCell>{t(`patient.${e.field}`, { defaultValue: e.field })}</TableCell>
                  <TableCell>{e.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
