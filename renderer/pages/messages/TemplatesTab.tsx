// The template editor: choose kind × channel × language, edit the subject
// (e-mail) and text with the kind's variables one click away, and see the
// preview with sample values and, for SMS, the length in characters and parts.
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Grid, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Preview } from '../../../shared/api/messages';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_LOCALES, VARIABLES_OF, type MessageChannel, type MessageKind, type MessageLocale } from '../../../shared/domain/templates';
import { smsLength } from '../../../shared/domain/sms';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';

function NativeSelect<T extends string>(props: { label: string; value: T; options: readonly T[]; display(v: T): string; onChange(v: T): void; testId: string }) {
  return (
    <TextField select size="small" fullWidth label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as T)} slotProps={{ select: { native: true }, htmlInput: { 'data-testid': props.testId } }}>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {props.display(o)}
        </option>
      ))}
    </TextField>
  );
}

export function TemplatesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('messages');
  const notify = useNotify();
  const errorText = useErrorText();
  const [kind, setKind] = useState<MessageKind>('appointment_reminder');
  const [channel, setChannel] = useState<MessageChannel>('sms');
  const [locale, setLocale] = useState<MessageLocale>('ru');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    api('messages.templates', { kind, channel, locale }).then(
      ([tpl]) => {
        if (!live) return;
        setSubject(tpl?.subject ?? '');
        setBody(tpl?.body ?? '');
        setError(null);
      },
      (e) => notify(errorText(e), 'error'),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, channel, locale]);

  // The preview follows the typing, a moment after it pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      api('messages.preview', { kind, channel, locale, subject: channel === 'email' ? subject : null, body }).then(
        (p) => {
          setPreview(p);
          setError(null);
        },
        (e) => {
          setPreview(null);
          setError({ field: e instanceof ApiClientError ? (e.fields[0] ?? null) : null, text: e instanceof ApiClientError ? e.message : errorText(e) });
        },
      );
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, channel, locale, subject, body]);

  const save = () =>
    api('messages.saveTemplate', { kind, channel, locale, subject: channel === 'email' ? subject : null, body }).then(
      () => notify(t('templates.saved')),
      (e) => setError({ field: e instanceof ApiClientError ? (e.fields[0] ?? null) : null, text: e instanceof ApiClientError ? e.message : errorText(e) }),
    );

  const length = smsLength(preview?.body ?? '');
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Paper sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2}>
              <NativeSelect<MessageKind> label={t('templates.kind')} value={kind} options={MESSAGE_KINDS} display={(k) => t(`kind.${k}`)} onChange={setKind} testId="tpl-kind" />
              <NativeSelect<MessageChannel> label={t('templates.channel')} value={channel} options={MESSAGE_CHANNELS} display={(c) => t(`channel.${c}`)} onChange={setChannel} testId="tpl-channel" />
              <NativeSelect<MessageLocale> label={t('templates.locale')} value={locale} options={MESSAGE_LOCALES} display={(l) => t(`locale.${l}`)} onChange={setLocale} testId="tpl-locale" />
            </Stack>
            {!canEdit && <Alert severity="info">{t('templates.readOnly')}</Alert>}
            {error && (
              <Alert severity="error" data-testid="tpl-error">
                {error.text}
              </Alert>
            )}
            {channel === 'email' && (
              <TextField size="small" label={t('templates.subject')} value={subject} error={error?.field === 'subject'} onChange={(e) => setSubject(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'tpl-subject', readOnly: !canEdit } }} />
            )}
            <TextField multiline minRows={4} label={t('templates.body')} value={body} error={error?.field === 'body'} onChange={(e) => setBody(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'tpl-body', readOnly: !canEdit } }} />
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('templates.variables')}
              </Typography>
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                {VARIABLES_OF[kind].map((v) => (
                  <Chip key={v} size="small" label={`{${v}}`} onClick={canEdit ? () => setBody((b) => `${b}{${v}}`) : undefined} data-testid={`tpl-var-${v}`} />
                ))}
              </Stack>
            </Box>
            {canEdit && (
              <Box>
                <Button variant="contained" onClick={() => void save()} data-testid="tpl-save">
                  {t('templates.save')}
                </Button>
              </Box>
            )}
          </Stack>
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Paper sx={{ p: 2 }} data-testid="tpl-preview">
          <Typography variant="h6">{t('templates.preview')}</Typography>
          <Typography variant="caption" color="text.secondary">
            {t('templates.previewHint')}
          </Typography>
          {preview?.subject && (
            <Typography sx={{ mt: 1, fontWeight: 600 }} data-testid="tpl-preview-subject">
              {preview.subject}
            </Typography>
          )}
          <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="tpl-preview-body">
            {preview?.body}
          </Typography>
          {channel === 'sms' && (
            <Typography variant="body2" color={length.segments > 1 ? 'warning.main' : 'text.secondary'} sx={{ mt: 2 }} data-testid="tpl-sms-length">
              {t('templates.sms', { chars: length.chars, segments: length.segments, encoding: length.encoding, remaining: length.remaining })}
            </Typography>
          )}
        </Paper>
      </Grid>
    </Grid>
  );
}
