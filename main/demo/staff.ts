// Doctors of the demo clinic and their working hours: who is hired when, who
// leaves, weekday shifts, every other Saturday, a duty doctor on Sundays and
// holidays where the branch opens then, and two vacations a year.
import { Calendar, DayMode } from './calendar';
import { BRANCHES, SPEC, STAFFING, type BranchDef } from './catalog';
import { personName, translit, type Sex } from './names';
import type { Random } from './random';
import type { ClinicSize } from './generate';

export interface Doctor {
  /** Database id, set once inserted. */
  id: number;
  branch: number;
  spec: number;
  /** First working day. */
  hired: number;
  /** First day no longer working (calendar length when the doctor stays). */
  left: number;
  fullDay: boolean;
  /** Weekday (1–5) off in the weeks the doctor works on Saturday (small clinic). */
  offDay: number;
  sex: Sex;
  fullName: string;
  login: string;
}

/** Day a branch opens (0 for those open from the start). */
export function branchOpens(branch: BranchDef): number {
  return Math.round((branch.opensAfterYears ?? 0) * 365.25);
}

export function planDoctors(rnd: Random, size: ClinicSize, cal: Calendar): Doctor[] {
  const doctors: Doctor[] = [];
  const logins = new Set<string>();
  const hire = (branch: number, spec: number, hired: number): Doctor => {
    const sex: Sex = rnd.chance(0.6) ? 'female' : 'male';
    const name = personName(rnd, sex);
    const base = `${translit(name.last)}.${translit(name.first)[0]}${translit(name.middle)[0]}`;
    let login = base;
    for (let n = 2; logins.has(login); n++) login = `${base}${n}`;
    logins.add(login);
    const doctor: Doctor = {
      id: 0, branch, spec, hired: Math.min(hired, cal.untilIdx - 90), left: cal.days,
      fullDay: rnd.chance(size === 'large' ? 0.9 : 0.4), offDay: rnd.int(1, 5),
      sex, fullName: `${name.last} ${name.first} ${name.middle}`, login,
    };
    doctors.push(doctor);
    return doctor;
  };
  BRANCHES[size].forEach((branch, b) => {
    const opens = branchOpens(branch);
    STAFFING[size][b].forEach((count, spec) => {
      for (let k = 0; k < count; k++) {
        // In a grown clinic the second and later doctor of a specialty may join later.
        const late = size === 'large' && k > 0 && rnd.chance(0.45);
        hire(b, spec, late ? opens + rnd.int(1, 6) * 365 + rnd.int(0, 200) : opens);
      }
    });
  });
  if (size === 'large') {
    // A therapist who was there from the start leaves; a new one comes a few weeks later.
    const candidates = doctors.filter((d) => d.hired === 0 && d.spec === SPEC.therapist);
    const leaver = candidates[rnd.int(0, candidates.length - 1)];
    leaver.left = rnd.int(Math.floor(cal.untilIdx * 0.4), Math.floor(cal.untilIdx * 0.8));
    hire(leaver.branch, leaver.spec, leaver.left + rnd.int(14, 45));
  }
  return doctors;
}

/** Encoded shift of a doctor on a day: startSlot * 32 + endSlot, 0 when off. */
export function shiftStart(shift: number): number {
  return shift >> 5;
}
export function shiftEnd(shift: number): number {
  return shift & 31;
}
const shift = (from: number, to: number) => from * 32 + to;
const FULL = shift(2, 24); // 09:00–20:00
// Some 850,000 appointments in ten years for thirty doctors on a 30-minute
// grid need long days: in the large clinic a "doctor" is closer to a chair
// kept busy 08:00–21:00 on weekdays and 09:00–17:00 on Saturdays.
const LONG = shift(0, 26);
const MORNING = shift(0, 14); // 08:00–15:00
const EVENING = shift(12, 26); // 14:00–21:00
const SATURDAY = shift(2, 14); // 09:00–15:00
const LONG_SATURDAY = shift(2, 18); // 09:00–17:00
const DUTY = shift(4, 14); // 10:00–15:00

/** Shifts of every doctor on every day, indexed doctor * cal.days + day. */
export function shiftTable(rnd: Random, doctors: Doctor[], cal: Calendar, size: ClinicSize): Uint16Array {
  const days = cal.days;
  const table = new Uint16Array(doctors.length * days);
  const vacation = new Uint8Array(doctors.length * days);
  const firstYear = cal.yearOf(0);
  const lastYear = cal.yearOf(days - 1);
  doctors.forEach((doc, i) => {
    for (let y = firstYear; y <= lastYear; y++) {
      const blocks: Array<[number, number]> = [
        [cal.indexOf(y, 6, 1) + rnd.int(0, 75), 14],
        [cal.indexOf(y, 2, 1) + rnd.int(0, 60), 7],
      ];
      for (const [from, len] of blocks) {
        for (let d = Math.max(from, 0); d < Math.min(from + len, days); d++) vacation[i * days + d] = 1;
      }
    }
    for (let d = Math.max(doc.hired, 0); d < Math.min(doc.left, days); d++) {
      if (vacation[i * days + d] || cal.mode[d] !== DayMode.Normal) continue;
      const week = Math.floor(d / 7);
      const saturdayWeek = (week + i) % 2 === 0;
      const wd = cal.weekday[d];
      let s = 0;
      if (wd === 6) s = size === 'large' ? LONG_SATURDAY : saturdayWeek ? SATURDAY : 0;
      else if (size === 'large') s = doc.fullDay ? LONG : (week + i) % 2 ? MORNING : EVENING;
      else if (!(saturdayWeek && wd === doc.offDay)) s = doc.fullDay ? FULL : (week + i) % 2 ? MORNING : EVENING;
      table[i * days + d] = s;
    }
  });
  // A therapist and a surgeon on duty on Sundays and holidays, in rotation.
  const branches = BRANCHES[size];
  for (let d = 0; d < days; d++) {
    if (cal.mode[d] !== DayMode.Duty) continue;
    const week = Math.floor(d / 7);
    branches.forEach((branch, b) => {
      if (!branch.sundays) return;
      for (const spec of [SPEC.therapist, SPEC.surgeon]) {
        const onDuty: number[] = [];
        doctors.forEach((doc, i) => {
          if (doc.branch === b && doc.spec === spec && doc.hired <= d && d < doc.left && !vacation[i * days + d]) onDuty.push(i);
        });
        if (onDuty.length > 0) table[onDuty[week % onDuty.length] * days + d] = DUTY;
      }
    });
  }
  return table;
}
