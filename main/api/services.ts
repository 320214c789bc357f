// The price list: services with their current price and the history of price
// changes. A price applies from its valid_from day until the next change, so
// a visit is charged the price of its own date (`priceOn`), and a rise
// planned for next month does not touch today's visits.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { PriceChange, Service, ServiceFields } from '../../shared/api/services';
import type { Db } from '../db/connection';
import { changedFields } from './audit';
import { localDate, nowOf } from './clock';
import { ApiError, invalid, notFound } from './errors';
import type { Handlers } from './router';
import { rebuildRecallVisits } from './report-summaries';

/** The price of the latest change on or before `localDay` (YYYY-MM-DD), else the service's own price. */
export async function priceOn(db: Db, serviceId: number, localDay: string): Promise<number> {
  const change = await db
    .selectFrom('service_prices')
    .select('price')
    .where('service_id', '=', serviceId)
    .where('valid_from', '<=', localDay.slice(0, 10))
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (change) return change.price;
  const service = await db.selectFrom('services').select('price').where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw notFound('Service', serviceId);
  return service.price;
}

/** Services with the price in force on `day` computed in SQL, so a future change shows only from its day. */
function servicesOn(db: Db, day: string) {
  return db.selectFrom('services as s').select([
    's.id',
    's.code',
    's.name',
    's.category',
    's.specialty',
    's.duration_min',
    's.recall_days',
    's.active',
    sql<number>`coalesce((SELECT sp.price FROM service_prices sp WHERE sp.service_id = s.id AND sp.valid_from <= ${day}
      ORDER BY sp.valid_from DESC, sp.id DESC LIMIT 1), s.price)`.as('price'),
  ]);
}

type ServiceView = Awaited<ReturnType<ReturnType<typeof servicesOn>['executeTakeFirstOrThrow']>>;

function toService(r: ServiceView): Service {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    category: r.category,
    specialty: r.specialty,
    durationMin: r.duration_min,
    price: r.price,
    recallDays: r.recall_days,
    active: r.active === 1,
  };
}

async function serviceOrFail(db: Db, id: number, day: string): Promise<Service> {
  const row = await servicesOn(db, day).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Service', id);
  return toService(row);
}

async function checkCodeFree(db: Db, code: string, exceptId?: number): Promise<void> {
  const taken = await db
    .selectFrom('services')
    .select(['id', 'name'])
    .where('code', '=', code)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (taken) {
    throw new ApiError('conflict', `code: the code ${code} is already used by the service "${taken.name}"`, {
      issues: [{ path: 'code', message: `already used by service ${taken.id}` }],
    });
  }
}

type Fields = Partial<z.output<typeof ServiceFields>>;

/** Maps API fields onto columns, except the price: that goes through the price history. */
function toColumns(f: Fields) {
  const c: { code?: string; name?: string; category?: string; specialty?: string | null; duration_min?: number; recall_days?: number | null; active?: number } = {};
  if (f.code !== undefined) c.code = f.code;
  if (f.name !== undefined) c.name = f.name;
  if (f.category !== undefined) c.category = f.category;
  if (f.specialty !== undefined) c.specialty = f.specialty;
  if (f.durationMin !== undefined) c.duration_min = f.durationMin;
  if (f.recallDays !== undefined) c.recall_days = f.recallDays;
  if (f.active !== undefined) c.active = f.active ? 1 : 0;
  return c;
}

export const servicesHandlers: Handlers = {
  'services.list': async (ctx, { includeInactive }) => {
    const rows = await servicesOn(ctx.db, localDate(nowOf(ctx)))
      .$if(!includeInactive, (q) => q.where('s.active', '=', 1))
      .orderBy('s.category')
      .orderBy('s.name')
      .execute();
    return rows.map(toService);
  },

  'services.create': async (ctx, input) => {
    await checkCodeFree(ctx.db, input.code);
    const today = localDate(nowOf(ctx));
    const by = ctx.user?.id ?? null;
    const cols = toColumns(input);
    const { id } = await ctx.db
      .insertInto('services')
      .values({ ...(cols as Required<typeof cols>), price: input.price, created_by: by })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db.insertInto('service_prices').values({ service_id: id, price: input.price, valid_from: today, created_by: by }).execute();
    const service = await serviceOrFail(ctx.db, id, today);
    ctx.audit({ entity: 'services', entityId: id, after: { ...service } });
    ctx.emit('services', id, 'create');
    return service;
  },

  'services.update': async (ctx, input) => {
    const { id, priceFrom, price, ...fields } = input;
    const today = localDate(nowOf(ctx));
    const before = await serviceOrFail(ctx.db, id, today);
    if (priceFrom !== undefined && price === undefined) throw invalid('priceFrom', 'give the new price that applies from this day');
    if (fields.code !== undefined && fields.code !== before.code) await checkCodeFree(ctx.db, fields.code, id);
    const cols = toColumns(fields);
    const validFrom = priceFrom ?? today;
    const newPrice = price !== undefined && (price !== before.price || priceFrom !== undefined);
    if (newPrice) {
      await ctx.db.insertInto('service_prices').values({ service_id: id, price, valid_from: validFrom, created_by: ctx.user?.id ?? null }).execute();
    }
    // services.price mirrors the price in force today: a change dated in the
    // future (or back-dated behind a later change) leaves it as it is.
    const current = newPrice ? await priceOn(ctx.db, id, today) : before.price;
    await ctx.db
      .updateTable('services')
      .set({ ...cols, price: current, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const after = await serviceOrFail(ctx.db, id, today);
    // A service that becomes (or stops being) a recall service changes which visits recalls-due reads.
    if ((before.recallDays === null) !== (after.recallDays === null)) await rebuildRecallVisits(ctx.db);
    const diff = changedFields({ ...before }, { ...after });
    if (newPrice) {
      diff.after.priceChange = { price, validFrom };
    }
    ctx.audit({ entity: 'services', entityId: id, ...diff });
    ctx.emit('services', id, 'update');
    return after;
  },

  'services.prices': async (ctx, { id }) => {
    const service = await ctx.db.selectFrom('services').select('id').where('id', '=', id).executeTakeFirst();
    if (!service) throw notFound('Service', id);
    return ctx.db
      .selectFrom('service_prices')
      .select(['price', 'valid_from as validFrom'])
      .where('service_id', '=', id)
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .execute() as Promise<PriceChange[]>;
  },
};
