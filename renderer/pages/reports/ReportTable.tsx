// The table of a report: a data grid with the host's columns (sorted here),
// numbers that count patients as links to the list of them, patient names as
// links to the card, and the totals in the footer with the change against the
// previous period. The cohort triangle is a coloured table of its own; the
// print gets a plain table with every row.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { Box, Link, Paper, Table, TableBody, TableCell, TableContainer, TableFooter, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { DataGrid, GridFooterContainer, GridPagination, type GridColDef, type GridRenderCellParams } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { Cell, ReportColumn, ReportResult } from '../../../shared/api/reports';
import { formatDate } from '../../i18n';
import { gridLocaleText } from '../../i18n/grid';
import { change, direction, formatCell, formatNumber } from './format';

export interface Previous {
  from: string;
  to: string;
  totals: Record<string, Cell> | null;
}

type Drill = (rowIndex: number | undefined, column: string) => void;

/** Rows per page: the most the community grid pages by. */
const PAGE = 100;

/** Numbers that read as names (Monday, 09:00): sorted as numbers, shown as text. */
const CODE_COLUMNS = new Set(['weekday', 'hour']);

const isNumeric = (c: ReportColumn) => c.type === 'int' || c.type === 'money' || c.type === 'pct';

/** A number that counts patients, as a link opening them; zero and empty stay plain. */
function DrillValue({ column, value, text, testId, onDrill }: { column: string; value: Cell | undefined; text: string; testId: string; onDrill(): void }) {
  const { t } = useTranslation('reports');
  if (typeof value !== 'number' || value === 0) return <>{text}</>;
  return (
    <Link
      component="button"
      type="button"
      underline="hover"
      title={t('table.showPatients')}
      data-testid={testId}
      data-column={column}
      onClick={(e) => {
        e.stopPropagation();
        onDrill();
      }}
      sx={{ font: 'inherit', verticalAlign: 'baseline' }}
    >
      {text}
    </Link>
  );
}

/** ▲ 12.5 % in green, or red when a rise is bad news (debt, lost patients). */
export function ChangeMark({
  keyName,
  type,
  current,
  previous,
  currency,
  testId,
  large,
}: {
  keyName: string;
  type: ReportColumn['type'];
  current: Cell | undefined;
  previous: Cell | undefined;
  currency: string;
  testId?: string;
  large?: boolean;
}) {
  const { t } = useTranslation('reports');
  const c = change(type, current, previous);
  if (!c) return null;
  const dir = direction(keyName);
  const colour = c.delta === 0 || dir === 'neutral' ? 'text.secondary' : (c.delta > 0) === (dir === 'good') ? 'success.main' : 'error.main';
  const Icon = c.delta > 0 ? ArrowUpwardIcon : c.delta < 0 ? ArrowDownwardIcon : null;
  const prevText = typeof previous === 'number' ? formatNumber(type, previous, currency) : '—';
  return (
    <Tooltip title={t('compare.previous', { value: prevText })}>
      <Box component="span" data-testid={testId} data-delta={c.delta} sx={{ display: 'inline-flex', alignItems: 'center', color: colour, fontSize: large ? '1rem' : '0.8rem', fontWeight: large ? 600 : undefined, whiteSpace: 'nowrap', ml: 0.5 }}>
        {Icon && <Icon sx={{ fontSize: large ? '1.2rem' : '0.95rem' }} />}
        {c.delta === 0 ? t('compare.same') : c.pp ? t('compare.pp', { value: c.text }) : c.text}
      </Box>
    </Tooltip>
  );
}

/** The totals of a report as one line: label, value (a link when it counts patients) and the change. */
export function TotalsLine({ result, previous, currency, onDrill }: { result: ReportResult; previous: Previous | null; currency: string; onDrill: Drill }) {
  const { t } = useTranslation('reports');
  const totals = result.totals;
  if (!totals) return null;
  const cols = result.columns.filter((c) => c.key in totals);
  // Totals that are no column's (recalls-due's number of rows) are not a line here.
  if (!cols.length) return null;
  return (
    <Box data-testid="report-totals" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, alignItems: 'baseline', px: 1.5, py: 1 }}>
      <Typography sx={{ fontWeight: 600 }}>{t('table.totals')}</Typography>
      {cols.map((c) => {
        const text = formatCell(c, totals[c.key], currency, t);
        return (
          <Box key={c.key} data-testid={`report-total-${c.key}`} sx={{ display: 'inline-flex', alignItems: 'baseline', gap: 0.75 }}>
            <Typography variant="body2" color="text.secondary">
              {c.label}:
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {c.drill ? <DrillValue column={c.key} value={totals[c.key]} text={text} testId={`report-drill-${c.key}-total`} onDrill={() => onDrill(undefined, c.key)} /> : text}
            </Typography>
            {previous?.totals && <ChangeMark keyName={c.key} type={c.type} current={totals[c.key]} previous={previous.totals[c.key]} currency={currency} testId={`report-compare-${c.key}`} />}
          </Box>
        );
      })}
      {previous?.totals && (
        <Typography variant="caption" color="text.secondary" data-testid="report-compare-period">
          {t('compare.with', { from: formatDate(previous.from), to: formatDate(previous.to) })}
        </Typography>
      )}
    </Box>
  );
}

