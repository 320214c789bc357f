// Creating or editing a campaign: its name, channel, cost, period and offer,
// and the audience filters with their live count.
import type { FormEvent } from 'react';
import { Alert, Box, Button, Grid, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { addDays, format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_CHANNELS, type AudienceFilters, type Campaign, type CampaignChannel } from '../../../shared/api/campaigns';
import { api } from '../../api/client';
import { useSession } from '../../session';
import { useFormState, type FieldErrors } from '../admin/common';
import { isIsoDate, today } from '../admin/dates';
import { moneyText, parseMoney } from '../../../shared/domain/money-input';
import { AudienceFilterBuilder } from './AudienceFilterBuilder';

interface Form {
  name: string;
  channel: CampaignChannel;
  cost: string;
  startDate: string;
  endDate: string;
  offer: string;
  filters: AudienceFilters;
}

function formOf(c: Campaign | null): Form {
  if (!c) {
    return { name: '', channel: 'call', cost: '', startDate: today(), endDate: format(addDays(new Date(), 30), 'yyyy-MM-dd'), offer: '', filters: { lastVisitOlderThanDays: 180 } };
  }
  return { name: c.name, channel: c.channel, cost: c.cost ? moneyText(c.cost) : '', startDate: c.startDate, endDate: c.endDate, offer: c.offer ?? '', filters: c.filters };
}

export function CampaignEditor({ campaign, onSaved, onCancel }: { campaign: Campaign | null; onSaved(c: Campaign): void; onCancel(): void }) {
  const { t } = useTranslation('campaigns');
  const { settings } = useSession();
  const labels: Record<string, string> = {
    name: t('fields.name'),
    channel: t('fields.channel'),
    cost: t('fields.cost', { currency: settings?.currency ?? '' }),
    startDate: t('fields.startDate'),
    endDate: t('fields.endDate'),
    offer: t('fields.offer'),
    filters: t('filters.title'),
  };
  const { form, set, errors, message, busy, check, save } = useFormState<Form>(() => formOf(campaign), labels);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const cost = form.cost.trim() ? parseMoney(form.cost) : 0;
    const bad: FieldErrors = {};
    if (!form.name.trim()) bad.name = t('errors.required');
    if (cost === null) bad.cost = t('errors.money');
    if (!isIsoDate(form.startDate)) bad.startDate = t('errors.required');
    if (!isIsoDate(form.endDate)) bad.endDate = t('errors.required');
    if (!check(bad)) return;
    const fields = { name: form.name, channel: form.channel, cost: cost!, startDate: form.startDate, endDate: form.endDate, filters: form.filters };
    await save(async () => {
      const saved = campaign
        ? await api('campaigns.update', { id: campaign.id, updatedAt: campaign.updatedAt, ...fields, offer: form.offer.trim() || null })
        : await api('campaigns.create', { ...fields, offer: form.offer.trim() || null });
      onSaved(saved);
    });
  };

  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate data-testid="campaign-editor">
      <Stack spacing={2}>
        <Typography variant="h5">{campaign ? campaign.name : t('new')}</Typography>
        {message && (
          <Alert severity="error" data-testid="campaign-error">
            {message}
          </Alert>
        )}
        <Paper sx={{ p: 2 }}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField
                fullWidth
                required
                size="small"
                label={labels.name}
                value={form.name}
                error={!!errors.name}
                helperText={errors.name}
                onChange={(e) => set('name', e.target.value)}
                slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'campaign-name' } }}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                select
                fullWidth
                size="small"
                label={labels.channel}
                value={form.channel}
                error={!!errors.channel}
                onChange={(e) => set('channel', e.target.value as CampaignChannel)}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'campaign-channel' } as object } }}
              >
                {CAMPAIGN_CHANNELS.map((c) => (
                  <MenuItem key={c} value={c} data-testid={`campaign-channel-${c}`}>
                    {t(`channel.${c}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                fullWidth
                size="small"
                label={labels.cost}
                value={form.cost}
                error={!!errors.cost}
                helperText={errors.cost}
                onChange={(e) => set('cost', e.target.value)}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'campaign-cost' } }}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                type="date"
                fullWidth
                size="small"
                label={labels.startDate}
                value={form.startDate}
                error={!!errors.startDate}
                helperText={errors.startDate}
                onChange={(e) => set('startDate', e.target.value)}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'campaign-start' } }}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextField
                type="date"
                fullWidth
                size="small"
                label={labels.endDate}
                value={form.endDate}
                error={!!errors.endDate}
                helperText={errors.endDate}
                onChange={(e) => set('endDate', e.target.value)}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'campaign-end' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField
                fullWidth
                size="small"
                multiline
                label={labels.offer}
                value={form.offer}
                error={!!errors.offer}
                onChange={(e) => set('offer', e.target.value)}
                slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'campaign-offer' } }}
              />
            </Grid>
          </Grid>
        </Paper>
        <Paper sx={{ p: 2 }}>
          <AudienceFilterBuilder channel={form.channel} filters={form.filters} onChange={(f) => set('filters', f)} />
        </Paper>
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={onCancel}>{t('cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="campaign-save">
            {t('save')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
