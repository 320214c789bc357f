// Reads appointments with everything a screen shows about them — patient,
// doctor, lines, paid amount, the patient's debt — in a fixed number of
// queries however many appointments there are (a day view of 30 doctors).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Appointment, AppointmentLine } from '../../shared/api/appointments';
import type { AppointmentStatus } from '../../shared/domain/appointments';
import type { Db } from '../db/connection';
import { notFound } from './errors';

export async function loadAppointments(db: Db, where: Expression<SqlBool>): Promise<Appointment[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('users as d', 'd.id', 'a.doctor_id')
    .leftJoin('patient_balances as b', 'b.patient_id', 'a.patient_id')
    .select([
      'a.id', 'a.patient_id', 'a.doctor_id', 'a.branch_id', 'a.start_at', 'a.end_at', 'a.status', 'a.reason_code', 'a.channel', 'a.comment',
      'a.override', 'a.arrived_at', 'a.started_at', 'a.completed_at', 'a.updated_at',
      'p.last_name', 'p.first_name', 'p.middle_name', 'p.phone', 'd.full_name as doctor_name',
      sql<number>`coalesce(b.charged - b.paid, 0)`.as('debt'),
    ])
    .where(where)
    .orderBy('a.start_at')
    .orderBy('a.id')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const lines = await db
    .selectFrom('appointment_items as i')
    .innerJoin('services as s', 's.id', 'i.service_id')
    .select(['i.id', 'i.appointment_id', 'i.service_id', 's.name', 'i.qty', 'i.price', 'i.discount', 'i.amount'])
    .where('i.appointment_id', 'in', ids)
    .orderBy('i.id')
    .execute();
  const paid = await db
    .selectFrom('payments')
    .select(['appointment_id', sql<number>`sum(amount)`.as('paid')])
    .where('appointment_id', 'in', ids)
    .groupBy('appointment_id')
    .execute();
  const linesBy = new Map<number, AppointmentLine[]>();
  for (const l of lines) {
    const list = linesBy.get(l.appointment_id) ?? [];
    list.push({ id: l.id, serviceId: l.service_id, serviceName: l.name, qty: l.qty, price: l.price, discount: l.discount, amount: l.amount });
    linesBy.set(l.appointment_id, list);
  }
  const paidBy = new Map(paid.map((p) => [p.appointment_id!, p.paid]));
  return rows.map((r) => {
    const own = linesBy.get(r.id) ?? [];
    return {
      id: r.id,
      patientId: r.patient_id,
      patientName: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '),
      patientPhone: r.phone,
      patientDebt: r.debt,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      branchId: r.branch_id,
      startAt: r.start_at,
      endAt: r.end_at,
      status: r.status as AppointmentStatus,
      reasonCode: r.reason_code,
      channel: r.channel,
      comment: r.comment,
      override: r.override === 1,
      arrivedAt: r.arrived_at,
      startedAt: r.started_at,
      completedAt: r.completed_at,
      lines: own,
      total: own.reduce((s, l) => s + l.amount, 0),
      paid: paidBy.get(r.id) ?? 0,
      updatedAt: r.updated_at,
    };
  });
}

export async function loadAppointment(db: Db, id: number): Promise<Appointment> {
  const [a] = await loadAppointments(db, sql<SqlBool>`a.id = ${id}`);
  if (!a) throw notFound('Appointment', id);
  return a;
}

/** Appointments starting on the local days [from, to). */
export function startingBetween(fromDay: string, toDayExclusive: string): Expression<SqlBool> {
  return sql<SqlBool>`a.start_at >= ${fromDay} AND a.start_at < ${toDayExclusive}`;
}
