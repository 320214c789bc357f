// Front-desk figures on the large clinic: the day and week views, each write
// of a visit's life (booking, arrival, completion with 3 services, payment),
// and how fast a queue change reaches another workstation.
import WebSocket from 'ws';
import { addDays, format } from 'date-fns';
import type { Doctor } from '../../shared/api/schedules';
import type { Service } from '../../shared/api/services';
import type { Appointment } from '../../shared/api/appointments';
import { BenchClient } from './client';
import { stats, type Figure } from './figures';

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** Free future slots inside doctors' hours: days 40+ ahead have no bookings yet. */
export function* freeSlots(doctors: Doctor[]): Generator<{ doctorId: number; startAt: string }> {
  for (let offset = 40; offset < 400; offset++) {
    const date = addDays(new Date(), offset);
    const weekday = date.getDay() === 0 ? 7 : date.getDay();
    for (const d of doctors) {
      for (const s of d.shifts.filter((x) => x.weekday === weekday)) {
        const [h, m] = s.start.split(':').map(Number);
        const [eh, em] = s.end.split(':').map(Number);
        for (let t = h * 60 + m; t + 30 <= eh * 60 + em; t += 30) {
          yield { doctorId: d.id, startAt: `${day(date)}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}` };
        }
      }
    }
  }
}

export async function benchFrontDesk(base: string, patientIds: number[], figures: Figure[]): Promise<void> {
  const reception = await new BenchClient(base).login('reception');
  const director = await new BenchClient(base).login('director');
  const doctors = (await reception.call<Doctor[]>('doctors.list', {})).body;
  const services = (await reception.call<Service[]>('services.list', {})).body;
  const threeServices = services.slice(0, 3).map((s) => s.id);

  const dayView: number[] = [];
  for (let i = 0; i < 40; i++) dayView.push((await reception.call('appointments.day', { date: day(addDays(new Date(), -i * 17)) })).serverMs);
  figures.push({ name: `day view of all ${doctors.length} doctors`, unit: 'ms', ...stats(dayView), target: 50 });

  const weekView: number[] = [];
  for (let i = 0; i < 40; i++) {
    const monday = addDays(new Date(), -i * 7 - ((new Date().getDay() + 6) % 7));
    weekView.push((await reception.call('appointments.week', { doctorId: doctors[i % doctors.length].id, weekStart: day(monday) })).serverMs);
  }
  figures.push({ name: 'week view of one doctor', unit: 'ms', ...stats(weekView), target: 30 });

  const booking: number[] = [];
  const slots = freeSlots(doctors);
  for (let i = 0; i < 60; i++) {
    const slot = slots.next().value!;
    booking.push((await reception.call('appointments.book', { patientId: patientIds[i], ...slot, serviceIds: [threeServices[0]] })).serverMs);
  }
  figures.push({ name: 'booking', unit: 'ms', ...stats(booking), target: 15 });

  // Arrival → completion with 3 services → payment, on walk-ins (they arrive now).
  const arrival: number[] = [];
  const completion: number[] = [];
  const payment: number[] = [];
  for (let i = 0; i < 60; i++) {
    const doctor = doctors[i % doctors.length];
    const walkIn = await reception.call<Appointment>('queue.walkIn', { patientId: patientIds[100 + i], doctorId: doctor.id, serviceIds: threeServices });
    arrival.push(walkIn.serverMs);
    const done = await director.call<Appointment>('appointments.complete', { id: walkIn.body.id, items: threeServices.map((serviceId) => ({ serviceId, qty: 1, discount: 0 })) });
    completion.push(done.serverMs);
    payment.push((await reception.call('payments.create', { patientId: patientIds[100 + i], appointmentId: walkIn.body.id, amount: done.body.total, method: 'card' })).serverMs);
  }
  figures.push({ name: 'arrival (walk-in registered as arrived)', unit: 'ms', ...stats(arrival), target: 15 });
  figures.push({ name: 'completion with 3 services', unit: 'ms', ...stats(completion), target: 15 });
  figures.push({ name: 'payment', unit: 'ms', ...stats(payment), target: 15 });

  figures.push({ name: 'queue event reaches another workstation', unit: 'ms', ...stats(await eventLatency(base, reception, patientIds.slice(300, 340), doctors)), target: 200 });
}

/** From the request that changes a queue to the event arriving at another workstation's socket. */
async function eventLatency(base: string, reception: BenchClient, patients: number[], doctors: Doctor[]): Promise<number[]> {
  const watcher = await new BenchClient(base).login('doctor');
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/events?token=${watcher.bearer}`);
  await new Promise((r) => ws.once('message', r));
  const samples: number[] = [];
  for (const [i, patientId] of patients.entries()) {
    const seen = new Promise<number>((resolve) => {
      const on = (data: WebSocket.RawData) => {
        const e = JSON.parse(String(data)) as { entity?: string };
        if (e.entity === 'appointments') {
          ws.off('message', on);
          resolve(performance.now());
        }
      };
      ws.on('message', on);
    });
    const started = performance.now();
    await reception.call('queue.walkIn', { patientId, doctorId: doctors[i % doctors.length].id, serviceIds: [] });
    samples.push((await seen) - started);
  }
  ws.close();
  return samples;
}
