// Turns the rows of an imported visits file into visits, or into the reasons
// they cannot be imported. One row is one service line; the rows sharing a
// visit_id are one appointment, and what describes the visit (patient,
// doctor, branch, times, status, reason) must agree between them. Column
// names are documented in the README ("Importing history").
import { normalizePhone, type NormalizedPhone } from '../../shared/domain/phone';
import type { AppointmentStatus } from '../../shared/domain/appointments';
import type { ImportRowError } from '../../shared/api/import';
import type { TableRow } from './table-file';
import { BRANCH_ALIASES, PATIENT_ALIASES, columnReader, parseCount, parseLocalDateTime, parseMoney, wordReader } from './values';

export const VISIT_ID_ALIASES = ['visitid', 'visit', 'appointmentid', 'кодвизита', 'idвизита', 'номервизита', 'визит', 'кодвізиту', 'idвізиту', 'візит', '就诊编号', '预约编号'];

export const visitColumns = columnReader({
  visitId: VISIT_ID_ALIASES,
  ...PATIENT_ALIASES,
  doctor: ['doctor', 'doctorlogin', 'physician', 'врач', 'доктор', 'лікар', '医生'],
  branch: BRANCH_ALIASES,
  start: ['start', 'startat', 'datetime', 'date', 'visitdate', 'дата', 'датавизита', 'начало', 'датавізиту', 'початок', '日期', '时间', '开始时间', '就诊时间'],
  end: ['end', 'endat', 'окончание', 'конец', 'кінець', 'закінчення', '结束时间'],
  status: ['status', 'статус', '状态'],
  reason: ['reason', 'reasoncode', 'причина', '原因'],
  service: ['service', 'servicecode', 'услуга', 'кодуслуги', 'послуга', 'кодпослуги', '服务', '项目'],
  qty: ['qty', 'quantity', 'count', 'количество', 'колво', 'кількість', '数量'],
  price: ['price', 'цена', 'ціна', '价格', '单价'],
  discount: ['discount', 'скидка', 'знижка', '折扣'],
  amount: ['amount', 'sum', 'total', 'сумма', 'сума', 'итого', '金额'],
});

/** The statuses a history file may give, with their names in the old systems' languages. */
const readStatus = wordReader<Exclude<AppointmentStatus, 'arrived' | 'in_service'>>({
  completed: ['done', 'complete', 'finished', 'visited', 'завершен', 'завершено', 'выполнен', 'выполнено', 'состоялся', 'завершений', 'виконано', 'відбувся', '已完成', '完成', '已就诊'],
  cancelled: ['canceled', 'cancel', 'отменен', 'отменено', 'отмена', 'скасовано', 'скасований', 'відмінено', '已取消', '取消'],
  no_show: ['noshow', 'missed', 'неявка', 'непришел', 'непришла', 'неприйшов', 'неприйшла', "нез'явлення", '未到', '爽约', '失约'],
  booked: ['scheduled', 'planned', 'записан', 'запланирован', 'запись', 'записаний', 'заплановано', '已预约', '预约'],
  confirmed: ['подтвержден', 'подтверждено', 'підтверджено', 'підтверджений', '已确认', '确认'],
});

export type PatientRef = { externalId: string } | { phone: NormalizedPhone; text: string };

export interface VisitLine {
  line: number;
  /** Null: the row describes the visit only (a cancellation without services). */
  service: string | null;
  qty: number;
  /** Minor units; null: the catalog price on the visit's date. */
  price: number | null;
  discount: number;
  /** As written in the file, checked against qty × price − discount. */
  amount: number | null;
}

export interface ImportedVisit {
  externalId: string;
  /** The visit's first line in the file: where visit-level errors point. */
  line: number;
  patient: PatientRef;
  doctor: string;
  branch: string | null;
  startAt: string;
  endAt: string | null;
  status: Exclude<AppointmentStatus, 'arrived' | 'in_service'>;
  reason: string | null;
  lines: VisitLine[];
}

/** The visit-level fields: those that must be the same on every line of one visit. */
const VISIT_FIELDS = ['patientId', 'patientPhone', 'doctor', 'branch', 'start', 'end', 'status', 'reason'] as const;

export function readPatientRef(v: Record<string, string>, country: string, fail: (field: string, reason: string) => void): PatientRef | null {
  if (v.patientId) return { externalId: v.patientId };
  if (v.patientPhone) {
    const phone = normalizePhone(v.patientPhone, country);
    if (phone) return { phone, text: v.patientPhone };
    fail('patientPhone', `"${v.patientPhone}" is not a phone number`);
    return null;
  }
  fail('patientId', 'no patient_id or patient_phone');
  return null;
}

export function checkVisitsHeader(rows: TableRow[]): ImportRowError | null {
  if (!rows.length) return null;
  const cols = visitColumns(rows[0]);
  const missing = [
    !('visitId' in cols) && 'visit_id',
    !('patientId' in cols) && !('patientPhone' in cols) && 'patient_id (or patient_phone)',
    !('doctor' in cols) && 'doctor',
    !('start' in cols) && 'start',
  ].filter(Boolean);
  return missing.length ? { line: 1, field: 'header', reason: `no ${missing.join(', ')} column; see the README for the column names` } : null;
}

