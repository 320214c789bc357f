// What the rows of a history file name — patients, doctors, branches,
// services, reasons — looked up in the clinic's database. Lookups only read,
// so a dry run or a refused file writes nothing; a doctor, service or reason
// the clinic does not know comes back as null (to be added) and is created
// by `ensure…` only when the import writes, once per name.
import type { Db } from '../db/connection';
import type { PatientRef } from './visits';

type Fail = (field: string, reason: string) => void;

/** Names compared without case, extra spaces or ё/е. */
export const key = (text: string) => text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

export class HistoryRefs {
  private branches?: Array<{ id: number; name: string; active: number }>;
  private users?: Array<{ id: number; login: string; full_name: string; role: string }>;
  private services?: Array<{ id: number; code: string; name: string; duration_min: number }>;
  private reasons?: Array<{ kind: string; code: string; name: string | null }>;
  private readonly patients = new Map<string, number | string>();
  private readonly created = new Map<string, number | string>();

  constructor(
    private readonly db: Db,
    private readonly userId: number | null,
  ) {}

  /** A live patient: by external id (a merged one leads to its survivor), or by phone when exactly one has it. */
  async patient(ref: PatientRef, fail: Fail): Promise<number | null> {
    const cacheKey = 'externalId' in ref ? `id:${ref.externalId}` : `phone:${ref.phone.e164}`;
    if (!this.patients.has(cacheKey)) this.patients.set(cacheKey, await this.findPatient(ref));
    const found = this.patients.get(cacheKey)!;
    if (typeof found === 'number') return found;
    fail('externalId' in ref ? 'patientId' : 'patientPhone', found);
    return null;
  }

  private async findPatient(ref: PatientRef): Promise<number | string> {
    if ('phone' in ref) {
      const rows = await this.db
        .selectFrom('patients')
        .select('id')
        .where('phone', '=', ref.phone.e164)
        .where('deleted_at', 'is', null)
        .where('merged_into_id', 'is', null)
        .limit(2)
        .execute();
      if (rows.length === 1) return rows[0].id;
      return rows.length
        ? `several patients have the phone ${ref.phone.e164}: give patient_id instead`
        : `no patient has the phone ${ref.phone.e164} ("${ref.text}"); import the patients first`;
    }
    let row = await this.db.selectFrom('patients').select(['id', 'deleted_at', 'merged_into_id']).where('external_id', '=', ref.externalId).executeTakeFirst();
    if (!row) return `no patient with the external id ${ref.externalId}; import the patients first`;
    for (let hops = 0; row?.merged_into_id && hops < 20; hops++) {
      row = await this.db.selectFrom('patients').select(['id', 'deleted_at', 'merged_into_id']).where('id', '=', row.merged_into_id).executeTakeFirst();
    }
    if (!row || row.merged_into_id) return `the patient ${ref.externalId} was merged into a patient that is gone`;
    if (row.deleted_at) return `the patient ${ref.externalId} is deleted`;
    return row.id;
  }

  /** The clinic's branch when it has exactly one (active), else null. */
  async soleBranch(): Promise<{ id: number | null; count: number }> {
    this.branches ??= await this.db.selectFrom('branches').select(['id', 'name', 'active']).orderBy('id').execute();
    const active = this.branches.filter((b) => b.active === 1);
    return { id: active.length === 1 ? active[0].id : null, count: active.length };
  }

  /** A branch by name; none given is fine while the clinic has exactly one. */
  async branch(name: string | null, fail: Fail): Promise<number | null> {
    const sole = await this.soleBranch();
    if (!name) {
      if (sole.id === null) fail('branch', `the clinic has ${sole.count} branches: name the branch`);
      return sole.id;
    }
    const branches = this.branches!;
    const found = branches.find((b) => key(b.name) === key(name));
    if (found) return found.id;
    fail('branch', `no branch "${name}" (branches: ${branches.map((b) => b.name).join(', ')})`);
    return null;
  }

