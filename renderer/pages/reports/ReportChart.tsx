// The picture of a report: bars and lines over months for monthly reports,
// horizontal bars for per-doctor / per-source / per-branch reports, and a
// weekday × hour heatmap for peak hours. A click on a bar or a cell that
// counts patients opens the same list as the number in the table.
import { useMemo } from 'react';
import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type ChartType,
  type ScriptableContext,
} from 'chart.js';
import { MatrixController, MatrixElement, type MatrixDataPoint } from 'chartjs-chart-matrix';
import { Chart } from 'react-chartjs-2';
import type { Cell, ReportColumn, ReportResult } from '../../../shared/api/reports';
import { formatMoney } from '../../i18n';
import { formatCell, formatHour, formatMonthShort, formatNumber, intlLocale } from './format';

ChartJS.register(CategoryScale, LinearScale, BarController, BarElement, LineController, LineElement, PointElement, Tooltip, Legend, MatrixController, MatrixElement);

export const PALETTE = ['#1976d2', '#ef6c00', '#2e7d32', '#c62828', '#6a1b9a', '#00838f', '#f9a825', '#5d4037', '#ad1457', '#558b2f', '#283593', '#00695c'];

type Row = Record<string, Cell>;

interface Spec {
  type: ChartType;
  data: ChartData;
  options: ChartOptions;
  /** Per dataset: the result column it draws (for the drill-down). */
  keys: string[];
  /** Per data index: the result row it draws, or -1. */
  rowIndex: number[];
  height: number;
}

interface Ctx {
  result: ReportResult;
  currency: string;
  t: TFunction;
}

const col = (r: ReportResult, key: string): ReportColumn | undefined => r.columns.find((c) => c.key === key);
const num = (v: Cell | undefined): number | null => (typeof v === 'number' ? v : null);

function tick(type: ReportColumn['type'] | undefined, v: number, currency: string): string {
  if (type === 'money') return new Intl.NumberFormat(intlLocale(), { notation: 'compact', style: 'currency', currency, maximumFractionDigits: 1 }).format(v / 100);
  if (type === 'pct') return `${v} %`;
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact' }).format(v);
}

function valueText(type: ReportColumn['type'] | undefined, v: number, currency: string): string {
  if (type === 'money') return formatMoney(v, currency);
  return formatNumber(type ?? 'int', v, currency);
}

/** The column that names a row: a doctor, a source, a branch, a month. */
function labelColumn(r: ReportResult): ReportColumn | undefined {
  return r.columns.find((c) => c.type === 'month') ?? r.columns.find((c) => c.type === 'text');
}

function rowLabel(c: ReportColumn | undefined, row: Row, ctx: Ctx): string {
  if (!c) return '';
  if (c.type === 'month' && typeof row[c.key] === 'string') return formatMonthShort(row[c.key] as string);
  return formatCell(c, row[c.key], ctx.currency, ctx.t);
}

function axis(type: ReportColumn['type'] | undefined, ctx: Ctx, extra: Record<string, unknown> = {}) {
  return { beginAtZero: true, ticks: { callback: (v: string | number) => tick(type, Number(v), ctx.currency) }, ...extra };
}

