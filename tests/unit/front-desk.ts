// A clinic set up for front-desk tests: two therapists working Mon–Fri
// 09:00–18:00, a patient, three services, the cancel/no-show reasons, and
// the clock standing on Wednesday 2026-11-25 09:00.
import { makeClinic, type Clinic } from './harness';
import { createUser } from '../../main/api/auth';

export const TODAY = '2026-11-25';

export interface FrontDesk extends Clinic {
  patientId: number;
  otherPatientId: number;
  doctorA: number;
  doctorB: number;
  services: { consult: number; cleaning: number; xray: number };
}

export async function makeFrontDesk(): Promise<FrontDesk> {
  const clinic = await makeClinic();
  clinic.setNow(`${TODAY}T09:00`);
  const { db } = clinic.database;
  const doctorA = clinic.users.doctor.id;
  await db.updateTable('users').set({ specialty: 'therapist', full_name: 'Орлов Иван' }).where('id', '=', doctorA).execute();
  const doctorB = (await createUser(db, { login: 'doctor2', password: 'secret', fullName: 'Павлова Нина', role: 'doctor', specialty: 'therapist', branchId: clinic.branchId }, null)).id;
  const shifts = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00', branchId: clinic.branchId }));
  for (const doctorId of [doctorA, doctorB]) await clinic.call('director', 'schedules.set', { doctorId, shifts, daysOff: ['2026-12-31'] });

  const service = async (code: string, name: string, duration: number, price: number) =>
    (
      await db
        .insertInto('services')
        .values({ code, name, category: 'therapy', specialty: 'therapist', duration_min: duration, price })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const services = {
    consult: await service('C1', 'Консультация', 30, 150000),
    cleaning: await service('H1', 'Гигиена', 60, 400000),
    xray: await service('X1', 'Снимок', 15, 50000),
  };
  for (const [kind, code] of [['cancel', 'changed_mind'], ['cancel', 'ill'], ['no_show', 'forgot']]) {
    await db.insertInto('reasons').values({ kind, code }).execute();
  }
  const patientId = (await clinic.call('reception', 'patients.create', { lastName: 'Иванов', firstName: 'Пётр', phone: '+79123456789', sourceId: clinic.sourceId })).id;
  const otherPatientId = (await clinic.call('reception', 'patients.create', { lastName: 'Смирнова', firstName: 'Анна', phone: '+79031112233', sourceId: clinic.sourceId })).id;
  return { ...clinic, patientId, otherPatientId, doctorA, doctorB, services };
}
