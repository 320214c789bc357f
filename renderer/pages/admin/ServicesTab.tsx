// The price list: services with their current price in the clinic currency,
// a dialog to add or edit one, and the price history of the selected service.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Box, Button, Chip, FormControlLabel, IconButton, List, ListItem, ListItemText, Paper, Stack, Switch, Tooltip, Typography,
} from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { PriceChange, Service } from '../../../shared/api/services';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { formatDate, formatMoney } from '../../i18n';
import { gridLocaleText } from '../../i18n/grid';
import { useSession } from '../../session';
import { adminStrings } from './i18n';
import { useCodeLabel } from './common';
import { today } from './dates';
import { ServiceDialog } from './ServiceDialog';

const KNOWN_CATEGORIES = Object.keys(adminStrings.en.category);
const KNOWN_SPECIALTIES = Object.keys(adminStrings.en.specialty);

export function ServicesTab() {
  const { t, i18n } = useTranslation('admin');
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const notify = useNotify();
  const errorText = useErrorText();
  const label = useCodeLabel();
  const [rows, setRows] = useState<Service[]>([]);
  const [loading, setLoading] = useState(true);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [selected, setSelected] = useState<Service | null>(null);
  const [history, setHistory] = useState<PriceChange[] | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const list = await api('services.list', { includeInactive: showInactive });
      setRows(list);
      setSelected((s) => (s ? (list.find((x) => x.id === s.id) ?? s) : s));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setLoading(false);
    }
    // notify and errorText are stable in practice; the filter drives reloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showInactive]);

  const loadHistory = useCallback(async (id: number) => {
    try {
      setHistory(await api('services.prices', { id }));
    } catch {
      setHistory([]);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const selectedId = selected?.id;
  useEffect(() => {
    if (selectedId) void loadHistory(selectedId);
  }, [selectedId, loadHistory]);

  useChanges('services', () => {
    void load();
    if (selectedId) void loadHistory(selectedId);
  });

  const categories = useMemo(() => [...new Set([...KNOWN_CATEGORIES, ...rows.map((r) => r.category)])].sort(), [rows]);
  const specialties = useMemo(
    () => [...new Set([...KNOWN_SPECIALTIES, ...rows.map((r) => r.specialty).filter((s): s is string => !!s)])].sort(),
    [rows],
  );

  const columns = useMemo<GridColDef<Service>[]>(
    () => [
      { field: 'code', headerName: t('services.code'), width: 100 },
      { field: 'name', headerName: t('services.name'), flex: 1, minWidth: 180 },
      { field: 'category', headerName: t('services.category'), width: 130, valueGetter: (v: string) => label('category', v) },
      { field: 'specialty', headerName: t('services.specialty'), width: 150, valueGetter: (v: string | null) => label('specialty', v) },
      {
        field: 'durationMin',
        headerName: t('services.durationShort'),
        description: t('services.durationMin'),
        type: 'number',
        width: 120,
        valueFormatter: (v: number) => t('common.minutes', { n: v }),
      },
      {
        field: 'price',
        headerName: t('services.price'),
        type: 'number',
        width: 120,
        valueFormatter: (v: number) => formatMoney(v, currency),
      },
      {
        field: 'recallDays',
        headerName: t('services.recallShort'),
        description: t('services.recallDays'),
        type: 'number',
        width: 125,
        valueFormatter: (v: number | null) => (v ? t('common.days', { n: v }) : '—'),
      },
      { field: 'active', headerName: t('services.active'), type: 'boolean', width: 80 },
      {
        field: 'actions',
        headerName: '',
        width: 52,
        sortable: false,
        filterable: false,
        disableColumnMenu: true,
        renderCell: (p) => (
          <Tooltip title={t('common.edit')}>
            <IconButton
              size="small"
              aria-label={t('common.edit')}
              data-testid="service-edit"
              onClick={(e) => {
                e.stopPropagation();
                setEditing(p.row);
              }}
            >
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ),
      },
    ],
    // Rebuilt when the language or the currency changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, currency],
  );

  const day = today();
  // The price in force today is the latest change on or before today.
  const currentIndex = history ? history.findIndex((h) => h.validFrom <= day) : -1;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => setEditing('new')} data-testid="service-new">
          {t('services.new')}
        </Button>
        <FormControlLabel
          control={<Switch checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />}
          label={t('services.showInactive')}
        />
      </Stack>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'stretch', flexWrap: { xs: 'wrap', lg: 'nowrap' } }}>
        <Paper sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
          <Box sx={{ height: 'calc(100vh - 260px)', minHeight: 420 }}>
            <DataGrid
              rows={rows}
              columns={columns}
              loading={loading}
              density="compact"
              showToolbar
              hideFooterSelectedRowCount
              rowSelectionModel={{ type: 'include', ids: new Set(selected ? [selected.id] : []) }}
              onRowClick={(p) => setSelected(p.row)}
              onRowDoubleClick={(p) => setEditing(p.row)}
              getRowClassName={(p) => (p.row.active ? '' : 'inactive')}
              localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('services.empty') }}
              initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
              pageSizeOptions={[25, 50, 100]}
              sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .inactive': { color: 'text.disabled' } }}
              data-testid="services-grid"
            />
          </Box>
        </Paper>
        <Paper sx={{ p: 2, width: { xs: '100%', lg: 320 }, flexShrink: 0 }} data-testid="price-history">
          <Typography variant="h6" gutterBottom>
            {selected ? t('services.historyOf', { name: selected.name }) : t('services.history')}
          </Typography>
          {!selected && (
            <Typography variant="body2" color="text.secondary">
              {t('services.historyHint')}
            </Typography>
          )}
          {selected && history && history.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('services.historyEmpty')}
            </Typography>
          )}
          {selected && history && history.length > 0 && (
            <List dense disablePadding>
              {history.map((h, i) => (
                <ListItem
                  key={`${h.validFrom}-${i}`}
                  disableGutters
                  divider
                  data-testid="price-history-row"
                  sx={{ opacity: currentIndex >= 0 && i > currentIndex ? 0.5 : 1 }}
                >
                  <ListItemText
                    primary={formatMoney(h.price, currency)}
                    secondary={`${t('services.validFrom')} ${formatDate(h.validFrom)}`}
                  />
                  {i === currentIndex && <Chip size="small" color="success" label={t('services.current')} />}
                  {h.validFrom > day && <Chip size="small" color="info" label={t('services.planned')} />}
                </ListItem>
              ))}
            </List>
          )}
        </Paper>
      </Box>
      {editing && (
        <ServiceDialog
          key={editing === 'new' ? 'new' : editing.id}
          service={editing === 'new' ? undefined : editing}
          currency={currency}
          categories={categories}
          specialties={specialties}
          onClose={() => setEditing(null)}
          onSaved={(s, message) => {
            setEditing(null);
            setSelected(s);
            notify(message);
            void load();
            void loadHistory(s.id);
          }}
        />
      )}
    </Stack>
  );
}
