/**
 * The national-2017 resource rules written by hand in plain TypeScript, for the benchmark only: what a programmer
 * would write for this one rule set, with nothing generic. It reads the same loaded Dataset as the engine, compares
 * at 12 significant digits as the engine does, and gives each county's resource-area verdict. Missing data is
 * handled only as far as the synthetic nation needs (a unit with a missing input is undecided).
 */
import type { CountyData, DataRecord } from '../src/model/dataset.ts';

type Stage = 'primary' | 'junior';

/** 第五条（一）至（七）: per 100 students or per student, by stage. */
const RESOURCE: { input: string; per: number; primary: number; junior: number }[] = [
  { input: 'teachers_above_required_degree', per: 100, primary: 4.2, junior: 5.3 },
  { input: 'backbone_teachers', per: 100, primary: 1, junior: 1 },
  { input: 'pe_art_teachers', per: 100, primary: 0.9, junior: 0.9 },
  { input: 'teaching_area', per: 1, primary: 4.5, junior: 5.8 },
  { input: 'sports_area', per: 1, primary: 7.5, junior: 10.2 },
  { input: 'equipment_value', per: 1, primary: 2000, junior: 2500 },
  { input: 'multimedia_rooms', per: 100, primary: 2.3, junior: 2.4 },
];
const CV_LIMIT: Record<Stage, number> = { primary: 0.5, junior: 0.45 };

function round12(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(12));
}

function num(record: DataRecord, name: string): number | undefined {
  const value = record.values[name]?.value;
  return typeof value === 'number' ? value : undefined;
}

/** 'met' | 'not_met' | 'undecided' for the resource area of one county. */
export function plainResourceVerdict(county: CountyData): 'met' | 'not_met' | 'undecided' {
  let failed = false;
  let undecided = false;
  const cv = {
    primary: new Float64Array(RESOURCE.length * 3),
    junior: new Float64Array(RESOURCE.length * 3),
  };
  const values: { stage: Stage; students: number; x: Float64Array }[] = [];
  for (const unit of county.units) {
    const stage = unit.group as Stage;
    const students = num(unit, 'students');
    if ((stage !== 'primary' && stage !== 'junior') || students === undefined || students === 0) {
      undecided = true;
      continue;
    }
    let met = 0;
    let below = 0;
    let lacking = 0;
    const x = new Float64Array(RESOURCE.length);
    for (let i = 0; i < RESOURCE.length; i++) {
      const r = RESOURCE[i] as (typeof RESOURCE)[number];
      const amount = num(unit, r.input);
      if (amount === undefined) {
        lacking++;
        x[i] = NaN;
        continue;
      }
      const value = (amount * r.per) / students;
      x[i] = value;
      const v = round12(value);
      const bound = r[stage];
      if (v >= bound) met++;
      else if (v < round12(bound * 0.85)) below++;
    }
    if (below > 0) failed = true;
    else if (lacking > 0 && met + lacking >= 6) undecided = true;
    else if (met < 6) failed = true;
    values.push({ stage, students, x });
  }
  // Weighted CV per indicator and stage: X̄ = ΣPX/ΣP, S = √(ΣP(X−X̄)²/ΣP).
  for (const { stage, students, x } of values) {
    const acc = cv[stage];
    for (let i = 0; i < RESOURCE.length; i++) {
      acc[i * 3] = (acc[i * 3] as number) + students;
      acc[i * 3 + 1] = (acc[i * 3 + 1] as number) + students * (x[i] as number);
    }
  }
  const sq = { primary: new Float64Array(RESOURCE.length), junior: new Float64Array(RESOURCE.length) };
  for (const { stage, students, x } of values) {
    const acc = cv[stage];
    for (let i = 0; i < RESOURCE.length; i++) {
      const mean = (acc[i * 3 + 1] as number) / (acc[i * 3] as number);
      sq[stage][i] = (sq[stage][i] as number) + students * ((x[i] as number) - mean) ** 2;
    }
  }
  for (const stage of ['primary', 'junior'] as const) {
    const acc = cv[stage];
    for (let i = 0; i < RESOURCE.length; i++) {
      const total = acc[i * 3] as number;
      if (total === 0) continue;
      const mean = (acc[i * 3 + 1] as number) / total;
      const value = Math.sqrt((sq[stage][i] as number) / total) / mean;
      if (Number.isNaN(value)) undecided = true;
      else if (round12(value) > CV_LIMIT[stage]) failed = true;
    }
  }
  return failed ? 'not_met' : undecided ? 'undecided' : 'met';
}
