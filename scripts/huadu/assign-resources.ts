import { calibrate } from './calibrate.ts';
import type { PlannedSchool, PlannedUnit, Stage } from './plan-schools.ts';
import type { Random } from './random.ts';

/** One resource indicator as the report publishes it for both stages (三、（一）). */
export interface IndicatorTarget {
  input: string;
  /** 100 for "per 100 students", 1 for "per student". */
  scale: number;
  /** The smallest amount a unit holds (1 teacher, 1 m², 100 yuan, 0.1 room). */
  quantum: number;
  standard: Record<Stage, number>;
  /** Totals in the input's own unit, and the published CVs. */
  total: Record<Stage, number>;
  cv: Record<Stage, number>;
  /** Plausible upper bound of the ratio. */
  maxRatio: number;
  /** How much the unit's size (smaller → better provided per student) drives its place in the spread. */
  sizeEffect: number;
}

export interface UnitRow {
  school: PlannedSchool;
  unit: PlannedUnit;
  students: number;
  /** Amounts in quanta, by input. */
  amounts: Record<string, number>;
}

const EPS = 1e-9;

/**
 * Calibrates every resource indicator of every unit to the report: totals, published CVs (3 decimals), every unit
 * at or above the standard, except R3's units the report leaves within tolerance (85–100% of 0.9).
 * Teachers are whole; a one-stage school's multimedia rooms are whole, a through-school's are split to 0.1.
 */
export function assignResources(
  schools: PlannedSchool[],
  targets: IndicatorTarget[],
  tolerance: { input: string; count: Record<Stage, number> },
  random: Random,
): UnitRow[] {
  const rows: UnitRow[] = schools.flatMap((school) =>
    school.units.map((unit) => ({
      school,
      unit,
      students: unit.classes.reduce((s, c) => s + c.students, 0),
      amounts: {},
    })),
  );
  for (const stage of ['primary', 'junior'] as const) {
    const units = rows.filter((r) => r.unit.stage === stage);
    const p = units.map((u) => u.students);
    const median = [...p].sort((a, b) => a - b)[Math.floor(p.length / 2)] ?? 1;
    for (const target of targets) {
      const perQuantum = (ratio: number, students: number): number =>
        (ratio * students) / target.scale / target.quantum;
      const split = (u: UnitRow): boolean =>
        u.school.units.length > 1 ||
        u.school.type === 'complete_secondary' ||
        u.school.type === 'twelve_year';
      const steps = units.map((u) => (target.quantum < 1 && !split(u) ? Math.round(1 / target.quantum) : 1));
      const align = (q: number, step: number, up: boolean): number =>
        (up ? Math.ceil(q / step - EPS) : Math.floor(q / step + EPS)) * step;
      const min = units.map((u, i) =>
        align(perQuantum(target.standard[stage], u.students) - EPS, steps[i] ?? 1, true),
      );
      const cap = (u: UnitRow): number => {
        const teachers = u.amounts['teachers_above_required_degree'];
        if (target.input === 'backbone_teachers' && teachers !== undefined)
          return Math.floor(teachers * 0.85);
        if (target.input === 'pe_art_teachers' && teachers !== undefined) return Math.floor(teachers * 0.35);
        return perQuantum(target.maxRatio, u.students);
      };
      const max = units.map((u, i) => Math.max(min[i] ?? 0, align(cap(u), steps[i] ?? 1, false)));
      const fixed: (number | undefined)[] = units.map(() => undefined);
      if (target.input === tolerance.input) {
        const eligible = random.shuffle(
          units.map((u, i) => ({ u, i })).filter(({ u }) => u.students >= 800 && u.unit.role === 'regular'),
        );
        for (const { u, i } of eligible.slice(0, tolerance.count[stage])) {
          const lo = Math.ceil(perQuantum(0.85 * target.standard[stage], u.students) - EPS);
          const hi = Math.ceil(perQuantum(target.standard[stage], u.students) - EPS) - 1;
          fixed[i] = random.int(lo, hi);
        }
      }
      const score = units.map(
        (u) =>
          random.normal() * Math.sqrt(1 - target.sizeEffect ** 2) -
          target.sizeEffect * Math.log(u.students / median),
      );
      const amounts = calibrate({
        weights: p,
        total: Math.round(target.total[stage] / target.quantum),
        targetCv: target.cv[stage],
        min,
        max,
        steps,
        fixed,
        score,
        random,
      });
      units.forEach((u, i) => (u.amounts[target.input] = amounts[i] ?? 0));
    }
  }
  return rows;
}
