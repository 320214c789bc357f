// Fills an empty database with a synthetic clinic: the same seed and `until`
// give byte-identical data. Rows go in through multi-row prepared statements
// in one transaction, since a million inserts through kysely would take minutes.
import type SQLite from 'better-sqlite3';
import { Billing } from './billing';
import { Calendar, todayLocal } from './calendar';
import { BRANCHES } from './catalog';
import { insertCatalogs, insertDoctors } from './clinic';
import { insertExpenses } from './expenses';
import { insertPatients, planPatients } from './patients';
import { Random } from './random';
import { planDoctors, shiftTable } from './staff';
import { MAX_WAIT_DAYS, Visits, appointmentInsert } from './visits';
import { dropSummaryTriggers } from '../api/visit-summaries';

export type ClinicSize = 'small' | 'large';

export interface GenerateOptions {
  size: ClinicSize;
  seed: number;
  /** The last day with visits; default today. */
  until?: string;
  onProgress?: (msg: string) => void;
}

export interface GenerateSummary {
  patients: number;
  appointments: number;
  payments: number;
  doctors: number;
  branches: number;
  years: number;
  ms: number;
}

const SIZES: Record<ClinicSize, { patients: number; years: number }> = {
  small: { patients: 2_000, years: 2 },
  large: { patients: 100_000, years: 10 },
};
/** Bookings are made this many days past `until`. */
const FUTURE_DAYS = 14;
const MUST_BE_EMPTY = ['branches', 'services', 'service_prices', 'patients', 'appointments', 'appointment_items', 'payments', 'expenses'];

/** Fills an EMPTY, already-migrated database (see openDatabase in main/db/connection.ts). */
export async function generateClinic(sqlite: SQLite.Database, opts: GenerateOptions): Promise<GenerateSummary> {
  const startedAt = performance.now();
  const { size, seed } = opts;
  const { patients, years } = SIZES[size];
  const progress = opts.onProgress ?? (() => undefined);
  for (const table of MUST_BE_EMPTY) {
    const row = sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    if (row.n > 0) throw new Error(`The demo clinic needs an empty database, but ${table} already has ${row.n} rows`);
  }
  const cal = new Calendar(opts.until ?? todayLocal(), years, FUTURE_DAYS);
  const root = new Random(seed);
  const [rStaff, rPlan, rPeople, rVisits, rMoney, rCosts] = [1, 2, 3, 4, 5, 6].map((salt) => root.fork(salt));
  const mid = cal.dates[Math.floor(cal.untilIdx / 2)].split('-').map(Number);
  const riseDay = Math.max(1, cal.indexOf(mid[0], mid[1], 1));

  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const threads = sqlite.pragma('threads', { simple: true }) as number;
  try {
    // One transaction, so a failure leaves the database empty. The visit
    // tables' secondary indexes are rebuilt at the end, by one sort each
    // instead of millions of random B-tree updates.
    sqlite.pragma('cache_size = -524288');
    sqlite.exec('BEGIN');
    const indexes = dropIndexes(sqlite, ['appointments', 'appointment_items', 'payments']);
    // Migrations 0012 and 0014's triggers look up the dropped indexes; the summaries are rebuilt after generation (demo-clinic.ts).
    const triggers = dropSummaryTriggers(sqlite);
    progress(`Catalogs, staff and ${patients.toLocaleString('en')} patients…`);
    const { branchIds, sourceIds } = insertCatalogs(sqlite, cal, size, riseDay);
    const doctors = planDoctors(rStaff, size, cal);
    insertDoctors(sqlite, rStaff, cal, doctors, branchIds);
    const shifts = shiftTable(rStaff, doctors, cal, size);
    const plan = planPatients(rPlan, size, patients, cal);
    insertPatients(rPeople, plan, { sqlite, cal, size, branchIds, sourceIds });

    const { insert, withCharged } = appointmentInsert(sqlite);
    const billing = new Billing(sqlite, rMoney, cal, branchIds, riseDay, insert);
    const cities = BRANCHES[size].map((b) => b.city);
    const visits = new Visits(sqlite, rVisits, cal, plan, doctors, shifts, branchIds, cities, insert, withCharged, billing);
    for (let d = 0; d < cal.days; d++) {
      visits.simulateDay(d);
      if (d === cal.days - 1 || cal.dates[d + 1].endsWith('-01-01')) {
        progress(`${cal.dates[d].slice(0, 4)}: ${visits.appointments.toLocaleString('en')} appointments so far`);
      }
    }
    visits.flush();
    if (visits.gaveUp > 0) progress(`${visits.gaveUp.toLocaleString('en')} wanted visits found no free doctor within ${MAX_WAIT_DAYS} days`);
    insertExpenses(sqlite, rCosts, cal, size, branchIds, sourceIds, plan, billing.revenue);
    progress('Indexes…');
    sqlite.pragma('threads = 2'); // helper threads for the index sorts
    for (const sql of indexes) sqlite.exec(sql);
    for (const sql of triggers) sqlite.exec(sql);
    sqlite.exec('COMMIT');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      patients,
      appointments: visits.appointments,
      payments: billing.payments,
      doctors: doctors.length,
      branches: branchIds.length,
      years,
      ms: Math.round(performance.now() - startedAt),
    };
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`threads = ${threads}`);
  }
}

/** Drops the tables' secondary indexes and returns the SQL that recreates them as they were. */
function dropIndexes(sqlite: SQLite.Database, tables: string[]): string[] {
  const rows = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
      AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY rowid`)
    .all(...tables) as Array<{ name: string; sql: string }>;
  for (const { name } of rows) sqlite.exec(`DROP INDEX "${name}"`);
  return rows.map((r) => r.sql);
}
