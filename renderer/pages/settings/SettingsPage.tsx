import { useEffect, useState } from 'react';
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Settings } from '../../../shared/api/settings';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { LANGUAGE_NAMES } from '../../i18n';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { ImportPanel } from './ImportPanel';
import { TaskRulesPanel } from '../tasks/TaskRulesPanel';

export function SettingsPage() {
  const { t } = useTranslation();
  const { user, settings, reloadSettings } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [form, setForm] = useState<Settings | null>(settings);
  const [bad, setBad] = useState<string[]>([]);
  useEffect(() => setForm(settings), [settings]);

  if (user?.role !== 'admin' && user?.role !== 'director') return <Alert severity="info">{t('settings.noPermission')}</Alert>;
  if (!form) return null;

  const save = async () => {
    try {
      await api('settings.update', form);
      await reloadSettings();
      setBad([]);
      notify(t('settings.saved'));
    } catch (e) {
      if (e instanceof ApiClientError) setBad(e.fields);
      notify(errorText(e), 'error');
    }
  };
  const field = (key: keyof Settings, props: Record<string, unknown> = {}) => (
    <TextField
      size="small"
      label={t(`settings.${key}`)}
      value={form[key]}
      error={bad.includes(key)}
      onChange={(e) => setForm({ ...form, [key]: props.type === 'number' ? Number(e.target.value) : e.target.value })}
      {...props}
    />
  );

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h5">{t('settings.title')}</Typography>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Typography variant="h6">{t('settings.clinic')}</Typography>
          {field('clinicName')}
          <Stack direction="row" spacing={2}>
            {field('currency', { sx: { width: 140 } })}
            {field('country', { sx: { width: 220 } })}
            {field('sessionIdleMinutes', { type: 'number', sx: { width: 260 } })}
            <TextField select size="small" label={t('settings.defaultLocale')} value={form.defaultLocale} sx={{ width: 200 }} onChange={(e) => setForm({ ...form, defaultLocale: e.target.value as Settings['defaultLocale'] })}>
              {LOCALES.map((l) => (
                <MenuItem key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <div>
            <Button variant="contained" onClick={() => void save()}>
              {t('settings.save')}
            </Button>
          </div>
        </Stack>
      </Paper>
      <ImportPanel />
      <TaskRulesPanel />
    </Stack>
  );
}
