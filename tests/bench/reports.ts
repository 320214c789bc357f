// Report figures on the large clinic: every report over one year and over the
// whole 10 years (warm, server time of reports.run through the report
// thread), the dashboard, an XLSX export of 10,000 rows, booking latency with
// and without the 10-year reports looping in the report thread, the host's
// peak RSS meanwhile, and each report against DuckDB on the same data
// (BENCH_DUCKDB=0 leaves DuckDB out).
import fs from 'node:fs';
import path from 'node:path';
import type { Doctor } from '../../shared/api/schedules';
import type { Service } from '../../shared/api/services';
import type { ReportInfo } from '../../shared/api/reports';
import { BenchClient } from './client';
import { stats, type Figure } from './figures';
import { freeSlots } from './front-desk';
import { copyToDuckDb, duckSql, timeDuck } from './duckdb';
import { dayAfter } from '../../main/reports/period';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);
/** Whole calendar months, the periods a director picks: the last 12 months and the last 10 years of history. */
const YEAR = { from: '2025-11-01', to: '2026-10-31' };
const DECADE = { from: '2016-11-01', to: '2026-10-31' };

function paramsFor(id: string, period: { from: string; to: string }): Record<string, unknown> {
  return id === 'rating' ? { ...period, limit: 100 } : { ...period };
}

export async function benchReports(base: string, dbFile: string, hostPid: number, patientIds: number[], figures: Figure[]): Promise<void> {
  const director = await new BenchClient(base).login('director');
  const reception = await new BenchClient(base).login('reception');
  let peakRss = 0;
  const rss = () => {
    const status = fs.readFileSync(`/proc/${hostPid}/status`, 'utf8');
    peakRss = Math.max(peakRss, Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024);
  };
  const sampler = setInterval(rss, 100);
  try {
    // BENCH_REPORTS=id1,id2 times only those reports (the dashboard, export and RSS figures still run).
    const only = process.env.BENCH_REPORTS?.split(',').map((s) => s.trim()).filter(Boolean);
    const ids = (await director.call<ReportInfo[]>('reports.list', {})).body.map((r) => r.id).filter((id) => !only?.length || only.includes(id));
    const ours = new Map<string, { year: number; decade: number }>();
    for (const [label, period, target] of [['1 year', YEAR, 150], ['10 years', DECADE, 500]] as const) {
      for (const id of ids) {
        const params = paramsFor(id, period);
        await director.call('reports.run', { id, params, locale: 'en' });
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) samples.push((await director.call('reports.run', { id, params, locale: 'en' })).serverMs);
        const s = stats(samples);
        figures.push({ name: `report ${id}, ${label}`, unit: 'ms', ...s, target });
        const o = ours.get(id) ?? { year: 0, decade: 0 };
        o[label === '1 year' ? 'year' : 'decade'] = s.p95;
        ours.set(id, o);
      }
    }

    const dash: number[] = [];
    await director.call('reports.dashboard', {});
    for (let i = 0; i < RUNS; i++) dash.push((await director.call('reports.dashboard', {})).serverMs);
    figures.push({ name: 'dashboard (all tiles, this month vs last)', unit: 'ms', ...stats(dash), target: 300 });

    const xlsx: number[] = [];
    const ratingRows = { ...DECADE, limit: 10000 };
    await director.call('reports.export', { id: 'rating', params: ratingRows, locale: 'en', format: 'xlsx' });
    for (let i = 0; i < 5; i++) xlsx.push((await director.call('reports.export', { id: 'rating', params: ratingRows, locale: 'en', format: 'xlsx' })).serverMs);
    figures.push({ name: 'XLSX export of 10,000 rows (rating, 10 years), warm', unit: 'ms', ...stats(xlsx), target: 2000 });

    // Booking latency, quiet and with the 10-year reports looping in the report thread.
    const doctors = (await reception.call<Doctor[]>('doctors.list', {})).body;
    const service = (await reception.call<Service[]>('services.list', {})).body[0].id;
    const slots = [...freeSlots(doctors)].slice(9000);
    let next = 0;
    let patient = 600;
    const book = async (n: number): Promise<{ server: number[]; roundTrip: number[] }> => {
      const out: number[] = [];
      const server: number[] = [];
      while (out.length < n && next < slots.length) {
        const slot = slots[next++];
        try {
          const r = await reception.call('appointments.book', { patientId: patientIds[patient++ % patientIds.length], ...slot, serviceIds: [service] });
          out.push(r.clientMs);
          server.push(r.serverMs);
        } catch {
          // a slot another part of the bench took: the next one
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return { server, roundTrip: out };
    };
    const quiet = await book(60);
    figures.push({ name: 'booking, server time, no reports running', unit: 'ms', ...stats(quiet.server), target: 25 });
    figures.push({ name: 'booking round trip, no reports running', unit: 'ms', ...stats(quiet.roundTrip), target: 25 });
    let looping = true;
    const loop = (async () => {
      for (let i = 0; looping; i++) await director.call('reports.run', { id: ids[i % ids.length], params: paramsFor(ids[i % ids.length], DECADE), locale: 'en' });
    })();
    await new Promise((r) => setTimeout(r, 300));
    const busy = await book(100);
    figures.push({ name: 'booking, server time, while 10-year reports loop', unit: 'ms', ...stats(busy.server), target: 25 });
    figures.push({ name: 'booking round trip while 10-year reports loop', unit: 'ms', ...stats(busy.roundTrip), target: 25 });
    looping = false;
    await loop;
    rss();
    figures.push({ name: 'host peak RSS during the report bench', unit: 'MB', median: peakRss, target: 400 });

    if (process.env.BENCH_DUCKDB !== '0') await compareWithDuckDb(dbFile, ids, ours);
  } finally {
    clearInterval(sampler);
  }
}

async function compareWithDuckDb(dbFile: string, ids: string[], ours: Map<string, { year: number; decade: number }>): Promise<void> {
  const duck = await copyToDuckDb(dbFile, path.join(path.dirname(dbFile), 'clinic.duckdb'));
  console.log(`\nDuckDB: data copied in ${duck.seconds.toFixed(1)} s`);
  const lines = ['\n| report | ours 1y p95 | DuckDB 1y p95 | ours/DuckDB | ours 10y p95 | DuckDB 10y p95 | ours/DuckDB |', '|---|---:|---:|---:|---:|---:|---:|'];
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  try {
    for (const id of ids) {
      const o = ours.get(id)!;
      const yearSql = duckSql(id, YEAR.from, YEAR.to, dayAfter(YEAR.to));
      const decadeSql = duckSql(id, DECADE.from, DECADE.to, dayAfter(DECADE.to));
      if (!yearSql || !decadeSql) {
        lines.push(`| ${id} | ${fmt(o.year)} ms | — | — | ${fmt(o.decade)} ms | — | — |`);
        continue;
      }
      const y = await timeDuck(duck.conn, yearSql, Math.min(RUNS, 10));
      const d = await timeDuck(duck.conn, decadeSql, Math.min(RUNS, 10));
      lines.push(`| ${id} | ${fmt(o.year)} ms | ${fmt(y.p95)} ms | ${(o.year / y.p95).toFixed(2)} | ${fmt(o.decade)} ms | ${fmt(d.p95)} ms | ${(o.decade / d.p95).toFixed(2)} |`);
    }
  } finally {
    duck.close();
  }
  console.log(lines.join('\n'));
}
