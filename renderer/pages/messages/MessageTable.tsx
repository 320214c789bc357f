// A table of messages with their status and, for senders, retry and cancel:
// the outbox shows all of them, the patient card one patient's.
import { Button, Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Message, MessageStatus } from '../../../shared/api/messages';
import { formatDateTime } from '../../i18n';
import { navigate } from '../../route';

const COLOURS: Record<MessageStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  queued: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function MessageTable(props: { rows: Message[]; showPatient: boolean; canAct: boolean; onRetry(id: number): void; onCancel(id: number): void }) {
  const { t } = useTranslation('messages');
  if (!props.rows.length) return <Typography sx={{ p: 2 }} color="text.secondary">{t('outbox.empty')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{t('outbox.created')}</TableCell>
          {props.showPatient && <TableCell>{t('outbox.patient')}</TableCell>}
          <TableCell>{t('outbox.kind')}</TableCell>
          <TableCell>{t('outbox.channel')}</TableCell>
          <TableCell>{t('outbox.recipient')}</TableCell>
          <TableCell>{t('outbox.status')}</TableCell>
          <TableCell>{t('outbox.attempts')}</TableCell>
          <TableCell>{t('outbox.reason')}</TableCell>
          {props.canAct && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map((m) => (
          <TableRow key={m.id} data-testid={`msg-row-${m.id}`}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</TableCell>
            {props.showPatient && (
              <TableCell>
                <Link component="button" onClick={() => navigate(`patients/${m.patientId}`)}>
                  {m.patientName}
                </Link>
              </TableCell>
            )}
            <TableCell>
              <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{[m.subject, m.body].filter(Boolean).join('\n\n')}</span>}>
                <span>{t(`kind.${m.kind}`)}</span>
              </Tooltip>
            </TableCell>
            <TableCell>{t(`channel.${m.channel}`)}</TableCell>
            <TableCell>{m.recipient}</TableCell>
            <TableCell>
              <Chip size="small" color={COLOURS[m.status]} label={t(`status.${m.status}`)} data-testid={`msg-status-${m.id}`} />
            </TableCell>
            <TableCell>{m.attempts}</TableCell>
            <TableCell sx={{ maxWidth: 360 }}>
              <Typography variant="body2" color={m.status === 'failed' ? 'error' : 'text.secondary'}>
                {m.error}
                {m.status === 'queued' && m.error && m.nextAttemptAt ? ` (${t('outbox.nextAttempt', { at: formatDateTime(m.nextAttemptAt) })})` : ''}
              </Typography>
            </TableCell>
            {props.canAct && (
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {(m.status === 'failed' || m.status === 'cancelled') && (
                  <Button size="small" onClick={() => props.onRetry(m.id)} data-testid={`msg-retry-${m.id}`}>
                    {t('outbox.retry')}
                  </Button>
                )}
                {m.status === 'queued' && (
                  <Button size="small" color="warning" onClick={() => props.onCancel(m.id)} data-testid={`msg-cancel-${m.id}`}>
                    {t('outbox.cancel')}
                  </Button>
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
