// The comparison the report bench prints: the same clinic copied into a DuckDB
// file (tables streamed from SQLite as CSV and read with read_csv — the
// sqlite scanner extension cannot be downloaded here), and each report's
// question asked in plain SQL over the raw tables (no summaries: first visits,
// distinct counts and windows are DuckDB's own work). Dev-only.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { stats } from './figures';

const TABLES: Record<string, Record<string, 'BIGINT' | 'VARCHAR'>> = {
  appointments: { id: 'BIGINT', patient_id: 'BIGINT', doctor_id: 'BIGINT', branch_id: 'BIGINT', start_at: 'VARCHAR', status: 'VARCHAR', reason_code: 'VARCHAR', charged: 'BIGINT' },
  appointment_items: { appointment_id: 'BIGINT', service_id: 'BIGINT', amount: 'BIGINT' },
  payments: { patient_id: 'BIGINT', appointment_id: 'BIGINT', paid_at: 'VARCHAR', amount: 'BIGINT' },
  patients: { id: 'BIGINT', last_name: 'VARCHAR', first_name: 'VARCHAR', middle_name: 'VARCHAR', phone: 'VARCHAR', source_id: 'BIGINT', merged_into_id: 'BIGINT', deleted_at: 'VARCHAR' },
  contacts: { id: 'BIGINT', patient_id: 'BIGINT', churn_reason: 'VARCHAR', at: 'VARCHAR' },
  expenses: { branch_id: 'BIGINT', category: 'VARCHAR', source_id: 'BIGINT', spent_on: 'VARCHAR', amount: 'BIGINT' },
  services: { id: 'BIGINT', name: 'VARCHAR', recall_days: 'BIGINT' },
  users: { id: 'BIGINT', full_name: 'VARCHAR' },
  branches: { id: 'BIGINT', name: 'VARCHAR', city: 'VARCHAR' },
  sources: { id: 'BIGINT', name: 'VARCHAR' },
};

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return `"${String(v).replace(/"/g, '""')}"`;
}