/** Bars (and optionally a line on a second axis) over the rows, which are months or periods. */
function overRows(ctx: Ctx, bars: string[], opts: { line?: string; stacked?: boolean; rows?: Row[] } = {}): Spec | null {
  const r = ctx.result;
  const rows = opts.rows ?? r.rows;
  const lc = labelColumn(r);
  const barCols = bars.map((k) => col(r, k)).filter((c): c is ReportColumn => !!c);
  if (!barCols.length) return null;
  const lineCol = opts.line ? col(r, opts.line) : undefined;
  const datasets: ChartData['datasets'] = barCols.map((c, i) => ({
    type: 'bar' as const,
    label: c.label,
    data: rows.map((row) => num(row[c.key])),
    backgroundColor: PALETTE[i % PALETTE.length],
    maxBarThickness: 90,
    yAxisID: 'y',
    order: 2,
  }));
  if (lineCol) {
    datasets.push({
      type: 'line' as const,
      label: lineCol.label,
      data: rows.map((row) => num(row[lineCol.key])),
      borderColor: '#455a64',
      backgroundColor: '#455a64',
      yAxisID: 'y1',
      tension: 0.25,
      order: 1,
    });
  }
  const types = new Map([...barCols, ...(lineCol ? [lineCol] : [])].map((c) => [c.label, c.type]));
  return {
    type: 'bar',
    data: { labels: rows.map((row) => rowLabel(lc, row, ctx)), datasets },
    keys: [...barCols.map((c) => c.key), ...(lineCol ? [lineCol.key] : [])],
    rowIndex: rows.map((row) => r.rows.indexOf(row)),
    height: 320,
    options: {
      scales: {
        x: { stacked: !!opts.stacked, grid: { display: false } },
        y: axis(barCols[0].type, ctx, { stacked: !!opts.stacked }),
        ...(lineCol ? { y1: axis(lineCol.type, ctx, { position: 'right', grid: { drawOnChartArea: false } }) } : {}),
      },
      plugins: {
        legend: { display: datasets.length > 1 },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${valueText(types.get(c.dataset.label ?? ''), c.parsed.y ?? 0, ctx.currency)}` } },
      },
    },
  };
}

/** Horizontal bars, one bar group per row (a doctor, a source, a branch). */
function perRow(ctx: Ctx, keys: string[], opts: { stacked?: boolean; limit?: number } = {}): Spec | null {
  const r = ctx.result;
  const rows = opts.limit ? r.rows.slice(0, opts.limit) : r.rows;
  const lc = labelColumn(r);
  const cols = keys.map((k) => col(r, k)).filter((c): c is ReportColumn => !!c);
  if (!cols.length || !lc) return null;
  const types = new Map(cols.map((c) => [c.label, c.type]));
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => rowLabel(lc, row, ctx)),
      datasets: cols.map((c, i) => ({ label: c.label, data: rows.map((row) => num(row[c.key])), backgroundColor: PALETTE[i % PALETTE.length], maxBarThickness: 40 })),
    },
    keys: cols.map((c) => c.key),
    rowIndex: rows.map((_row, i) => i),
    height: Math.min(900, Math.max(200, rows.length * (cols.length > 1 && !opts.stacked ? 14 * cols.length + 10 : 30) + 70)),
    options: {
      indexAxis: 'y',
      scales: {
        x: axis(cols[0].type, ctx, { stacked: !!opts.stacked }),
        y: { stacked: !!opts.stacked, grid: { display: false } },
      },
      plugins: {
        legend: { display: cols.length > 1 },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${valueText(types.get(c.dataset.label ?? ''), c.parsed.x ?? 0, ctx.currency)}` } },
      },
    },
  };
}

