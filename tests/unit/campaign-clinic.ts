// A small clinic for campaign tests, the clock on 2026-11-25 09:00 (Wednesday).
// 180 days before it is 2026-05-29.
//
// id  name    sex  born        city    src  sms email  last visit (doctor, service)      other
// A   Анна    f    1980-03-15  Москва  web  1   1      2026-03-01 D1 cleaning (hygiene)
// B   Борис   m    2000-07-20  Казань  ref  0   0      2026-11-01 D2 consult (therapy)   owes 5000
// C   Вера    f    1990-11-30  Москва  web  1   0      2026-05-29 D1 consult             booked 2026-12-01
// D   Гриша   m    —           Москва  web  1   0      none
// E   Дина    f    1985-02-02  Москва  web  1   1      2025-01-10 D1 consult             deleted
// G   Жанна   f    1970-06-05  Тула    ref  0   1      2025-01-10 D2 cleaning            no phone
// H   Игорь   m    1966-11-02  Москва  web  1   0      2026-05-30 D2 consult, a cancelled booking 2026-12-02
import type SQLite from 'better-sqlite3';
import { makeClinic, type Clinic } from './harness';
import { rebuildBalances } from '../../main/api/balances';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';

export const NOW = '2026-11-25T09:00';

export interface CampaignClinic extends Clinic {
  sqlite: SQLite.Database;
  ids: { D1: number; D2: number; ref: number; consult: number; cleaning: number; A: number; B: number; C: number; D: number; E: number; G: number; H: number };
  insert(sql: string, ...args: unknown[]): number;
  visit(patient: number, doctor: number, start: string, status?: string, lines?: Array<[number, number]>): number;
}

export async function makeCampaignClinic(): Promise<CampaignClinic> {
  const clinic = await makeClinic();
  clinic.setNow(NOW);
  const { db, sqlite } = clinic.database;
  const insert = (sql: string, ...args: unknown[]) => Number(sqlite.prepare(sql).run(...args).lastInsertRowid);
  const B1 = clinic.branchId;
  const D1 = insert("INSERT INTO users (login, password_hash, full_name, role, branch_id) VALUES ('d1', '!', 'Алексеев', 'doctor', ?)", B1);
  const D2 = insert("INSERT INTO users (login, password_hash, full_name, role, branch_id) VALUES ('d2', '!', 'Борисова', 'doctor', ?)", B1);
  const web = clinic.sourceId;
  const ref = insert("INSERT INTO sources (code, name) VALUES ('ref', 'Рекомендация')");
  const consult = insert("INSERT INTO services (code, name, category, price) VALUES ('C', 'Консультация', 'therapy', 10000)");
  const cleaning = insert("INSERT INTO services (code, name, category, price) VALUES ('H', 'Гигиена', 'hygiene', 30000)");
  for (const code of ['price', 'competitor']) insert("INSERT OR IGNORE INTO reasons (kind, code) VALUES ('churn', ?)", code);

  const patient = (last: string, sex: string | null, born: string | null, city: string, source: number, sms: number, email: number, phone: string | null) =>
    insert(
      'INSERT INTO patients (last_name, first_name, sex, birth_date, city, source_id, consent_sms, consent_email, phone, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      last, 'Т', sex, born, city, source, sms, email, phone, `${last.toLowerCase()}@example.com`,
    );
  const A = patient('Анна', 'female', '1980-03-15', 'Москва', web, 1, 1, '+79000000001');
  const B = patient('Борис', 'male', '2000-07-20', 'Казань', ref, 0, 0, '+79000000002');
  const C = patient('Вера', 'female', '1990-11-30', 'Москва', web, 1, 0, '+79000000003');
  const D = patient('Гриша', 'male', null, 'Москва', web, 1, 0, '+79000000004');
  const E = patient('Дина', 'female', '1985-02-02', 'Москва', web, 1, 1, '+79000000005');
  const G = patient('Жанна', 'female', '1970-06-05', 'Тула', ref, 0, 1, null);
  const H = patient('Игорь', 'male', '1966-11-02', 'Москва', web, 1, 0, '+79000000008');

  const visit = (p: number, d: number, start: string, status = 'completed', lines: Array<[number, number]> = []) => {
    const a = insert('INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status) VALUES (?, ?, ?, ?, ?, ?)', p, d, B1, start, start, status);
    for (const [service, amount] of lines) insert('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, ?, 0, ?)', a, service, amount, amount);
    return a;
  };
  visit(A, D1, '2025-10-01T10:00', 'completed', [[consult, 10000]]);
  visit(A, D1, '2026-03-01T10:00', 'completed', [[cleaning, 30000]]);
  visit(B, D2, '2026-11-01T10:00', 'completed', [[consult, 10000]]);
  insert("INSERT INTO payments (patient_id, paid_at, amount, method) VALUES (?, '2026-11-01T10:40', 5000, 'cash')", B);
  visit(C, D1, '2026-05-29T10:00', 'completed', [[consult, 10000]]);
  visit(C, D1, '2026-12-01T10:00', 'booked');
  visit(E, D1, '2025-01-10T10:00', 'completed', [[consult, 10000]]);
  visit(G, D2, '2025-01-10T11:00', 'completed', [[cleaning, 30000]]);
  visit(H, D2, '2026-05-30T10:00', 'completed', [[consult, 10000]]);
  visit(H, D2, '2026-12-02T10:00', 'cancelled');
  // Everybody but B paid in full.
  for (const [p, amount] of [[A, 40000], [C, 10000], [E, 10000], [G, 30000], [H, 10000]]) {
    insert("INSERT INTO payments (patient_id, paid_at, amount, method) VALUES (?, '2026-06-01T10:00', ?, 'cash')", p, amount);
  }
  sqlite.prepare("UPDATE patients SET deleted_at = '2026-06-01T00:00:00Z' WHERE id = ?").run(E);
  await rebuildBalances(db);
  await rebuildVisitSummaries(db);
  return { ...clinic, sqlite, insert, visit, ids: { D1, D2, ref, consult, cleaning, A, B, C, D, E, G, H } };
}
