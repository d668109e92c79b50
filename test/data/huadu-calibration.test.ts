import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import type { CountyData, DataRecord } from '../../src/model/index.ts';
import { generateHuadu } from '../../scripts/generate-huadu.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const DIR = fileURLToPath(new URL('../../data/huadu-2024', import.meta.url));
let county: CountyData;

const num = (r: DataRecord, name: string): number => {
  const v = r.values[name]?.value;
  if (typeof v !== 'number') throw new Error(`${r.key}: ${name} is ${String(v)}`);
  return v;
};
const str = (r: DataRecord, name: string): string | undefined => {
  const v = r.values[name]?.value;
  return typeof v === 'string' ? v : undefined;
};
const units = (stage: string): DataRecord[] => county.units.filter((u) => u.group === stage);
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

/** Student-weighted CV, written out here again so that the test does not trust the generator's own. */
function cv(rows: DataRecord[], input: string): number {
  const p = rows.map((u) => num(u, 'students'));
  const x = rows.map((u) => num(u, input) / num(u, 'students'));
  const P = sum(p);
  const mean = sum(p.map((pi, i) => pi * (x[i] ?? 0))) / P;
  return Math.sqrt(sum(p.map((pi, i) => pi * ((x[i] ?? 0) - mean) ** 2)) / P) / mean;
}

beforeAll(async () => {
  const { dataset, problems } = await loadDataset(DIR, loadTestDictionary());
  expect(problems).toEqual([]);
  if (dataset?.counties[0] === undefined) throw new Error('no county');
  county = dataset.counties[0];
});