  /** A user by login or full name (a doctor first); null: an unknown name, to be added as an inactive doctor. */
  async doctor(name: string, fail: Fail): Promise<number | null | undefined> {
    this.users ??= await this.db.selectFrom('users').select(['id', 'login', 'full_name', 'role']).orderBy('id').execute();
    const byLogin = this.users.find((u) => u.login.toLowerCase() === name.trim().toLowerCase());
    if (byLogin) return byLogin.id;
    const named = this.users.filter((u) => key(u.full_name) === key(name));
    const doctors = named.filter((u) => u.role === 'doctor');
    const candidates = doctors.length ? doctors : named;
    if (candidates.length === 1) return candidates[0].id;
    if (candidates.length > 1) {
      fail('doctor', `several users are named "${name}" (${candidates.map((u) => u.login).join(', ')}): write the login`);
      return undefined;
    }
    return null;
  }

  /** A service by code or name; null: unknown, to be added under that name. */
  async service(text: string): Promise<{ id: number; durationMin: number } | null> {
    this.services ??= await this.db.selectFrom('services').select(['id', 'code', 'name', 'duration_min']).orderBy('id').execute();
    const found = this.services.find((s) => key(s.code) === key(text)) ?? this.services.find((s) => key(s.name) === key(text));
    return found ? { id: found.id, durationMin: found.duration_min } : null;
  }

  /** A cancel or no-show reason by code or name; null: unknown, to be added to the catalog. */
  async reason(kind: 'cancel' | 'no_show', text: string): Promise<string | null> {
    this.reasons ??= await this.db.selectFrom('reasons').select(['kind', 'code', 'name']).execute();
    const found = this.reasons.find((r) => r.kind === kind && (key(r.code) === key(text) || (r.name !== null && key(r.name) === key(text))));
    return found ? found.code : null;
  }

  /** The doctor's id, creating an unknown name as an inactive doctor who cannot sign in. */
  async ensureDoctor(name: string, branchId: number): Promise<number> {
    const id = await this.doctor(name, () => undefined);
    if (id) return id;
    return this.once(`doctor:${key(name)}`, async () => {
      const base = `imported.${key(name).replace(/[^\p{L}\p{N}]+/gu, '.').replace(/^\.|\.$/g, '') || 'doctor'}`.slice(0, 90);
      let login = base;
      for (let n = 2; this.users!.some((u) => u.login.toLowerCase() === login.toLowerCase()); n++) login = `${base}.${n}`;
      const row = await this.db
        .insertInto('users')
        .values({ login, password_hash: '!', full_name: name.trim(), role: 'doctor', branch_id: branchId, active: 0, created_by: this.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.users!.push({ id: row.id, login, full_name: name.trim(), role: 'doctor' });
      return row.id;
    }) as Promise<number>;
  }

  /** The service's id, creating an unknown one (category "imported") with the price of its first line. */
  async ensureService(text: string, price: number, day: string): Promise<number> {
    const found = await this.service(text);
    if (found) return found.id;
    return this.once(`service:${key(text)}`, async () => {
      const name = text.trim();
      const base = /^[\p{L}\p{N}._-]{1,30}$/u.test(name) ? name : name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 26) || 'imported';
      let code = base;
      for (let n = 2; this.services!.some((s) => key(s.code) === key(code)); n++) code = `${base.slice(0, 26)}-${n}`;
      const row = await this.db
        .insertInto('services')
        .values({ code, name, category: 'imported', duration_min: 30, price, created_by: this.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.db.insertInto('service_prices').values({ service_id: row.id, price, valid_from: day, created_by: this.userId }).execute();
      this.services!.push({ id: row.id, code, name, duration_min: 30 });
      return row.id;
    }) as Promise<number>;
  }

  /** The reason's code, adding an unknown one to the catalog (code from its Latin letters, else imported_N). */
  async ensureReason(kind: 'cancel' | 'no_show', text: string): Promise<string> {
    const found = await this.reason(kind, text);
    if (found) return found;
    return this.once(`reason:${kind}:${key(text)}`, async () => {
      const base = key(text).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'imported';
      let code = base === 'imported' ? 'imported_1' : base;
      for (let n = 2; this.reasons!.some((r) => r.kind === kind && r.code === code); n++) code = `${base}_${n}`;
      await this.db.insertInto('reasons').values({ kind, code, name: text.trim(), created_by: this.userId }).execute();
      this.reasons!.push({ kind, code, name: text.trim() });
      return code;
    }) as Promise<string>;
  }

  private async once(k: string, make: () => Promise<number | string>): Promise<number | string> {
    if (!this.created.has(k)) this.created.set(k, await make());
    return this.created.get(k)!;
  }
}