/** Sums of one column over the values of another (debt by age, patients due by service). */
function grouped(ctx: Ctx, by: string, value: string | null, label: string, order?: string[], horizontal = false, limit = 15): Spec | null {
  const r = ctx.result;
  const byCol = col(r, by);
  if (!byCol) return null;
  const sums = new Map<string, number>();
  // A capped list (debtors) brings the sums over all its rows in its totals, under the group keys.
  const fromTotals = order && r.totals && order.every((k) => typeof r.totals![k] === 'number');
  if (fromTotals) for (const k of order) sums.set(k, r.totals![k] as number);
  else {
    for (const row of r.rows) {
      const k = String(row[by] ?? '');
      sums.set(k, (sums.get(k) ?? 0) + (value ? (num(row[value]) ?? 0) : 1));
    }
  }
  let entries = [...sums.entries()];
  entries = order ? order.filter((k) => sums.has(k)).map((k) => [k, sums.get(k)!]) : entries.sort((a, b) => b[1] - a[1]).slice(0, limit);
  const type = value ? col(r, value)?.type : 'int';
  return {
    type: 'bar',
    data: { labels: entries.map(([k]) => formatCell(byCol, k, ctx.currency, ctx.t)), datasets: [{ label, data: entries.map(([, v]) => v), backgroundColor: PALETTE[0], maxBarThickness: 90 }] },
    keys: [''],
    rowIndex: entries.map(() => -1),
    height: horizontal ? Math.min(700, Math.max(200, entries.length * 30 + 60)) : 280,
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: axis(type, ctx), y: { grid: { display: false } } } : { x: { grid: { display: false } }, y: axis(type, ctx) },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${label}: ${valueText(type, (horizontal ? c.parsed.x : c.parsed.y) ?? 0, ctx.currency)}` } },
      },
    },
  };
}

/** Peak hours: weekdays down, hours across, the colour by the number of visits. */
function heatmap(ctx: Ctx): Spec | null {
  const r = ctx.result;
  const present = r.rows.map((row) => num(row.hour)).filter((h): h is number => h !== null);
  const minH = present.length ? Math.min(...present) : 8;
  const maxH = present.length ? Math.max(...present) : 20;
  const hours = Array.from({ length: maxH - minH + 1 }, (_, i) => minH + i);
  const days = [1, 2, 3, 4, 5, 6, 7];
  const dayLabel = (d: number) => ctx.t(`values.weekdayShort.${d}`, { ns: 'reports' });
  const index = new Map(r.rows.map((row, i) => [`${String(row.weekday)}:${String(row.hour)}`, i]));
  const points: Array<MatrixDataPoint & { row: number; day: number; hour: number }> = [];
  for (const d of days)
    for (const h of hours) {
      const i = index.get(`${d}:${h}`) ?? -1;
      points.push({ x: formatHour(h), y: dayLabel(d), v: i >= 0 ? (num(r.rows[i].visits) ?? 0) : 0, row: i, day: d, hour: h });
    }
  const max = Math.max(1, ...points.map((p) => p.v ?? 0));
  const colour = (c: ScriptableContext<'matrix'>) => {
    const v = (c.raw as MatrixDataPoint | undefined)?.v ?? 0;
    return v === 0 ? 'rgba(0,0,0,0.04)' : `rgba(25, 118, 210, ${0.12 + 0.88 * (v / max)})`;
  };
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: col(r, 'visits')?.label ?? 'visits',
          data: points,
          backgroundColor: colour,
          borderColor: 'rgba(255,255,255,1)',
          borderWidth: 1,
          width: ({ chart }: ScriptableContext<'matrix'>) => (chart.chartArea?.width ?? 0) / hours.length - 1,
          height: ({ chart }: ScriptableContext<'matrix'>) => (chart.chartArea?.height ?? 0) / days.length - 1,
        },
      ],
    } as ChartData,
    keys: ['visits'],
    rowIndex: points.map((p) => p.row),
    height: 300,
    options: {
      scales: {
        x: { type: 'category', labels: hours.map(formatHour), offset: true, grid: { display: false } },
        y: { type: 'category', labels: days.map(dayLabel), offset: true, reverse: false, grid: { display: false } }, // the matrix type reverses y by default
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (c) => {
              const p = c.raw as (typeof points)[number];
              return ctx.t('chart.visitsAt', { ns: 'reports', weekday: ctx.t(`values.weekday.${p.day}`, { ns: 'reports' }), hour: formatHour(p.hour), count: p.v ?? 0 });
            },
          },
        },
      },
    } as ChartOptions,
  };
}

function specFor(ctx: Ctx): Spec | null {
  const r = ctx.result;
  if (!r.rows.length) return null;
  const reasons = r.columns.filter((c) => c.key.startsWith('reason:')).map((c) => c.key);
  switch (r.id) {
    case 'base-growth':
      return overRows(ctx, ['newPatients'], { line: 'totalPatients' });
    case 'average-check':
      return r.columns.some((c) => c.key === 'month') ? overRows(ctx, ['averageCheck'], { line: 'visits' }) : perRow(ctx, ['averageCheck']);
    case 'lost':
      return overRows(ctx, reasons.length ? reasons : ['lost'], { stacked: true });
    case 'activity':
      return overRows(ctx, ['uniquePatients', 'visits']);
    case 'peak-hours':
      return heatmap(ctx);
    case 'cohorts':
      return null; // the coloured triangle is its picture
    case 'retention':
      return perRow(ctx, ['primary', 'returned']);
    case 'staff-revenue':
      return perRow(ctx, ['revenue']);
    case 'sources':
      return perRow(ctx, ['newPatients']);
    case 'branches':
      return perRow(ctx, ['revenue', 'expenses', 'profit']);
    case 'no-shows':
      return perRow(ctx, ['completed', 'noShow', 'cancelled'], { stacked: true });
    case 'rating':
      return perRow(ctx, ['revenue'], { limit: 15 });
    case 'debtors':
      return grouped(ctx, 'bucket', 'debt', ctx.t('chart.debtByAge', { ns: 'reports' }), ['0-30', '31-60', '61-90', '90+']);
    case 'recalls-due':
      return grouped(ctx, 'service', null, ctx.t('chart.patientsByService', { ns: 'reports' }), undefined, true);
    default: {
      // A report this page does not know yet: the first number over months, or per row.
      const first = r.columns.find((c) => c.type === 'int' || c.type === 'money' || c.type === 'pct');
      if (!first) return null;
      return r.columns.some((c) => c.type === 'month') ? overRows(ctx, [first.key]) : perRow(ctx, [first.key], { limit: 20 });
    }
  }
}

export function hasChart(id: string): boolean {
  return id !== 'cohorts';
}

export function ReportChart({ result, currency, onDrill }: { result: ReportResult; currency: string; onDrill(rowIndex: number, column: string): void }) {
  const { t, i18n } = useTranslation('reports');
  const spec = useMemo(
    () => specFor({ result, currency, t }),
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result, currency, i18n.language],
  );
  if (!spec) return null;
  const options: ChartOptions = {
    ...spec.options,
    responsive: true,
    maintainAspectRatio: false,
    animation: { duration: 250 },
    onClick: (_e, elements) => {
      const el = elements[0];
      if (!el) return;
      const key = spec.keys[el.datasetIndex];
      const row = spec.rowIndex[el.index];
      if (row >= 0 && key && result.columns.find((c) => c.key === key)?.drill) onDrill(row, key);
    },
    onHover: (e, elements) => {
      const target = e.native?.target as HTMLElement | undefined;
      if (!target) return;
      const el = elements[0];
      const drillable = !!el && spec.rowIndex[el.index] >= 0 && !!result.columns.find((c) => c.key === spec.keys[el.datasetIndex])?.drill;
      target.style.cursor = drillable ? 'pointer' : 'default';
    },
  };
  return (
    <Box className="report-chart-box" sx={{ position: 'relative', height: spec.height, width: '100%' }}>
      <Chart type={spec.type} data={spec.data} options={options} />
    </Box>
  );
}
