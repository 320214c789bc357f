// Messaging settings for a director or an administrator: quiet hours and
// retries, which automatic messages go, SMTP, the SMS gateway (generic HTTP
// or SMSC.ru) and the callbacks' token, and "send a test message", which
// shows the server's error as it is and never touches the queue.
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Grid, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_VISITS, SMS_PROVIDERS, type MessagingSettings } from '../../../shared/api/messages';
import { MESSAGE_CHANNELS, type MessageChannel } from '../../../shared/domain/templates';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';

type Form = Omit<MessagingSettings, 'smtpPasswordSet' | 'smsAuthHeaderSet' | 'smscPasswordSet' | 'webhookTokenSet'>;
const SECRETS = ['smtpPassword', 'smsAuthHeader', 'smscPassword', 'webhookToken'] as const;
type Secret = (typeof SECRETS)[number];

export function MessagingSettingsTab() {
  const [loaded, setLoaded] = useState<MessagingSettings | null>(null);
  const notify = useNotify();
  const errorText = useErrorText();
  useEffect(() => {
    api('messages.settings', {}).then(setLoaded, (e) => notify(errorText(e), 'error'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return loaded ? <SettingsForm initial={loaded} onSaved={setLoaded} /> : null;
}

function SettingsForm({ initial, onSaved }: { initial: MessagingSettings; onSaved(s: MessagingSettings): void }) {
  const { t } = useTranslation('messages');
  const notify = useNotify();
  const errorText = useErrorText();
  const [form, setForm] = useState<Form>(initial);
  const [error, setError] = useState<{ fields: string[]; text: string } | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testChannel, setTestChannel] = useState<MessageChannel>('email');
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const text = (k: keyof Form, opts: { type?: string; secret?: boolean; label?: string } = {}) => {
    const secretSet = opts.secret && initial[`${k as Secret}Set`];
    return (
      <TextField
        size="small"
        fullWidth
        type={opts.type ?? 'text'}
        label={opts.label ?? t(`settings.${k}`)}
        value={form[k] ?? ''}
        error={error?.fields.includes(k) ?? false}
        placeholder={secretSet && form[k] === null ? t('settings.secretSet') : undefined}
        helperText={secretSet && form[k] === null ? t('settings.secretSet') : undefined}
        onChange={(e) => set(k, (opts.type === 'number' ? Number(e.target.value) : e.target.value) as never)}
        slotProps={{ htmlInput: { 'data-testid': `msg-${k}` } }}
      />
    );
  };
  const check = (k: keyof Form) => (
    <FormControlLabel control={<Checkbox checked={!!form[k]} onChange={(e) => set(k, e.target.checked as never)} slotProps={{ input: { 'data-testid': `msg-${k}` } as object }} />} label={t(`settings.${k}`)} />
  );
  const choose = (k: keyof Form, options: readonly string[], display: (o: string) => string) => (
    <TextField select size="small" fullWidth label={t(`settings.${k}`)} value={form[k] as string} onChange={(e) => set(k, e.target.value as never)} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `msg-${k}` } }}>
      {options.map((o) => (
        <option key={o} value={o}>
          {display(o)}
        </option>
      ))}
    </TextField>
  );

  const save = async () => {
    setBusy(true);
    const patch: Record<string, unknown> = { ...form };
    // A secret left as loaded (hidden: null) is kept by the host.
    for (const s of SECRETS) {
      if (form[s] === initial[s]) delete patch[s];
      delete patch[`${s}Set`];
    }
    try {
      const saved = await api('messages.updateSettings', patch);
      setError(null);
      onSaved(saved);
      setForm(saved);
      notify(t('settings.saved'));
    } catch (e) {
      setError({ fields: e instanceof ApiClientError ? e.fields : [], text: e instanceof ApiClientError ? e.message : errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setTestResult(null);
    try {
      const r = await api('messages.test', { channel: testChannel, to: testTo });
      setTestResult(r.ok ? { ok: true, text: t('settings.testOk') } : { ok: false, text: t('settings.testFailed', { error: r.error }) });
    } catch (e) {
      setTestResult({ ok: false, text: e instanceof ApiClientError ? e.message : errorText(e) });
    }
  };

  const origin = window.location.origin;
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      {error && (
        <Alert severity="error" data-testid="msg-settings-error">
          {error.text}
        </Alert>
      )}
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6">{t('settings.sending')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('settings.quietHint')}
        </Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}>{text('quietFrom', { type: 'time' })}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{text('quietTo', { type: 'time' })}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{text('maxAttempts', { type: 'number' })}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{text('retryBaseSeconds', { type: 'number' })}</Grid>
          <Grid size={{ xs: 12, md: 6 }}>{choose('preferredChannel', MESSAGE_CHANNELS, (c) => t(`channel.${c}`))}</Grid>
        </Grid>
        <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
          {check('autoReminders')}
          {check('autoConfirmations')}
          {check('autoBirthdays')}
          {check('autoFeedback')}
        </Stack>
        {form.autoFeedback && (
          <Grid container spacing={2} sx={{ mt: 1 }}>
            <Grid size={{ xs: 6, md: 3 }}>{text('feedbackDelayHours', { type: 'number' })}</Grid>
            <Grid size={{ xs: 6, md: 3 }}>{choose('feedbackVisits', FEEDBACK_VISITS, (v) => t(`settings.feedbackVisit.${v}`))}</Grid>
          </Grid>
        )}
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {t('settings.smtp')}
        </Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 8 }}>{text('smtpHost')}</Grid>
          <Grid size={{ xs: 4 }}>{text('smtpPort', { type: 'number' })}</Grid>
          <Grid size={{ xs: 6 }}>{text('smtpUser')}</Grid>
          <Grid size={{ xs: 6 }}>{text('smtpPassword', { type: 'password', secret: true })}</Grid>
          <Grid size={{ xs: 6 }}>{text('smtpFrom')}</Grid>
          <Grid size={{ xs: 6 }}>{check('smtpSecure')}</Grid>
        </Grid>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {t('settings.sms')}
        </Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6 }}>{choose('smsProvider', SMS_PROVIDERS, (p) => t(`settings.provider.${p}`))}</Grid>
          <Grid size={{ xs: 6 }}>{text('smsSender')}</Grid>
          {form.smsProvider !== 'none' && <Grid size={{ xs: 12 }}>{text('smsUrl', { label: form.smsProvider === 'smsc' ? t('settings.smsUrlSmsc') : undefined })}</Grid>}
          {form.smsProvider === 'generic' && (
            <>
              <Grid size={{ xs: 6 }}>{choose('smsMethod', ['POST', 'GET'], (m) => m)}</Grid>
              <Grid size={{ xs: 6 }}>{choose('smsBodyFormat', ['json', 'form'], (f) => f.toUpperCase())}</Grid>
              <Grid size={{ xs: 12 }}>{text('smsBodyTemplate')}</Grid>
              <Grid size={{ xs: 6 }}>{text('smsIdPath')}</Grid>
              <Grid size={{ xs: 6 }}>{text('smsAuthHeader', { secret: true })}</Grid>
            </>
          )}
          {form.smsProvider === 'smsc' && (
            <>
              <Grid size={{ xs: 6 }}>{text('smscLogin')}</Grid>
              <Grid size={{ xs: 6 }}>{text('smscPassword', { type: 'password', secret: true })}</Grid>
            </>
          )}
        </Grid>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {t('settings.webhook')}
        </Typography>
        {text('webhookToken', { secret: true })}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('settings.webhookHint', { status: `${origin}/api/sms.status?token=…`, inbound: `${origin}/api/sms.inbound?token=…` })}
        </Typography>
      </Paper>
      <Box>
        <Button variant="contained" disabled={busy} onClick={() => void save()} data-testid="msg-settings-save">
          {t('settings.save')}
        </Button>
      </Box>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {t('settings.test')}
        </Typography>
        <Stack direction="row" spacing={2}>
          <TextField select size="small" value={testChannel} sx={{ width: 160 }} onChange={(e) => setTestChannel(e.target.value as MessageChannel)} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'msg-test-channel' } }}>
            {MESSAGE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </TextField>
          <TextField size="small" label={t('settings.testTo')} value={testTo} onChange={(e) => setTestTo(e.target.value)} sx={{ flexGrow: 1 }} slotProps={{ htmlInput: { 'data-testid': 'msg-test-to' } }} />
          <Button variant="outlined" onClick={() => void test()} disabled={!testTo.trim()} data-testid="msg-test-send">
            {t('settings.testSend')}
          </Button>
        </Stack>
        {testResult && (
          <Alert severity={testResult.ok ? 'success' : 'error'} sx={{ mt: 2 }} data-testid="msg-test-result">
            {testResult.text}
          </Alert>
        )}
      </Paper>
    </Stack>
  );
}
