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
  appointment_months: AppointmentMonthsTable;
  patient_cohorts: PatientCohortsTable;
  cohort_months: CohortMonthsTable;
  recall_visits: RecallVisitsTable;
}

export type PatientRow = Selectable<PatientsTable>;
export type NewPatientRow = Insertable<PatientsTable>;
export type PatientUpdate = Updateable<PatientsTable>;
export type UserRow = Selectable<UsersTable>;

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