interface FooterData {
  paged: boolean;
  result: ReportResult;
  previous: Previous | null;
  currency: string;
  onDrill: Drill;
}

const FooterContext = createContext<FooterData | null>(null);

function TotalsFooter() {
  const data = useContext(FooterContext);
  return (
    <GridFooterContainer sx={{ flexWrap: 'wrap', justifyContent: 'space-between' }}>
      <Box sx={{ flex: '1 1 480px', minWidth: 0 }}>{data && <TotalsLine {...data} />}</Box>
      {data?.paged && <GridPagination />}
    </GridFooterContainer>
  );
}

function cellContent(c: ReportColumn, row: Record<string, Cell> & { __i: number }, currency: string, t: (k: string) => string, onDrill: Drill): ReactNode {
  const v = row[c.key];
  const text = formatCell(c, v, currency, t as never);
  if (c.drill) return <DrillValue column={c.key} value={v} text={text} testId={`report-drill-${c.key}-${row.__i}`} onDrill={() => onDrill(row.__i, c.key)} />;
  if (c.key === 'patient' && typeof row.patientId === 'number')
    return (
      <Link href={`#/patients/${row.patientId}`} underline="hover" title={t('table.openPatient')} data-testid={`report-patient-${row.__i}`}>
        {text}
      </Link>
    );
  return text;
}

export function ReportGrid({ result, previous, currency, loading, onDrill }: { result: ReportResult; previous: Previous | null; currency: string; loading: boolean; onDrill: Drill }) {
  const { t, i18n } = useTranslation('reports');
  const rows = useMemo(() => result.rows.map((r, i) => ({ ...r, __i: i })), [result]);
  const columns = useMemo<GridColDef[]>(
    () =>
      result.columns.map((c) => ({
        ...(CODE_COLUMNS.has(c.key) ? { align: 'left' as const, headerAlign: 'left' as const } : {}),
        field: c.key,
        headerName: c.label,
        description: c.label,
        type: isNumeric(c) ? 'number' : 'string',
        minWidth: c.key === 'patient' || c.key === 'doctor' || c.key === 'service' || c.key === 'branch' || c.key === 'source' ? 220 : isNumeric(c) ? 110 : 130,
        flex: isNumeric(c) ? 0.6 : 1,
        sortComparator: (a: Cell, b: Cell) => (a === null || a === undefined ? (b === null || b === undefined ? 0 : 1) : b === null || b === undefined ? -1 : a < b ? -1 : a > b ? 1 : 0),
        renderCell: (p: GridRenderCellParams) => cellContent(c, p.row as Record<string, Cell> & { __i: number }, currency, t, onDrill),
      })),
    // t follows the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result, currency, onDrill, i18n.language],
  );
  const paged = rows.length > PAGE;
  const footer = useMemo(() => ({ paged, result, previous, currency, onDrill }), [paged, result, previous, currency, onDrill]);
  const tall = rows.length > 20;
  return (
    <FooterContext.Provider value={footer}>
      <Paper className="report-screen-only" data-testid="report-table">
        <Box sx={{ height: tall ? 640 : undefined, width: '100%' }}>
          <DataGrid
            rows={rows}
            columns={columns}
            getRowId={(r) => r.__i}
            loading={loading}
            autoHeight={!tall}
            hideFooter={!paged && !result.totals}
            disableVirtualization
            density="compact"
            disableRowSelectionOnClick
            disableColumnFilter
            initialState={{ pagination: { paginationModel: { pageSize: PAGE, page: 0 } }, columns: { columnVisibilityModel: { patientId: false } } }}
            pageSizeOptions={[25, 50, 100]}
            slots={{ footer: TotalsFooter }}
            localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('table.empty') }}
          />
        </Box>
      </Paper>
    </FooterContext.Provider>
  );
}