/** Copies the tables the reports read into a fresh DuckDB file. */
export async function copyToDuckDb(sqliteFile: string, duckFile: string): Promise<{ conn: DuckDBConnection; close(): void; seconds: number }> {
  const started = performance.now();
  for (const f of [duckFile, `${duckFile}.wal`]) fs.rmSync(f, { force: true });
  const instance = await DuckDBInstance.create(duckFile);
  const conn = await instance.connect();
  const src = new SQLite(sqliteFile, { readonly: true });
  const csvDir = fs.mkdtempSync(path.join(path.dirname(duckFile), 'csv-'));
  try {
    for (const [table, cols] of Object.entries(TABLES)) {
      const names = Object.keys(cols);
      const csv = path.join(csvDir, `${table}.csv`);
      const fd = fs.openSync(csv, 'w');
      let buf = `${names.join(',')}\n`;
      for (const row of src.prepare(`SELECT ${names.join(', ')} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
        buf += `${row.map(csvCell).join(',')}\n`;
        if (buf.length > 1 << 20) {
          fs.writeSync(fd, buf);
          buf = '';
        }
      }
      fs.writeSync(fd, buf);
      fs.closeSync(fd);
      const columns = `{${names.map((n) => `'${n}': '${cols[n]}'`).join(', ')}}`;
      await conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${csv}', header = true, columns = ${columns})`);
    }
  } finally {
    src.close();
    fs.rmSync(csvDir, { recursive: true, force: true });
  }
  return {
    conn,
    seconds: (performance.now() - started) / 1000,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

const q = (s: string) => `'${s}'`;

/** Each report's question in DuckDB SQL, for a period [from, end) (end = the day after `to`). */
export function duckSql(id: string, from: string, to: string, end: string): string | null {
  const F = q(from);
  const E = q(end);
  const T = q(to);
  const visits = `v AS (SELECT * FROM appointments WHERE status = 'completed')`;
  const first = `${visits}, first AS (SELECT patient_id, min(start_at) AS first_at, arg_min(doctor_id, start_at) AS doctor_id FROM v GROUP BY patient_id)`;
  const name = `trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, ''))`;
  switch (id) {
    case 'peak-hours':
      return `SELECT isodow(strptime(start_at, '%Y-%m-%dT%H:%M')) AS weekday, CAST(substr(start_at, 12, 2) AS INTEGER) AS hour, count(*) AS visits
              FROM appointments WHERE status = 'completed' AND start_at >= ${F} AND start_at < ${E} GROUP BY ALL ORDER BY ALL`;
    case 'retention':
      return `WITH ${first},
              prim AS (SELECT f.doctor_id, count(*) AS prim,
                         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM v WHERE v.patient_id = f.patient_id AND v.doctor_id = f.doctor_id AND v.start_at > f.first_at AND v.start_at < ${E})) AS returned
                       FROM first f WHERE f.first_at >= ${F} AND f.first_at < ${E} GROUP BY f.doctor_id),
              rep AS (SELECT v.doctor_id, count(DISTINCT v.patient_id) AS repeat FROM v JOIN first f USING (patient_id)
                      WHERE v.start_at >= ${F} AND v.start_at < ${E} AND f.first_at < ${F} GROUP BY v.doctor_id)
              SELECT u.full_name, prim.prim, prim.returned, rep.repeat FROM users u LEFT JOIN prim ON prim.doctor_id = u.id LEFT JOIN rep ON rep.doctor_id = u.id
              WHERE prim.doctor_id IS NOT NULL OR rep.doctor_id IS NOT NULL ORDER BY u.full_name`;
    case 'base-growth':
      return `WITH ${first}, m AS (SELECT substr(first_at, 1, 7) AS month, count(*) AS n FROM first WHERE first_at < ${E} GROUP BY month)
              SELECT * FROM (SELECT month, n AS newPatients, sum(n) OVER (ORDER BY month) AS totalPatients FROM m) WHERE month >= substr(${F}, 1, 7) ORDER BY month`;
    case 'sources':
      return `WITH ${first}, np AS (SELECT f.patient_id, coalesce((SELECT sum(charged) FROM v WHERE v.patient_id = f.patient_id AND v.start_at >= ${F} AND v.start_at < ${E}), 0) AS revenue
                                    FROM first f WHERE f.first_at >= ${F} AND f.first_at < ${E}),
              s AS (SELECT p.source_id, count(*) AS newPatients, sum(np.revenue) AS revenue FROM np JOIN patients p ON p.id = np.patient_id GROUP BY p.source_id),
              sp AS (SELECT source_id, sum(amount) AS spend FROM expenses WHERE category = 'marketing' AND spent_on >= ${F} AND spent_on < ${E} GROUP BY source_id)
              SELECT coalesce(s.source_id, sp.source_id) AS source, s.newPatients, s.revenue, sp.spend FROM s FULL JOIN sp ON sp.source_id = s.source_id`;
    case 'lost':
      return `WITH last AS (SELECT patient_id, max(start_at) AS last_at FROM appointments WHERE status = 'completed' AND start_at < ${E} GROUP BY patient_id),
              lost AS (SELECT l.patient_id, strftime(CAST(substr(l.last_at, 1, 10) AS DATE) + INTERVAL 180 DAY, '%Y-%m') AS month FROM last l
                       JOIN patients p ON p.id = l.patient_id AND p.deleted_at IS NULL AND p.merged_into_id IS NULL
                       WHERE CAST(substr(l.last_at, 1, 10) AS DATE) + INTERVAL 180 DAY BETWEEN DATE ${F} AND DATE ${T}
                         AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.patient_id = l.patient_id AND b.start_at > l.last_at AND b.status IN ('booked', 'confirmed'))),
              reason AS (SELECT patient_id, arg_max(churn_reason, row("at", id)) AS reason FROM contacts WHERE churn_reason IS NOT NULL GROUP BY patient_id)
              SELECT month, coalesce(reason, 'unknown') AS reason, count(*) AS n FROM lost LEFT JOIN reason USING (patient_id) GROUP BY ALL ORDER BY ALL`;
    case 'activity': {
      // The three periods of the report, computed by its own period code on our side; here: current, the year before, and the same length before.
      const one = (a: string, b: string, label: string) =>
        `SELECT '${label}' AS period, count(DISTINCT patient_id) AS uniquePatients, count(*) AS visits FROM appointments WHERE status = 'completed' AND start_at >= ${q(a)} AND start_at < ${q(b)}`;
      const shift = (d: string, years: number) => `${Number(d.slice(0, 4)) - years}${d.slice(4)}`;
      const len = Number(end.slice(0, 4)) - Number(from.slice(0, 4));
      return `${one(from, end, 'current')} UNION ALL ${one(shift(from, len), shift(end, len), 'previous')} UNION ALL ${one(shift(from, 1), shift(end, 1), 'lastYear')}`;
    }
    case 'cohorts':
      return `WITH ${first}, c AS (SELECT patient_id, first_at, year(CAST(substr(first_at, 1, 10) AS DATE)) * 12 + month(CAST(substr(first_at, 1, 10) AS DATE)) AS base
                                   FROM first WHERE first_at >= ${F} AND first_at < ${E}),
              k AS (SELECT DISTINCT c.patient_id, substr(c.first_at, 1, 7) AS cohort,
                           CAST(substr(v.start_at, 1, 4) AS INTEGER) * 12 + CAST(substr(v.start_at, 6, 2) AS INTEGER) - c.base AS k
                    FROM c JOIN v ON v.patient_id = c.patient_id),
              sizes AS (SELECT substr(first_at, 1, 7) AS cohort, count(*) AS size FROM c GROUP BY cohort)
              SELECT s.cohort, s.size, ${Array.from({ length: 12 }, (_, i) => `count(*) FILTER (WHERE k.k = ${i + 1}) AS m${i + 1}`).join(', ')}
              FROM sizes s LEFT JOIN k ON k.cohort = s.cohort AND k.k BETWEEN 1 AND 12 GROUP BY s.cohort, s.size ORDER BY s.cohort`;
    case 'average-check':
      return `SELECT substr(start_at, 1, 7) AS month, count(*) AS visits, sum(charged) AS revenue, round(sum(charged) / count(*)) AS averageCheck
              FROM appointments WHERE status = 'completed' AND charged > 0 AND start_at >= ${F} AND start_at < ${E} GROUP BY month ORDER BY month`;
    case 'rating':
      return `WITH t AS (SELECT patient_id, count(*) AS visits, sum(charged) AS revenue FROM appointments WHERE status = 'completed' AND start_at >= ${F} AND start_at < ${E} GROUP BY patient_id),
              pd AS (SELECT patient_id, sum(amount) AS paid FROM payments WHERE paid_at >= ${F} AND paid_at < ${E} GROUP BY patient_id)
              SELECT row_number() OVER (ORDER BY t.revenue DESC, t.visits DESC, ${name}, t.patient_id) AS rank, t.patient_id, ${name} AS patient, t.visits, t.revenue, coalesce(pd.paid, 0) AS paid
              FROM t JOIN patients p ON p.id = t.patient_id AND p.deleted_at IS NULL AND p.merged_into_id IS NULL LEFT JOIN pd ON pd.patient_id = t.patient_id
              ORDER BY rank LIMIT 100`;
    case 'debtors':
      return `WITH c AS (SELECT patient_id, start_at, charged, sum(charged) OVER (PARTITION BY patient_id ORDER BY start_at, id) AS running
                         FROM appointments WHERE status = 'completed' AND charged > 0 AND start_at < ${E}),
              pd AS (SELECT patient_id, sum(amount) AS paid FROM payments WHERE paid_at < ${E} GROUP BY patient_id),
              d AS (SELECT c.patient_id, max(c.running) - coalesce(any_value(pd.paid), 0) AS debt,
                           min(c.start_at) FILTER (WHERE c.running > coalesce(pd.paid, 0)) AS oldest
                    FROM c LEFT JOIN pd USING (patient_id) GROUP BY c.patient_id)
              SELECT d.patient_id, ${name} AS patient, p.phone, d.debt, substr(d.oldest, 1, 10) AS oldestUnpaid,
                     CASE WHEN DATE ${T} - CAST(substr(d.oldest, 1, 10) AS DATE) <= 30 THEN '0-30' WHEN DATE ${T} - CAST(substr(d.oldest, 1, 10) AS DATE) <= 60 THEN '31-60'
                          WHEN DATE ${T} - CAST(substr(d.oldest, 1, 10) AS DATE) <= 90 THEN '61-90' ELSE '>90' END AS bucket
              FROM d JOIN patients p ON p.id = d.patient_id AND p.deleted_at IS NULL AND p.merged_into_id IS NULL WHERE d.debt > 0 ORDER BY d.debt DESC LIMIT 1000`;
    case 'branches':
      return `WITH vis AS (SELECT branch_id, count(*) AS visits, count(DISTINCT patient_id) AS uniquePatients, sum(charged) AS revenue FROM appointments
                           WHERE status = 'completed' AND start_at >= ${F} AND start_at < ${E} GROUP BY branch_id),
              pd AS (SELECT a.branch_id, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id WHERE pm.paid_at >= ${F} AND pm.paid_at < ${E} GROUP BY a.branch_id),
              ex AS (SELECT branch_id, sum(amount) AS expenses FROM expenses WHERE spent_on >= ${F} AND spent_on <= ${T} AND branch_id IS NOT NULL GROUP BY branch_id),
              tot AS (SELECT count(DISTINCT patient_id) AS u FROM appointments WHERE status = 'completed' AND start_at >= ${F} AND start_at < ${E})
              SELECT b.name, b.city, vis.visits, vis.uniquePatients, vis.revenue, pd.paid, ex.expenses, vis.revenue - coalesce(ex.expenses, 0) AS profit, tot.u
              FROM branches b LEFT JOIN vis ON vis.branch_id = b.id LEFT JOIN pd ON pd.branch_id = b.id LEFT JOIN ex ON ex.branch_id = b.id, tot ORDER BY b.name`;
    case 'staff-revenue':
      return `SELECT u.full_name, count(*) AS visits, count(DISTINCT a.patient_id) AS uniquePatients, sum(a.charged) AS revenue,
                     round(100.0 * sum(a.charged) / sum(sum(a.charged)) OVER (), 1) AS sharePct
              FROM appointments a JOIN users u ON u.id = a.doctor_id WHERE a.status = 'completed' AND a.start_at >= ${F} AND a.start_at < ${E} GROUP BY u.id, u.full_name ORDER BY u.full_name`;
    case 'no-shows':
      return `SELECT doctor_id, status, CASE WHEN status IN ('cancelled', 'no_show') THEN coalesce(reason_code, 'unknown') END AS reason, count(*) AS n
              FROM appointments WHERE start_at >= ${F} AND start_at < ${E} GROUP BY ALL ORDER BY ALL`;
    case 'recalls-due':
      return `WITH last AS (SELECT a.patient_id, i.service_id, max(a.start_at) AS last_at FROM appointment_items i JOIN appointments a ON a.id = i.appointment_id
                            JOIN services s ON s.id = i.service_id AND s.recall_days IS NOT NULL WHERE a.status = 'completed' AND a.start_at < ${E} GROUP BY ALL),
              booked AS (SELECT patient_id, max(start_at) AS next_at FROM appointments WHERE status IN ('booked', 'confirmed') GROUP BY patient_id),
              l AS (SELECT last.*, s.name AS service, CAST(substr(last.last_at, 1, 10) AS DATE) + CAST(s.recall_days AS INTEGER) AS due FROM last JOIN services s ON s.id = last.service_id)
              SELECT l.patient_id, ${name} AS patient, p.phone, l.service, substr(l.last_at, 1, 10) AS lastDone, l.due AS dueDate, DATE ${T} - l.due AS overdueDays
              FROM l JOIN patients p ON p.id = l.patient_id AND p.deleted_at IS NULL AND p.merged_into_id IS NULL LEFT JOIN booked b ON b.patient_id = l.patient_id
              WHERE l.due <= DATE ${T} AND (b.next_at IS NULL OR b.next_at <= l.last_at) ORDER BY l.due, patient, l.service, l.patient_id`;
    default:
      // Reports over the follow-up tables (tasks, campaigns) have no DuckDB
      // counterpart yet: the comparison leaves them out rather than failing.
      return null;
  }
}

/** Median and p95 of a report's DuckDB SQL (warm: one run first), materialising every row as our reports do. */
export async function timeDuck(conn: DuckDBConnection, sql: string, runs: number): Promise<{ median: number; p95: number }> {
  await conn.runAndReadAll(sql);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    (await conn.runAndReadAll(sql)).getRows();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}
