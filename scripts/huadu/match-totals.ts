import {
  CLASS_CAP,
  renumber,
  setClassCount,
  type PlannedSchool,
  type PlannedUnit,
  type Stage,
} from './plan-schools.ts';
import type { Random } from './random.ts';

export interface StageTotals {
  classes: number;
  students: number;
}

const REGULAR_CLASSES: Record<Stage, [number, number]> = { primary: [12, 36], junior: [9, 36] };

function schoolStudents(school: PlannedSchool): number {
  return school.units.reduce((s, u) => s + u.classes.reduce((t, c) => t + c.students, 0), 0);
}

/**
 * Sets the facts the report states about particular classes and schools, then matches the class and student totals
 * of each stage by adding or removing classes of regular units and moving class sizes by one pupil, within the class
 * caps and each school's size band (oversize schools stay over their cap, the others at or under it).
 */
export function matchTotals(
  schools: PlannedSchool[],
  totals: Record<Stage, StageTotals>,
  random: Random,
): void {
  const shigang = schools.find((s) => s.name === '石岗小学');
  const lantian = schools.find((s) => s.name === '赤坭镇蓝田小学');
  const bigJunior = schools.find((s) => s.type === 'junior' && s.units[0]?.role === 'oversize');
  if (shigang === undefined || lantian === undefined || bigJunior === undefined)
    throw new Error('named schools missing');
  // 石岗小学有 4 个班级学生数为 46 人
  for (const c of shigang.units[0]?.classes.filter((c) => c.grade === 1).slice(0, 4) ?? []) {
    c.students = 46;
    c.fixed = true;
  }
  // 初中有 3 个班级学生数为 54 人，均在八年级
  for (const c of bigJunior.units[0]?.classes.filter((c) => c.grade === 8).slice(0, 3) ?? []) {
    c.students = 54;
    c.fixed = true;
  }
  // 蓝田小学 共有学生 77 人
  lantian.units[0]?.classes.forEach((c, i) => {
    c.students = i === 0 ? 12 : 13;
    c.fixed = true;
  });

  for (const stage of ['primary', 'junior'] as const) {
    const units = schools.flatMap((s) =>
      s.units.filter((u) => u.stage === stage).map((u) => ({ school: s, unit: u })),
    );
    const regular = units.filter((x) => x.unit.role === 'regular' && !x.unit.classes.some((c) => c.fixed));
    let diff = totals[stage].classes - units.reduce((s, x) => s + x.unit.classes.length, 0);
    for (let guard = 0; diff !== 0 && guard < 100000; guard++) {
      const { school, unit } = random.pick(regular);
      const count = unit.classes.length;
      const [lo, hi] = REGULAR_CLASSES[stage];
      if (diff > 0 && count < hi && schoolStudents(school) + 46 <= school.cap) {
        setClassCount(unit, school, count + 1, random, [40, 44]);
        diff--;
      } else if (diff < 0 && count > lo) {
        setClassCount(unit, school, count - 1, random, [40, 44]);
        diff++;
      }
    }
    if (diff !== 0) throw new Error(`cannot match ${stage} classes`);

    const adjustable = units
      .filter((x) => x.unit.role !== 'fixed')
      .flatMap((x) => x.unit.classes.filter((c) => !c.fixed).map((c) => ({ ...x, c })));
    const unitTotal = (u: PlannedUnit): number => u.classes.reduce((s, c) => s + c.students, 0);
    let students = totals[stage].students - units.reduce((s, x) => s + unitTotal(x.unit), 0);
    for (let guard = 0; students !== 0 && guard < 2_000_000; guard++) {
      const { school, unit, c } = random.pick(adjustable);
      const total = schoolStudents(school);
      if (students > 0) {
        if (c.students >= CLASS_CAP[stage]) continue;
        if (unit.role !== 'oversize' && total + 1 > school.cap) continue;
        c.students++;
        students--;
      } else {
        const floor = unit.role === 'small' ? 20 : 30;
        if (c.students <= floor) continue;
        if (unit.role === 'oversize' && total - 1 <= school.cap + 30) continue;
        if (unit.role === 'small' && unitTotal(unit) - 1 < 100) continue;
        c.students--;
        students++;
      }
    }
    if (students !== 0) throw new Error(`cannot match ${stage} students`);
    for (const x of units) renumber(x.unit, x.school);
  }
}
