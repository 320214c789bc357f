import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propose } from '../../main/api/triage';
import { lineAmount, totalOf } from '../../shared/domain/money-lines';
import { rejection } from './harness';
import { makeFrontDesk, TODAY, type FrontDesk } from './front-desk';

const c = (doctorId: number, patientsToday: number, lastFinishedAt: string | null) => ({ doctorId, doctorName: `D${doctorId}`, patientsToday, lastFinishedAt });

describe('the fairness rule', () => {
  it('picks the doctor with the fewest patients today', () => {
    const p = propose([c(1, 3, '2026-11-25T10:00'), c(2, 1, '2026-11-25T11:50'), c(3, 2, null)]);
    expect(p.doctorId).toBe(2);
    expect(p.reason).toEqual({ rule: 'fewest_patients', patientsToday: 1 });
    expect(p.candidates.map((x) => x.doctorId)).toEqual([2, 3, 1]);
  });

  it('breaks a tie by who has waited longest since their last patient', () => {
    expect(propose([c(1, 2, '2026-11-25T11:00'), c(2, 2, '2026-11-25T10:30')]).doctorId).toBe(2);
    const p = propose([c(1, 2, '2026-11-25T11:00'), c(2, 2, null)]);
    expect(p.doctorId).toBe(2);
    expect(p.reason.rule).toBe('longest_idle');
  });

  it('is stable on a full tie, and says when there is one doctor or none', () => {
    expect(propose([c(5, 0, null), c(4, 0, null)]).doctorId).toBe(4);
    expect(propose([c(7, 9, null)]).reason.rule).toBe('only_one');
    expect(propose([])).toMatchObject({ doctorId: null, reason: { rule: 'none_on_shift' } });
  });

  it('never proposes a doctor with more patients than another candidate (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ n: fc.nat(20), idle: fc.option(fc.integer({ min: 0, max: 600 })) }), { minLength: 1, maxLength: 12 }), (xs) => {
        const candidates = xs.map((x, i) => c(i + 1, x.n, x.idle === null ? null : `2026-11-25T${String(8 + Math.floor(x.idle / 60)).padStart(2, '0')}:${String(x.idle % 60).padStart(2, '0')}`));
        const chosen = candidates.find((x) => x.doctorId === propose(candidates).doctorId)!;
        return candidates.every((x) => x.patientsToday >= chosen.patientsToday);
      }),
    );
  });
});

describe('money arithmetic', () => {
  it('a total is always the sum of qty × price − discount over its lines, in integers', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ qty: fc.integer({ min: 1, max: 50 }), price: fc.integer({ min: 0, max: 10_000_000 }), discount: fc.nat(1_000_000) })), (lines) => {
        const total = totalOf(lines);
        return Number.isInteger(total) && total === lines.map(lineAmount).reduce((a, b) => a + b, 0);
      }),
    );
  });
});

describe('queue and walk-ins', () => {
  let fd: FrontDesk;
  beforeEach(async () => {
    fd = await makeFrontDesk();
  });
  afterEach(async () => fd.close());

  it('proposes the least-loaded therapist on shift now and registers the walk-in into their queue', async () => {
    // Doctor A has seen one patient today; doctor B nobody.
    const a = await fd.call('reception', 'appointments.book', { patientId: fd.otherPatientId, doctorId: fd.doctorA, startAt: `${TODAY}T09:00` });
    await fd.call('reception', 'appointments.setStatus', { id: a.id, status: 'arrived' });
    const proposal = await fd.call('reception', 'queue.propose', { specialty: 'therapist' });
    expect(proposal.doctorId).toBe(fd.doctorB);
    expect(proposal.reason).toEqual({ rule: 'fewest_patients', patientsToday: 0 });
    expect(proposal.candidates.map((x) => [x.doctorId, x.patientsToday])).toEqual([[fd.doctorB, 0], [fd.doctorA, 1]]);

    fd.setNow(`${TODAY}T09:20`);
    const walkIn = await fd.call('reception', 'queue.walkIn', { patientId: fd.patientId, doctorId: proposal.doctorId!, serviceIds: [fd.services.consult] });
    expect(walkIn).toMatchObject({ status: 'arrived', channel: 'walk_in', startAt: `${TODAY}T09:20`, endAt: `${TODAY}T09:50` });

    fd.setNow(`${TODAY}T09:35`);
    const queues = await fd.call('doctor', 'queue.list', {});
    const b = queues.find((q) => q.doctorId === fd.doctorB)!;
    expect(b.waiting.map((w) => [w.appointment.patientName, w.minutes])).toEqual([['Иванов Пётр', 15]]);
    await fd.call('doctor', 'appointments.setStatus', { id: walkIn.id, status: 'in_service' });
    const after = (await fd.call('doctor', 'queue.list', { doctorId: fd.doctorB }))[0];
    expect(after.waiting).toEqual([]);
    expect(after.inService).toHaveLength(1);
  });

  it('proposes nobody outside working hours, and asks for a specialty or a service', async () => {
    fd.setNow(`${TODAY}T19:00`);
    expect((await fd.call('reception', 'queue.propose', { specialty: 'therapist' })).reason.rule).toBe('none_on_shift');
    const err = await rejection(fd.call('reception', 'queue.propose', {}));
    expect(err.extra.issues![0].path).toBe('specialty');
  });
});
