// Fills an empty database with a synthetic clinic: the same seed and `until`
// give byte-identical data. Rows go in through prepared statements in a few
// big transactions, since a million inserts through kysely would take minutes.
import type SQLite from 'better-sqlite3';
import { Billing, oldPrice } from './billing';
import { Calendar, todayLocal } from './calendar';
import { BRANCHES, REASONS, SERVICES, SOURCES, SPECIALTIES } from './catalog';
import { insertExpenses } from './expenses';
import { insertPatients, planPatients } from './patients';
import { Random } from './random';
import { planDoctors, shiftTable } from './staff';
import { Visits } from './visits';

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

  try {
    sqlite.exec('BEGIN');
    progress(`Catalogs, staff and ${patients.toLocaleString('en')} patients…`);
    const at = cal.utc(0, 9 * 60);
    const setting = sqlite.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    const settings: Record<string, unknown> = { demo: true, clinicName: 'Демо-клиника «Улыбка»', currency: 'RUB', country: 'RU' };
    for (const [key, value] of Object.entries(settings)) setting.run(key, JSON.stringify(value), at);

    const reason = sqlite.prepare('INSERT OR IGNORE INTO reasons (kind, code, name, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)');
    for (const [kind, list] of Object.entries(REASONS)) for (const [code] of list) reason.run(kind, code, at, at);

    const source = sqlite.prepare('INSERT OR IGNORE INTO sources (code, name, created_at, updated_at) VALUES (?, ?, ?, ?)');
    const sourceId = sqlite.prepare('SELECT id FROM sources WHERE code = ?').pluck();
    const sourceIds = SOURCES.map((s) => {
      source.run(s.code, s.name, at, at);
      return sourceId.get(s.code) as number;
    });

    const branch = sqlite.prepare('INSERT INTO branches (name, city, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const branchIds = BRANCHES[size].map((b) => {
      const opened = cal.utc(Math.round((b.opensAfterYears ?? 0) * 365.25) - 30, 9 * 60);
      return Number(branch.run(b.name, b.city, b.address, opened, opened).lastInsertRowid);
    });

    const service = sqlite.prepare(`INSERT INTO services (id, code, name, category, specialty, duration_min, price, recall_days, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const price = sqlite.prepare('INSERT INTO service_prices (service_id, price, valid_from, created_at) VALUES (?, ?, ?, ?)');
    const raised = cal.utc(riseDay - 7, 10 * 60);
    SERVICES.forEach((s, i) => {
      service.run(i + 1, s.code, s.name, s.category, s.specialty, s.durationMin, s.price, s.recallDays ?? null, at, s.rise ? raised : at);
      price.run(i + 1, oldPrice(i), cal.dates[0], at);
      if (s.rise) price.run(i + 1, s.price, cal.dates[riseDay], raised);
    });

    const doctors = planDoctors(rStaff, size, cal);
    const user = sqlite.prepare(`INSERT INTO users (login, password_hash, full_name, role, specialty, branch_id, phone, email, active, created_at, updated_at)
      VALUES (?, '!', ?, 'doctor', ?, ?, ?, ?, ?, ?, ?)`);
    for (const doc of doctors) {
      const created = cal.utc(doc.hired - 5, 10 * 60);
      const gone = doc.left < cal.days;
      const phone = `+79${String(rStaff.int(0, 999_999_999)).padStart(9, '0')}`;
      doc.id = Number(user.run(doc.login, doc.fullName, SPECIALTIES[doc.spec], branchIds[doc.branch], phone,
        `${doc.login}@ulybka-demo.ru`, gone ? 0 : 1, created, gone ? cal.utc(doc.left, 10 * 60) : created).lastInsertRowid);
    }
    const shifts = shiftTable(rStaff, doctors, cal, size);

    const plan = planPatients(rPlan, size, patients, cal);
    insertPatients(rPeople, plan, { sqlite, cal, size, branchIds, sourceIds });
    sqlite.exec('COMMIT');

    const billing = new Billing(sqlite, rMoney, cal, branchIds, riseDay);
    const visits = new Visits(sqlite, rVisits, cal, plan, doctors, shifts, branchIds, billing);
    const initialTypes = plan.type.slice(); // DEBUG
    Object.assign(globalThis, { __demo: { visits, plan, initialTypes, doctors, shifts, cal } }); // DEBUG
    sqlite.exec('BEGIN');
    for (let d = 0; d < cal.days; d++) {
      visits.simulateDay(d);
      const yearEnd = d === cal.days - 1 || cal.dates[d + 1].endsWith('-01-01');
      if (yearEnd) {
        sqlite.exec('COMMIT');
        progress(`${cal.dates[d].slice(0, 4)}: ${visits.appointments.toLocaleString('en')} appointments so far`);
        sqlite.exec('BEGIN');
      }
    }
    insertExpenses(sqlite, rCosts, cal, size, branchIds, sourceIds, plan, billing.revenue);
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
  }
}
