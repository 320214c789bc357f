// The Messages section of the patient card: each message to the patient with
// its status (queued, sent, delivered, failed with the reason), the language
// their messages are written in, and a manual unsubscribe per channel.
import { useCallback, useEffect, useState } from 'react';
import { Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/api/messages';
import { MESSAGE_LOCALES, type MessageLocale } from '../../../shared/domain/templates';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { formatDateTime } from '../../i18n';
import { MessageTable } from './MessageTable';

export function PatientMessages({ patientId, consentSms, consentEmail }: { patientId: number; consentSms: boolean; consentEmail: boolean }) {
  const { t } = useTranslation('messages');
  const { user } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [rows, setRows] = useState<Message[]>([]);
  const [locale, setLocale] = useState<string>('');
  const [optOuts, setOptOuts] = useState<Array<{ channel: string; source: string; note: string | null; at: string }>>([]);
  const load = useCallback(
    () =>
      Promise.all([api('messages.list', { patientId, limit: 100 }), api('messages.patient', { patientId })]).then(([list, state]) => {
        setRows(list.rows);
        setLocale(state.language ?? '');
        setOptOuts(state.optOuts);
      }, () => undefined),
    [patientId],
  );
  useEffect(() => void load(), [load]);
  useChanges('messages', () => void load());
  const canAct = user?.role !== 'doctor';
  const fail = (e: unknown) => notify(errorText(e), 'error');
  const optOut = (channel: 'sms' | 'email') =>
    api('messages.optOut', { patientId, channel }).then((r) => {
      notify(t('card.optedOut', { count: r.cancelled }));
      void load();
    }, fail);
  return (
    <Paper sx={{ p: 2 }} data-testid="card-messages">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>
          {t('card.title')}
        </Typography>
        {canAct && (
          <TextField
            select
            size="small"
            label={t('card.language')}
            value={locale}
            sx={{ width: 200 }}
            onChange={(e) => {
              const v = e.target.value;
              setLocale(v);
              api('messages.setLanguage', { patientId, locale: v ? (v as MessageLocale) : null }).catch(fail);
            }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'card-message-language' } }}
          >
            <option value="">{t('card.clinicLanguage')}</option>
            {MESSAGE_LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`locale.${l}`)}
              </option>
            ))}
          </TextField>
        )}
        {canAct && consentSms && (
          <Button size="small" color="warning" onClick={() => void optOut('sms')} data-testid="card-optout-sms">
            {t('card.optOutSms')}
          </Button>
        )}
        {canAct && consentEmail && (
          <Button size="small" color="warning" onClick={() => void optOut('email')} data-testid="card-optout-email">
            {t('card.optOutEmail')}
          </Button>
        )}
      </Stack>
      {optOuts.map((o) => (
        <Typography key={`${o.channel}-${o.at}`} variant="body2" color="warning.main" data-testid="card-optout-record">
          {t('card.unsubscribed', { channel: t(`channel.${o.channel}`), at: formatDateTime(o.at), how: t(`card.source.${o.source}`) })}
          {o.note ? ` — ${o.note}` : ''}
        </Typography>
      ))}
      {rows.length ? (
        <MessageTable rows={rows} showPatient={false} canAct={canAct} onRetry={(id) => void api('messages.retry', { id }).then(load, fail)} onCancel={(id) => void api('messages.cancel', { id }).then(load, fail)} />
      ) : (
        <Typography color="text.secondary">{t('card.empty')}</Typography>
      )}
    </Paper>
  );
}
