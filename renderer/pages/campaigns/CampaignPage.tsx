// One campaign: its settings and status, the results the `campaigns` report
// computes for it, building the audience from the filters, and the members'
// call list.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Grid, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Campaign, CampaignSendResult, CampaignStatus } from '../../../shared/api/campaigns';
import type { Cell } from '../../../shared/api/reports';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { currentLocale, formatDate, formatDateTime, formatMoney } from '../../i18n';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { ConfirmDialog } from '../admin/common';
import { CampaignEditor } from './CampaignEditor';
import { MembersList } from './MembersList';

const WINDOW_DAYS = 60;

export function CampaignPage({ id }: { id: number }) {
  const { t } = useTranslation('campaigns');
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const notify = useNotify();
  const errorText = useErrorText();
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [results, setResults] = useState<Record<string, Cell> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<CampaignSendResult | null>(null);

  const load = useCallback(async () => {
    try {
      const c = await api('campaigns.get', { id });
      setCampaign(c);
      setError(null);
      const r = await api('reports.run', { id: 'campaigns', params: { from: c.startDate, to: c.endDate, windowDays: WINDOW_DAYS }, locale: currentLocale() });
      setResults(r.rows.find((row) => row.campaignId === id) ?? null);
    } catch (e) {
      setError(`${t('loadFailed')} ${errorText(e)}`);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useChanges('campaigns', (e) => {
    if (!e || e.id === id) void load();
  });
  useChanges('appointments', () => void load());

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const message = await work();
      if (message) notify(message);
      void load();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const build = () =>
    act(async () => {
      const r = await api('campaigns.buildAudience', { id });
      return t('audience.built', r);
    });
  const send = () =>
    act(async () => {
      const r = await api('campaigns.send', { id });
      setSent(r);
      return null;
    });
  const setStatus = (status: CampaignStatus) =>
    act(async () => {
      await api('campaigns.update', { id, status });
      return t('saved');
    });
  const remove = () =>
    act(async () => {
      await api('campaigns.delete', { id });
      navigate('campaigns');
      return t('deleted');
    });

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!campaign) return null;
  if (editing) {
    return (
      <CampaignEditor
        campaign={campaign}
        onCancel={() => setEditing(false)}
        onSaved={(c) => {
          setCampaign(c);
          setEditing(false);
          notify(t('saved'));
          void load();
        }}
      />
    );
  }
  const finished = campaign.status === 'finished';
  const num = (k: string) => (typeof results?.[k] === 'number' ? (results[k] as number) : 0);
  const roi = results?.roi;
  const tiles: Array<[string, string, string]> = [
    ['members', t('fields.members'), String(num('members'))],
    ['contacted', t('fields.contacted'), String(num('contacted'))],
    ['converted', t('results.converted'), String(num('converted'))],
    ['revenue', t('results.revenue'), formatMoney(num('revenue'), currency)],
    ['cost', t('results.cost'), formatMoney(campaign.cost, currency)],
    ['roi', t('results.roi'), typeof roi === 'number' ? `${roi.toLocaleString(currentLocale())} %` : '—'],
  ];
  return (
    <Stack spacing={2} data-testid="campaign-page">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button onClick={() => navigate('campaigns')}>← {t('back')}</Button>
        <Typography variant="h5" sx={{ flexGrow: 1 }} data-testid="campaign-title">
          {campaign.name}
        </Typography>
        <Chip label={t(`status.${campaign.status}`)} color={campaign.status === 'active' ? 'success' : 'default'} data-testid="campaign-status" />
        {!finished && (
          <Button onClick={() => setEditing(true)} data-testid="campaign-edit">
            {t('edit')}
          </Button>
        )}
        {campaign.status === 'draft' && (
          <Button disabled={busy} onClick={() => void setStatus('active')} data-testid="campaign-start">
            {t('status.active')}
          </Button>
        )}
        {campaign.status === 'active' && (
          <Button disabled={busy} onClick={() => void setStatus('finished')} data-testid="campaign-finish">
            {t('status.finished')}
          </Button>
        )}
        {campaign.status === 'draft' && campaign.contacted === 0 && (
          <Button color="error" onClick={() => setDeleting(true)} data-testid="campaign-delete">
            {t('delete')}
          </Button>
        )}
      </Stack>
      <Typography color="text.secondary">
        {t(`channel.${campaign.channel}`)} · {formatDate(campaign.startDate)} – {formatDate(campaign.endDate)}
        {campaign.offer ? ` · ${campaign.offer}` : ''}
      </Typography>
      <Paper sx={{ p: 2 }} data-testid="campaign-results">
        <Typography variant="h6">{t('results.title')}</Typography>
        <Grid container spacing={2} sx={{ mt: 0.5 }}>
          {tiles.map(([key, label, value]) => (
            <Grid key={key} size={{ xs: 6, sm: 4, md: 2 }}>
              <Typography variant="body2" color="text.secondary">
                {label}
              </Typography>
              <Typography variant="h6" data-testid={`result-${key}`}>
                {value}
              </Typography>
            </Grid>
          ))}
        </Grid>
        <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
            {t('results.window', { days: WINDOW_DAYS })}
          </Typography>
          <Button size="small" href={`#/reports/campaigns?from=${campaign.startDate}&to=${campaign.endDate}`}>
            {t('results.report')}
          </Button>
        </Stack>
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography>{campaign.audienceBuiltAt ? t('audience.builtAt', { at: formatDateTime(campaign.audienceBuiltAt) }) : t('audience.notBuilt')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('audience.rebuildHint')}
            </Typography>
          </Box>
          <Button variant="contained" disabled={busy || finished} onClick={() => void build()} data-testid="audience-build">
            {campaign.audienceBuiltAt ? t('audience.rebuild') : t('audience.build')}
          </Button>
        </Stack>
      </Paper>
      {campaign.channel === 'messenger' && <Alert severity="info">{t('members.messengerNote')}</Alert>}
      {(campaign.channel === 'sms' || campaign.channel === 'email') && (
        <Paper sx={{ p: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flexGrow: 1 }}>
              <Typography>{t('members.sendTitle')}</Typography>
              <Typography variant="body2" color="text.secondary">
                {t('members.sendHint', { channel: t(`channel.${campaign.channel}`) })}
              </Typography>
            </Box>
            <Button variant="contained" disabled={busy || finished || !campaign.members} onClick={() => void send()} data-testid="campaign-send">
              {t('members.send')}
            </Button>
          </Stack>
          {sent && (
            <Alert severity={sent.refused.length ? 'warning' : 'success'} sx={{ mt: 1 }} data-testid="campaign-send-result">
              {t('members.sendResult', { queued: sent.queued, already: sent.alreadySent, refused: sent.refused.length })}
              {sent.refused.slice(0, 5).map((r) => (
                <div key={r.patientId}>{r.reason}</div>
              ))}
            </Alert>
          )}
        </Paper>
      )}
      <MembersList campaign={campaign} onWorked={() => void load()} />
      <ConfirmDialog
        open={deleting}
        title={t('delete')}
        text={t('confirmDelete', { name: campaign.name })}
        confirmLabel={t('delete')}
        busy={busy}
        onClose={() => setDeleting(false)}
        onConfirm={() => {
          setDeleting(false);
          void remove();
        }}
        testId="campaign-delete-confirm"
      />
    </Stack>
  );
}
