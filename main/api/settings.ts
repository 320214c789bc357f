// Clinic-wide settings, stored as one JSON value per key with defaults here.
import type { Settings } from '../../shared/api/settings';
import { DEFAULT_TASK_RULES } from '../../shared/api/tasks';
import type { Db } from '../db/connection';
import type { Handlers } from './router';
import { changedFields } from './audit';

export const DEFAULT_SETTINGS: Settings = {
  clinicName: 'Clinic',
  currency: 'RUB',
  country: 'RU',
  defaultLocale: 'ru',
  sessionIdleMinutes: 30,
  slotMinutes: 15,
  discountLimitPct: { reception: 10, doctor: 10, callcenter: 5, director: 100, admin: 100 },
  taskRules: DEFAULT_TASK_RULES,
};

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) out[r.key] = JSON.parse(r.value);
  // A rule added after the clinic saved its rules starts with its default.
  out.taskRules = { ...DEFAULT_TASK_RULES, ...(out.taskRules as Settings['taskRules']) };
  return out as unknown as Settings;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date().toISOString() }))
    .execute();
}

export async function readFlag(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) === true : false;
}

export const settingsHandlers: Handlers = {
  'settings.get': async (ctx) => readSettings(ctx.db),
  'settings.update': async (ctx, input) => {
    const before = await readSettings(ctx.db);
    for (const [key, value] of Object.entries(input)) {
      // taskRules merges: a rule left out keeps its setting.
      if (key === 'taskRules' && value) await writeSetting(ctx.db, key, { ...before.taskRules, ...(value as object) });
      else if (value !== undefined) await writeSetting(ctx.db, key, value);
    }
    const after = await readSettings(ctx.db);
    const diff = changedFields(before as never, after as never);
    ctx.audit({ entity: 'settings', entityId: null, ...diff });
    ctx.emit('settings', null, 'update');
    return after;
  },
  'branches.list': async (ctx) =>
    ctx.db.selectFrom('branches').select(['id', 'name', 'city']).where('active', '=', 1).orderBy('id').execute(),
  'sources.list': async (ctx) =>
    ctx.db.selectFrom('sources').select(['id', 'code', 'name']).where('active', '=', 1).orderBy('name').execute(),
  'sources.create': async (ctx, input) => {
    const row = await ctx.db
      .insertInto('sources')
      .values({ code: input.code, name: input.name, created_by: ctx.user?.id ?? null })
      .returning(['id', 'code', 'name'])
      .executeTakeFirstOrThrow();
    ctx.audit({ entity: 'sources', entityId: row.id, after: row });
    ctx.emit('sources', row.id, 'create');
    return row;
  },
};
