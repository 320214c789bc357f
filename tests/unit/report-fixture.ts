// The small clinic every report test counts by hand. Period of interest:
// Q1 2026 (2026-01-01 … 2026-03-31). Prices: consult 100.00 (10000),
// cleaning 300.00 (30000, recall every 180 days).
//
// Branches: B1 Центр (Москва), B2 Север (Казань). Doctors: D1 Алексеев
// (therapist, B1), D2 Борисова (surgeon, B2). Sources: web (website), ref.
//
// P1 Анна (web)      2026-01-10 10:00 D1 B1 consult 10000   first visit
//                    2026-02-05 10:00 D1 B1 cleaning 30000
//                    2026-03-15 23:30 D2 B2 consult 10000   (a visit at 23:30)
//                    paid 10000 on 01-10, 20000 on 02-05 → owes 20000
//                    (Feb cleaning 10000 short, Mar consult 10000 unpaid)
// P2 Борис (ref)     2025-12-20 09:00 D2 B2 consult 10000   first visit, before Q1, other doctor
//                    2026-01-20 00:15 D1 B1 consult 10000   (a visit at 00:15)
//                    paid in full on each day
// P3 Вера (web)      2026-02-10 10:00 D1 cancelled (changed_mind)
//                    2026-02-12 10:00 D1 no_show (forgot)
//                    2026-02-20 11:00 D1 B1 consult 10000 − 1000 discount = 9000  first visit
//                    paid 9000 on 02-20, refunded 2000 on 02-25 → owes 2000
// P4 Глеб (ref)      2026-01-25 12:00 D2 B2 consult 10000 paid; merged into P5
// P5 Галина (ref)    2026-03-01 12:00 D2 B2 consult 10000 paid
//                    after the merge P5's first visit is 2026-01-25 with D2
// P6 Дмитрий (web)   no visit; a booking on 2026-04-10 (booked)
// P7 Евгений (web)   2025-08-01 10:00 D1 B1 cleaning 30000 paid; last visit →
//                    lost on 2026-01-28 (180 days); churn reason "price"
// P8 Жанна (ref)     2025-09-15 10:00 D1 B1 cleaning 30000 paid; a booking
//                    on 2026-04-02 (confirmed) → not lost; recall due 2026-03-14
//                    but the future booking keeps her off the recall list
// Expenses: 2026-01-15 marketing web 5000 (B1); 2026-01-31 rent B1 100000;
//           2026-02-10 marketing ref 3000 (B2).
import type SQLite from 'better-sqlite3';
import { makeClinic, type Clinic } from './harness';
import { rebuildBalances } from '../../main/api/balances';
import { rebuildVisitSummaries } from '../../main/api/visit-summaries';

export interface ReportClinic extends Clinic {
  sqlite: SQLite.Database;
  ids: {
    B1: number; B2: number; D1: number; D2: number; web: number; ref: number; consult: number; cleaning: number;
    P1: number; P2: number; P3: number; P4: number; P5: number; P6: number; P7: number; P8: number;
  };
}

export const Q1 = { from: '2026-01-01', to: '2026-03-31' };

