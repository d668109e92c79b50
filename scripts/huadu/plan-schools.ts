import type { Random } from './random.ts';

export type SchoolType =
  'primary' | 'teaching_point' | 'junior' | 'nine_year' | 'twelve_year' | 'complete_secondary';
export type Stage = 'primary' | 'junior';

export interface PlannedClass {
  id: string;
  name: string;
  stage: Stage;
  grade: number;
  students: number;
  /** Fixed by a fact of the report (石岗小学's 46, the grade-8 classes of 54): never adjusted. */
  fixed: boolean;
}

export interface PlannedUnit {
  id: string;
  name: string;
  stage: Stage;
  classes: PlannedClass[];
  /** Size band the generator keeps the unit in. */
  role: 'oversize' | 'regular' | 'small' | 'fixed';
}

export interface PlannedSchool {
  id: string;
  name: string;
  type: SchoolType;
  ownership: 'public' | 'private';
  location: 'urban' | 'town' | 'rural';
  village: boolean;
  units: PlannedUnit[];
  /** Compulsory-pupil cap of G4 for this school type (2000 or 2500). */
  cap: number;
}

/** The report's school counts (一、（二）): 196 schools by type and ownership. */
const COMPOSITION: { type: SchoolType; ownership: 'public' | 'private'; count: number }[] = [
  { type: 'primary', ownership: 'public', count: 114 },
  { type: 'primary', ownership: 'private', count: 20 },
  { type: 'teaching_point', ownership: 'public', count: 4 },
  { type: 'junior', ownership: 'public', count: 23 },
  { type: 'nine_year', ownership: 'public', count: 10 },
  { type: 'nine_year', ownership: 'private', count: 18 },
  { type: 'twelve_year', ownership: 'public', count: 1 },
  { type: 'complete_secondary', ownership: 'public', count: 5 },
  { type: 'complete_secondary', ownership: 'private', count: 1 },
];

const STAGES: Record<SchoolType, Stage[]> = {
  primary: ['primary'],
  teaching_point: ['primary'],
  junior: ['junior'],
  nine_year: ['primary', 'junior'],
  twelve_year: ['primary', 'junior'],
  complete_secondary: ['junior'],
};

export const CLASS_CAP: Record<Stage, number> = { primary: 45, junior: 50 };
const GRADES: Record<Stage, number[]> = { primary: [1, 2, 3, 4, 5, 6], junior: [7, 8, 9] };
const TYPE_NAME: Record<SchoolType, string> = {
  primary: '小学',
  teaching_point: '教学点',
  junior: '中学',
  nine_year: '学校',
  twelve_year: '学校',
  complete_secondary: '中学',
};

/** Classes per unit and class sizes: a starting plan, before the totals are matched. */
interface Band {
  classes: [number, number];
  size: [number, number];
}

export function planSchools(random: Random): PlannedSchool[] {
  const schools: PlannedSchool[] = [];
  let seq = 0;
  const counters: Partial<Record<string, number>> = {};
  for (const { type, ownership, count } of COMPOSITION) {
    for (let k = 0; k < count; k++) {
      seq++;
      const id = `HD${String(seq).padStart(3, '0')}`;
      const key = `${type}-${ownership}`;
      const n = (counters[key] = (counters[key] ?? 0) + 1);
      const name =
        type === 'twelve_year'
          ? '花都区十二年一贯制学校'
          : `花都区${ownership === 'private' ? '民办' : ''}第${n}${type === 'nine_year' ? '九年一贯制' : type === 'complete_secondary' ? '完全' : ''}${TYPE_NAME[type]}`;
      const location =
        type === 'teaching_point'
          ? 'rural'
          : random.pick(['urban', 'urban', 'town', 'town', 'rural'] as const);
      schools.push({
        id,
        name,
        type,
        ownership,
        location,
        village: false,
        units: [],
        cap: STAGES[type].length === 2 ? 2500 : 2000,
      });
    }
  }
  return schools;
}

