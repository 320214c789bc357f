// Patients of the demo clinic: who they are (name, age, phone, source) and
// what kind of patient they will be (one visit, a treatment course, periodic
// hygiene, a regular, braces). Ids grow with the day of their first booking.
import type SQLite from 'better-sqlite3';
import { Calendar } from './calendar';
import { BRANCHES, SOURCES } from './catalog';
import { EMAIL_DOMAINS, STREETS, personName, translit, type Sex } from './names';
import { JsonBatchInsert } from './batch';
import { WeightedTable, type Random } from './random';
import { branchOpens } from './staff';
import type { ClinicSize } from './generate';

export const PTYPE = { Once: 0, Course: 1, Recall: 2, Loyal: 3, Ortho: 4 } as const;

/** Shares of patient types [once, course, recall, loyal, ortho] for adults and children. */
const TYPE_MIX = {
  adult: [0.55, 0.1, 0.11, 0.2, 0.04],
  child: [0.5, 0.16, 0.24, 0, 0.1],
};
/** Share of new patients at each branch, in the order of BRANCHES. */
const BRANCH_WEIGHT: Record<ClinicSize, number[]> = { small: [0.6, 0.4], large: [0.44, 0.34, 0.22] };
/** New patients per day at the end of the history relative to the start. */
const GROWTH: Record<ClinicSize, number> = { small: 1.3, large: 1.2 };

const AGE_BANDS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 6, 0.04], [7, 12, 0.07], [13, 17, 0.04], [18, 29, 0.19], [30, 44, 0.29], [45, 59, 0.22], [60, 74, 0.12], [75, 85, 0.03],
];
const COMMENTS = [
  'Аллергия на лидокаин', 'Боится лечения, нужен щадящий подход', 'Просит звонить после 18:00',
  'Гипертония', 'Сахарный диабет 2 типа', 'Приходит с ребёнком', 'Предпочитает общение в мессенджере',
];

export interface PatientPlan {
  count: number;
  /** Day of the first booked visit. */
  firstDay: Int32Array;
  type: Uint8Array;
  child: Uint8Array;
  home: Uint8Array;
  /** Index into SOURCES, −1 when unknown. */
  source: Int8Array;
  /** When the patient was registered (UTC ISO); the first appointment was booked then. */
  createdAt: string[];
}

export function planPatients(rnd: Random, size: ClinicSize, count: number, cal: Calendar): PatientPlan {
  const branches = BRANCHES[size];
  const opens = branches.map((b) => branchOpens(b));
  const weightsAt = (d: number) => BRANCH_WEIGHT[size].map((w, b) => (d >= opens[b] ? w : 0));
  const growth = GROWTH[size];
  const arrival = new Float64Array(cal.untilIdx + 1);
  for (let d = 0; d <= cal.untilIdx; d++) {
    const open = weightsAt(d).reduce((a, b) => a + b, 0);
    arrival[d] = cal.demand[d] * (1 + ((growth - 1) * d) / cal.untilIdx) * open;
  }
  const table = new WeightedTable(arrival);
  const u = new Float64Array(count);
  for (let i = 0; i < count; i++) u[i] = rnd.next();
  u.sort();

  const plan: PatientPlan = {
    count,
    firstDay: new Int32Array(count),
    type: new Uint8Array(count),
    child: new Uint8Array(count),
    home: new Uint8Array(count),
    source: new Int8Array(count),
    createdAt: new Array<string>(count),
  };
  for (let i = 0; i < count; i++) {
    const d = table.at(u[i]);
    plan.firstDay[i] = d;
    plan.home[i] = rnd.weighted(weightsAt(d));
    const t = d / cal.untilIdx;
    plan.source[i] = rnd.chance(0.03) ? -1 : rnd.weighted(SOURCES.map((s) => s.share[0] + (s.share[1] - s.share[0]) * t));
    const lead = rnd.int(0, 10);
    plan.createdAt[i] = cal.utc(d - lead, lead === 0 ? 7 * 60 + rnd.int(0, 59) : rnd.int(9 * 60, 20 * 60));
  }
  return plan;
}

export interface PatientInsertContext {
  sqlite: SQLite.Database;
  cal: Calendar;
  size: ClinicSize;
  branchIds: number[];
  sourceIds: number[];
}

/** Inserts the patients in id order (id = index + 1 in an empty table) and fills in their types. */
export function insertPatients(rnd: Random, plan: PatientPlan, ctx: PatientInsertContext): void {
  const { cal } = ctx;
  const branches = BRANCHES[ctx.size];
  const insert = new JsonBatchInsert(ctx.sqlite, 'patients', ['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'sex',
    'phone', 'phone_national', 'email', 'city', 'address', 'source_id', 'referral_note', 'consent_sms', 'consent_email',
    'comment', 'branch_id', 'created_at', 'updated_at']);
  const phones = new Set<number>();
  const bandWeights = AGE_BANDS.map((b) => b[2]);
  for (let i = 0; i < plan.count; i++) {
    const band = AGE_BANDS[rnd.weighted(bandWeights)];
    const age = rnd.int(band[0], band[1]);
    const child = age < 18;
    plan.child[i] = child ? 1 : 0;
    const mix = child ? TYPE_MIX.child : TYPE_MIX.adult;
    let type = rnd.weighted(mix);
    if (type === PTYPE.Ortho && age < 9) type = PTYPE.Recall;
    plan.type[i] = type;

    const sex: Sex = rnd.chance(child ? 0.5 : 0.58) ? 'female' : 'male';
    const name = personName(rnd, sex);
    const [y, m, dd] = cal.dates[plan.firstDay[i]].split('-').map(Number);
    const birth = new Date(Date.UTC(y - age, m - 1, dd) - rnd.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
    let digits = rnd.int(0, 999_999_999);
    while (phones.has(digits)) digits = rnd.int(0, 999_999_999);
    phones.add(digits);
    const nine = String(digits).padStart(9, '0');
    const t = plan.firstDay[i] / cal.untilIdx;
    const email = !child && rnd.chance(0.3 + 0.25 * t)
      ? `${translit(name.first)}.${translit(name.last)}${rnd.chance(0.5) ? rnd.int(1, 99) : ''}@${rnd.pick(EMAIL_DOMAINS)}`
      : null;
    const address = rnd.chance(0.45) ? `${rnd.pick(STREETS)}, д. ${rnd.int(1, 120)}, кв. ${rnd.int(1, 250)}` : null;
    const source = plan.source[i];
    const referral = source >= 0 && SOURCES[source].code === 'referral' && rnd.chance(0.3)
      ? `Рекомендация: ${personName(rnd, rnd.chance(0.6) ? 'female' : 'male').last}`
      : null;
    const home = plan.home[i];
    insert.add(
      i + 1, name.last, name.first, name.middle, birth, sex,
      `+79${nine}`, `89${nine}`, email, branches[home].city, address,
      source >= 0 ? ctx.sourceIds[source] : null, referral,
      rnd.chance(0.85) ? 1 : 0, email && rnd.chance(0.7) ? 1 : 0,
      rnd.chance(0.03) ? rnd.pick(COMMENTS) : null,
      ctx.branchIds[home], plan.createdAt[i], plan.createdAt[i],
    );
  }
  insert.flush();
}
