// The patient card: details, balance, and the history (visits, payments,
// the ledger with its running balance, contacts). Edit, take a payment
// (desk roles), refund and merge a duplicate in (director/admin), delete (admin).
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Autocomplete, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, Tab, Table, TableBody,
  TableCell, TableHead, TableRow, Tabs, TextField, Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PatientCard, PatientListItem } from '../../../shared/api/patients';
import type { Ledger, LedgerLine } from '../../../shared/api/payments';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { formatDate, formatDateTime, formatMoney } from '../../i18n';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PaymentDialog, RefundDialog } from '../../components/PaymentDialog';
import { PatientForm } from './PatientForm';
import { Timeline } from '../tasks/Timeline';
import { PatientMessages } from '../messages/PatientMessages';

/**
 * The ledger's description in the user's language. The host writes it in
 * English ("Payment (card) for visit 12", "Refund (cash) on account: reason");
 * the known shapes are translated, anything else is shown as it came.
 */
function ledgerText(line: LedgerLine, card: PatientCard, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (line.kind === 'charge') {
    const v = card.visits.find((x) => x.id === line.id);
    return v ? t('ledger.visit', { doctor: v.doctor }) : line.description;
  }
  const m = /^(Payment|Refund) \((\w+)\)(?: for visit (\d+)| on account)(?::\s*(.*))?$/s.exec(line.description);
  if (!m) return line.description;
  const [, kind, method, visitId, reason] = m;
  const visit = visitId ? card.visits.find((x) => x.id === Number(visitId)) : undefined;
  const what = t(`ledger.${kind === 'Refund' ? 'refundBy' : 'paymentBy'}.${method}`, {
    defaultValue: t(kind === 'Refund' ? 'ledger.refund' : 'ledger.paymentLine', { method: t(`method.${method}`, { defaultValue: method }) }),
  });
  const target = visitId ? (visit ? t('ledger.forVisit', { date: formatDate(visit.startAt) }) : t('ledger.forVisitNo', { id: visitId })) : t('ledger.onAccount');
  return `${what}, ${target}${reason ? `: ${reason}` : ''}`;
}

