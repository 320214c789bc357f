// One report at #/reports/<id>?from=…&to=…: the parameters (kept in the
// address, so a link or a reload shows the same), the chart, the table with
// totals compared with the previous period, drill-down into patients,
// XLSX/CSV export and a printout.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, ButtonGroup, CircularProgress, GlobalStyles, IconButton, LinearProgress, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import RefreshIcon from '@mui/icons-material/Refresh';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { ReportInfo, ReportResult } from '../../../shared/api/reports';
import type { Branch } from '../../../shared/api/settings';
import type { Doctor } from '../../../shared/api/schedules';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { currentLocale, formatDate, formatDateTime } from '../../i18n';
import { useSession } from '../../session';
import { saveBase64 } from './download';
import { DrillDialog, type DrillTarget } from './DrillDialog';
import { CreateTasksDialog } from '../tasks/CreateTasksDialog';
import { formatCell } from './format';
import { QUICK, daysBetween, isIsoDate, plusDays, previousPeriod, quickOf, quickRange, today, useHashQuery, type Query, type Quick } from './period';
import { ReportChart, hasChart } from './ReportChart';
import { CohortTable, PrintTable, ReportGrid, type Previous } from './ReportTable';
import { REPORT_ROLES } from './ReportsPage';

/** Reports over months read best over a longer period. */
const YEARLY: ReadonlySet<string> = new Set(['base-growth', 'lost', 'cohorts', 'average-check']);
/** Reports whose totals mean nothing against another period (or that compare periods themselves). */
const NO_COMPARE: ReadonlySet<string> = new Set(['activity', 'cohorts', 'rating', 'recalls-due', 'campaigns']);

type Params = Record<string, unknown> & { from: string; to: string };

/** The host's parameters from the address: the period, the filters and the report's own ones. */
function paramsOf(q: Query, info: ReportInfo): Params {
  const p: Params = { from: q.from, to: q.to };
  if (q.branchId && Number(q.branchId) > 0) p.branchId = Number(q.branchId);
  if (q.doctorId && Number(q.doctorId) > 0) p.doctorId = Number(q.doctorId);
  for (const x of info.extraParams) {
    const v = q[x.key];
    if (v === undefined || v === '') continue;
    if (x.type === 'int') {
      if (/^\d+$/.test(v)) p[x.key] = Number(v);
    } else if (x.type === 'date') {
      if (isIsoDate(v)) p[x.key] = v;
    } else if (!x.options || x.options.includes(v)) p[x.key] = v;
  }
  return p;
}

/** The same report for the period just before; "as of" dates move back by the same number of days. */
function previousParams(p: Params, info: ReportInfo): { params: Params; from: string; to: string } {
  const prev = previousPeriod(p.from, p.to);
  const shift = daysBetween(prev.from, p.from);
  const out: Params = { ...p, from: prev.from, to: prev.to };
  for (const x of info.extraParams) if (x.type === 'date') out[x.key] = plusDays(typeof p[x.key] === 'string' ? (p[x.key] as string) : today(), -shift);
  return { params: out, from: prev.from, to: prev.to };
}

function DateField({ label, value, onCommit, testId, error, helperText }: { label: string; value: string; onCommit(v: string): void; testId: string; error?: boolean; helperText?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <TextField
      type="date"
      size="small"
      label={label}
      value={text}
      error={error}
      helperText={helperText}
      onChange={(e) => {
        setText(e.target.value);
        if (isIsoDate(e.target.value) && e.target.value !== value) onCommit(e.target.value);
      }}
      onBlur={() => {
        if (text === '' && value !== '') onCommit('');
      }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId, max: '9999-12-31' } }}
      sx={{ width: 165 }}
    />
  );
}

function IntField({ label, value, placeholder, onCommit, testId }: { label: string; value: string; placeholder?: string; onCommit(v: string): void; testId: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    const v = text.trim();
    if (v === '' || /^\d+$/.test(v)) onCommit(v);
    else setText(value);
  };
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.target.value.replace(/[^\d]/g, ''))}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId, inputMode: 'numeric' } }}
      sx={{ width: 170 }}
    />
  );
}

