// Command line: `npm run cli -- <command>`. Every command that changes data
// goes through the same router as the HTTP API, so validation and audit hold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../shared/domain/roles';
import type { User } from '../shared/api/auth';
import { openDatabase } from './db/connection';
import { createRouter } from './api';
import { ChangeFeed } from './api/events';
import { ApiError } from './api/errors';
import { backupDir, databaseFile, defaultRendererDir, hostOptionsFromEnv, startHost } from './server/host';
import { backupTo, manualBackupPath, preMigrationPath, restoreFrom } from './jobs/backup';
import type { ClinicSize } from './demo/generate';
import { LOCALES, type Locale } from '../shared/api/settings';
import { LocalReportRunner } from './reports/runner';
import { reportList } from './reports/registry';
import { rebuildBalances } from './api/balances';
import { rebuildVisitSummaries } from './api/visit-summaries';
import { rebuildAudienceSummaries } from './api/campaign-audience';
import { DEMO_PASSWORD, DEMO_USERS, generateDemoDatabase } from './demo/demo-clinic';

/** Commands run as this user: an administrator at the host's own console (id 0 in the audit log). */
const CONSOLE_USER: User = { id: 0, login: 'console', fullName: 'Command line', role: 'admin', specialty: null, branchId: null, active: true };

const USAGE = `Usage: npm run cli -- <command> [options]

  serve                         start the host on CLINIC_DATA_DIR (default ./data)
  demo                          start the host on a fresh demo clinic (small)
  generate --size small|large --seed N --out FILE
                                write a synthetic clinic database to FILE
  user add --login L --password P --role R --name "Full Name" [--specialty S]
  import [--patients FILE] [--visits FILE] [--payments FILE] [--dry-run] [--partial]
                                CSV or XLSX; several files run in that order
  report ID --from YYYY-MM-DD --to YYYY-MM-DD [--param k=v ...] [--format json|csv|xlsx] [--out FILE] [--locale en|ru|uk|zh]
                                run a report (ids: npm run cli -- report list)
  rules run [--lookback DAYS]   run the automatic task rules now (the host runs them every 10 minutes)
  rebuild-summaries             recompute balances and report summaries from history
  backup [--out FILE]           consistent copy of the database, checked
  restore FILE                  replace the database with a checked backup (host stopped)

Environment: CLINIC_DATA_DIR, CLINIC_PORT (4780), CLINIC_HOST (127.0.0.1; 0.0.0.0 for the LAN).`;

