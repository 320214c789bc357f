import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/api';
import { makeClinic, rejection, type Clinic } from './harness';

let clinic: Clinic;
beforeEach(async () => {
  clinic = await makeClinic();
});
afterEach(async () => clinic.close());

describe('expenses', () => {
  const rent = { category: 'rent' as const, spentOn: '2026-03-01', amount: 5_000_000 };

  it('lists the spending of a period, both ends included, optionally of one branch', async () => {
    const other = (await clinic.database.db.insertInto('branches').values({ name: 'Север', city: 'Москва' }).returning('id').executeTakeFirstOrThrow()).id;
    const a = await clinic.call('director', 'expenses.create', { ...rent, branchId: clinic.branchId });
    const b = await clinic.call('director', 'expenses.create', { category: 'marketing', sourceId: clinic.sourceId, spentOn: '2026-03-31', amount: 250_000, note: 'Яндекс', branchId: other });
    await clinic.call('director', 'expenses.create', { ...rent, spentOn: '2026-04-01' });
    await clinic.call('director', 'expenses.create', { ...rent, spentOn: '2026-02-28' });
    expect((await clinic.call('director', 'expenses.list', { from: '2026-03-01', to: '2026-03-31' })).map((e) => e.id)).toEqual([a.id, b.id]);
    expect(await clinic.call('admin', 'expenses.list', { from: '2026-03-01', to: '2026-03-31', branchId: other })).toEqual([
      { id: b.id, branchId: other, category: 'marketing', sourceId: clinic.sourceId, spentOn: '2026-03-31', amount: 250_000, note: 'Яндекс' },
    ]);
    const err = await rejection(clinic.call('director', 'expenses.list', { from: '2026-04-01', to: '2026-03-01' }));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toEqual(['to']);
    expect((await rejection(clinic.call('reception', 'expenses.list', { from: '2026-03-01', to: '2026-03-31' }))).code).toBe('forbidden');
  });

  it.each([
    ['sourceId', { category: 'marketing', sourceId: 999 }],
    ['branchId', { branchId: 999 }],
    ['sourceId', { category: 'rent', sourceId: 1 }],
    ['amount', { amount: 10.5 }],
    ['amount', { amount: 0 }],
    ['spentOn', { spentOn: '2026-02-30' }],
    ['category', { category: 'fun' }],
  ])('rejects a bad %s with 400 naming the field and writes nothing', async (field, patch) => {
    const err = await rejection(clinic.call('director', 'expenses.create', { ...rent, ...patch } as never));
    expect(err.code).toBe('invalid_input');
    expect(err.extra.issues!.map((i) => i.path)).toContain(field);
    expect(await clinic.database.db.selectFrom('expenses').selectAll().execute()).toEqual([]);
  });

  it('deletes an expense, audited, and answers 404 for one that is gone', async () => {
    const e = await clinic.call('director', 'expenses.create', rent);
    const events: ChangeEvent[] = [];
    clinic.feed.subscribe((ev) => events.push(ev));
    expect(await clinic.call('director', 'expenses.delete', { id: e.id })).toEqual({ ok: true });
    expect(events.map((ev) => [ev.entity, ev.id, ev.op])).toEqual([['expenses', e.id, 'delete']]);
    const audit = await clinic.database.db.selectFrom('audit_log').select(['method', 'before']).where('entity', '=', 'expenses').orderBy('id').execute();
    expect(audit.map((r) => r.method)).toEqual(['expenses.create', 'expenses.delete']);
    expect(JSON.parse(audit[1].before!)).toMatchObject({ amount: 5_000_000 });
    expect((await rejection(clinic.call('director', 'expenses.delete', { id: e.id }))).code).toBe('not_found');
  });
});
