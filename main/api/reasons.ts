// Editable catalogs of reasons: why a booking was cancelled, why a patient
// did not come, why a patient left. A reason in use is retired (inactive),
// never deleted, so old records keep their meaning.
import type { Reason } from '../../shared/api/payments';
import type { ReasonsTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { changedFields } from './audit';
import { ApiError, notFound } from './errors';
import type { Handlers } from './router';

function toReason(r: Selectable<ReasonsTable>): Reason {
  return { id: r.id, kind: r.kind as Reason['kind'], code: r.code, name: r.name, active: r.active === 1 };
}

export const reasonsHandlers: Handlers = {
  'reasons.list': async (ctx, { kind }) => {
    const rows = await ctx.db
      .selectFrom('reasons')
      .selectAll()
      .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
      .orderBy('active', 'desc')
      .orderBy('kind')
      .orderBy('code')
      .execute();
    return rows.map(toReason);
  },

  'reasons.save': async (ctx, input) => {
    const before = input.id ? await ctx.db.selectFrom('reasons').selectAll().where('id', '=', input.id).executeTakeFirst() : undefined;
    if (input.id && !before) throw notFound('Reason', input.id);
    const taken = await ctx.db
      .selectFrom('reasons')
      .select('id')
      .where('kind', '=', input.kind)
      .where('code', '=', input.code)
      .$if(!!input.id, (q) => q.where('id', '!=', input.id!))
      .executeTakeFirst();
    if (taken) {
      throw new ApiError('conflict', `code: a ${input.kind} reason with the code ${input.code} already exists`, {
        issues: [{ path: 'code', message: `already used by reason ${taken.id}` }],
      });
    }
    const cols = { kind: input.kind, code: input.code, name: input.name, active: input.active ? 1 : 0 };
    const row = before
      ? await ctx.db.updateTable('reasons').set({ ...cols, updated_at: new Date().toISOString() }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
      : await ctx.db.insertInto('reasons').values({ ...cols, created_by: ctx.user?.id ?? null }).returningAll().executeTakeFirstOrThrow();
    const reason = toReason(row);
    ctx.audit({ entity: 'reasons', entityId: row.id, ...(before ? changedFields({ ...toReason(before) }, { ...reason }) : { after: { ...reason } }) });
    ctx.emit('reasons', row.id, before ? 'update' : 'create');
    return reason;
  },
};
