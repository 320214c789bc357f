// Ten workstations working at once for a minute: searches, cards, the day
// view, the queue, bookings and payments in the proportions of a busy front
// desk. Reports the round-trip p99 and the number of errors.
import { addDays, format } from 'date-fns';
import type { Doctor } from '../../shared/api/schedules';
import { Random } from '../../main/demo/random';
import { BenchClient } from './client';
import { stats, type Figure } from './figures';
import { freeSlots } from './front-desk';

export async function benchLoad(base: string, patientIds: number[], fragments: string[], figures: Figure[], seconds: number): Promise<void> {
  const logins = ['reception', 'reception', 'reception', 'callcenter', 'callcenter', 'director', 'doctor', 'doctor', 'reception', 'callcenter'];
  const clients = await Promise.all(logins.map((l) => new BenchClient(base).login(l)));
  const doctors = (await clients[0].call<Doctor[]>('doctors.list', {})).body;
  // Each workstation books from its own stretch of free slots, as people choose different times.
  const slots = [...freeSlots(doctors)].slice(2000, 2000 + 5000);
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;

  await Promise.all(
    clients.map(async (c, w) => {
      const rnd = new Random(100 + w);
      let slot = w;
      while (performance.now() < until) {
        const roll = rnd.next();
        const patientId = patientIds[rnd.int(0, patientIds.length - 1)];
        try {
          let r;
          if (roll < 0.4) r = await c.call('patients.search', { query: fragments[rnd.int(0, fragments.length - 1)], limit: 25 });
          else if (roll < 0.6) r = await c.call('patients.get', { id: patientId });
          else if (roll < 0.75) r = await c.call('appointments.day', { date: format(addDays(new Date(), rnd.int(-30, 14)), 'yyyy-MM-dd') });
          else if (roll < 0.85) r = await c.call('queue.list', {});
          else if (roll < 0.95 && logins[w] !== 'doctor') {
            r = await c.call('appointments.book', { patientId, ...slots[slot % slots.length] });
            slot += clients.length;
          } else r = await c.call('payments.ledger', { patientId });
          latencies.push(r.clientMs);
        } catch {
          errors++;
        }
        await new Promise((res) => setTimeout(res, rnd.int(20, 200)));
      }
    }),
  );
  const s = stats(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
  figures.push({ name: `10 workstations for ${seconds} s: ${latencies.length} requests, p99 round trip`, unit: 'ms', median: s.median, p95: p99, target: 100 });
  figures.push({ name: '10 workstations: errors', unit: 'ms', median: errors, target: 0 });
}
