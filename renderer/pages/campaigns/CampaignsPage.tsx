// The campaigns area (#/campaigns): the list, a new campaign
// (#/campaigns/new) and one campaign (#/campaigns/<id>).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_ROLES, type Campaign } from '../../../shared/api/campaigns';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { formatDate, formatMoney } from '../../i18n';
import { gridLocaleText } from '../../i18n/grid';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { CampaignEditor } from './CampaignEditor';
import { CampaignPage } from './CampaignPage';

export function CampaignsPage({ id }: { id?: string }) {
  const { t } = useTranslation('campaigns');
  const { user } = useSession();
  const notify = useNotify();
  if (!user || !CAMPAIGN_ROLES.includes(user.role)) return <Alert severity="info">{t('noPermission')}</Alert>;
  if (id === 'new') {
    return (
      <CampaignEditor
        campaign={null}
        onCancel={() => navigate('campaigns')}
        onSaved={(c) => {
          notify(t('saved'));
          navigate(`campaigns/${c.id}`);
        }}
      />
    );
  }
  if (id && Number(id) > 0) return <CampaignPage key={id} id={Number(id)} />;
  return <CampaignList />;
}

function CampaignList() {
  const { t, i18n } = useTranslation('campaigns');
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const errorText = useErrorText();
  const [rows, setRows] = useState<Campaign[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRows(await api('campaigns.list', {}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useChanges('campaigns', () => void load());

  const columns = useMemo<GridColDef<Campaign>[]>(
    () => [
      { field: 'name', headerName: t('fields.name'), flex: 1, minWidth: 200 },
      { field: 'channel', headerName: t('fields.channel'), width: 120, valueGetter: (v: string) => t(`channel.${v}`) },
      { field: 'startDate', headerName: t('fields.period'), width: 210, valueGetter: (_v, r) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}` },
      {
        field: 'status',
        headerName: t('fields.status'),
        width: 130,
        renderCell: (p) => <Chip size="small" label={t(`status.${p.row.status}`)} color={p.row.status === 'active' ? 'success' : 'default'} />,
      },
      { field: 'members', headerName: t('fields.members'), type: 'number', width: 110 },
      { field: 'contacted', headerName: t('fields.contacted'), type: 'number', width: 110 },
      { field: 'cost', headerName: t('results.cost'), type: 'number', width: 140, valueFormatter: (v: number) => formatMoney(v, currency) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, currency],
  );

  return (
    <Stack spacing={2} data-testid="campaigns-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5">{t('title')}</Typography>
          <Typography color="text.secondary">{t('intro')}</Typography>
        </Box>
        <Button variant="contained" onClick={() => navigate('campaigns/new')} data-testid="campaign-new">
          {t('new')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      <Paper>
        <Box sx={{ height: 'calc(100vh - 240px)', minHeight: 360 }}>
          <DataGrid
            rows={rows}
            columns={columns}
            loading={loading}
            density="compact"
            disableRowSelectionOnClick
            onRowClick={(p) => navigate(`campaigns/${p.row.id}`)}
            localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('empty') }}
            sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            data-testid="campaigns-grid"
          />
        </Box>
      </Paper>
    </Stack>
  );
}
