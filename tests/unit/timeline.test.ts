import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from './harness';
import { makeFrontDesk, type FrontDesk } from './front-desk';

let fd: FrontDesk;
beforeEach(async () => {
  fd = await makeFrontDesk();
});
afterEach(async () => fd.close());

describe('patients.timeline', () => {
  it('merges visits, payments and contacts newest first, a page at a time', async () => {
    const sqlite = fd.database.sqlite;
    const visit = sqlite.prepare("INSERT INTO appointments (patient_id, doctor_id, branch_id, start_at, end_at, status, charged) VALUES (?, ?, ?, ?, ?, 'completed', ?)");
    const v1 = Number(visit.run(fd.patientId, fd.doctorA, fd.branchId, '2026-11-02T10:00', '2026-11-02T10:30', 150000).lastInsertRowid);
    const v2 = Number(visit.run(fd.patientId, fd.doctorA, fd.branchId, '2026-11-20T10:00', '2026-11-20T10:30', 50000).lastInsertRowid);
    visit.run(fd.otherPatientId, fd.doctorA, fd.branchId, '2026-11-21T10:00', '2026-11-21T10:30', 1);
    const pay = Number(sqlite.prepare("INSERT INTO payments (patient_id, appointment_id, paid_at, amount, method) VALUES (?, ?, '2026-11-02T10:40', 150000, 'card')").run(fd.patientId, v1).lastInsertRowid);
    const c1 = await fd.call('reception', 'contacts.create', { patientId: fd.patientId, outcome: 'reached', at: '2026-11-10T12:00' });
    const c2 = await fd.call('callcenter', 'contacts.create', { patientId: fd.patientId, outcome: 'call_back', at: '2026-11-24T16:00', note: 'после 18' });

    const all = await fd.call('doctor', 'patients.timeline', { patientId: fd.patientId });
    expect(all.hasMore).toBe(false);
    expect(all.items.map((i) => [i.kind, i.id, i.at])).toEqual([
      ['contact', c2.id, '2026-11-24T16:00'],
      ['visit', v2, '2026-11-20T10:00'],
      ['contact', c1.id, '2026-11-10T12:00'],
      ['payment', pay, '2026-11-02T10:40'],
      ['visit', v1, '2026-11-02T10:00'],
    ]);
    expect(all.items[0]).toMatchObject({ userName: 'User callcenter', outcome: 'call_back', note: 'после 18' });
    expect(all.items[1]).toMatchObject({ doctor: 'Орлов Иван', branch: 'Центр', amount: 50000, status: 'completed' });

    const page = await fd.call('doctor', 'patients.timeline', { patientId: fd.patientId, limit: 2, offset: 2 });
    expect(page.items.map((i) => i.kind)).toEqual(['contact', 'payment']);
    expect(page.hasMore).toBe(true);
  });

  it('answers 404 for an unknown patient and 400 naming a bad limit', async () => {
    expect((await rejection(fd.call('doctor', 'patients.timeline', { patientId: 999 }))).code).toBe('not_found');
    const err = await rejection(fd.call('doctor', 'patients.timeline', { patientId: fd.patientId, limit: 0 }));
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['limit']);
  });
});