describe('Huadu 2024 synthetic tables match the report', () => {
  it.each([
    { type: 'primary', ownership: 'public', count: 114 },
    { type: 'primary', ownership: 'private', count: 20 },
    { type: 'teaching_point', ownership: 'public', count: 4 },
    { type: 'junior', ownership: 'public', count: 23 },
    { type: 'nine_year', ownership: 'public', count: 10 },
    { type: 'nine_year', ownership: 'private', count: 18 },
    { type: 'twelve_year', ownership: 'public', count: 1 },
    { type: 'complete_secondary', ownership: 'public', count: 5 },
    { type: 'complete_secondary', ownership: 'private', count: 1 },
  ])('has $count $ownership $type schools', ({ type, ownership, count }) => {
    expect(county.schools).toHaveLength(196);
    expect(county.schools.filter((s) => str(s, 'school_type') === type && str(s, 'ownership') === ownership)).toHaveLength(count);
  });

  it.each([
    { stage: 'primary', units: 167, classes: 3890, students: 157296 },
    { stage: 'junior', units: 58, classes: 1295, students: 57780 },
  ])('has $units $stage units, $classes classes and $students students', (row) => {
    expect(units(row.stage)).toHaveLength(row.units);
    expect(county.classes.filter((c) => c.group === row.stage)).toHaveLength(row.classes);
    expect(sum(units(row.stage).map((u) => num(u, 'students')))).toBe(row.students);
    expect(sum(county.classes.filter((c) => c.group === row.stage).map((c) => num(c, 'class_students')))).toBe(row.students);
  });

  it('keeps schools, units and classes consistent with one another', () => {
    for (const school of county.schools) {
      const own = county.units.filter((u) => u.parentKey === school.key);
      const classes = county.classes.filter((c) => c.parentKey === school.key);
      expect(num(school, 'school_students')).toBe(sum(own.map((u) => num(u, 'students'))));
      expect(num(school, 'school_classes')).toBe(classes.length);
      for (const unit of own) {
        const mine = classes.filter((c) => c.group === unit.group);
        expect(sum(mine.map((c) => num(c, 'class_students')))).toBe(num(unit, 'students'));
      }
      const stages = own.map((u) => u.group).sort();
      const type = str(school, 'school_type');
      const expected = type === 'nine_year' || type === 'twelve_year' ? ['junior', 'primary'] : type === 'primary' || type === 'teaching_point' ? ['primary'] : ['junior'];
      expect(stages).toEqual(expected);
    }
  });

  // 三、（一）: totals, county ratios (2 decimals), student-weighted CVs (3 decimals), units meeting the standard.
  it.each([
    { input: 'teachers_above_required_degree', stage: 'primary', total: 8429, ratio: '5.36', scale: 100, cv: '0.139', standard: 4.2, met: 167 },
    { input: 'teachers_above_required_degree', stage: 'junior', total: 4067, ratio: '7.04', scale: 100, cv: '0.123', standard: 5.3, met: 58 },
    { input: 'backbone_teachers', stage: 'primary', total: 2774, ratio: '1.76', scale: 100, cv: '0.415', standard: 1, met: 167 },
    { input: 'backbone_teachers', stage: 'junior', total: 1231, ratio: '2.13', scale: 100, cv: '0.438', standard: 1, met: 58 },
    { input: 'pe_art_teachers', stage: 'primary', total: 1595, ratio: '1.01', scale: 100, cv: '0.157', standard: 0.9, met: 164 },
    { input: 'pe_art_teachers', stage: 'junior', total: 575, ratio: '1.00', scale: 100, cv: '0.134', standard: 0.9, met: 57 },
    { input: 'teaching_area', stage: 'primary', total: 946074, ratio: '6.01', scale: 1, cv: '0.446', standard: 4.5, met: 167 },
    { input: 'teaching_area', stage: 'junior', total: 480919, ratio: '8.32', scale: 1, cv: '0.384', standard: 5.8, met: 58 },
    { input: 'sports_area', stage: 'primary', total: 1673514, ratio: '10.64', scale: 1, cv: '0.438', standard: 7.5, met: 167 },
    { input: 'sports_area', stage: 'junior', total: 810382, ratio: '14.03', scale: 1, cv: '0.390', standard: 10.2, met: 58 },
    // The report's per-student equipment values (2534.79, 3361.32) do not follow from its totals rounded to 万元
    // (398710000 / 157296 = 2534.78, 194220000 / 57780 = 3361.37): the totals are the calibration target.
    { input: 'equipment_value', stage: 'primary', total: 398710000, ratio: undefined, scale: 1, cv: '0.247', standard: 2000, met: 167 },
    { input: 'equipment_value', stage: 'junior', total: 194220000, ratio: undefined, scale: 1, cv: '0.323', standard: 2500, met: 58 },
    { input: 'multimedia_rooms', stage: 'primary', total: 5628.6, ratio: '3.58', scale: 100, cv: '0.354', standard: 2.3, met: 167 },
    { input: 'multimedia_rooms', stage: 'junior', total: 2054.3, ratio: '3.56', scale: 100, cv: '0.348', standard: 2.4, met: 58 },
  ])('$input, $stage: total $total, CV $cv, $met units at the standard', (row) => {
    const rows = units(row.stage);
    const total = sum(rows.map((u) => num(u, row.input)));
    expect(total).toBeCloseTo(row.total, 6);
    if (row.ratio !== undefined) {
      expect(((total / sum(rows.map((u) => num(u, 'students')))) * row.scale).toFixed(2)).toBe(row.ratio);
    }
    expect(cv(rows, row.input).toFixed(3)).toBe(row.cv);
    const values = rows.map((u) => (num(u, row.input) / num(u, 'students')) * row.scale);
    expect(values.filter((v) => v >= row.standard)).toHaveLength(row.met);
    // 余项不能低于要求的85%: the units below the standard are within tolerance.
    for (const v of values.filter((v) => v < row.standard)) expect(v).toBeGreaterThanOrEqual(0.85 * row.standard);
  });

  it('has plausible teacher counts: whole teachers, backbone and PE/art teachers among those above the degree', () => {
    for (const unit of county.units) {
      const teachers = num(unit, 'teachers_above_required_degree');
      for (const input of ['teachers_above_required_degree', 'backbone_teachers', 'pe_art_teachers']) {
        expect(Number.isInteger(num(unit, input))).toBe(true);
      }
      expect(num(unit, 'backbone_teachers')).toBeLessThanOrEqual(teachers);
      expect(num(unit, 'pe_art_teachers')).toBeLessThanOrEqual(teachers);
      expect((teachers / num(unit, 'students')) * 100).toBeLessThanOrEqual(14);
    }
  });

  it('has the report’s oversize schools (G4) and no others', () => {
    const size = (s: DataRecord): number => num(s, 'school_students');
    const of = (type: string): DataRecord[] => county.schools.filter((s) => str(s, 'school_type') === type);
    expect(of('primary').filter((s) => size(s) > 2000)).toHaveLength(8);
    expect(of('junior').filter((s) => size(s) > 2000)).toHaveLength(3);
    expect(of('nine_year').filter((s) => size(s) > 2500)).toHaveLength(6);
    for (const type of ['teaching_point', 'complete_secondary']) expect(of(type).filter((s) => size(s) > 2000)).toHaveLength(0);
    expect(of('twelve_year').filter((s) => size(s) > 2500)).toHaveLength(0);
  });

  it('has 石岗小学’s 4 classes of 46 and 3 grade-8 classes of 54 as the only oversize classes (G5)', () => {
    const shigang = county.schools.find((s) => s.name === '石岗小学');
    const over = county.classes.filter((c) => num(c, 'class_students') > (c.group === 'primary' ? 45 : 50));
    expect(over.filter((c) => c.group === 'primary').map((c) => [c.parentKey, num(c, 'class_students')])).toEqual(
      Array.from({ length: 4 }, () => [shigang?.key, 46]),
    );
    expect(over.filter((c) => c.group === 'junior').map((c) => [num(c, 'grade'), num(c, 'class_students')])).toEqual(
      Array.from({ length: 3 }, () => [8, 54]),
    );
    expect(str(shigang as DataRecord, 'location')).toBe('urban');
  });

  it('has 蓝田小学 as the only village school under 100 pupils, funded as 100 (G6)', () => {
    const small = county.schools.filter((s) => s.values['is_village_school']?.value === true && num(s, 'school_students') < 100);
    expect(small.map((s) => [s.name, num(s, 'school_students'), num(s, 'funding_basis_students')])).toEqual([['赤坭镇蓝田小学', 77, 100]]);
  });

  it('has 24 schools built after 2016 with room areas, 167 built before without, the other 5 in 2016 (G3)', () => {
    const year = (s: DataRecord): number => num(s, 'built_year');
    const after = county.schools.filter((s) => year(s) > 2016);
    expect(after).toHaveLength(24);
    for (const s of after) {
      expect(num(s, 'min_music_room_area')).toBeGreaterThanOrEqual(96);
      expect(num(s, 'min_art_room_area')).toBeGreaterThanOrEqual(90);
    }
    expect(county.schools.filter((s) => year(s) < 2016)).toHaveLength(167);
    expect(county.schools.filter((s) => year(s) === 2016)).toHaveLength(5);
    for (const s of county.schools.filter((s) => year(s) <= 2016)) {
      expect(s.values['min_music_room_area']).toBeUndefined();
      expect(s.values['min_art_room_area']).toBeUndefined();
    }
  });

  it('has 576 music and 567 art rooms, at least one of each per 12 classes in every school (G3)', () => {
    expect(sum(county.schools.map((s) => num(s, 'music_rooms')))).toBe(576);
    expect(sum(county.schools.map((s) => num(s, 'art_rooms')))).toBe(567);
    expect(sum(county.schools.map((s) => num(s, 'school_classes')))).toBe(5185);
    for (const s of county.schools) {
      expect((num(s, 'music_rooms') * 12) / num(s, 'school_classes')).toBeGreaterThanOrEqual(1);
      expect((num(s, 'art_rooms') * 12) / num(s, 'school_classes')).toBeGreaterThanOrEqual(1);
    }
  });

  it('has training funds of 47,862,200 of a 716,587,300 yuan budget, at least 5% in every school (Q4)', () => {
    expect(sum(county.schools.map((s) => num(s, 'teacher_training_funds')))).toBe(47862200);
    expect(sum(county.schools.map((s) => num(s, 'public_funds_budget')))).toBe(716587300);
    for (const s of county.schools) expect(num(s, 'teacher_training_funds') / num(s, 'public_funds_budget')).toBeGreaterThanOrEqual(0.05);
  });

  it('regenerates byte-identical tables from the committed script', async () => {
    const out = await mkdtemp(join(tmpdir(), 'huadu-'));
    try {
      await generateHuadu(out);
      for (const name of ['schools.csv', 'units.csv', 'classes.csv']) {
        expect((await readFile(join(out, name))).equals(await readFile(join(DIR, name)))).toBe(true);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