/** The schools the report names, with what it says about them; and the oversize schools of G4. */
export function assignRoles(schools: PlannedSchool[], random: Random): void {
  const publicPrimary = schools.filter((s) => s.type === 'primary' && s.ownership === 'public');
  const [shigang, lantian, junwei, qixing] = publicPrimary;
  if (shigang === undefined || lantian === undefined || junwei === undefined || qixing === undefined)
    throw new Error('too few schools');
  shigang.name = '石岗小学';
  shigang.location = 'urban';
  lantian.name = '赤坭镇蓝田小学';
  lantian.location = 'rural';
  lantian.village = true;
  junwei.name = '骏威小学';
  qixing.name = '花东镇七星小学';
  qixing.location = 'town';
  for (const s of schools) if (s.type === 'teaching_point') s.village = true;
  // Small rural schools (村小学, ≥ 100 pupils: the report names 蓝田小学 as the only one under 100).
  for (const s of publicPrimary.slice(4, 34)) {
    s.location = 'rural';
    s.village = true;
  }
  void random;
}

function band(
  school: PlannedSchool,
  stage: Stage,
  index: { oversize: Set<string> },
): Band & { role: PlannedUnit['role'] } {
  const big = index.oversize.has(school.id);
  if (school.name === '赤坭镇蓝田小学') return { classes: [6, 6], size: [12, 14], role: 'fixed' };
  if (school.type === 'teaching_point') return { classes: [4, 4], size: [28, 36], role: 'small' };
  if (school.village) return { classes: [6, 12], size: [24, 36], role: 'small' };
  if (stage === 'primary') {
    if (big && school.type === 'primary') return { classes: [48, 52], size: [43, 44], role: 'oversize' };
    if (big) return { classes: [40, 42], size: [43, 44], role: 'oversize' };
    if (school.type === 'nine_year' || school.type === 'twelve_year')
      return { classes: [12, 30], size: [38, 44], role: 'regular' };
    return { classes: [18, 36], size: [39, 44], role: 'regular' };
  }
  if (big && school.type === 'junior') return { classes: [43, 44], size: [48, 49], role: 'oversize' };
  if (big) return { classes: [24, 24], size: [46, 48], role: 'oversize' };
  if (school.type === 'nine_year') return { classes: [9, 21], size: [42, 48], role: 'regular' };
  return { classes: [18, 36], size: [42, 48], role: 'regular' };
}

/** Builds units and classes with a first guess of class sizes. */
export function planUnits(schools: PlannedSchool[], random: Random): void {
  const oversize = new Set<string>([
    ...schools
      .filter((s) => s.type === 'primary' && s.ownership === 'public')
      .slice(34, 42)
      .map((s) => s.id),
    ...schools
      .filter((s) => s.type === 'junior')
      .slice(0, 3)
      .map((s) => s.id),
    ...random
      .shuffle(schools.filter((s) => s.type === 'nine_year'))
      .slice(0, 6)
      .map((s) => s.id),
  ]);
  for (const school of schools) {
    for (const stage of STAGES[school.type]) {
      const b = band(school, stage, { oversize });
      const count = random.int(b.classes[0], b.classes[1]);
      const unit: PlannedUnit = {
        id: `${school.id}-${stage === 'primary' ? 'P' : 'J'}`,
        name:
          STAGES[school.type].length === 2 || school.type === 'complete_secondary'
            ? `${school.name}（${stage === 'primary' ? '小学部' : '初中部'}）`
            : school.name,
        stage,
        classes: [],
        role: b.role,
      };
      setClassCount(unit, school, count, random, b.size);
      school.units.push(unit);
    }
  }
}

/** Rebuilds a unit's classes for a class count: spread over the grades, numbered per grade. */
export function setClassCount(
  unit: PlannedUnit,
  school: PlannedSchool,
  count: number,
  random: Random,
  size: [number, number],
): void {
  const grades = GRADES[unit.stage];
  const old = unit.classes;
  unit.classes = [];
  for (let i = 0; i < count; i++) {
    const grade = grades[i % grades.length] as number;
    const previous = old[i];
    unit.classes.push({
      id: '',
      name: '',
      stage: unit.stage,
      grade,
      students: previous?.students ?? random.int(size[0], size[1]),
      fixed: previous?.fixed ?? false,
    });
  }
  renumber(unit, school);
}

export function renumber(unit: PlannedUnit, school: PlannedSchool): void {
  unit.classes.sort((a, b) => a.grade - b.grade);
  const perGrade = new Map<number, number>();
  for (const c of unit.classes) {
    const n = (perGrade.get(c.grade) ?? 0) + 1;
    perGrade.set(c.grade, n);
    c.id = `${school.id}-${c.grade}-${String(n).padStart(2, '0')}`;
    c.name = `${school.name}${gradeName(c.grade)}（${n}）班`;
  }
}

function gradeName(grade: number): string {
  return (
    ['', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'][grade] ??
    `${grade}年级`
  );
}
