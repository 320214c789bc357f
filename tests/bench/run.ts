// `npm run bench`: timings on the large synthetic clinic, each printed
// against its target. Never part of `npm test`: timings here are noisy, so
// every figure is a median and p95 over many runs.
//
// The host runs as its own process (as in production) and the figures are
// its server time, read from the Server-Timing header of each response.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { generateDemoDatabase } from '../../main/demo/demo-clinic';
import { databaseFile } from '../../main/server/host';
import { Random } from '../../main/demo/random';
import { report, stats, type Figure } from './figures';
import { benchFrontDesk } from './front-desk';
import { benchLoad } from './load';
import { benchFollowUp } from './follow-up';
import { benchOutbox } from './outbox';
import { benchCampaigns } from './campaigns';
import { benchReports } from './reports';
import { openDatabase } from '../../main/db/connection';

const BENCH_DIR = path.resolve('.bench');
// BENCH_SIZE=small runs the same figures on the small clinic, to check the bench itself quickly.
const SIZE = process.env.BENCH_SIZE === 'small' ? 'small' : 'large';
const CLINIC_DIR = path.join(BENCH_DIR, SIZE);
// Each run works on a fresh copy: the bench books and pays, and a second run on
// the same file would find its free slots taken.
const DATA_DIR = path.join(BENCH_DIR, `${SIZE}-run`);
const PORT = Number(process.env.BENCH_PORT ?? 47901);
const BASE = `http://127.0.0.1:${PORT}`;
const figures: Figure[] = [];

