// The director's home (#/dashboard): this month so far against the whole
// previous month, one tile per number; a tile opens its report for this month.
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Card, CardActionArea, CardContent, CircularProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardTile } from '../../../shared/api/reports';
import type { Branch } from '../../../shared/api/settings';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useSession } from '../../session';
import { EMPTY, formatMonth, formatNumber } from './format';
import { queryString, today, useHashQuery } from './period';
import { ChangeMark } from './ReportTable';

const DASHBOARD_ROLES = ['admin', 'director'];

function Tile({ tile, month, previousMonth, branchId, currency }: { tile: DashboardTile; month: string; previousMonth: string; branchId?: string; currency: string }) {
  const { t } = useTranslation('reports');
  const show = (v: number | null) => (v === null ? EMPTY : formatNumber(tile.type, v, currency));
  const now = today();
  const to = now.startsWith(month) ? now : undefined;
  const href = `#/reports/${tile.reportId}?${queryString({ from: `${month}-01`, to: to ?? `${month}-01`, branchId })}`;
  return (
    <Card variant="outlined" data-testid={`tile-${tile.key}`} data-report={tile.reportId}>
      <CardActionArea href={href} title={t('dashboard.open')} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600, textTransform: 'uppercase', letterSpacing: 0.4 }}>
            {t(`dashboard.tiles.${tile.key}`, { defaultValue: tile.key })}
          </Typography>
          <Typography variant="h4" sx={{ my: 0.5, whiteSpace: 'nowrap' }} data-testid={`tile-${tile.key}-current`}>
            {show(tile.current)}
          </Typography>
          <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 1 }}>
            <Typography variant="body2" color="text.secondary" data-testid={`tile-${tile.key}-previous`}>
              {t('dashboard.previous', { month: formatMonth(previousMonth), value: show(tile.previous) })}
            </Typography>
            <ChangeMark keyName={tile.key} type={tile.type} current={tile.current} previous={tile.previous} currency={currency} testId={`tile-${tile.key}-change`} large />
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation('reports');
  const { user, settings } = useSession();
  const errorText = useErrorText();
  const currency = settings?.currency ?? 'RUB';
  const allowed = !!user && DASHBOARD_ROLES.includes(user.role);
  const [query, setQuery] = useHashQuery();
  const [branches, setBranches] = useState<Branch[]>([]);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const branchId = query.branchId && Number(query.branchId) > 0 ? Number(query.branchId) : undefined;

  // Visits and payments at the desks change the numbers: refresh at most twice a minute.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (!pending.current) pending.current = setTimeout(() => ((pending.current = null), setTick((n) => n + 1)), 30_000);
  };
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);
  useChanges('appointments', refreshSoon);
  useChanges('payments', refreshSoon);

  useEffect(() => {
    if (!allowed) return;
    api('branches.list', {})
      .then(setBranches)
      .catch(() => undefined);
  }, [allowed]);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    setError(null);
    api('reports.dashboard', branchId ? { branchId } : {})
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(`${t('dashboard.failed')} ${errorText(e)}`));
    return () => {
      live = false;
    };
    // t/errorText only word the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, branchId, tick]);

  if (!allowed) return <Alert severity="info">{t('dashboard.noPermission')}</Alert>;

  return (
    <Stack spacing={2} data-testid="dashboard">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5">{t('dashboard.title')}</Typography>
          {data && (
            <Typography variant="body2" color="text.secondary" data-testid="dashboard-month">
              {t('dashboard.subtitle', { month: formatMonth(data.month), previous: formatMonth(data.previousMonth) })}
            </Typography>
          )}
        </Box>
        <TextField
          select
          size="small"
          label={t('filters.branch')}
          value={branchId ? String(branchId) : ''}
          onChange={(e) => setQuery({ ...query, branchId: e.target.value })}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'dashboard-branch' } as object }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('filters.allBranches')}</MenuItem>
          {branches.map((b) => (
            <MenuItem key={b.id} value={String(b.id)}>
              {b.name}
            </MenuItem>
          ))}
        </TextField>
        <Button href="#/reports" variant="outlined" data-testid="dashboard-all-reports">
          {t('dashboard.allReports')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {!data && !error && <CircularProgress />}
      {data && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }}>
          {data.tiles.map((tile) => (
            <Tile key={tile.key} tile={tile} month={data.month} previousMonth={data.previousMonth} branchId={branchId ? String(branchId) : undefined} currency={currency} />
          ))}
        </Box>
      )}
    </Stack>
  );
}
