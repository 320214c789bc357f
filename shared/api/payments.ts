import { z } from 'zod';
import { contract } from './contract';
import { ANY_ROLE } from '../domain/roles';
import { PAYMENT_METHODS, REASON_KINDS } from '../domain/appointments';
import { id, isoDate, optionalText, requiredText } from './fields';
import { localTime } from './appointments';

export interface Payment {
  id: number;
  patientId: number;
  appointmentId: number | null;
  branchId: number | null;
  paidAt: string;
  amount: number;
  method: string;
  reason: string | null;
  createdBy: number | null;
}

export interface LedgerLine {
  /** A charge (completed visit) or a payment/refund. */
  kind: 'charge' | 'payment';
  id: number;
  at: string;
  description: string;
  /** Charges positive, payments negative: the running sum is the debt. */
  amount: number;
  balance: number;
}

export interface Ledger {
  patientId: number;
  charged: number;
  paid: number;
  /** charged − paid: positive is a debt, negative a prepayment. */
  balance: number;
  lines: LedgerLine[];
}

export interface Receipt {
  clinicName: string;
  currency: string;
  payment: Payment;
  patientName: string;
  cashier: string | null;
  lines: Array<{ name: string; qty: number; price: number; discount: number; amount: number }>;
  visitTotal: number | null;
  balanceAfter: number;
}

export interface Expense {
  id: number;
  branchId: number | null;
  category: string;
  sourceId: number | null;
  spentOn: string;
  amount: number;
  note: string | null;
}

export interface Reason {
  id: number;
  kind: (typeof REASON_KINDS)[number];
  code: string;
  name: string | null;
  active: boolean;
}

const amount = z.number().int().positive().max(100_000_000_00);

export const PayInput = z.object({
  patientId: id,
  /** Omitted: a payment on account. */
  appointmentId: id.optional(),
  amount,
  method: z.enum(PAYMENT_METHODS),
  paidAt: localTime.optional(),
});

export const RefundInput = PayInput.extend({ reason: requiredText(500) });

export const EXPENSE_CATEGORIES = ['rent', 'salaries', 'materials', 'marketing', 'equipment', 'utilities', 'other'] as const;

export const ExpenseInput = z
  .object({
    branchId: id.nullish().transform((v) => v ?? null),
    category: z.enum(EXPENSE_CATEGORIES),
    sourceId: id.nullish().transform((v) => v ?? null),
    spentOn: isoDate,
    amount,
    note: optionalText(500),
  })
  .refine((e) => e.sourceId === null || e.category === 'marketing', { message: 'Only marketing spend names a source', path: ['sourceId'] });

export const paymentsContracts = {
  'payments.create': contract<Payment>()({ input: PayInput, roles: ['admin', 'director', 'reception'], write: true }),
  'payments.refund': contract<Payment>()({ input: RefundInput, roles: ['admin', 'director'], write: true }),
  'payments.ledger': contract<Ledger>()({ input: z.object({ patientId: id }), roles: ANY_ROLE, write: false }),
  'payments.receipt': contract<Receipt>()({ input: z.object({ id }), roles: ['admin', 'director', 'reception'], write: false }),
  'expenses.list': contract<Expense[]>()({ input: z.object({ from: isoDate, to: isoDate, branchId: id.optional() }), roles: ['admin', 'director'], write: false }),
  'expenses.create': contract<Expense>()({ input: ExpenseInput, roles: ['admin', 'director'], write: true }),
  'expenses.delete': contract<{ ok: true }>()({ input: z.object({ id }), roles: ['admin', 'director'], write: true }),
  'reasons.list': contract<Reason[]>()({ input: z.object({ kind: z.enum(REASON_KINDS).optional() }), roles: ANY_ROLE, write: false }),
  'reasons.save': contract<Reason>()({
    input: z.object({ id: id.optional(), kind: z.enum(REASON_KINDS), code: z.string().trim().min(1).max(50).regex(/^[a-z0-9_]+$/), name: optionalText(100), active: z.boolean().default(true) }),
    roles: ['admin', 'director'],
    write: true,
  }),
};
