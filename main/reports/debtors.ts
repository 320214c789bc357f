// Debtors: patients whose lifetime revenue − paid > 0 as of `to`; the debt is
// aged by the oldest visit not fully covered when payments are applied oldest-first.
// The report is "as of to": `from` is accepted (every report takes a period)
// but not used. Buckets count days from that visit's date to `to`: 0-30,
// 31-60, 61-90, 90+. With branch/doctor filters only the visits at that
// branch / with that doctor count, and only the payments for those visits'
// appointments (a payment without an appointment then counts for no one).
import { defineReport, filters, type Row } from './definition';
import { reportParams } from './params';
import { dayAfter, daysBetween } from './period';
import { livePatient, patientName } from './patient-sql';

type Bucket = '0-30' | '31-60' | '61-90' | '90+';

function bucketOf(days: number): Bucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

interface Debtor {
  patientId: number;
  patient: string;
  phone: string | null;
  charged: number;
  paid: number;
}

export const debtors = defineReport({
  id: 'debtors',
  group: 'money',
  params: reportParams({}),
  run(db, p) {
    const f = filters(p);
    const end = dayAfter(p.to);
    // Candidates in SQL: charged per patient (covering index visits_by_patient)
    // and paid per patient, both up to `to`.
    const paidSql = f.sql
      ? `SELECT pm.patient_id, sum(pm.amount) AS paid FROM payments pm JOIN appointments a ON a.id = pm.appointment_id
         WHERE pm.paid_at < ?${f.sql} GROUP BY pm.patient_id`
      : `SELECT pm.patient_id, sum(pm.amount) AS paid FROM payments pm WHERE pm.paid_at < ? GROUP BY pm.patient_id`;
    const list = db
      .prepare(
        `WITH c AS (
           SELECT a.patient_id, sum(a.charged) AS charged FROM appointments a
           WHERE a.status = 'completed' AND a.start_at < ?${f.sql} GROUP BY a.patient_id),
         pd AS (${paidSql})
         SELECT c.patient_id AS patientId, ${patientName('pt')} AS patient, pt.phone, c.charged, coalesce(pd.paid, 0) AS paid
         FROM c LEFT JOIN pd ON pd.patient_id = c.patient_id JOIN patients pt ON pt.id = c.patient_id
         WHERE c.charged - coalesce(pd.paid, 0) > 0 AND ${livePatient('pt')}`,
      )
      .all(end, ...f.args, end, ...f.args) as Debtor[];

    // FIFO in JS over the debtors' visits only: payments cover visits oldest
    // first; the first visit they do not fully cover dates the debt.
    const visitsOf = db.prepare(
      `SELECT substr(a.start_at, 1, 10) AS day, a.charged FROM appointments a
       WHERE a.status = 'completed' AND a.patient_id = ? AND a.start_at < ?${f.sql} ORDER BY a.start_at, a.id`,
    );
    const rows: Row[] = list.map((d) => {
      let left = d.paid;
      let oldest = '';
      for (const v of visitsOf.all(d.patientId, end, ...f.args) as Array<{ day: string; charged: number }>) {
        if (left >= v.charged) {
          left -= v.charged;
          continue;
        }
        oldest = v.day;
        break;
      }
      return { patientId: d.patientId, patient: d.patient, phone: d.phone, debt: d.charged - d.paid, oldestUnpaid: oldest, bucket: bucketOf(daysBetween(oldest, p.to)) };
    });
    rows.sort(
      (a, b) =>
        (b.debt as number) - (a.debt as number) ||
        (a.oldestUnpaid as string).localeCompare(b.oldestUnpaid as string) ||
        (a.patient as string).localeCompare(b.patient as string) ||
        (a.patientId as number) - (b.patientId as number),
    );
    return {
      columns: [
        { key: 'patientId', type: 'int' },
        { key: 'patient', type: 'text' },
        { key: 'phone', type: 'text' },
        { key: 'debt', type: 'money' },
        { key: 'oldestUnpaid', type: 'date' },
        { key: 'bucket', type: 'text' },
      ],
      rows,
      totals: { debt: rows.reduce((s, r) => s + (r.debt as number), 0) },
    };
  },
});
