// Each patient's lifetime charged and paid amounts, kept current by every
// write that changes them (visit completed, payment, refund, merge), so the
// card, the booking flag and the debtors report read one row instead of
// scanning history. `rebuildBalances` recomputes them from scratch; a test
// checks the kept values against it.
import { sql } from 'kysely';
import type { Db } from '../db/connection';

export async function addToBalance(db: Db, patientId: number, delta: { charged?: number; paid?: number }): Promise<void> {
  const charged = delta.charged ?? 0;
  const paid = delta.paid ?? 0;
  await db
    .insertInto('patient_balances')
    .values({ patient_id: patientId, charged, paid })
    .onConflict((oc) =>
      oc.column('patient_id').doUpdateSet({
        charged: sql`charged + ${charged}`,
        paid: sql`paid + ${paid}`,
      }),
    )
    .execute();
}

/** charged − paid: positive is a debt. */
export async function balanceOf(db: Db, patientId: number): Promise<number> {
  const row = await db.selectFrom('patient_balances').select(['charged', 'paid']).where('patient_id', '=', patientId).executeTakeFirst();
  return row ? row.charged - row.paid : 0;
}

const RECOMPUTE = sql`
  SELECT p.id AS patient_id,
    coalesce((SELECT sum(i.amount) FROM appointments a JOIN appointment_items i ON i.appointment_id = a.id
              WHERE a.patient_id = p.id AND a.status = 'completed'), 0) AS charged,
    coalesce((SELECT sum(amount) FROM payments WHERE patient_id = p.id), 0) AS paid
  FROM patients p`;

export async function rebuildBalances(db: Db, patientIds?: number[]): Promise<void> {
  if (patientIds) {
    if (!patientIds.length) return;
    await sql`DELETE FROM patient_balances WHERE patient_id IN (${sql.join(patientIds)})`.execute(db);
    await sql`INSERT INTO patient_balances (patient_id, charged, paid)
      SELECT * FROM (${RECOMPUTE}) WHERE patient_id IN (${sql.join(patientIds)})`.execute(db);
    return;
  }
  await sql`DELETE FROM patient_balances`.execute(db);
  await sql`INSERT INTO patient_balances (patient_id, charged, paid) ${RECOMPUTE}`.execute(db);
}