/** One row's cells: its visit-level fields and its service line. `now` is local time: a completed visit cannot be after it. */
function readVisitRow(line: number, v: Record<string, string>, country: string, now: string): { visit?: ImportedVisit; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line, field, reason });

  if (!v.visitId) fail('visitId', 'no visit id (rows with the same visit_id are one visit)');
  const patient = readPatientRef(v, country, fail);
  if (!v.doctor) fail('doctor', 'no doctor');

  const start = v.start ? parseLocalDateTime(v.start) : null;
  if (!v.start) fail('start', 'no start time');
  else if (!start) fail('start', `cannot read the time "${v.start}" (use YYYY-MM-DD HH:mm or DD.MM.YYYY HH:mm)`);
  else if (start.dateOnly) fail('start', `"${v.start}" has no time of day (use YYYY-MM-DD HH:mm)`);

  let endAt: string | null = null;
  if (v.end && start && !start.dateOnly) {
    // A bare HH:mm is on the visit's day.
    const end = /^\d{1,2}:\d{2}$/.test(v.end) ? parseLocalDateTime(`${start.at.slice(0, 10)} ${v.end}`) : parseLocalDateTime(v.end);
    if (!end || end.dateOnly) fail('end', `cannot read the time "${v.end}" (use HH:mm or YYYY-MM-DD HH:mm)`);
    else if (end.at <= start.at) fail('end', `the end ${end.at.replace('T', ' ')} is not after the start ${start.at.replace('T', ' ')}`);
    else endAt = end.at;
  }

  const status = v.status ? readStatus(v.status) : 'completed';
  if (!status) fail('status', `unknown status "${v.status}" (use completed, cancelled, no_show, booked or confirmed)`);
  else if (status === 'completed' && start && !start.dateOnly && start.at > now) fail('status', `a visit on ${start.at.replace('T', ' ')} cannot be completed yet`);
  if (v.reason && status && status !== 'cancelled' && status !== 'no_show') fail('reason', `a reason is only for a cancelled or no_show visit, not ${status}`);

  const service = v.service || null;
  const qty = v.qty ? parseCount(v.qty, 1000) : 1;
  if (qty === undefined) fail('qty', `"${v.qty}" is not a whole quantity from 1 to 1000`);
  const price = v.price ? parseMoney(v.price) : null;
  if (price === undefined || (price !== null && price < 0)) fail('price', `"${v.price}" is not a price (e.g. 1500 or 1 500,50)`);
  const discount = v.discount ? parseMoney(v.discount) : 0;
  if (discount === undefined || (discount !== null && discount < 0)) fail('discount', `"${v.discount}" is not a discount (e.g. 150 or 150,50)`);
  const amount = v.amount ? parseMoney(v.amount) : null;
  if (amount === undefined) fail('amount', `"${v.amount}" is not an amount (e.g. 1350 or 1 350,00)`);
  if (!service) {
    for (const f of ['qty', 'price', 'discount', 'amount'] as const) if (v[f]) fail(f, `${f} without a service`);
  }
  if (errors.length) return { errors };
  return {
    errors,
    visit: {
      externalId: v.visitId,
      line,
      patient: patient!,
      doctor: v.doctor,
      branch: v.branch || null,
      startAt: start!.at,
      endAt,
      status: status!,
      reason: v.reason || null,
      lines: service ? [{ line, service, qty: qty!, price: price!, discount: discount!, amount: amount! }] : [],
    },
  };
}

/**
 * Reads every row and joins the lines of each visit. A visit with any bad line
 * is left out whole (its errors are reported), never imported in part.
 */
export function readVisits(rows: TableRow[], country: string, now: string): { visits: ImportedVisit[]; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const byId = new Map<string, { visit: ImportedVisit | null; cells: Record<string, string>; line: number }>();
  const bad = new Set<string>();
  for (const row of rows) {
    const cells = visitColumns(row);
    const id = cells.visitId;
    const first = id ? byId.get(id) : undefined;
    // A later line may leave the visit's cells empty (they are the first line's);
    // what it does say must match the first line.
    const inherited = new Set<string>();
    for (const f of first ? VISIT_FIELDS : []) {
      const here = cells[f] ?? '';
      const there = first!.cells[f] ?? '';
      if (!here) {
        if (there) inherited.add(f);
        cells[f] = there;
      } else if (here !== there) {
        errors.push({ line: row.line, field: f, reason: `visit ${id} has ${there ? `"${there}"` : 'none'} on line ${first!.line}; every line of a visit must agree` });
        bad.add(id);
      }
    }
    const { visit, errors: rowErrors } = readVisitRow(row.line, cells, country, now);
    // What is wrong with an inherited cell was said on the first line.
    errors.push(...rowErrors.filter((e) => !inherited.has(e.field)));
    if (!id) continue;
    if (!visit) bad.add(id);
    if (!first) byId.set(id, { visit: visit ?? null, cells, line: row.line });
    else if (visit && first.visit) first.visit.lines.push(...visit.lines);
  }
  const visits: ImportedVisit[] = [];
  for (const [id, { visit }] of byId) {
    if (!visit || bad.has(id)) continue;
    if (visit.status === 'completed' && !visit.lines.length) {
      errors.push({ line: visit.line, field: 'service', reason: `visit ${id} is completed but has no service` });
      continue;
    }
    visits.push(visit);
  }
  errors.sort((a, b) => a.line - b.line);
  return { visits, errors };
}
