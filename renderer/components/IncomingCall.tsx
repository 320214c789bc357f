// The incoming call card: when the PBX reports a call (calls/<id>/incoming on
// /api/events), reception and call-center windows read the card with their
// own session and show who is calling, or offer "new patient" with the phone.
import { useEffect, useState } from 'react';
import { Button, Card, CardActions, CardContent, Divider, IconButton, Stack, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useTranslation } from 'react-i18next';
import type { IncomingCallCard } from '../../shared/api/telephony';
import { formatPhone } from '../../shared/domain/phone';
import { api } from '../api/client';
import { onChange } from '../api/events';
import { formatDate, formatDateTime, formatMoney } from '../i18n';
import { navigate } from '../route';
import { useSession } from '../session';
import { PatientForm } from '../pages/patients/PatientForm';

const SHOWN_TO = ['reception', 'callcenter'];

export function IncomingCall() {
  const { t } = useTranslation('tasks');
  const { user, settings } = useSession();
  const [card, setCard] = useState<IncomingCallCard | null>(null);
  const [creating, setCreating] = useState(false);
  const shown = !!user && SHOWN_TO.includes(user.role);

  useEffect(() => {
    if (!shown) return;
    return onChange((e) => {
      if (e.type === 'changed' && e.entity === 'calls' && e.op === 'incoming' && e.id) {
        api('telephony.card', { callId: e.id }).then(setCard, () => undefined);
      }
    });
  }, [shown]);

  if (!card) return null;
  const close = () => setCard(null);
  return (
    <>
      <Card elevation={8} sx={{ position: 'fixed', right: 16, bottom: 16, width: 380, zIndex: 1400 }} data-testid="incoming-call">
        <CardContent>
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Typography variant="overline" sx={{ flexGrow: 1 }}>
              {t('call.incoming')} · {formatDateTime(card.at)}
            </Typography>
            <IconButton size="small" onClick={close} aria-label={t('close')}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </Stack>
          <Typography variant="h6">{formatPhone(card.phoneE164 ?? card.phone)}</Typography>
          {!card.patients.length && <Typography color="text.secondary">{t('call.unknown')}</Typography>}
          {card.patients.map((p) => (
            <Stack key={p.id} spacing={0.5} sx={{ mt: 1 }}>
              <Divider />
              <Typography sx={{ fontWeight: 600 }} data-testid="incoming-name">
                {p.name}
              </Typography>
              <Typography variant="body2">
                {t('lastVisit')}: {p.lastVisit ? formatDate(p.lastVisit) : t('never')}
              </Typography>
              <Typography variant="body2">
                {t('call.nextBooking')}: {p.nextBooking ? `${formatDateTime(p.nextBooking.startAt)} · ${p.nextBooking.doctor}` : t('call.none')}
              </Typography>
              {p.debt > 0 && (
                <Typography variant="body2" color="error">
                  {t('debt')}: {formatMoney(p.debt, settings?.currency ?? 'RUB')}
                </Typography>
              )}
              {p.lastContact && (
                <Typography variant="body2">
                  {t('call.lastContact')}: {formatDateTime(p.lastContact.at)} · {t(`outcome.${p.lastContact.outcome}`, { defaultValue: p.lastContact.outcome })}
                </Typography>
              )}
              {p.openTasks.length > 0 && (
                <Typography variant="body2">
                  {t('call.openTasks')}: {p.openTasks.map((x) => `${t(`kind.${x.kind}`)} ${formatDate(x.dueAt)}`).join(', ')}
                </Typography>
              )}
              <div>
                <Button
                  size="small"
                  variant="contained"
                  onClick={() => {
                    navigate(`patients/${p.id}`);
                    close();
                  }}
                  data-testid="incoming-open"
                >
                  {t('openCard')}
                </Button>
              </div>
            </Stack>
          ))}
        </CardContent>
        {!card.patients.length && (
          <CardActions>
            <Button variant="contained" onClick={() => setCreating(true)} data-testid="incoming-new-patient">
              {t('call.newPatient')}
            </Button>
          </CardActions>
        )}
      </Card>
      {creating && (
        <PatientForm
          phone={card.phoneE164 ?? card.phone}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            close();
            navigate(`patients/${p.id}`);
          }}
        />
      )}
    </>
  );
}
