// Follow-up figures on the large clinic: running every automatic-task rule
// over a day of data, and "My day" for a receptionist holding the week's
// rule tasks plus a call list of 100 patients.
import { addDays, format } from 'date-fns';
import { BenchClient } from './client';
import { stats, type Figure } from './figures';

export async function benchFollowUp(base: string, patientIds: number[], figures: Figure[]): Promise<void> {
  const director = await new BenchClient(base).login('director');
  const reception = await new BenchClient(base).login('reception');
  const me = (await reception.call<{ id: number }>('auth.me', {})).body;

  // A day of causes. The first run creates that day's tasks (with a cold
  // cache after the host's start); the later ones find the same causes and
  // skip them, so each run reads the same data.
  const first = await director.call<{ created: Record<string, number> }>('tasks.runRules', { lookbackDays: 1 });
  const made = Object.values(first.body.created).reduce((a, b) => a + b, 0);
  figures.push({ name: `automatic-task rules over a day, first run (creates ${made} tasks)`, unit: 'ms', median: first.serverMs, target: 1000 });
  const rules: number[] = [];
  for (let i = 0; i < 10; i++) rules.push((await director.call('tasks.runRules', { lookbackDays: 1 })).serverMs);
  figures.push({ name: 'automatic-task rules over a day, again', unit: 'ms', ...stats(rules), target: 1000 });

  // The week's rule tasks and a call list, then My day.
  const week = await director.call<{ created: Record<string, number> }>('tasks.runRules', { lookbackDays: 7 });
  const due = `${format(addDays(new Date(), -1), 'yyyy-MM-dd')}T10:00`;
  await director.call('tasks.createMany', { patientIds: patientIds.slice(1000, 1100), assigneeId: me.id, dueAt: due, comment: 'bench' });
  const myDay: number[] = [];
  let size = 0;
  for (let i = 0; i < 50; i++) {
    const r = await reception.call<{ total: number }>('tasks.myDay', {});
    myDay.push(r.serverMs);
    size = r.body.total;
  }
  const created = Object.values(week.body.created).reduce((a, b) => a + b, 0);
  figures.push({ name: `My day, first page of 100 (${size} due: ${created} from a week of rules + 100 calls)`, unit: 'ms', ...stats(myDay), target: 30 });
}