export function ReportPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('reports');
  const { user, settings } = useSession();
  const errorText = useErrorText();
  const currency = settings?.currency ?? 'RUB';
  const allowed = !!user && REPORT_ROLES.includes(user.role);
  const [query, setQuery] = useHashQuery();
  const [info, setInfo] = useState<ReportInfo | null | undefined>(undefined);
  const [listError, setListError] = useState<string | null>(null);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [doctors, setDoctors] = useState<Doctor[]>([]);
  const [result, setResult] = useState<ReportResult | null>(null);
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { t: tt } = useTranslation('tasks');
  const [calling, setCalling] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api('reports.list', {})
      .then((list) => live && setInfo(list.find((r) => r.id === id) ?? null))
      .catch((e: unknown) => live && setListError(`${t('loadFailed')} ${errorText(e)}`));
    api('branches.list', {})
      .then((b) => live && setBranches(b))
      .catch(() => undefined);
    api('doctors.list', {})
      .then((d) => live && setDoctors(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // Loaded once per report page; t/errorText only word the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, allowed]);

  // A report opened without a period gets its usual one, written into the address.
  const defaultQuick: Quick = YEARLY.has(id) ? 'this-year' : 'this-month';
  useEffect(() => {
    if (!isIsoDate(query.from) || !isIsoDate(query.to)) setQuery({ ...query, ...quickRange(defaultQuick) }, true);
  }, [query, setQuery, defaultQuick]);

  const periodOk = isIsoDate(query.from) && isIsoDate(query.to) && query.from <= query.to;
  const badPeriod = isIsoDate(query.from) && isIsoDate(query.to) && !periodOk;
  const params = useMemo(() => (info && periodOk ? paramsOf(query, info) : null), [info, periodOk, query]);
  const paramsKey = JSON.stringify(params);

  useEffect(() => {
    if (!params || !info) return;
    let live = true;
    const locale = currentLocale();
    setLoading(true);
    setError(null);
    api('reports.run', { id, params, locale })
      .then((r) => live && setResult(r))
      .catch((e: unknown) => {
        if (!live) return;
        setResult(null);
        setError(`${t('table.failed')} ${errorText(e)}`);
      })
      .finally(() => live && setLoading(false));
    if (NO_COMPARE.has(id)) setPrevious(null);
    else {
      const prev = previousParams(params, info);
      api('reports.run', { id, params: prev.params, locale })
        .then((r) => live && setPrevious({ from: prev.from, to: prev.to, totals: r.totals ?? null }))
        .catch(() => live && setPrevious(null));
    }
    return () => {
      live = false;
    };
    // paramsKey stands for params; the language changes the column labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, paramsKey, i18n.language, tick, info]);

  const set = (patch: Query) => setQuery({ ...query, ...patch });

  const onDrill = useCallback(
    (rowIndex: number | undefined, column: string) => {
      if (!result) return;
      const col = result.columns.find((c) => c.key === column);
      const label = result.columns.find((c) => c.type === 'month' || c.type === 'text');
      let row = t('drill.total');
      if (rowIndex !== undefined) {
        const r = result.rows[rowIndex];
        if (result.id === 'peak-hours') row = `${formatCell({ key: 'weekday', type: 'int' }, r.weekday, currency, t)}, ${formatCell({ key: 'hour', type: 'int' }, r.hour, currency, t)}`;
        else row = label ? formatCell(label, r[label.key], currency, t) : String(rowIndex + 1);
      }
      setDrill({ column, rowIndex, title: t('drill.title', { column: col?.label ?? column, row }) });
    },
    [result, currency, t],
  );

  const doExport = async (format: 'csv' | 'xlsx') => {
    if (!params) return;
    setExporting(format);
    setExportError(null);
    try {
      const f = await api('reports.export', { id, params, locale: currentLocale(), format });
      saveBase64(f.contentBase64, f.mime, f.fileName);
    } catch (e) {
      setExportError(`${t('actions.exportFailed')} ${errorText(e)}`);
    } finally {
      setExporting(null);
    }
  };

  if (!allowed) return <Alert severity="info">{t('noPermission')}</Alert>;

  const title = t(`list.${id}.title`, { defaultValue: id });
  const active = periodOk ? quickOf(query.from, query.to) : null;
  const branchName = branches.find((b) => String(b.id) === query.branchId)?.name ?? t('filters.allBranches');
  const doctorName = doctors.find((d) => String(d.id) === query.doctorId)?.name ?? t('filters.allDoctors');
  const wide = (result?.columns.length ?? 0) > 6;

  return (
    <Stack spacing={2} data-testid="report-page" data-report={id}>
      <GlobalStyles
        styles={`
          @page { size: A4 ${wide ? 'landscape' : 'portrait'}; margin: 10mm; }
          .report-print-only { display: none; }
          @media print {
            header.MuiAppBar-root, .no-print, .MuiDialog-root { display: none !important; }
            main { padding: 0 !important; }
            body { background: #fff !important; }
            .report-screen-only { display: none !important; }
            .report-print-only { display: block !important; }
            .report-chart-box { break-inside: avoid; height: auto !important; }
            .report-chart-box canvas { max-width: 100% !important; height: auto !important; }
            .MuiPaper-root { box-shadow: none !important; }
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          }
        `}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Tooltip title={t('allReports')} className="no-print">
          <IconButton href="#/reports" size="small" sx={{ mt: 0.5 }} data-testid="report-back">
            <ArrowBackIcon />
          </IconButton>
        </Tooltip>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" data-testid="report-title">
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t(`list.${id}.about`, { defaultValue: '' })}
          </Typography>
          {periodOk && (
            <Typography variant="body2" className="report-print-only">
              {t('period.label')}: {t('period.range', { from: formatDate(query.from), to: formatDate(query.to) })} · {t('print.filters', { branch: branchName, doctor: doctorName })} ·{' '}
              {t('print.printed', { date: formatDateTime(new Date().toISOString()) })}
            </Typography>
          )}
        </Box>
        <Stack direction="row" spacing={1} className="no-print">
          <Tooltip title={t('actions.refresh')}>
            <span>
              <IconButton onClick={() => setTick((n) => n + 1)} disabled={!params || loading} size="small" data-testid="report-run" aria-label={t('actions.refresh')}>
                <RefreshIcon />
              </IconButton>
            </span>
          </Tooltip>
          <Button variant="outlined" size="small" startIcon={exporting === 'xlsx' ? <CircularProgress size={16} /> : <DownloadIcon />} disabled={!result || !!exporting} onClick={() => void doExport('xlsx')} data-testid="report-export-xlsx">
            {t('actions.xlsx')}
          </Button>
          <Button variant="outlined" size="small" startIcon={exporting === 'csv' ? <CircularProgress size={16} /> : <DownloadIcon />} disabled={!result || !!exporting} onClick={() => void doExport('csv')} data-testid="report-export-csv">
            {t('actions.csv')}
          </Button>
          <Button variant="outlined" size="small" startIcon={<PrintIcon />} disabled={!result} onClick={() => window.print()} data-testid="report-print">
            {t('actions.print')}
          </Button>
          {/* A report whose rows are patients (recalls due, debtors, rating) is a work list: call them all. */}
          {result?.columns.some((c) => c.key === 'patientId') && result.rows.length > 0 && (
            <Button variant="outlined" size="small" onClick={() => setCalling(true)} data-testid="report-create-tasks">
              {tt('createMany.button')}
            </Button>
          )}
        </Stack>
      </Stack>

      {listError && <Alert severity="error">{listError}</Alert>}
      {/* A capped work list (recalls due, debtors): totals.rows is the number of all its rows. */}
      {result && typeof result.totals?.rows === 'number' && result.totals.rows > result.rows.length && (
        <Alert severity="info" data-testid="report-first-of">
          {t(result.id === 'debtors' ? 'table.firstOfDebts' : 'table.firstOf', { shown: result.rows.length, total: result.totals.rows })}
        </Alert>
      )}
      {info === null && <Alert severity="info">{t('notAvailable')}</Alert>}
      {exportError && (
        <Alert severity="error" onClose={() => setExportError(null)} className="no-print">
          {exportError}
        </Alert>
      )}

      {info && (
        <Paper className="no-print" sx={{ p: 1.5 }} data-testid="report-params">
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
            <ButtonGroup size="small" sx={{ mt: 0.25 }} aria-label={t('period.label')}>
              {QUICK.map((q) => (
                <Button key={q} variant={active === q ? 'contained' : 'outlined'} onClick={() => set(quickRange(q))} data-testid={`report-period-${q}`} aria-pressed={active === q}>
                  {t(`period.${q}`)}
                </Button>
              ))}
            </ButtonGroup>
            <DateField label={t('period.from')} value={query.from ?? ''} onCommit={(v) => v && set({ from: v })} testId="report-from" error={badPeriod} />
            <DateField label={t('period.to')} value={query.to ?? ''} onCommit={(v) => v && set({ to: v })} testId="report-to" error={badPeriod} />
            <TextField
              select
              size="small"
              label={t('filters.branch')}
              value={query.branchId ?? ''}
              onChange={(e) => set({ branchId: e.target.value })}
              sx={{ minWidth: 190 }}
              slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'report-branch' } as object }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('filters.allBranches')}</MenuItem>
              {branches.map((b) => (
                <MenuItem key={b.id} value={String(b.id)}>
                  {b.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={t('filters.doctor')}
              value={query.doctorId ?? ''}
              onChange={(e) => set({ doctorId: e.target.value })}
              sx={{ minWidth: 220 }}
              slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'report-doctor' } as object }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('filters.allDoctors')}</MenuItem>
              {doctors.map((d) => (
                <MenuItem key={d.id} value={String(d.id)}>
                  {d.name}
                </MenuItem>
              ))}
            </TextField>
            {info.extraParams.map((x) => {
              const label = t(`params.${x.key}`, { defaultValue: x.key });
              const testId = `report-param-${x.key}`;
              if (x.type === 'int')
                return <IntField key={x.key} label={label} value={query[x.key] ?? ''} placeholder={x.default !== undefined ? String(x.default) : undefined} onCommit={(v) => set({ [x.key]: v })} testId={testId} />;
              if (x.type === 'date')
                return <DateField key={x.key} label={label} value={query[x.key] ?? ''} onCommit={(v) => set({ [x.key]: v })} testId={testId} helperText={t('params.defaultToday')} />;
              return (
                <TextField
                  key={x.key}
                  select
                  size="small"
                  label={label}
                  value={query[x.key] ?? String(x.default ?? x.options?.[0] ?? '')}
                  onChange={(e) => set({ [x.key]: e.target.value === String(x.default ?? '') ? '' : e.target.value })}
                  sx={{ minWidth: 150 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object }, inputLabel: { shrink: true } }}
                >
                  {(x.options ?? []).map((o) => (
                    <MenuItem key={o} value={o}>
                      {t(`options.${x.key}.${o}`, { defaultValue: o })}
                    </MenuItem>
                  ))}
                </TextField>
              );
            })}
          </Stack>
        </Paper>
      )}

      {badPeriod && (
        <Alert severity="warning" data-testid="report-period-invalid">
          {t('period.invalid')}
        </Alert>
      )}
      {loading && <LinearProgress className="no-print" data-testid="report-loading" />}
      {error && <Alert severity="error">{error}</Alert>}
      {info === undefined && !listError && <CircularProgress />}

      {result && result.id === id && periodOk && (
        <Box data-testid="report-body" data-loading={loading ? 'true' : 'false'} sx={{ opacity: loading ? 0.6 : 1, transition: 'opacity 0.2s' }}>
          <Stack spacing={2}>
            {result.id === 'cohorts' ? (
              <Box data-testid="report-chart">
                <CohortTable result={result} currency={currency} onDrill={onDrill} />
              </Box>
            ) : (
              <>
                {hasChart(result.id) && result.rows.length > 0 && (
                  <Paper sx={{ p: 2 }} data-testid="report-chart">
                    <ReportChart result={result} currency={currency} onDrill={onDrill} />
                  </Paper>
                )}
                <ReportGrid result={result} previous={previous} currency={currency} loading={loading} onDrill={onDrill} />
                <PrintTable result={result} previous={previous} currency={currency} />
              </>
            )}
          </Stack>
        </Box>
      )}

      {params && <DrillDialog reportId={id} params={params} target={drill} onClose={() => setDrill(null)} />}
      {calling && result && (
        <CreateTasksDialog
          patientIds={[...new Set(result.rows.map((r) => Number(r.patientId)).filter((n) => n > 0))]}
          defaultComment={t(`list.${id}.title`, { defaultValue: id })}
          onClose={() => setCalling(false)}
        />
      )}
    </Stack>
  );
}
