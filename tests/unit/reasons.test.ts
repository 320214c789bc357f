import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeClinic, rejection, type Clinic } from './harness';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
});
afterEach(async () => clinic.close());

describe('reasons', () => {
  it('saves and lists the catalog by kind, active reasons first', async () => {
    await clinic.call('director', 'reasons.save', { kind: 'cancel', code: 'ill', name: 'Заболел' });
    const parking = await clinic.call('director', 'reasons.save', { kind: 'churn', code: 'parking', name: 'Негде парковаться' });
    const old = await clinic.call('admin', 'reasons.save', { kind: 'cancel', code: 'aaa_old', name: 'Старая' });
    const retired = await clinic.call('director', 'reasons.save', { id: old.id, kind: 'cancel', code: 'aaa_old', name: 'Старая', active: false });
    expect(retired).toEqual({ id: old.id, kind: 'cancel', code: 'aaa_old', name: 'Старая', active: false });
    expect((await clinic.call('reception', 'reasons.list', { kind: 'cancel' })).map((r) => r.code)).toEqual(['ill', 'aaa_old']);
    // The churn reasons of migration 0006 are there from the start.
    expect((await clinic.call('doctor', 'reasons.list', {})).map((r) => r.code)).toEqual([
      'ill', 'competitor', 'doctor_left', 'moved', 'other', 'parking', 'price', 'quality', 'treatment_finished', 'aaa_old',
    ]);
    expect((await clinic.call('doctor', 'reasons.list', { kind: 'churn' })).find((r) => r.code === 'parking')!.id).toBe(parking.id);
    // The same code under another kind is another reason.
    await clinic.call('director', 'reasons.save', { kind: 'no_show', code: 'ill' });
    const audit = await clinic.database.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'reasons').where('entity_id', '=', old.id).orderBy('id').execute();
    expect(JSON.parse(audit[1].after!)).toEqual({ active: false });
  });

  it('refuses a duplicate code of the same kind with 409 naming code, and an unknown id with 404', async () => {
    const ill = await clinic.call('director', 'reasons.save', { kind: 'cancel', code: 'ill' });
    const other = await clinic.call('director', 'reasons.save', { kind: 'cancel', code: 'moved' });
    for (const input of [{ kind: 'cancel' as const, code: 'ill' }, { id: other.id, kind: 'cancel' as const, code: 'ill' }]) {
      const err = await rejection(clinic.call('director', 'reasons.save', input));
      expect(err.code).toBe('conflict');
      expect(err.extra.issues!.map((i) => i.path)).toEqual(['code']);
    }
    expect((await clinic.call('director', 'reasons.list', { kind: 'cancel' })).map((r) => r.code)).toEqual(['ill', 'moved']);
    expect((await clinic.call('director', 'reasons.save', { id: ill.id, kind: 'cancel', code: 'ill', name: 'Болезнь' })).name).toBe('Болезнь');
    expect((await rejection(clinic.call('director', 'reasons.save', { id: 999, kind: 'cancel', code: 'x' }))).code).toBe('not_found');
    expect((await rejection(clinic.call('reception', 'reasons.save', { kind: 'cancel', code: 'y' }))).code).toBe('forbidden');
    const bad = await rejection(clinic.call('director', 'reasons.save', { kind: 'cancel', code: 'Has Space' }));
    expect(bad.extra.issues!.map((i) => i.path)).toEqual(['code']);
  });
});
