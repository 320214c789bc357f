// The demo clinic's own rows: settings, reason codes, marketing sources,
// branches, the price list with its history, and the doctors.
import type SQLite from 'better-sqlite3';
import { oldPrice } from './billing';
import { Calendar } from './calendar';
import { BRANCHES, REASONS, SERVICES, SOURCES, SPECIALTIES } from './catalog';
import type { Random } from './random';
import { branchOpens, type Doctor } from './staff';
import type { ClinicSize } from './generate';

export const CLINIC_NAME = 'Демо-клиника «Улыбка»';

export function insertCatalogs(sqlite: SQLite.Database, cal: Calendar, size: ClinicSize, riseDay: number) {
  const at = cal.utc(0, 9 * 60);
  // Other code may have written settings, reasons or sources already: keep theirs.
  const setting = sqlite.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  const settings: Record<string, unknown> = { demo: true, clinicName: CLINIC_NAME, currency: 'RUB', country: 'RU' };
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
    const opened = cal.utc(branchOpens(b) - 30, 9 * 60);
    return Number(branch.run(b.name, b.city, b.address, opened, opened).lastInsertRowid);
  });

  // Service ids are the catalog's order (the table is empty), which billing relies on.
  const service = sqlite.prepare(`INSERT INTO services (id, code, name, category, specialty, duration_min, price, recall_days,
    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const price = sqlite.prepare('INSERT INTO service_prices (service_id, price, valid_from, created_at) VALUES (?, ?, ?, ?)');
  const raised = cal.utc(riseDay - 7, 10 * 60);
  SERVICES.forEach((s, i) => {
    service.run(i + 1, s.code, s.name, s.category, s.specialty, s.durationMin, s.price, s.recallDays ?? null, at, s.rise ? raised : at);
    price.run(i + 1, oldPrice(i), cal.dates[0], at);
    if (s.rise) price.run(i + 1, s.price, cal.dates[riseDay], raised);
  });
  return { branchIds, sourceIds };
}

/** Doctors sign in with no password ('!' matches no hash) until someone sets one. */
export function insertDoctors(sqlite: SQLite.Database, rnd: Random, cal: Calendar, doctors: Doctor[], branchIds: number[]): void {
  const user = sqlite.prepare(`INSERT INTO users (login, password_hash, full_name, role, specialty, branch_id, phone, email,
    active, created_at, updated_at) VALUES (?, '!', ?, 'doctor', ?, ?, ?, ?, ?, ?, ?)`);
  for (const doc of doctors) {
    const created = cal.utc(doc.hired - 5, 10 * 60);
    const gone = doc.left < cal.days;
    const phone = `+79${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`;
    const info = user.run(doc.login, doc.fullName, SPECIALTIES[doc.spec], branchIds[doc.branch], phone,
      `${doc.login}@ulybka-demo.ru`, gone ? 0 : 1, created, gone ? cal.utc(doc.left, 10 * 60) : created);
    doc.id = Number(info.lastInsertRowid);
  }
}
