// A campaign's members worked as a call list: phone, last visit, the last
// outcome, and one click per outcome (refused / moved away ask why, for the
// `lost` report). Each click is a contact in the patient's contact log.
import { useCallback, useEffect, useState } from 'react';
import {
  Box, Button, ButtonGroup, Dialog, DialogActions, DialogContent, DialogTitle, Link, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableHead,
  TablePagination, TableRow, TextField, ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_OUTCOMES, CHURN_OUTCOMES, type Campaign, type CampaignMember, type CampaignMembersPage, type CampaignOutcome } from '../../../shared/api/campaigns';
import type { Reason } from '../../../shared/api/payments';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { formatDate, formatDateTime } from '../../i18n';
import { reasonLabel } from '../admin/reason-label';

const PAGE = 25;

export function MembersList({ campaign, onWorked }: { campaign: Campaign; onWorked(): void }) {
  const { t } = useTranslation('campaigns');
  const notify = useNotify();
  const errorText = useErrorText();
  const [page, setPage] = useState(0);
  const [only, setOnly] = useState<'all' | 'none'>('all');
  const [data, setData] = useState<CampaignMembersPage | null>(null);
  const [asking, setAsking] = useState<{ member: CampaignMember; outcome: CampaignOutcome } | null>(null);
  const [busy, setBusy] = useState(false);
  const finished = campaign.status === 'finished';

  const load = useCallback(async () => {
    try {
      setData(await api('campaigns.members', { id: campaign.id, offset: page * PAGE, limit: PAGE, ...(only === 'none' ? { outcome: 'none' as const } : {}) }));
    } catch (e) {
      notify(errorText(e), 'error');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign.id, page, only]);
  useEffect(() => {
    void load();
  }, [load]);
  useChanges('campaigns', (e) => {
    if (!e || e.id === campaign.id) void load();
  });

  const record = async (member: CampaignMember, outcome: CampaignOutcome, extra: { churnReason?: string | null; note?: string | null } = {}) => {
    setBusy(true);
    try {
      await api('campaigns.recordOutcome', { memberId: member.memberId, outcome, ...extra });
      notify(t('members.recorded', { patient: member.name, outcome: t(`outcome.${outcome}`) }));
      setAsking(null);
      void load();
      onWorked();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper sx={{ p: 2 }} data-testid="campaign-members">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>
          {t('members.title')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={only}
          onChange={(_e, v: 'all' | 'none' | null) => {
            if (!v) return;
            setOnly(v);
            setPage(0);
          }}
        >
          <ToggleButton value="all">{t('members.all')}</ToggleButton>
          <ToggleButton value="none" data-testid="members-not-contacted">
            {t('members.notContacted')}
          </ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {data && data.rows.length === 0 && <Typography sx={{ p: 2 }}>{t('members.empty')}</Typography>}
      {data && data.rows.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('members.patient')}</TableCell>
              <TableCell>{t('members.phone')}</TableCell>
              <TableCell>{t('members.lastVisit')}</TableCell>
              <TableCell>{t('members.outcome')}</TableCell>
              <TableCell>{t('members.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((m) => (
              <TableRow key={m.memberId} hover data-testid={`member-${m.patientId}`} data-member-id={m.memberId}>
                <TableCell>
                  <Link href={`#/patients/${m.patientId}`} underline="hover">
                    {m.name}
                  </Link>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{campaign.channel === 'email' ? (m.email ?? '—') : (m.phone ?? '—')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.lastVisit ? formatDate(m.lastVisit) : '—'}</TableCell>
                <TableCell data-testid={`member-outcome-${m.patientId}`}>
                  {m.lastOutcome ? (
                    <>
                      {t(`outcome.${m.lastOutcome}`)}
                      <Typography variant="caption" color="text.secondary" component="div">
                        {formatDateTime(m.lastContactAt)}
                        {m.contacts > 1 ? ` · ×${m.contacts}` : ''}
                        {m.lastNote ? ` · ${m.lastNote}` : ''}
                      </Typography>
                    </>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>
                  <ButtonGroup size="small" variant="outlined" disabled={busy || finished} sx={{ flexWrap: 'wrap' }}>
                    {CAMPAIGN_OUTCOMES.map((o) => (
                      <Button
                        key={o}
                        onClick={() => (CHURN_OUTCOMES.includes(o) || o === 'call_back' ? setAsking({ member: m, outcome: o }) : void record(m, o))}
                        data-testid={`outcome-${o}-${m.patientId}`}
                      >
                        {t(`outcome.${o}`)}
                      </Button>
                    ))}
                  </ButtonGroup>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data && data.total > PAGE && (
        <TablePagination component="div" count={data.total} page={page} rowsPerPage={PAGE} rowsPerPageOptions={[PAGE]} onPageChange={(_e, p) => setPage(p)} />
      )}
      {asking && <OutcomeDialog asking={asking} busy={busy} onClose={() => setAsking(null)} onRecord={(extra) => void record(asking.member, asking.outcome, extra)} />}
    </Paper>
  );
}

/** Refused / moved away: why (the churn catalog); call back later: a note when. */
function OutcomeDialog(props: {
  asking: { member: CampaignMember; outcome: CampaignOutcome };
  busy: boolean;
  onClose(): void;
  onRecord(extra: { churnReason: string | null; note: string | null }): void;
}) {
  const { t } = useTranslation('campaigns');
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [churnReason, setChurnReason] = useState('');
  const [note, setNote] = useState('');
  const churn = CHURN_OUTCOMES.includes(props.asking.outcome);
  useEffect(() => {
    if (churn) api('reasons.list', { kind: 'churn' }).then((r) => setReasons(r.filter((x) => x.active)), () => undefined);
  }, [churn]);
  return (
    <Dialog open onClose={props.onClose} maxWidth="xs" fullWidth>
      <DialogTitle>
        {props.asking.member.name}: {t(`outcome.${props.asking.outcome}`)}
      </DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gap: 2, pt: 1 }}>
          {churn && (
            <TextField
              select
              size="small"
              label={t('members.churnTitle')}
              value={churnReason}
              onChange={(e) => setChurnReason(e.target.value)}
              slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'churn-reason' } as object }, inputLabel: { shrink: true } }}
            >
              {reasons.map((r) => (
                <MenuItem key={r.code} value={r.code} data-testid={`churn-reason-${r.code}`}>
                  {reasonLabel(t, 'churn', r.code, r.name)}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField size="small" label={t('members.note')} value={note} onChange={(e) => setNote(e.target.value)} slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': 'outcome-note' } }} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={props.busy || (churn && !churnReason)} onClick={() => props.onRecord({ churnReason: churnReason || null, note: note.trim() || null })} data-testid="outcome-record">
          {t('members.record')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