async function ensureRendererBuilt(): Promise<void> {
  if (fs.existsSync(path.join(defaultRendererDir(), 'index.html'))) return;
  console.log('Building the user interface (first start)…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(path.dirname(defaultRendererDir()), '../vite.config.ts'), logLevel: 'warn' });
}

async function serve(dataDir?: string): Promise<void> {
  await ensureRendererBuilt();
  const opts = hostOptionsFromEnv();
  const host = await startHost({ ...opts, dataDir: dataDir ?? opts.dataDir });
  console.log(`Clinic CRM host is running at ${host.url}`);
  console.log(`Data: ${dataDir ?? opts.dataDir}`);
  if (opts.host === '0.0.0.0') console.log(`Other workstations: http://<this PC's address>:${host.port}`);
  const stop = async () => {
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function generate(file: string, size: ClinicSize, seed: number): Promise<void> {
  const s = await generateDemoDatabase(file, { size, seed, onProgress: (m) => console.log(m) });
  console.log(
    `Generated ${s.patients} patients, ${s.appointments} appointments, ${s.payments} payments ` +
      `(${s.doctors} doctors, ${s.branches} branches, ${s.years} years) in ${(s.ms / 1000).toFixed(1)} s`,
  );
}

async function demo(): Promise<void> {
  const dataDir = process.env.CLINIC_DATA_DIR ? path.resolve(process.env.CLINIC_DATA_DIR) : fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-demo-'));
  if (fs.existsSync(databaseFile(dataDir))) throw new Error(`${databaseFile(dataDir)} exists: the demo needs a fresh data directory`);
  fs.mkdirSync(dataDir, { recursive: true });
  await generate(databaseFile(dataDir), 'small', 1);
  await serve(dataDir);
  console.log(`Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.login).join(', ')}`);
}

async function withRouter<T>(fn: (router: ReturnType<typeof createRouter>) => Promise<T>): Promise<T> {
  const { dataDir } = hostOptionsFromEnv();
  const database = await openDatabase(databaseFile(dataDir), {
    backupBeforeMigration: async (sqlite) => void (await backupTo(sqlite, preMigrationPath(backupDir(dataDir)))),
  });
  try {
    return await fn(createRouter({ db: database.db, feed: new ChangeFeed(), demo: false }));
  } finally {
    await database.close();
  }
}

async function report(
  id: string | undefined,
  v: { from?: string; to?: string; param: string[]; format: string; out?: string; locale: string },
): Promise<void> {
  if (!id || id === 'list') {
    console.log(reportList().map((r) => `${r.id} (${r.group})`).join('\n'));
    return;
  }
  if (!['json', 'csv', 'xlsx'].includes(v.format)) throw new Error('--format must be json, csv or xlsx');
  if (!(LOCALES as readonly string[]).includes(v.locale)) throw new Error(`--locale must be one of ${LOCALES.join(', ')}`);
  const params: Record<string, unknown> = { from: v.from, to: v.to };
  for (const kv of v.param) {
    const at = kv.indexOf('=');
    if (at < 1) throw new Error(`--param ${kv}: use key=value`);
    const value = kv.slice(at + 1);
    params[kv.slice(0, at)] = /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const runner = new LocalReportRunner(databaseFile(hostOptionsFromEnv().dataDir));
  const locale = v.locale as Locale;
  try {
    if (v.format === 'json') {
      const json = JSON.stringify(await runner.submit({ kind: 'run', id, params, locale }), null, 2);
      if (v.out) fs.writeFileSync(v.out, json);
      else console.log(json);
      return;
    }
    const file = (await runner.submit({ kind: 'export', id, params, locale, format: v.format as 'csv' | 'xlsx', title: id })) as { fileName: string; contentBase64: string };
    const out = v.out ?? file.fileName;
    fs.writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
    console.log(`Written ${out}`);
  } finally {
    await runner.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      login: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      specialty: { type: 'string' },
      patients: { type: 'string' },
      visits: { type: 'string' },
      payments: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      format: { type: 'string', default: 'json' },
      locale: { type: 'string', default: 'en' },
      partial: { type: 'boolean', default: false },
      lookback: { type: 'string' },
    },
  });
  switch (command) {
    case 'serve':
      return serve();
    case 'demo':
      return demo();
    case 'generate': {
      if (values.size !== 'small' && values.size !== 'large') throw new Error('--size must be small or large');
      if (!values.out) throw new Error('--out FILE is required');
      const seed = Number(values.seed);
      if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
      return generate(path.resolve(values.out), values.size, seed);
    }
    case 'user': {
      if (positionals[0] !== 'add') throw new Error('Usage: user add --login L --password P --role R --name "Full Name"');
      const role = values.role as Role;
      if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const user = await withRouter((r) =>
        r.call('users.create', { login: values.login, password: values.password, role, fullName: values.name, specialty: values.specialty }, { user: CONSOLE_USER, tokenHash: null }),
      );
      console.log(`User ${user.login} (${user.role}) created`);
      return;
    }
    case 'import': {
      // Patients first: visits name them, and payments name visits.
      const files = (['patients', 'visits', 'payments'] as const).filter((kind) => values[kind]);
      if (!files.length) throw new Error('Usage: import [--patients FILE] [--visits FILE] [--payments FILE] [--dry-run] [--partial]');
      if (values['dry-run'] && files.length > 1) console.log('Dry run: each file is checked against the database as it is now, without the rows of the files before it.');
      await withRouter(async (r) => {
        for (const kind of files) {
          const file = path.resolve(values[kind]!);
          const result = await r.call(
            `import.${kind}`,
            { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun: values['dry-run'], allOrNothing: !values.partial },
            { user: CONSOLE_USER, tokenHash: null },
          );
          console.log(`${kind} (${path.basename(file)}):`);
          for (const e of result.errors) console.log(`line ${e.line}: ${e.field}: ${e.reason}`);
          for (const [what, names] of Object.entries(result.added ?? {})) if (names.length) console.log(`${what} ${result.committed ? 'added' : 'to add'}: ${names.join(', ')}`);
          console.log(
            `${result.total} rows: ${result.created} to create, ${result.updated} to update, ${result.skipped} duplicates skipped, ${result.errors.length} errors. ` +
              (result.committed ? 'Imported.' : result.dryRun ? 'Dry run: nothing written.' : 'Nothing written.'),
          );
          if (result.errors.length && !result.committed) {
            process.exitCode = 1;
            return;
          }
        }
      });
      return;
    }
    case 'report':
      return report(positionals[0], values);
    case 'rules': {
      if (positionals[0] !== 'run') throw new Error('Usage: rules run [--lookback DAYS]');
      const lookbackDays = values.lookback ? Number(values.lookback) : undefined;
      const r = await withRouter((router) => router.call('tasks.runRules', lookbackDays ? { lookbackDays } : {}, { user: CONSOLE_USER, tokenHash: null }));
      console.log(`Tasks created: ${Object.entries(r.created).map(([rule, n]) => `${rule} ${n}`).join(', ')}; unassigned ${r.unassigned}; ${r.ms} ms`);
      return;
    }
    case 'rebuild-summaries': {
      const { dataDir } = hostOptionsFromEnv();
      const database = await openDatabase(databaseFile(dataDir));
      try {
        await rebuildBalances(database.db);
        await rebuildVisitSummaries(database.db);
        await rebuildAudienceSummaries(database.db);
        console.log('Balances and report summaries rebuilt from history');
      } finally {
        await database.close();
      }
      return;
    }
    case 'backup': {
      const { dataDir } = hostOptionsFromEnv();
      const database = await openDatabase(databaseFile(dataDir));
      try {
        const dest = await backupTo(database.sqlite, values.out ? path.resolve(values.out) : manualBackupPath(backupDir(dataDir)));
        console.log(`Backup written and checked: ${dest}`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'restore': {
      if (!positionals[0]) throw new Error('Usage: restore FILE');
      const { dataDir } = hostOptionsFromEnv();
      const aside = restoreFrom(path.resolve(positionals[0]), databaseFile(dataDir));
      console.log(`Restored ${positionals[0]}.${aside ? ` The previous database is kept at ${aside}` : ''}`);
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof ApiError || e instanceof Error ? `Error: ${e.message}` : e);
  process.exit(1);
});
