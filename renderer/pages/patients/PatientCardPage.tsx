// The patient card: details, balance, and the history (visits, payments,
// contacts). Edit, merge a duplicate in (director/admin), delete (admin).
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Autocomplete, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, Tab, Table, TableBody,
  TableCell, TableHead, TableRow, Tabs, TextField, Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PatientCard, PatientListItem } from '../../../shared/api/patients';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { formatDate, formatDateTime, formatMoney } from '../../i18n';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PatientForm } from './PatientForm';

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
  const { user, settings } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [card, setCard] = useState<PatientCard | null>(null);
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
          <Tab label={t('patient.contacts')} />
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
        {tab === 2 && <Typography sx={{ p: 2 }} color="text.secondary">{t('patient.noContacts')}</Typography>}
      </Paper>
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
