// The patient registry: server-side paging, sorting and filters, search as
// you type, live updates from other workstations.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridSortModel } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { PatientListItem } from '../../../shared/api/patients';
import type { Source } from '../../../shared/api/settings';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { formatDate } from '../../i18n';
import { gridLocaleText } from '../../i18n/grid';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PatientForm } from './PatientForm';

const SORT_FIELDS: Record<string, 'name' | 'createdAt' | 'birthDate' | 'lastVisit'> = {
  name: 'name',
  birthDate: 'birthDate',
  createdAt: 'createdAt',
  lastVisit: 'lastVisit',
};

export function PatientsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [query, setQuery] = useState(() => sessionStorage.getItem('clinic.patients.query') ?? '');
  const [sourceId, setSourceId] = useState<number | ''>('');
  const [sources, setSources] = useState<Source[]>([]);
  const [rows, setRows] = useState<PatientListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 25 });
  const [sort, setSort] = useState<GridSortModel>([{ field: 'name', sort: 'asc' }]);
  const [creating, setCreating] = useState(false);
  const canCreate = user?.role !== 'doctor';

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const s = sort[0];
      const r = await api('patients.search', {
        query,
        limit: page.pageSize,
        offset: page.page * page.pageSize,
        sort: SORT_FIELDS[s?.field ?? 'name'] ?? 'name',
        direction: s?.sort === 'desc' ? 'desc' : 'asc',
        ...(sourceId ? { sourceId } : {}),
      });
      setRows(r.items);
      setTotal(r.total);
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setLoading(false);
    }
    // errorText and notify are stable enough; the query inputs drive reloads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, page, sort, sourceId]);

  useEffect(() => {
    sessionStorage.setItem('clinic.patients.query', query);
    const timer = setTimeout(() => void load(), 150);
    return () => clearTimeout(timer);
  }, [load, query]);

  useEffect(() => {
    api('sources.list', {}).then(setSources, () => undefined);
  }, []);

  useChanges('patients', () => void load());

  const columns = useMemo<GridColDef<PatientListItem>[]>(
    () => [
      {
        field: 'name',
        headerName: t('patients.columns.name'),
        flex: 2,
        minWidth: 220,
        valueGetter: (_v, r) => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' '),
      },
      { field: 'birthDate', headerName: t('patients.columns.birthDate'), width: 120, valueFormatter: (v: string | null) => formatDate(v) },
      { field: 'phone', headerName: t('patients.columns.phone'), width: 170, sortable: false, valueFormatter: (v: string | null) => formatPhone(v) },
      { field: 'email', headerName: t('patients.columns.email'), flex: 1, minWidth: 160, sortable: false },
      { field: 'city', headerName: t('patients.columns.city'), width: 120, sortable: false },
      { field: 'sourceName', headerName: t('patients.columns.source'), width: 140, sortable: false },
      { field: 'lastVisit', headerName: t('patients.columns.lastVisit'), width: 120, valueFormatter: (v: string | null) => formatDate(v) },
      { field: 'createdAt', headerName: t('patients.columns.createdAt'), width: 120, valueFormatter: (v: string) => formatDate(v) },
    ],
    // Columns are rebuilt when the language changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" sx={{ flexGrow: 1 }}>
          {t('patients.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="patients-total">
          {t('patients.total', { count: total })}
        </Typography>
        {canCreate && (
          <Button variant="contained" onClick={() => setCreating(true)} data-testid="new-patient">
            {t('patients.new')}
          </Button>
        )}
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField
          fullWidth
          autoFocus
          size="small"
          label={t('patients.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage((p) => ({ ...p, page: 0 }));
          }}
          slotProps={{ htmlInput: { 'data-testid': 'patient-search' } }}
        />
        <TextField
          select
          size="small"
          sx={{ minWidth: 220 }}
          label={t('patients.columns.source')}
          value={sourceId}
          onChange={(e) => setSourceId(e.target.value === '' ? '' : Number(e.target.value))}
        >
          <MenuItem value="">{t('patients.allSources')}</MenuItem>
          {sources.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Paper>
        <Box sx={{ height: 'calc(100vh - 230px)', minHeight: 400 }}>
          <DataGrid
            rows={rows}
            columns={columns}
            rowCount={total}
            loading={loading}
            paginationMode="server"
            sortingMode="server"
            filterMode="server"
            paginationModel={page}
            onPaginationModelChange={setPage}
            pageSizeOptions={[25, 50, 100]}
            sortModel={sort}
            onSortModelChange={setSort}
            disableColumnFilter
            disableRowSelectionOnClick
            onRowClick={(p) => navigate(`patients/${p.id}`)}
            localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('patients.empty') }}
            density="compact"
            sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
          />
        </Box>
      </Paper>
      {creating && (
        <PatientForm
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            navigate(`patients/${p.id}`);
          }}
        />
      )}
    </Stack>
  );
}
