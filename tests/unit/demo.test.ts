// The synthetic clinic: plausible counts and shapes, the same data for the
// same seed, and the invariants every report relies on (no double-booked
// doctor, visit totals equal to their lines).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../main/db/connection';
import { generateClinic, type GenerateSummary } from '../../main/demo/generate';

const UNTIL = '2026-06-30';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-demo-'));
const opened: OpenedDatabase[] = [];

async function generate(name: string, seed: number): Promise<{ database: OpenedDatabase; summary: GenerateSummary }> {
  const database = await openDatabase(path.join(dir, `${name}.sqlite`));
  opened.push(database);
  const summary = await generateClinic(database.sqlite, { size: 'small', seed, until: UNTIL });
  return { database, summary };
}

function checksum(database: OpenedDatabase, table: string): string {
  const hash = crypto.createHash('sha256');
  for (const row of database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate()) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

function value<T = number>(database: OpenedDatabase, sql: string): T {
  return database.sqlite.prepare(sql).pluck().get() as T;
}

let first: { database: OpenedDatabase; summary: GenerateSummary };
let again: { database: OpenedDatabase; summary: GenerateSummary };
let other: { database: OpenedDatabase; summary: GenerateSummary };

beforeAll(async () => {
  first = await generate('seed1', 1);
  again = await generate('seed1-again', 1);
  other = await generate('seed2', 2);
}, 120_000);

afterAll(async () => {
  for (const d of opened) await d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo clinic (small)', () => {
  it('has the promised size', () => {
    const { summary, database } = first;
    expect(summary).toMatchObject({ patients: 2000, doctors: 8, branches: 2, years: 2 });
    expect(summary.appointments).toBeGreaterThan(4000);
    expect(summary.appointments).toBeLessThan(15000);
    expect(value(database, 'SELECT count(*) FROM patients')).toBe(summary.patients);
    expect(value(database, 'SELECT count(*) FROM appointments')).toBe(summary.appointments);
    expect(value(database, 'SELECT count(*) FROM payments')).toBe(summary.payments);
    expect(value(database, "SELECT count(*) FROM users WHERE role = 'doctor' AND password_hash = '!'")).toBe(8);
    expect(value(database, "SELECT count(*) FROM users WHERE login IN ('director', 'reception', 'doctor', 'callcenter')")).toBe(0);
    expect(value(database, 'SELECT count(*) FROM services')).toBeGreaterThanOrEqual(30);
    expect(value(database, "SELECT value FROM settings WHERE key = 'demo'")).toBe('true');
    expect(value(database, "SELECT count(*) FROM reasons WHERE kind = 'cancel' AND name IS NULL")).toBe(6);
    expect(value(database, 'SELECT count(*) FROM expenses')).toBeGreaterThan(100);
  });

  it('leaves every trigger of the schema in place (it drops the period summaries\' while it writes, 0012)', async () => {
    const fresh = await openDatabase(path.join(dir, 'fresh.sqlite'));
    opened.push(fresh);
    const triggers = (d: OpenedDatabase) => d.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers(first.database)).toEqual(triggers(fresh));
  });

  it('is the same for the same seed and different for another', () => {
    for (const table of ['patients', 'appointments', 'appointment_items', 'payments', 'expenses', 'users']) {
      expect(checksum(again.database, table), table).toBe(checksum(first.database, table));
    }
    expect(checksum(other.database, 'appointments')).not.toBe(checksum(first.database, 'appointments'));
  });

  it('never books a doctor twice at the same time', () => {
    // Sorted by start, any overlap shows up between neighbours.
    const overlaps = value(first.database, `SELECT count(*) FROM (
      SELECT start_at, lag(end_at) OVER (PARTITION BY doctor_id ORDER BY start_at, id) AS previous_end FROM appointments)
      WHERE previous_end > start_at`);
    expect(overlaps).toBe(0);
    expect(value(first.database, 'SELECT count(*) FROM appointments WHERE end_at <= start_at OR substr(end_at, 1, 10) != substr(start_at, 1, 10)')).toBe(0);
  });

  it('bills every completed visit and only those', () => {
    const { database } = first;
    expect(value(database, `SELECT count(*) FROM appointments a WHERE status = 'completed'
      AND NOT EXISTS (SELECT 1 FROM appointment_items i WHERE i.appointment_id = a.id)`)).toBe(0);
    expect(value(database, `SELECT count(*) FROM appointment_items i JOIN appointments a ON a.id = i.appointment_id
      WHERE a.status != 'completed'`)).toBe(0);
    expect(value(database, 'SELECT count(*) FROM appointment_items WHERE amount != qty * price - discount OR amount <= 0')).toBe(0);
    const revenue = value(database, 'SELECT sum(amount) FROM appointment_items');
    const paid = value(database, 'SELECT sum(amount) FROM payments');
    expect(paid).toBeLessThanOrEqual(revenue);
    expect(paid).toBeGreaterThan(revenue * 0.9);
    expect(value(database, 'SELECT count(*) FROM payments WHERE amount < 0 AND reason IS NULL')).toBe(0);
  });

  it('has the shapes of a real clinic', () => {
    const { database } = first;
    const oneVisitShare = value(database, `SELECT avg(n = 1) FROM (
      SELECT patient_id, count(*) AS n FROM appointments WHERE status = 'completed' GROUP BY patient_id)`);
    expect(oneVisitShare).toBeGreaterThan(0.45);
    expect(oneVisitShare).toBeLessThan(0.75);
    const share = (status: string) => value(database, `SELECT avg(status = '${status}') FROM appointments WHERE start_at <= '${UNTIL}T23:59'`);
    expect(share('no_show')).toBeGreaterThan(0.04);
    expect(share('no_show')).toBeLessThan(0.09);
    expect(share('cancelled')).toBeGreaterThan(0.06);
    expect(share('cancelled')).toBeLessThan(0.12);
    expect(value(database, `SELECT count(*) FROM appointments WHERE status IN ('cancelled', 'no_show') AND reason_code IS NULL`)).toBe(0);
    // Only bookings lie after `until`, and nothing before it is still booked.
    expect(value(database, `SELECT count(*) FROM appointments WHERE start_at > '${UNTIL}T23:59' AND status NOT IN ('booked', 'confirmed')`)).toBe(0);
    expect(value(database, `SELECT count(*) FROM appointments WHERE start_at < '${UNTIL}T23:59' AND status IN ('booked', 'confirmed')`)).toBe(0);
    expect(value(database, `SELECT count(*) FROM appointments WHERE start_at > '${UNTIL}T23:59'`)).toBeGreaterThan(0);
    const byWeekday = (wd: number) => value(database, `SELECT count(*) FROM appointments WHERE strftime('%w', start_at) = '${wd}'`);
    expect(byWeekday(1)).toBeGreaterThan(byWeekday(6));
    expect(byWeekday(6)).toBeGreaterThan(byWeekday(0));
    const byHour = (h: string) => value(database, `SELECT count(*) FROM appointments WHERE substr(start_at, 12, 2) = '${h}'`);
    expect(byHour('11')).toBeGreaterThan(byHour('14'));
    expect(byHour('18')).toBeGreaterThan(byHour('14'));
    expect(value(database, "SELECT count(DISTINCT phone) FROM patients WHERE phone GLOB '+79[0-9]*' AND length(phone) = 12")).toBe(2000);
  });
});