function MergeDialog({ targetId, onClose, onMerged }: { targetId: number; onClose(): void; onMerged(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [options, setOptions] = useState<PatientListItem[]>([]);
  const [chosen, setChosen] = useState<PatientListItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = (q: string) => api('patients.search', { query: q, limit: 20 }).then((r) => setOptions(r.items.filter((p) => p.id !== targetId)), () => undefined);
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('patient.mergeTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('patient.mergeText')}</DialogContentText>
        {error && <Alert severity="error">{error}</Alert>}
        <Autocomplete
          options={options}
          filterOptions={(x) => x}
          getOptionLabel={(p) => `${p.lastName} ${p.firstName} ${p.middleName ?? ''} · ${formatDate(p.birthDate)} · ${formatPhone(p.phone)}`}
          onInputChange={(_e, v) => void search(v)}
          onChange={(_e, v) => setChosen(v)}
          renderInput={(params) => <TextField {...params} label={t('patient.mergeSearch')} />}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('patient.cancel')}</Button>
        <Button
          variant="contained"
          color="warning"
          disabled={!chosen}
          onClick={() =>
            api('patients.merge', { sourceId: chosen!.id, targetId }).then(onMerged, (e) => setError(errorText(e)))
          }
        >
          {t('patient.mergeDo')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function PatientCardPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { t: td } = useTranslation('desk');
  const { user, settings } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [card, setCard] = useState<PatientCard | null>(null);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [paying, setPaying] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState(0);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const currency = settings?.currency ?? 'RUB';
  const role = user?.role;

  const load = useCallback(async () => {
    try {
      setCard(await api('patients.get', { id }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  useChanges('patients', (e) => {
    if (!e || e.id === id) void load();
  });

  const loadLedger = useCallback(async () => {
    try {
      setLedger(await api('payments.ledger', { patientId: id }));
    } catch {
      setLedger(null);
    }
  }, [id]);
  // The ledger is read when its tab is open, and again whenever the balance moves.
  useEffect(() => {
    if (tab === 2) void loadLedger();
  }, [tab, loadLedger, card]);

  if (error && !card) {
    return (
      <Stack spacing={2}>
        <Alert severity="error">{error}</Alert>
        <Button onClick={() => navigate('patients')}>{t('patient.back')}</Button>
      </Stack>
    );
  }
  if (!card) return <Typography>{t('common.loading')}</Typography>;
  const p = card.patient;
  const detail = (label: string, value: string | null | undefined, testId?: string) => (
    <Box sx={{ minWidth: 180 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography data-testid={testId}>{value || '—'}</Typography>
    </Box>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button onClick={() => navigate('patients')}>← {t('patient.back')}</Button>
        <Typography variant="h5" sx={{ flexGrow: 1 }} data-testid="card-name">
          {p.lastName} {p.firstName} {p.middleName ?? ''}
        </Typography>
        <Chip
          data-testid="card-balance"
          color={card.balance > 0 ? 'error' : 'default'}
          label={
            card.balance > 0
              ? `${t('patient.debt')}: ${formatMoney(card.balance, currency)}`
              : card.balance < 0
                ? `${t('patient.prepaid')}: ${formatMoney(-card.balance, currency)}`
                : t('patient.noDebt')
          }
        />
        {(role === 'reception' || role === 'director' || role === 'admin') && (
          <Button variant="outlined" onClick={() => setPaying(true)} data-testid="card-pay">
            {td('ledger.takePayment')}
          </Button>
        )}
        {(role === 'director' || role === 'admin') && (
          <Button color="warning" onClick={() => setRefunding(true)} data-testid="card-refund">
            {td('ledger.refundAction')}
          </Button>
        )}
        {role !== undefined && (
          <Button variant="contained" onClick={() => setEditing(true)} data-testid="edit-patient">
            {t('patient.edit')}
          </Button>
        )}
        {(role === 'director' || role === 'admin') && <Button onClick={() => setMerging(true)}>{t('patient.merge')}</Button>}
        {role === 'admin' && (
          <Button color="error" onClick={() => setDeleting(true)} data-testid="delete-patient">
            {t('patient.delete')}
          </Button>
        )}
      </Stack>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" useFlexGap spacing={3} sx={{ flexWrap: 'wrap' }}>
          {detail(t('patient.birthDate'), formatDate(p.birthDate))}
          {detail(t('patient.sex'), p.sex ? t(`patient.${p.sex}`) : null)}
          {detail(t('patient.phone'), formatPhone(p.phone), 'card-phone')}
          {detail(t('patient.email'), p.email)}
          {detail(t('patient.city'), p.city, 'card-city')}
          {detail(t('patient.address'), p.address)}
          {detail(t('patient.source'), card.sourceName)}
          {detail(t('patient.referralNote'), p.referralNote)}
          {detail(t('patient.consentSms'), p.consentSms ? t('common.yes') : t('common.no'))}
          {detail(t('patient.consentEmail'), p.consentEmail ? t('common.yes') : t('common.no'))}
          {detail(t('patients.columns.createdAt'), formatDate(p.createdAt))}
        </Stack>
        {p.comment && <Alert severity="info" sx={{ mt: 2 }}>{p.comment}</Alert>}
      </Paper>
      <Paper>
        <Tabs value={tab} onChange={(_e, v: number) => setTab(v)}>
          <Tab label={`${t('patient.visits')} (${card.visits.length})`} />
          <Tab label={`${t('patient.payments')} (${card.payments.length})`} />
          <Tab label={td('ledger.tab')} data-testid="card-ledger-tab" />
          <Tab label={t('timeline.title', { ns: 'tasks' })} data-testid="card-timeline-tab" />
        </Tabs>
        {tab === 0 &&
          (card.visits.length ? (
            <Table size="small">
              <TableHead>
                <TableRow>
                  {(['date', 'status', 'doctor', 'branch', 'amount'] as const).map((c) => (
                    <TableCell key={c} align={c === 'amount' ? 'right' : 'left'}>{t(`patient.visitColumns.${c}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {card.visits.map((v) => (
                  <TableRow key={v.id}>
                    <TableCell>{formatDateTime(v.startAt)}</TableCell>
                    <TableCell>{t(`patient.status.${v.status}`, { defaultValue: v.status })}</TableCell>
                    <TableCell>{v.doctor}</TableCell>
                    <TableCell>{v.branch}</TableCell>
                    <TableCell align="right">{formatMoney(v.amount, currency)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography sx={{ p: 2 }} color="text.secondary">{t('patient.noVisits')}</Typography>
          ))}
        {tab === 1 &&
          (card.payments.length ? (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('patient.paymentColumns.date')}</TableCell>
                  <TableCell>{t('patient.paymentColumns.method')}</TableCell>
                  <TableCell align="right">{t('patient.paymentColumns.amount')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {card.payments.map((pay) => (
                  <TableRow key={pay.id}>
                    <TableCell>{formatDateTime(pay.paidAt)}</TableCell>
                    <TableCell>{t(`patient.method.${pay.method}`, { defaultValue: pay.method })}</TableCell>
                    <TableCell align="right">{formatMoney(pay.amount, currency)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography sx={{ p: 2 }} color="text.secondary">{t('patient.noPayments')}</Typography>
          ))}
        {tab === 2 &&
          (!ledger ? (
            <Typography sx={{ p: 2 }} color="text.secondary">{t('common.loading')}</Typography>
          ) : ledger.lines.length ? (
            <Box data-testid="card-ledger">
              <Stack direction="row" spacing={3} sx={{ px: 2, pt: 2, pb: 1 }}>
                <Typography variant="body2">{td('ledger.charged', { amount: formatMoney(ledger.charged, currency) })}</Typography>
                <Typography variant="body2">{td('ledger.paid', { amount: formatMoney(ledger.paid, currency) })}</Typography>
                <Typography variant="body2" sx={{ fontWeight: 600 }} color={ledger.balance > 0 ? 'error' : 'text.primary'}>
                  {ledger.balance > 0
                    ? td('ledger.debt', { amount: formatMoney(ledger.balance, currency) })
                    : ledger.balance < 0
                      ? td('ledger.prepaid', { amount: formatMoney(-ledger.balance, currency) })
                      : td('ledger.settled')}
                </Typography>
              </Stack>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{td('ledger.date')}</TableCell>
                    <TableCell>{td('ledger.description')}</TableCell>
                    <TableCell align="right">{td('ledger.charge')}</TableCell>
                    <TableCell align="right">{td('ledger.payment')}</TableCell>
                    <TableCell align="right">{td('ledger.balance')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {/* Newest first; each balance is the running sum up to that line. */}
                  {[...ledger.lines].reverse().map((l) => (
                    <TableRow key={`${l.kind}-${l.id}`} data-testid={`ledger-${l.kind}-${l.id}`}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.at)}</TableCell>
                      <TableCell>{ledgerText(l, card, td as (key: string, o?: Record<string, unknown>) => string)}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{l.kind === 'charge' ? formatMoney(l.amount, currency) : ''}</TableCell>
                      {/* A refund is a payment line that raises the balance: shown as money going back. */}
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', color: l.amount <= 0 ? 'success.main' : 'warning.main' }}>
                        {l.kind === 'payment' ? (l.amount <= 0 ? formatMoney(-l.amount, currency) : `−${formatMoney(l.amount, currency)}`) : ''}
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontWeight: 500, color: l.balance > 0 ? 'error.main' : undefined }}>
                        {formatMoney(l.balance, currency)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ) : (
            <Typography sx={{ p: 2 }} color="text.secondary">{td('ledger.empty')}</Typography>
          ))}
        {tab === 3 && <Timeline patient={{ id: p.id, name: `${p.lastName} ${p.firstName}` }} />}
      </Paper>
      <PatientMessages key={`${p.consentSms}-${p.consentEmail}`} patientId={p.id} consentSms={p.consentSms} consentEmail={p.consentEmail} />
      {editing && (
        <PatientForm
          patient={p}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify(t('patient.saved'));
            void load();
          }}
        />
      )}
      {paying && (
        <PaymentDialog
          patientId={p.id}
          suggestedAmount={card.balance > 0 ? card.balance : undefined}
          onClose={() => setPaying(false)}
          onPaid={() => {
            setPaying(false);
            void load();
          }}
        />
      )}
      {refunding && (
        <RefundDialog
          patientId={p.id}
          onClose={() => setRefunding(false)}
          onRefunded={() => {
            setRefunding(false);
            void load();
          }}
        />
      )}
      {merging && (
        <MergeDialog
          targetId={p.id}
          onClose={() => setMerging(false)}
          onMerged={() => {
            setMerging(false);
            notify(t('patient.merged'));
            void load();
          }}
        />
      )}
      <Dialog open={deleting} onClose={() => setDeleting(false)}>
        <DialogContent>
          <DialogContentText>{t('patient.deleteConfirm')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(false)}>{t('patient.cancel')}</Button>
          <Button
            color="error"
            data-testid="confirm-delete"
            onClick={() =>
              api('patients.delete', { id: p.id }).then(
                () => {
                  notify(t('patient.deleted'));
                  navigate('patients');
                },
                (e) => notify(errorText(e), 'error'),
              )
            }
          >
            {t('patient.delete')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
