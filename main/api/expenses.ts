// The clinic's spending (rent, salaries, materials, marketing per source…),
// entered by the director; reports set it against revenue and new patients.
import type { Expense } from '../../shared/api/payments';
import type { Db } from '../db/connection';
import type { ExpensesTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { invalid, notFound } from './errors';
import type { Handlers } from './router';

function toExpense(r: Selectable<ExpensesTable>): Expense {
  return { id: r.id, branchId: r.branch_id, category: r.category, sourceId: r.source_id, spentOn: r.spent_on, amount: r.amount, note: r.note };
}

async function checkReferences(db: Db, branchId: number | null, sourceId: number | null): Promise<void> {
  if (branchId !== null && !(await db.selectFrom('branches').select('id').where('id', '=', branchId).executeTakeFirst())) {
    throw invalid('branchId', `there is no branch ${branchId}`);
  }
  if (sourceId !== null && !(await db.selectFrom('sources').select('id').where('id', '=', sourceId).executeTakeFirst())) {
    throw invalid('sourceId', `there is no marketing source ${sourceId}`);
  }
}

export const expensesHandlers: Handlers = {
  'expenses.list': async (ctx, { from, to, branchId }) => {
    if (from > to) throw invalid('to', `the period ends (${to}) before it starts (${from})`);
    const rows = await ctx.db
      .selectFrom('expenses')
      .selectAll()
      .where('spent_on', '>=', from)
      .where('spent_on', '<=', to)
      .$if(branchId !== undefined, (q) => q.where('branch_id', '=', branchId!))
      .orderBy('spent_on')
      .orderBy('id')
      .execute();
    return rows.map(toExpense);
  },

  'expenses.create': async (ctx, input) => {
    await checkReferences(ctx.db, input.branchId, input.sourceId);
    const row = await ctx.db
      .insertInto('expenses')
      .values({
        branch_id: input.branchId,
        category: input.category,
        source_id: input.sourceId,
        spent_on: input.spentOn,
        amount: input.amount,
        note: input.note,
        created_by: ctx.user?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const expense = toExpense(row);
    ctx.audit({ entity: 'expenses', entityId: row.id, after: { ...expense } });
    ctx.emit('expenses', row.id, 'create');
    return expense;
  },

  'expenses.delete': async (ctx, { id }) => {
    const row = await ctx.db.selectFrom('expenses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Expense', id);
    await ctx.db.deleteFrom('expenses').where('id', '=', id).execute();
    ctx.audit({ entity: 'expenses', entityId: id, before: { ...toExpense(row) } });
    ctx.emit('expenses', id, 'delete');
    return { ok: true as const };
  },
};