export async function makeReportClinic(): Promise<ReportClinic> {
  const clinic = await makeClinic();
  const { db, sqlite } = clinic.database;
  const insert = (sql: string, ...args: unknown[]) => Number(sqlite.prepare(sql).run(...args).lastInsertRowid);

  const B1 = clinic.branchId;
  const B2 = insert("INSERT INTO branches (name, city) VALUES ('Север', 'Казань')");
  const D1 = insert("INSERT INTO users (login, password_hash, full_name, role, specialty, branch_id) VALUES ('d1', '!', 'Алексеев Антон', 'doctor', 'therapist', ?)", B1);
  const D2 = insert("INSERT INTO users (login, password_hash, full_name, role, specialty, branch_id) VALUES ('d2', '!', 'Борисова Бэла', 'doctor', 'surgeon', ?)", B2);
  const web = clinic.sourceId;
  const ref = insert("INSERT INTO sources (code, name) VALUES ('ref', 'Рекомендация')");
  const consult = insert("INSERT INTO services (code, name, category, duration_min, price) VALUES ('C', 'Консультация', 'therapy', 30, 10000)");
  const cleaning = insert("INSERT INTO services (code, name, category, duration_min, price, recall_days) VALUES ('H', 'Гигиена', 'hygiene', 60, 30000, 180)");
  // Migration 0006 seeds the churn reasons already.
  for (const [kind, code] of [['cancel', 'changed_mind'], ['no_show', 'forgot'], ['churn', 'price']]) insert('INSERT OR IGNORE INTO reasons (kind, code) VALUES (?, ?)', kind, code);

  const patient = (last: string, first: string, source: number, phone: string) =>
    insert('INSERT INTO patients (last_name, first_name, source_id, phone) VALUES (?, ?, ?, ?)', last, first, source, phone);
  const P1 = patient('Анна', 'А', web, '+79000000001');
  const P2 = patient('Борис', 'Б', ref, '+79000000002');
  const P3 = patient('Вера', 'В', web, '+79000000003');
  const P4 = patient('Глеб', 'Г', ref, '+79000000004');
  const P5 = patient('Галина', 'Г', ref, '+79000000005');
  const P6 = patient('Дмитрий', 'Д', web, '+79000000006');
  const P7 = patient('Евгений', 'Е', web, '+79000000007');
  const P8 = patient('Жанна', 'Ж', ref, '+79000000008');

  const visit = (p: number, d: number, b: number, start: string, status: string, lines: Array<[number, number, number]> = [], reason: string | null = null) => {
    const a = insert(
      'INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, reason_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
      p, d, b, start, start, status, reason,
    );
    for (const [service, price, discount] of lines) {
      insert('INSERT INTO appointment_items (appointment_id, service_id, qty, price, discount, amount) VALUES (?, ?, 1, ?, ?, ?)', a, service, price, discount, price - discount);
    }
    return a;
  };
  const pay = (p: number, a: number | null, b: number, at: string, amount: number, reason: string | null = null) =>
    insert("INSERT INTO payments (patient_id, appointment_id, branch_id, paid_at, amount, method, reason) VALUES (?, ?, ?, ?, ?, 'cash', ?)", p, a, b, at, amount, reason);

  const a11 = visit(P1, D1, B1, '2026-01-10T10:00', 'completed', [[consult, 10000, 0]]);
  const a12 = visit(P1, D1, B1, '2026-02-05T10:00', 'completed', [[cleaning, 30000, 0]]);
  visit(P1, D2, B2, '2026-03-15T23:30', 'completed', [[consult, 10000, 0]]);
  pay(P1, a11, B1, '2026-01-10T10:40', 10000);
  pay(P1, a12, B1, '2026-02-05T11:10', 20000);

  const a21 = visit(P2, D2, B2, '2025-12-20T09:00', 'completed', [[consult, 10000, 0]]);
  const a22 = visit(P2, D1, B1, '2026-01-20T00:15', 'completed', [[consult, 10000, 0]]);
  pay(P2, a21, B2, '2025-12-20T09:40', 10000);
  pay(P2, a22, B1, '2026-01-20T00:50', 10000);

  visit(P3, D1, B1, '2026-02-10T10:00', 'cancelled', [], 'changed_mind');
  visit(P3, D1, B1, '2026-02-12T10:00', 'no_show', [], 'forgot');
  const a33 = visit(P3, D1, B1, '2026-02-20T11:00', 'completed', [[consult, 10000, 1000]]);
  pay(P3, a33, B1, '2026-02-20T11:40', 9000);
  pay(P3, a33, B1, '2026-02-25T12:00', -2000, 'overcharged');

  const a41 = visit(P4, D2, B2, '2026-01-25T12:00', 'completed', [[consult, 10000, 0]]);
  pay(P4, a41, B2, '2026-01-25T12:40', 10000);
  const a51 = visit(P5, D2, B2, '2026-03-01T12:00', 'completed', [[consult, 10000, 0]]);
  pay(P5, a51, B2, '2026-03-01T12:40', 10000);

  visit(P6, D1, B1, '2026-04-10T10:00', 'booked');
  const a71 = visit(P7, D1, B1, '2025-08-01T10:00', 'completed', [[cleaning, 30000, 0]]);
  pay(P7, a71, B1, '2025-08-01T11:00', 30000);
  insert("INSERT INTO contacts (patient_id, channel, direction, outcome, churn_reason, at) VALUES (?, 'call', 'out', 'refused', 'price', '2026-02-01T10:00:00.000Z')", P7);
  const a81 = visit(P8, D1, B1, '2025-09-15T10:00', 'completed', [[cleaning, 30000, 0]]);
  pay(P8, a81, B1, '2025-09-15T11:00', 30000);
  visit(P8, D1, B1, '2026-04-02T10:00', 'confirmed');

  insert("INSERT INTO expenses (branch_id, category, source_id, spent_on, amount) VALUES (?, 'marketing', ?, '2026-01-15', 5000)", B1, web);
  insert("INSERT INTO expenses (branch_id, category, spent_on, amount) VALUES (?, 'rent', '2026-01-31', 100000)", B1);
  insert("INSERT INTO expenses (branch_id, category, source_id, spent_on, amount) VALUES (?, 'marketing', ?, '2026-02-10', 3000)", B2, ref);

  await rebuildBalances(db);
  await rebuildVisitSummaries(db);
  await clinic.call('director', 'patients.merge', { sourceId: P4, targetId: P5 });

  return { ...clinic, sqlite, ids: { B1, B2, D1, D2, web, ref, consult, cleaning, P1, P2, P3, P4, P5, P6, P7, P8 } };
}
