// The audience filters of a campaign, with the live count the host answers
// (campaigns.audienceCount) a moment after the last change, and a few of the
// patients it picks.
import { useEffect, useState } from 'react';
import { Alert, Box, Checkbox, FormControlLabel, Grid, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AudienceCount, AudienceFilters, CampaignChannel } from '../../../shared/api/campaigns';
import type { Service } from '../../../shared/api/services';
import type { Doctor } from '../../../shared/api/schedules';
import type { Source } from '../../../shared/api/settings';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatDate } from '../../i18n';

type ServiceRef = NonNullable<AudienceFilters['serviceDone']>;

/** A service filter as one select value: "s:12" for a service, "c:hygiene" for a category. */
const refValue = (r: ServiceRef | undefined) => (!r ? '' : r.serviceId !== undefined ? `s:${r.serviceId}` : `c:${r.category}`);
const refOf = (v: string): ServiceRef | undefined => (v.startsWith('s:') ? { serviceId: Number(v.slice(2)) } : v.startsWith('c:') ? { category: v.slice(2) } : undefined);

const DEBOUNCE_MS = 300;

export function AudienceFilterBuilder({ channel, filters, onChange }: { channel: CampaignChannel; filters: AudienceFilters; onChange(f: AudienceFilters): void }) {
  const { t } = useTranslation('campaigns');
  const errorText = useErrorText();
  const [services, setServices] = useState<Service[]>([]);
  const [doctors, setDoctors] = useState<Doctor[]>([]);
  const [sources, setSources] = useState<Source[]>([]);
  const [count, setCount] = useState<AudienceCount | null>(null);
  const [counting, setCounting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api('services.list', {}).then(setServices, () => undefined);
    api('doctors.list', {}).then(setDoctors, () => undefined);
    api('sources.list', {}).then(setSources, () => undefined);
  }, []);

  const key = JSON.stringify([channel, filters]);
  useEffect(() => {
    let live = true;
    setCounting(true);
    const timer = setTimeout(() => {
      api('campaigns.audienceCount', { channel, filters })
        .then((c) => {
          if (!live) return;
          setCount(c);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorText(e)))
        .finally(() => live && setCounting(false));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The filters' JSON is the dependency: a new object with the same filters is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const set = <K extends keyof AudienceFilters>(k: K, v: AudienceFilters[K] | undefined) => {
    const next = { ...filters };
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  const intField = (k: 'lastVisitOlderThanDays' | 'lastVisitWithinDays' | 'ageFrom' | 'ageTo', label: string) => (
    <TextField
      fullWidth
      size="small"
      label={label}
      value={filters[k] ?? ''}
      onChange={(e) => {
        const digits = e.target.value.replace(/\D/g, '');
        set(k, digits ? Number(digits) : undefined);
      }}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `filter-${k}` } }}
    />
  );
  const categories = [...new Set(services.map((s) => s.category))].sort();
  const serviceSelect = (k: 'serviceDone' | 'serviceNeverDone') => (
    <TextField
      select
      fullWidth
      size="small"
      label={t(`filters.${k}`)}
      value={refValue(filters[k])}
      onChange={(e) => set(k, refOf(e.target.value))}
      slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': `filter-${k}` } as object }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{t('filters.anyService')}</MenuItem>
      {categories.map((c) => (
        <MenuItem key={`c:${c}`} value={`c:${c}`}>
          {t('filters.category', { name: c })}
        </MenuItem>
      ))}
      {services.map((s) => (
        <MenuItem key={s.id} value={`s:${s.id}`}>
          {s.name}
        </MenuItem>
      ))}
    </TextField>
  );
  const select = <V extends string | number>(k: keyof AudienceFilters, label: string, value: V | '', options: Array<[V, string]>, anyLabel: string, parse: (v: string) => V) => (
    <TextField
      select
      fullWidth
      size="small"
      label={label}
      value={value}
      onChange={(e) => set(k, (e.target.value === '' ? undefined : parse(e.target.value)) as never)}
      slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': `filter-${k}` } as object }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{anyLabel}</MenuItem>
      {options.map(([v, l]) => (
        <MenuItem key={String(v)} value={v}>
          {l}
        </MenuItem>
      ))}
    </TextField>
  );
  const months = t('months', { returnObjects: true }) as string[];

  return (
    <Stack spacing={2} data-testid="audience-filters">
      <Typography variant="h6">{t('filters.title')}</Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>{intField('lastVisitOlderThanDays', t('filters.lastVisitOlderThanDays'))}</Grid>
        <Grid size={{ xs: 12, sm: 6 }}>{intField('lastVisitWithinDays', t('filters.lastVisitWithinDays'))}</Grid>
        <Grid size={{ xs: 12, sm: 6 }}>{serviceSelect('serviceDone')}</Grid>
        <Grid size={{ xs: 12, sm: 6 }}>{serviceSelect('serviceNeverDone')}</Grid>
        <Grid size={{ xs: 6, sm: 3 }}>{intField('ageFrom', t('filters.ageFrom'))}</Grid>
        <Grid size={{ xs: 6, sm: 3 }}>{intField('ageTo', t('filters.ageTo'))}</Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          {select('sex', t('filters.sex'), filters.sex ?? '', [['male', t('filters.male')], ['female', t('filters.female')]], t('filters.anySex'), (v) => v as 'male' | 'female')}
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            fullWidth
            size="small"
            label={t('filters.city')}
            value={filters.city ?? ''}
            onChange={(e) => set('city', e.target.value.trim() ? e.target.value : undefined)}
            slotProps={{ htmlInput: { 'data-testid': 'filter-city', maxLength: 100 } }}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          {select('sourceId', t('filters.source'), filters.sourceId ?? '', sources.map((s) => [s.id, s.name]), t('filters.anySource'), Number)}
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          {select('doctorId', t('filters.doctor'), filters.doctorId ?? '', doctors.map((d) => [d.id, d.name]), t('filters.anyDoctor'), Number)}
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          {select('hasDebt', t('filters.debt'), filters.hasDebt === undefined ? '' : filters.hasDebt ? 'yes' : 'no', [['yes', t('filters.hasDebt')], ['no', t('filters.noDebt')]], t('filters.anyDebt'), (v) => (v === 'yes') as never)}
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          {select('birthdayMonth', t('filters.birthdayMonth'), filters.birthdayMonth ?? '', months.map((m, i) => [i + 1, m]), t('filters.anyMonth'), Number)}
        </Grid>
        <Grid size={12}>
          <FormControlLabel
            control={<Checkbox checked={!!filters.includeBooked} onChange={(e) => set('includeBooked', e.target.checked || undefined)} data-testid="filter-includeBooked" />}
            label={t('filters.includeBooked')}
          />
          <Typography variant="body2" color="text.secondary">
            {t(`filters.consent.${channel}`)}
          </Typography>
        </Grid>
      </Grid>
      {error ? (
        <Alert severity="error">{error}</Alert>
      ) : (
        <Box>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="audience-count" data-count={count && !counting ? count.count : ''}>
            {count ? t('filters.count', { count: count.count }) : t('filters.counting')}
            {counting && count ? ` · ${t('filters.counting')}` : ''}
          </Typography>
          {count && count.sample.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('filters.sample')}: {count.sample.slice(0, 5).map((p) => `${p.name}${p.lastVisit ? ` (${formatDate(p.lastVisit)})` : ''}`).join(', ')}
            </Typography>
          )}
        </Box>
      )}
    </Stack>
  );
}