/** A clinic generated before the latest migrations is brought up to date here, timed, so the host's cold start is not. */
async function migrateCopy(): Promise<void> {
  const started = performance.now();
  await (await openDatabase(databaseFile(DATA_DIR))).close();
  console.log(`Migrated the copy to the latest schema in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function ensureLargeClinic(): Promise<void> {
  const file = databaseFile(CLINIC_DIR);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (fs.existsSync(file) && !process.argv.includes('--fresh')) {
    console.log(`Using a copy of ${file} (pass --fresh to generate it again and time the generator)`);
    fs.copyFileSync(file, databaseFile(DATA_DIR));
    await migrateCopy();
    return;
  }
  fs.rmSync(CLINIC_DIR, { recursive: true, force: true });
  fs.mkdirSync(CLINIC_DIR, { recursive: true });
  const started = performance.now();
  await generateDemoDatabase(file, { size: SIZE, seed: 1, onProgress: (m) => console.log(`  ${m}`) });
  figures.push({ name: `generate the ${SIZE} clinic`, unit: 's', median: (performance.now() - started) / 1000, target: 60 });
  fs.copyFileSync(file, databaseFile(DATA_DIR));
}

/**
 * The host as the desktop app starts it: the bundled dist/electron/host-process.js
 * under plain Node (built first, outside the timing).
 */
async function startHostProcess(): Promise<{ child: ChildProcess; coldStartMs: number }> {
  execFileSync(process.execPath, ['build/build-electron.mjs'], { stdio: 'ignore' });
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/electron/host-process.js'], {
    env: { ...process.env, CLINIC_DATA_DIR: DATA_DIR, CLINIC_PORT: String(PORT), CLINIC_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok && ((await res.json()) as { ok: boolean }).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('The host exited during start');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, coldStartMs: performance.now() - started };
}

let token = '';
async function call(method: string, input: unknown): Promise<{ serverMs: number; body: unknown }> {
  const res = await fetch(`${BASE}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  const timing = res.headers.get('server-timing')?.match(/dur=([\d.]+)/);
  return { serverMs: timing ? Number(timing[1]) : NaN, body };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024;
}

/** Search fragments a receptionist types: parts of names and 4 phone digits. */
function fragments(n: number): string[] {
  const db = new SQLite(databaseFile(DATA_DIR), { readonly: true });
  const rows = db.prepare('SELECT last_name, first_name, phone FROM patients ORDER BY random() LIMIT ?').all(n) as Array<{ last_name: string; first_name: string; phone: string }>;
  db.close();
  const rnd = new Random(42);
  return rows.map((r, i) => {
    if (i % 3 === 0) return r.phone.slice(-4);
    const word = i % 3 === 1 ? r.last_name : r.first_name;
    const len = 3 + Math.floor(rnd.next() * Math.max(1, word.length - 3));
    return word.slice(0, len);
  });
}

/** Search as you type, the patient card and a filtered first page of the list. */
async function benchSearch(): Promise<void> {
  const search: number[] = [];
  for (const q of fragments(100)) search.push((await call('patients.search', { query: q, limit: 25 })).serverMs);
  figures.push({ name: 'patient search as you type (100 fragments)', unit: 'ms', ...stats(search), target: 10 });

  const db = new SQLite(databaseFile(DATA_DIR), { readonly: true });
  const ids = (db.prepare('SELECT id FROM patients ORDER BY random() LIMIT 100').all() as Array<{ id: number }>).map((r) => r.id);
  const sources = (db.prepare('SELECT id FROM sources').all() as Array<{ id: number }>).map((r) => r.id);
  db.close();
  const card: number[] = [];
  for (const id of ids) card.push((await call('patients.get', { id })).serverMs);
  figures.push({ name: 'open a patient card', unit: 'ms', ...stats(card), target: 20 });

  const list: number[] = [];
  for (let i = 0; i < 50; i++) {
    list.push((await call('patients.search', { query: '', limit: 25, sourceId: sources[i % sources.length], sort: 'name' })).serverMs);
  }
  figures.push({ name: 'first page of the patient list with a filter', unit: 'ms', ...stats(list), target: 30 });
}

async function main(): Promise<void> {
  // BENCH_ONLY=reports,front-desk,… runs only those sections (search, front-desk, follow-up, load, campaigns, reports, outbox).
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
  const runs = (section: string) => !only || only.has(section);
  // First, in this process: its RSS growth is the outbox's own, not DuckDB's or the report results' garbage.
  if (runs('outbox')) await benchOutbox(figures);
  await ensureLargeClinic();
  const { child, coldStartMs } = await startHostProcess();
  figures.push({ name: 'cold start of the host to /api/health ok', unit: 'ms', median: coldStartMs, target: 2000 });
  try {
    token = ((await (await fetch(`${BASE}/api/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'director', password: 'demo' }) })).json()) as { token: string }).token;

    const patientIds = (() => {
      const ro = new SQLite(databaseFile(DATA_DIR), { readonly: true });
      const rows = ro.prepare('SELECT id FROM patients WHERE deleted_at IS NULL AND merged_into_id IS NULL ORDER BY random() LIMIT 2000').all() as Array<{ id: number }>;
      ro.close();
      return rows.map((r) => r.id);
    })();

    // The host's RSS after each section, to see which one grows it.
    const section = async (name: string, work: () => Promise<void>) => {
      if (!runs(name)) return;
      await work();
      console.log(`  host RSS after ${name}: ${rssMb(child.pid!).toFixed(0)} MB`);
    };
    console.log(`  host RSS at start: ${rssMb(child.pid!).toFixed(0)} MB`);
    await section('search', benchSearch);
    await section('front-desk', () => benchFrontDesk(BASE, patientIds, figures));
    await section('follow-up', () => benchFollowUp(BASE, patientIds, figures));
    await section('load', () => benchLoad(BASE, patientIds, fragments(200), figures, Number(process.env.BENCH_LOAD_SECONDS ?? 60)));
    await section('campaigns', () => benchCampaigns(BASE, figures));
    await section('reports', () => benchReports(BASE, databaseFile(DATA_DIR), child.pid!, patientIds, figures));

    if (!only) figures.push({ name: 'host RSS after the bench', unit: 'MB', median: rssMb(child.pid!), target: 300 });
  } finally {
    child.kill('SIGTERM');
    report(figures);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
