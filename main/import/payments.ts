// Turns one row of an imported payments file into a payment, or into the
// reasons it cannot be imported. A negative amount is a refund. Column names
// are documented in the README ("Importing history").
import type { PaymentMethod } from '../../shared/domain/appointments';
import type { ImportRowError } from '../../shared/api/import';
import type { TableRow } from './table-file';
import { BRANCH_ALIASES, PATIENT_ALIASES, columnReader, parseLocalDateTime, parseMoney, wordReader } from './values';
import { VISIT_ID_ALIASES, readPatientRef, type PatientRef } from './visits';

export const paymentColumns = columnReader({
  paymentId: ['paymentid', 'id', 'кодплатежа', 'idплатежа', 'номерплатежа', 'платеж', 'платёж', 'кодплатежу', 'idплатежу', 'платіж', '付款编号', '收款编号'],
  ...PATIENT_ALIASES,
  visitId: VISIT_ID_ALIASES,
  paidAt: ['paidat', 'date', 'datetime', 'paymentdate', 'дата', 'датаоплаты', 'датаплатежа', 'датаоплати', 'датаплатежу', '日期', '付款日期', '付款时间'],
  amount: ['amount', 'sum', 'сумма', 'сума', '金额'],
  method: ['method', 'paymentmethod', 'способоплаты', 'способ', 'видоплаты', 'спосібоплати', 'спосіб', '付款方式', '支付方式'],
  reason: ['reason', 'comment', 'причина', 'комментарий', 'коментар', '原因', '备注'],
  branch: BRANCH_ALIASES,
});

const readMethod = wordReader<PaymentMethod>({
  cash: ['наличные', 'наличными', 'нал', 'готівка', 'готівкою', '现金'],
  card: ['bankcard', 'creditcard', 'terminal', 'карта', 'картой', 'банковскаякарта', 'терминал', 'картка', 'карткою', 'термінал', '刷卡', '银行卡', '信用卡', '卡'],
  transfer: ['bank', 'banktransfer', 'wire', 'перевод', 'банковскийперевод', 'переказ', 'банківськийпереказ', '转账', '银行转账'],
});

export interface ImportedPayment {
  line: number;
  externalId: string | null;
  patient: PatientRef;
  /** The visit's external id. */
  visitId: string | null;
  paidAt: string;
  /** The file gave a date without a time. */
  dateOnly: boolean;
  /** Minor units; negative is a refund. */
  amount: number;
  method: PaymentMethod;
  reason: string | null;
  branch: string | null;
}

export function checkPaymentsHeader(rows: TableRow[]): ImportRowError | null {
  if (!rows.length) return null;
  const cols = paymentColumns(rows[0]);
  const missing = [
    !('patientId' in cols) && !('patientPhone' in cols) && 'patient_id (or patient_phone)',
    !('paidAt' in cols) && 'paid_at',
    !('amount' in cols) && 'amount',
  ].filter(Boolean);
  return missing.length ? { line: 1, field: 'header', reason: `no ${missing.join(', ')} column; see the README for the column names` } : null;
}

/** `now` is local time: a payment cannot be after it. */
export function readPaymentRow(row: TableRow, country: string, now: string): { payment?: ImportedPayment; errors: ImportRowError[] } {
  const v = paymentColumns(row);
  const errors: ImportRowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line: row.line, field, reason });

  const patient = readPatientRef(v, country, fail);
  const paidAt = v.paidAt ? parseLocalDateTime(v.paidAt) : null;
  if (!v.paidAt) fail('paidAt', 'no payment date');
  else if (!paidAt) fail('paidAt', `cannot read the date "${v.paidAt}" (use YYYY-MM-DD, YYYY-MM-DD HH:mm or DD.MM.YYYY HH:mm)`);
  else if (paidAt.at > now) fail('paidAt', `a payment cannot be dated in the future (${paidAt.at.replace('T', ' ')})`);

  const amount = v.amount ? parseMoney(v.amount) : undefined;
  if (!v.amount) fail('amount', 'no amount');
  else if (amount === undefined) fail('amount', `"${v.amount}" is not an amount (e.g. 1500, 1 500,50 or -200 for a refund)`);
  else if (amount === 0) fail('amount', 'the amount is zero');

  const method = v.method ? readMethod(v.method) : 'cash';
  if (!method) fail('method', `unknown payment method "${v.method}" (use cash, card or transfer)`);

  if (errors.length) return { errors };
  return {
    errors,
    payment: {
      line: row.line,
      externalId: v.paymentId || null,
      patient: patient!,
      visitId: v.visitId || null,
      paidAt: paidAt!.at,
      dateOnly: paidAt!.dateOnly,
      amount: amount!,
      method: method!,
      reason: v.reason || null,
      branch: v.branch || null,
    },
  };
}
