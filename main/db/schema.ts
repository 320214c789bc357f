// Table interfaces of the SQLite database, as kysely sees them. Row shapes
// (snake_case, 0/1 booleans) stay inside main/: domains convert at the edge.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Stamp = ColumnType<string, string | undefined, string>;
type Flag = ColumnType<number, number | undefined, number>;

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Stamp;
}

export interface BranchesTable {
  id: Generated<number>;
  name: string;
  city: string;
  address: string | null;
  active: Flag;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  full_name: string;
  role: string;
  specialty: string | null;
  branch_id: number | null;
  phone: string | null;
  email: string | null;
  active: Flag;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Stamp;
  last_seen_at: Stamp;
}

export interface SourcesTable {
  id: Generated<number>;
  code: string;
  name: string;
  active: Flag;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface ReasonsTable {
  id: Generated<number>;
  kind: string;
  code: string;
  name: string | null;
  active: Flag;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface ServicesTable {
  id: Generated<number>;
  code: string;
  name: string;
  category: string;
  specialty: string | null;
  duration_min: number;
  price: number;
  recall_days: number | null;
  active: Flag;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface ServicePricesTable {
  id: Generated<number>;
  service_id: number;
  price: number;
  valid_from: string;
  created_at: Stamp;
  created_by: number | null;
}

export interface PatientsTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string | null;
  sex: string | null;
  phone: string | null;
  phone_national: string | null;
  email: string | null;
  city: string | null;
  address: string | null;
  source_id: number | null;
  referral_note: string | null;
  consent_sms: Flag;
  consent_email: Flag;
  comment: string | null;
  branch_id: number | null;
  external_id: string | null;
  merged_into_id: number | null;
  deleted_at: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
  /** The language of the patient's messages (0007); null follows the clinic's. */
  language: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AppointmentsTable {
  id: Generated<number>;
  patient_id: number;
  doctor_id: number;
  branch_id: number;
  start_at: string;
  end_at: string;
  status: string;
  reason_code: string | null;
  channel: string | null;
  comment: string | null;
  override: Flag;
  arrived_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  /** Sum of the visit's lines once completed (0 before): what revenue reports add up. */
  charged: ColumnType<number, number | undefined, number>;
  /** The visit's id in the clinic's old system (history import); unique when set. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface AppointmentItemsTable {
  id: Generated<number>;
  appointment_id: number;
  service_id: number;
  qty: number;
  price: number;
  discount: number;
  amount: number;
  created_at: Stamp;
  created_by: number | null;
}

export interface PaymentsTable {
  id: Generated<number>;
  patient_id: number;
  appointment_id: number | null;
  branch_id: number | null;
  paid_at: string;
  amount: number;
  method: string;
  reason: string | null;
  /** The payment's id in the clinic's old system (history import); unique when set. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface ExpensesTable {
  id: Generated<number>;
  branch_id: number | null;
  category: string;
  source_id: number | null;
  spent_on: string;
  amount: number;
  note: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Stamp;
  user_id: number | null;
  method: string;
  entity: string | null;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

export interface PatientsFtsTable {
  rowid: number;
  name: string;
  phone_digits: string;
  email: string;
}

export interface DoctorShiftsTable {
  id: Generated<number>;
  doctor_id: number;
  weekday: number;
  start_time: string;
  end_time: string;
  branch_id: number | null;
  created_at: Stamp;
  created_by: number | null;
}

export interface DoctorDaysOffTable {
  doctor_id: number;
  day: string;
  created_at: Stamp;
  created_by: number | null;
}

export interface ContactsTable {
  id: Generated<number>;
  patient_id: number;
  appointment_id: number | null;
  channel: string;
  direction: string;
  outcome: string;
  churn_reason: string | null;
  note: string | null;
  user_id: number | null;
  at: Stamp;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
  /** The task whose completion recorded this contact (0006). */
  task_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PatientBalancesTable {
  patient_id: number;
  charged: number;
  paid: number;
}

export interface PatientFirstVisitsTable {
  patient_id: number;
  first_at: string;
  doctor_id: number;
  branch_id: number;
}

export interface Database {
  settings: SettingsTable;
  branches: BranchesTable;
  users: UsersTable;
  sessions: SessionsTable;
  sources: SourcesTable;
  reasons: ReasonsTable;
  services: ServicesTable;
  service_prices: ServicePricesTable;
  patients: PatientsTable;
  appointments: AppointmentsTable;
  appointment_items: AppointmentItemsTable;
  payments: PaymentsTable;
  expenses: ExpensesTable;
  audit_log: AuditLogTable;
  patients_fts: PatientsFtsTable;
  doctor_shifts: DoctorShiftsTable;
  doctor_days_off: DoctorDaysOffTable;
  contacts: ContactsTable;
  patient_balances: PatientBalancesTable;
  patient_first_visits: PatientFirstVisitsTable;
  tasks: TasksTable;
  incoming_calls: IncomingCallsTable;
  message_templates: MessageTemplatesTable;
  messages: MessagesTable;
  message_opt_outs: MessageOptOutsTable;
  appointment_months: AppointmentMonthsTable;
  patient_cohorts: PatientCohortsTable;
  cohort_months: CohortMonthsTable;
  recall_visits: RecallVisitsTable;
}

export type PatientRow = Selectable<PatientsTable>;
export type NewPatientRow = Insertable<PatientsTable>;
export type PatientUpdate = Updateable<PatientsTable>;
export type UserRow = Selectable<UsersTable>;

export interface TasksTable {
  id: Generated<number>;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  assignee_id: number;
  patient_id: number | null;
  /** Local wall-clock time, 2026-11-24T14:30. */
  due_at: string;
  priority: ColumnType<string, string | undefined, string>;
  comment: string | null;
  rule: string | null;
  rule_reason: string | null;
  cause_key: string | null;
  outcome: string | null;
  contact_id: number | null;
  /** Local wall-clock time the task was completed or cancelled. */
  done_at: string | null;
  done_by: number | null;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface IncomingCallsTable {
  id: Generated<number>;
  phone: string;
  phone_e164: string | null;
  at: Stamp;
  reported_by: number | null;
}

export interface MessageTemplatesTable {
  id: Generated<number>;
  kind: string;
  channel: string;
  locale: string;
  subject: string | null;
  body: string;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

/** The outbox: one row per message, its status the queue's state. */
export interface MessagesTable {
  id: Generated<number>;
  patient_id: number;
  channel: string;
  kind: string;
  template_id: number | null;
  locale: string;
  subject: string | null;
  body: string;
  recipient: string;
  status: ColumnType<string, string | undefined, string>;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string | null;
  appointment_id: number | null;
  campaign_id: number | null;
  provider_id: string | null;
  dedupe_key: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  sent_at: string | null;
  delivered_at: string | null;
  created_by: number | null;
}

export interface MessageOptOutsTable {
  id: Generated<number>;
  patient_id: number;
  channel: string;
  source: string;
  note: string | null;
  at: Stamp;
  created_by: number | null;
}

/** Migration 0009: appointments per month × doctor × branch × status × reason code (kept by triggers). */
export interface AppointmentMonthsTable {
  month: string;
  doctor_id: number;
  branch_id: number;
  status: string;
  /** The reason code, '' when none. */
  reason: string;
  n: number;
  charged: number;
  charged_n: number;
}

/** Migration 0009: each patient's cohort (first visit) and the mask of months 0…12 after it with a visit. */
export interface PatientCohortsTable {
  patient_id: number;
  first_at: string;
  doctor_id: number;
  branch_id: number;
  /** The first later completed visit with the doctor of the first visit (retention's "returned"). */
  returned_at: string | null;
  mask: number;
}

/** Migration 0009: patient_cohorts added up per cohort month × doctor × branch × k. */
export interface CohortMonthsTable {
  cohort: string;
  doctor_id: number;
  branch_id: number;
  k: number;
  patients: number;
}

/** Migration 0009: completed visits with a recall service (kept by triggers). */
export interface RecallVisitsTable {
  patient_id: number;
  service_id: number;
  at: string;
  appointment_id: number;
  doctor_id: number;
  branch_id: number;
}

// Campaigns (migration 0008). Declared by interface merging so each domain
// appends its tables here instead of editing the shared interfaces above.
export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  channel: string;
  cost: ColumnType<number, number | undefined, number>;
  start_date: string;
  end_date: string;
  offer: string | null;
  status: ColumnType<string, string | undefined, string>;
  /** AudienceFilters as JSON. */
  filters: ColumnType<string, string | undefined, string>;
  audience_built_at: string | null;
  created_at: Stamp;
  updated_at: Stamp;
  created_by: number | null;
}

export interface CampaignMembersTable {
  id: Generated<number>;
  campaign_id: number;
  patient_id: number;
  created_at: Stamp;
  created_by: number | null;
}

export interface ContactsTable {
  /** The campaign a contact was made for (0008); null for other contacts. */
  campaign_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface Database {
  campaigns: CampaignsTable;
  campaign_members: CampaignMembersTable;
}

/** Migration 0012: completed visits per month × local weekday × hour, at four levels of (doctor, branch), 0 = any. */
export interface VisitHoursTable {
  doctor_id: number;
  branch_id: number;
  month: string;
  weekday: number;
  hour: number;
  visits: number;
}

/** Migration 0012: patients per visit month and their previous visit month ('' none) at the same level, for distinct counts over months. */
export interface UniquePatientMonthsTable {
  doctor_id: number;
  branch_id: number;
  month: string;
  prev_month: string;
  patients: number;
}

/** Migration 0012: payments per month × their appointment's doctor and branch. */
export interface PaymentMonthsTable {
  month: string;
  doctor_id: number;
  branch_id: number;
  amount: number;
  n: number;
}

export interface Database {
  visit_hours: VisitHoursTable;
  unique_patient_months: UniquePatientMonthsTable;
  payment_months: PaymentMonthsTable;
}

/** Migration 0013: each patient's latest visit per recall service (main/api/patient-summaries.ts). */
export interface PatientRecallsTable {
  patient_id: number;
  service_id: number;
  last_at: string;
  appointment_id: number;
  branch_id: number;
  doctor_id: number;
}

export interface Database {
  patient_recalls: PatientRecallsTable;
}

/** Migration 0014: each charged visit of a patient with the running total charged up to it, kept by triggers. */
export interface PatientChargesTable {
  patient_id: number;
  upto: number;
  at: string;
}

/** Migration 0014: each debtor's oldest visit left unpaid (payments cover visits oldest-first), kept by triggers. */
export interface PatientDebtsTable {
  patient_id: number;
  unpaid_since: string;
}

export interface Database {
  patient_charges: PatientChargesTable;
  patient_debts: PatientDebtsTable;
}
