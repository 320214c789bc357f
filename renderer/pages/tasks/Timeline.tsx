// The patient card's timeline: visits, payments, contacts and messages (with
// where each stands: queued, sent, delivered, failed with the reason) by
// time, newest first, a page at a time, with "log contact" and "new task".
import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../shared/api/timeline';
import { api } from '../../api/client';
import { useChanges } from '../../api/hooks';
import { formatDateTime, formatMoney } from '../../i18n';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';
import { reasonLabel } from '../admin/reason-label';
import { ContactDialog } from './ContactDialog';
import { TaskDialog } from './TaskDialog';

const PAGE = 30;

export function Timeline({ patient }: { patient: { id: number; name: string } }) {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation();
  const { t: tm } = useTranslation('messages');
  const { settings } = useSession();
  const notify = useNotify();
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [logging, setLogging] = useState(false);
  const [creating, setCreating] = useState(false);
  const currency = settings?.currency ?? 'RUB';

  const load = useCallback(
    (offset = 0) =>
      api('patients.timeline', { patientId: patient.id, limit: PAGE, offset }).then(
        (r) => {
          setItems((prev) => (offset ? [...prev, ...r.items] : r.items));
          setHasMore(r.hasMore);
        },
        () => undefined,
      ),
    [patient.id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useChanges('patients', (e) => {
    if (!e || e.id === patient.id) void load();
  });
  // The outbox's events carry the message's id, not the patient's: reload on any.
  useChanges('messages', () => void load());

  const line = (i: TimelineItem) => {
    if (i.kind === 'visit') {
      return {
        primary: `${t('timeline.visit')} · ${tc(`patient.status.${i.status}`, { defaultValue: i.status })}${i.amount ? ` · ${formatMoney(i.amount, currency)}` : ''}`,
        secondary: `${i.doctor} · ${i.branch}`,
      };
    }
    if (i.kind === 'message') {
      return {
        primary: `${tm(`channel.${i.channel}`)} · ${tm(`kind.${i.messageKind}`)} · ${tm(`status.${i.status}`)}`,
        secondary: [
          i.subject,
          i.sentAt && t('timeline.sent', { at: formatDateTime(i.sentAt) }),
          i.deliveredAt && t('timeline.delivered', { at: formatDateTime(i.deliveredAt) }),
          i.error && t('timeline.reason', { reason: i.error }),
        ]
          .filter(Boolean)
          .join(' · '),
      };
    }
    if (i.kind === 'payment') return { primary: `${t('timeline.payment')} · ${formatMoney(i.amount, currency)}`, secondary: tc(`patient.method.${i.method}`, { defaultValue: i.method }) };
    const reason = i.churnReason ? ` · ${reasonLabel(t as never, 'churn', i.churnReason)}` : '';
    return {
      primary: `${t(`channel.${i.channel}`)} (${t(`direction.${i.direction}`)}) · ${t(`outcome.${i.outcome}`)}${reason}`,
      secondary: [i.userName, i.note].filter(Boolean).join(' · '),
    };
  };

  return (
    <Box data-testid="timeline">
      <Stack direction="row" spacing={1} sx={{ p: 1 }}>
        <Button variant="outlined" onClick={() => setLogging(true)} data-testid="log-contact">
          {t('contact.log')}
        </Button>
        <Button onClick={() => setCreating(true)} data-testid="card-new-task">
          {t('newTask')}
        </Button>
      </Stack>
      {!items.length && (
        <Typography sx={{ p: 2 }} color="text.secondary">
          {t('timeline.empty')}
        </Typography>
      )}
      <List dense>
        {items.map((i) => {
          const l = line(i);
          return (
            <ListItem key={`${i.kind}-${i.id}`} data-testid={`timeline-${i.kind}-${i.id}`}>
              <Chip size="small" sx={{ mr: 2, minWidth: 90 }} label={t(`timeline.${i.kind}`)} color={i.kind === 'contact' ? 'primary' : i.kind === 'payment' ? 'success' : i.kind === 'message' ? (i.status === 'failed' ? 'error' : 'info') : 'default'} />
              <ListItemText primary={l.primary} secondary={`${formatDateTime(i.at)}${l.secondary ? ` · ${l.secondary}` : ''}`} />
            </ListItem>
          );
        })}
      </List>
      {hasMore && (
        <Button sx={{ m: 1 }} onClick={() => void load(items.length)}>
          {t('more')}
        </Button>
      )}
      {logging && (
        <ContactDialog
          title={`${t('contact.title')} · ${patient.name}`}
          onSubmit={(v) => api('contacts.create', { patientId: patient.id, ...v }).then(() => notify(t('contact.saved')))}
          onClose={() => setLogging(false)}
        />
      )}
      {creating && (
        <TaskDialog
          patient={patient}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            notify(t('saved'));
          }}
        />
      )}
    </Box>
  );
}
