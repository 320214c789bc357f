// Appointment-book settings: the grid step and the largest discount each
// role may give on its own. Saved with settings.update, then the session's
// settings are reloaded so the book and the payment dialog use them at once.
import { useState } from 'react';
import { Alert, Box, Button, Grid, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/api/settings';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { useCodeLabel, useFailure, type FieldErrors } from './common';

const SLOTS: Settings['slotMinutes'][] = [5, 10, 15];

/** A percentage 0–100 typed with a dot or a comma, up to 2 decimals. */
function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) + Number((m[2] ?? '').padEnd(2, '0')) / 100;
  return v <= 100 ? Math.round(v * 100) / 100 : null;
}

export function BookingTab() {
  const { settings } = useSession();
  // Keyed by the loaded settings, so a save elsewhere shows here.
  return settings ? <BookingForm key={JSON.stringify([settings.slotMinutes, settings.discountLimitPct])} settings={settings} /> : null;
}

function BookingForm({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation('admin');
  const { reloadSettings } = useSession();
  // Shown with the decimal separator of the language (12,5 in Russian); both are accepted.
  const decimal = new Intl.NumberFormat(i18n.language).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const notify = useNotify();
  const failure = useFailure();
  const label = useCodeLabel();
  const [slot, setSlot] = useState<Settings['slotMinutes']>(settings.slotMinutes);
  const [limits, setLimits] = useState<Record<Role, string>>(
    () => Object.fromEntries(ROLES.map((r) => [r, String(settings.discountLimitPct[r] ?? 0).replace('.', decimal)])) as Record<Role, string>,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const bad: FieldErrors = {};
    const parsed = {} as Record<Role, number>;
    for (const r of ROLES) {
      const v = parsePercent(limits[r]);
      if (v === null) bad[r] = t('errors.percent');
      else parsed[r] = v;
    }
    setErrors(bad);
    if (Object.keys(bad).length) {
      setMessage(t('errors.invalid', { fields: Object.keys(bad).map((r) => label('role', r)).join(', ') }));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api('settings.update', { slotMinutes: slot, discountLimitPct: parsed });
      await reloadSettings();
      notify(t('booking.saved'));
    } catch (e) {
      const f = failure(e, { slotMinutes: t('booking.slotMinutes'), discountLimitPct: t('booking.limits') });
      setMessage(f.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      {message && (
        <Alert severity="error" data-testid="booking-error">
          {message}
        </Alert>
      )}
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6">{t('booking.grid')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('booking.slotHint')}
        </Typography>
        <TextField
          select
          size="small"
          label={t('booking.slotMinutes')}
          value={slot}
          sx={{ width: 200 }}
          onChange={(e) => setSlot(Number(e.target.value) as Settings['slotMinutes'])}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'booking-slot' } as object } }}
        >
          {SLOTS.map((s) => (
            <MenuItem key={s} value={s} data-testid={`booking-slot-${s}`}>
              {t('common.minutes', { n: s })}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6">{t('booking.limits')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('booking.limitsHint')}
        </Typography>
        <Grid container spacing={2}>
          {ROLES.map((r) => (
            <Grid key={r} size={{ xs: 12, sm: 6, md: 4 }}>
              <TextField
                fullWidth
                size="small"
                label={t('booking.limit', { role: label('role', r) })}
                value={limits[r]}
                error={!!errors[r]}
                helperText={errors[r]}
                onChange={(e) => {
                  setLimits((l) => ({ ...l, [r]: e.target.value }));
                  setErrors((x) => ({ ...x, [r]: '' }));
                }}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `booking-limit-${r}` } }}
              />
            </Grid>
          ))}
        </Grid>
      </Paper>
      <Box>
        <Button variant="contained" disabled={busy} onClick={() => void save()} data-testid="booking-save">
          {t('common.save')}
        </Button>
      </Box>
    </Stack>
  );
}