/** Every row as a plain table, for the printout (the grid shows only what fits its window). */
export function PrintTable({ result, previous, currency }: { result: ReportResult; previous: Previous | null; currency: string }) {
  const { t } = useTranslation('reports');
  const cols = result.columns.filter((c) => c.key !== 'patientId');
  return (
    <Box className="report-print-only">
      <Table size="small" sx={{ '& td, & th': { px: 0.75, py: 0.25, fontSize: '9pt' } }}>
        <TableHead>
          <TableRow>
            {cols.map((c) => (
              <TableCell key={c.key} align={isNumeric(c) ? 'right' : 'left'} sx={{ fontWeight: 600 }}>
                {c.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {result.rows.map((r, i) => (
            <TableRow key={i}>
              {cols.map((c) => (
                <TableCell key={c.key} align={isNumeric(c) ? 'right' : 'left'}>
                  {formatCell(c, r[c.key], currency, t)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
        {result.totals && result.columns.some((c) => c.key in result.totals!) && (
          <TableFooter>
            <TableRow>
              {cols.map((c, i) => (
                <TableCell key={c.key} align={isNumeric(c) ? 'right' : 'left'} sx={{ fontWeight: 600, color: 'text.primary' }}>
                  {c.key in result.totals! ? formatCell(c, result.totals![c.key], currency, t) : i === 0 ? t('table.totals') : ''}
                  {c.key in result.totals! && previous?.totals && (
                    <>
                      <br />
                      <ChangeMark keyName={c.key} type={c.type} current={result.totals![c.key]} previous={previous.totals[c.key]} currency={currency} />
                    </>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        )}
      </Table>
      {result.totals && previous?.totals && (
        <Typography variant="caption" sx={{ display: 'block', mt: 0.5 }}>
          {t('compare.with', { from: formatDate(previous.from), to: formatDate(previous.to) })}
        </Typography>
      )}
    </Box>
  );
}

/** The cohort triangle: each cell coloured by the share of the cohort that came back that month. */
export function CohortTable({ result, currency, onDrill }: { result: ReportResult; currency: string; onDrill: Drill }) {
  const { t } = useTranslation('reports');
  const pctCols = result.columns.filter((c) => c.type === 'pct');
  const max = Math.max(1, ...result.rows.flatMap((r) => pctCols.map((c) => (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0))));
  const shade = (v: Cell) => {
    if (typeof v !== 'number') return { bgcolor: 'action.hover', color: 'text.disabled' };
    const a = 0.08 + 0.82 * (v / max);
    return { backgroundColor: `rgba(25, 118, 210, ${a.toFixed(3)})`, color: a > 0.5 ? '#fff' : 'text.primary', '& a, & button': { color: 'inherit' } };
  };
  return (
    <TableContainer component={Paper} data-testid="report-table" sx={{ '& td, & th': { printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' } }}>
      <Table size="small" sx={{ '& td, & th': { px: 1, whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            {result.columns.map((c) => (
              <TableCell key={c.key} align={c.type === 'month' ? 'left' : 'right'} sx={{ fontWeight: 600 }}>
                {c.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {result.rows.map((r, i) => (
            <TableRow key={i}>
              {result.columns.map((c) => {
                const v = r[c.key];
                const text = formatCell(c, v, currency, t);
                const content = c.drill ? <DrillValue column={c.key} value={v} text={text} testId={`report-drill-${c.key}-${i}`} onDrill={() => onDrill(i, c.key)} /> : text;
                if (c.type !== 'pct')
                  return (
                    <TableCell key={c.key} align={c.type === 'month' ? 'left' : 'right'}>
                      {content}
                    </TableCell>
                  );
                return (
                  <TableCell key={c.key} align="right" sx={shade(v)} title={v === null ? t('table.notOver') : undefined}>
                    {v === null ? '' : content}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
          {result.rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={result.columns.length}>{t('table.empty')}</TableCell>
            </TableRow>
          )}
        </TableBody>
        {result.totals && result.columns.some((c) => c.key in result.totals!) && (
          <TableFooter>
            <TableRow data-testid="report-totals">
              {result.columns.map((c, i) => {
                const v = result.totals![c.key];
                const has = c.key in result.totals!;
                return (
                  <TableCell key={c.key} align={c.type === 'month' ? 'left' : 'right'} sx={{ fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' }} data-testid={has ? `report-total-${c.key}` : undefined}>
                    {has ? c.drill ? <DrillValue column={c.key} value={v} text={formatCell(c, v, currency, t)} testId={`report-drill-${c.key}-total`} onDrill={() => onDrill(undefined, c.key)} /> : formatCell(c, v, currency, t) : i === 0 ? t('table.totals') : ''}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableFooter>
        )}
      </Table>
    </TableContainer>
  );
}
