/**
 * A seeded synthetic nation for the benchmark and the scale tests: about 2,900 counties with about 230,000 schools
 * and teaching points, 250,000 school units and their classes, written as a real dataset folder (dataset.yaml, a
 * counties.csv of the counties' own inputs and attestations, and three CSV tables with `county_id`). The figures are plausible, not real: most units meet the
 * national-2017 resource standards with room to spare, a few fall within the 85% tolerance, fewer below it; some
 * counties miss a county-level requirement or await their monitoring result, so every county verdict occurs.
 *
 * The national-2017 thresholds written here are the generator's own knowledge, used to put values near the bounds;
 * the engine never sees them (it reads the rule files).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** mulberry32: a small, fast, seeded generator, so that every run makes the same nation. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NationOptions {
  seed: number;
  /** 1 is the whole nation (2,900 counties); 0.01 is 29 counties. */
  scale: number;
  /** Write the classes table (about 15 classes per unit). Default true. */
  classes?: boolean;
  /**
   * County ids shaped as six-digit division codes spread over the 31 provincial codes (110001, 120001, …), so that
   * a results store partitions by province; `C0001`, `C0002` … otherwise.
   */
  divisionCodes?: boolean;
  /**
   * Where the counties' own part is written: `table` (default), a counties.csv with one row per county (its inputs
   * and attestations as columns); `yaml`, a `counties:` section per county in dataset.yaml.
   */
  counties?: 'table' | 'yaml';
}

/** The 31 provincial division codes (first two digits), for `divisionCodes`. */
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
];

function countyIdOf(c: number, divisionCodes: boolean): string {
  if (!divisionCodes) return `C${String(c).padStart(4, '0')}`;
  const province = PROVINCES[(c - 1) % PROVINCES.length] as number;
  return `${province}${String(Math.floor((c - 1) / PROVINCES.length) + 1).padStart(4, '0')}`;
}

export interface NationSize {
  counties: number;
  schools: number;
  units: number;
  classes: number;
  bytes: number;
}

const NATION_COUNTIES = 2900;

/** Per 100 students or per student, by stage: the national-2017 standards the generator aims around. */
const STANDARDS = {
  teachers_above_required_degree: { per: 100, primary: 4.2, junior: 5.3 },
  backbone_teachers: { per: 100, primary: 1, junior: 1 },
  pe_art_teachers: { per: 100, primary: 0.9, junior: 0.9 },
  teaching_area: { per: 1, primary: 4.5, junior: 5.8 },
  sports_area: { per: 1, primary: 7.5, junior: 10.2 },
  equipment_value: { per: 1, primary: 2000, junior: 2500 },
  multimedia_rooms: { per: 100, primary: 2.3, junior: 2.4 },
} as const;

const RESOURCE_INPUTS = Object.keys(STANDARDS) as (keyof typeof STANDARDS)[];
/** Inputs counted in whole people or rooms. */
const WHOLE = new Set([
  'teachers_above_required_degree',
  'backbone_teachers',
  'pe_art_teachers',
  'multimedia_rooms',
]);

const SCHOOL_TYPES: [string, number][] = [
  ['teaching_point', 0.2],
  ['primary', 0.5],
  ['junior', 0.2],
  ['nine_year', 0.09],
  ['twelve_year', 0.01],
];

interface CountySection {
  inputs: Record<string, unknown>;
  attestations: Record<string, unknown>;
}

/** The compliant county of the national-2017 cases (`_base.yaml`): every county starts from it. */
async function baseCounty(): Promise<CountySection> {
  const text = await readFile(new URL('../rules/national-2017/cases/_base.yaml', import.meta.url), 'utf8');
  const doc = parse(text) as { county: CountySection };
  return { inputs: doc.county.inputs, attestations: doc.county.attestations };
}

function pick<T>(random: () => number, table: [T, number][]): T {
  let r = random();
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return (table[table.length - 1] as [T, number])[0];
}

function between(random: () => number, lo: number, hi: number): number {
  return Math.round(lo + random() * (hi - lo));
}

/** Skewed towards `lo`, as school sizes are: many small schools, a few large ones. */
function skewed(random: () => number, lo: number, hi: number): number {
  const r = random();
  return Math.round(lo + r * r * (hi - lo));
}

/**
 * A unit's share of a standard: mostly comfortably above, sometimes within tolerance, and in a weak county rarely
 * below 85%.
 */
function shareOfStandard(random: () => number, weak: boolean): number {
  const r = random();
  if (r < 0.012) return weak ? 0.6 + random() * 0.25 : 1.1;
  if (r < 0.04) return 0.85 + random() * 0.15;
  if (r < 0.045) return 1;
  return 1.02 + random() * 0.7;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV table written in large chunks. */
class CsvSink {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;
  rows = 0;
  constructor(
    private readonly stream: WriteStream,
    private readonly columns: string[],
  ) {
    this.push(columns.join(','));
  }
  private push(line: string): void {
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size > 1 << 20) this.flushSync();
  }
  row(values: Record<string, unknown>): void {
    this.rows++;
    this.push(this.columns.map((c) => csvField(values[c])).join(','));
  }
  private flushSync(): void {
    const chunk = `${this.buffer.join('\n')}\n`;
    this.bytes += Buffer.byteLength(chunk);
    this.stream.write(chunk);
    this.buffer = [];
    this.size = 0;
  }
  async close(): Promise<void> {
    if (this.buffer.length > 0) this.flushSync();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
  }
}

const SCHOOL_COLUMNS = [
  'county_id',
  'school_id',
  'school_name',
  'school_type',
  'ownership',
  'location',
  'is_village_school',
  'built_year',
  'school_students',
  'school_classes',
  'music_rooms',
  'art_rooms',
  'min_music_room_area',
  'min_art_room_area',
  'funding_basis_students',
  'teacher_training_funds',
  'public_funds_budget',
  'has_charter',
  'it_in_management',
];
const UNIT_COLUMNS = [
  'county_id',
  'unit_id',
  'school_id',
  'unit_name',
  'stage',
  'students',
  ...RESOURCE_INPUTS,
];
const CLASS_COLUMNS = [
  'county_id',
  'class_id',
  'school_id',
  'class_name',
  'class_stage',
  'grade',
  'class_students',
];

/** YAML flow text of a plain value (JSON is YAML, and flow mappings parse faster than block ones). */
function flow(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Writes the synthetic nation into `dir` (replacing it) and returns its size. Counties are written in order, and
 * every table row carries its county id.
 */
export async function writeNation(dir: string, options: NationOptions): Promise<NationSize> {
  const random = seededRandom(options.seed);
  const withClasses = options.classes !== false;
  const base = await baseCounty();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const schools = new CsvSink(createWriteStream(join(dir, 'schools.csv')), SCHOOL_COLUMNS);
  const units = new CsvSink(createWriteStream(join(dir, 'units.csv')), UNIT_COLUMNS);
  const classes = withClasses
    ? new CsvSink(createWriteStream(join(dir, 'classes.csv')), CLASS_COLUMNS)
    : undefined;
  const counties = Math.max(1, Math.round(NATION_COUNTIES * options.scale));
  const asTable = options.counties !== 'yaml';
  const inputNames = Object.keys(base.inputs);
  const attestationNames = Object.keys(base.attestations);
  const countyTable = asTable
    ? new CsvSink(createWriteStream(join(dir, 'counties.csv')), [
        'county_id',
        'county_name',
        ...inputNames,
        ...attestationNames.flatMap((name) => [name, `${name}_evidence`]),
      ])
    : undefined;
  const yaml: string[] = [
    '# Synthetic nation for the junheng benchmark (bench/synthetic-nation.ts). Not real data.',
    `id: synthetic-nation-${options.seed}-${options.scale}`,
    `title: 合成全国数据（基准测试用，seed ${options.seed}，scale ${options.scale}）`,
    'synthetic: true',
    `provenance: generated by bench/synthetic-nation.ts with seed ${options.seed} and scale ${options.scale}`,
    'tables:',
    ...(asTable ? ['  counties: counties.csv'] : []),
    '  schools: schools.csv',
    '  units: units.csv',
    ...(withClasses ? ['  classes: classes.csv'] : []),
    ...(asTable ? [] : ['counties:']),
  ];
  for (let c = 1; c <= counties; c++) {
    const countyId = countyIdOf(c, options.divisionCodes === true);
    const inputs: Record<string, unknown> = { ...base.inputs };
    const attestations: Record<string, unknown> = { ...base.attestations };
    // Some counties miss a county-level requirement, some await their monitoring result.
    // A weak county has units below 85% of a standard, oversized classes, too few rooms; the others do not.
    const weak = random() < 0.3;
    const r = random();
    if (r < 0.05) inputs['teacher_avg_pay'] = 7800;
    else if (r < 0.08) delete inputs['monitoring_difference_rate'];
    else if (r < 0.1) attestations['layout_planning'] = { attested: false, evidence: [] };
    if (countyTable) {
      const row: Record<string, unknown> = {
        county_id: countyId,
        county_name: `合成县${countyId}`,
        ...inputs,
      };
      for (const [name, value] of Object.entries(attestations)) {
        const { attested, evidence } = value as { attested: boolean; evidence: string[] };
        row[name] = attested;
        row[`${name}_evidence`] = evidence.join('；');
      }
      countyTable.row(row);
    } else {
      yaml.push(`  - county_id: "${countyId}"`);
      yaml.push(`    county_name: 合成县${countyId}`);
      yaml.push(`    inputs: ${flow(inputs)}`);
      yaml.push(`    attestations: ${flow(attestations)}`);
    }
    const schoolCount = between(random, 25, 135);
    for (let s = 1; s <= schoolCount; s++) {
      const schoolId = `${countyId}-S${String(s).padStart(3, '0')}`;
      const type = pick(random, SCHOOL_TYPES);
      const stages: { stage: 'primary' | 'junior'; students: number }[] =
        type === 'teaching_point'
          ? [{ stage: 'primary', students: between(random, 8, 99) }]
          : type === 'primary'
            ? [{ stage: 'primary', students: skewed(random, 100, 2000) }]
            : type === 'junior'
              ? [{ stage: 'junior', students: skewed(random, 150, 2000) }]
              : [
                  { stage: 'primary', students: skewed(random, 200, 1300) },
                  { stage: 'junior', students: skewed(random, 150, 1000) },
                ];
      const village = type === 'teaching_point' || (type === 'primary' && random() < 0.25);
      let schoolStudents = 0;
      let schoolClasses = 0;
      let classNo = 0;
      for (const { stage, students } of stages) {
        const unitId = `${schoolId}-${stage === 'primary' ? 'P' : 'J'}`;
        schoolStudents += students;
        const row: Record<string, unknown> = {
          county_id: countyId,
          unit_id: unitId,
          school_id: schoolId,
          unit_name: `${schoolId}${stage === 'primary' ? '小学部' : '初中部'}`,
          stage,
          students,
        };
        for (const name of RESOURCE_INPUTS) {
          const standard = STANDARDS[name];
          const exact = (shareOfStandard(random, weak) * standard[stage] * students) / standard.per;
          row[name] = WHOLE.has(name) ? Math.ceil(exact) : Math.ceil(exact * 10) / 10;
        }
        if (weak && random() < 0.002) row['backbone_teachers'] = null;
        units.row(row);
        const limit = stage === 'primary' ? 45 : 50;
        const perClass = type === 'teaching_point' ? 30 : limit - 6;
        const classCount = Math.max(1, Math.ceil(students / perClass));
        schoolClasses += classCount;
        if (classes) {
          let left = students;
          for (let k = 0; k < classCount; k++) {
            classNo++;
            const size = Math.ceil(left / (classCount - k));
            left -= size;
            classes.row({
              county_id: countyId,
              class_id: `${schoolId}-${String(classNo).padStart(3, '0')}`,
              school_id: schoolId,
              class_name: `${classNo}班`,
              class_stage: stage,
              grade: stage === 'primary' ? 1 + (k % 6) : 7 + (k % 3),
              class_students: weak && random() < 0.004 ? limit + between(random, 1, 8) : size,
            });
          }
        }
      }
      const roomsFor = (share: number) => Math.max(1, Math.ceil((schoolClasses / 12) * share));
      schools.row({
        county_id: countyId,
        school_id: schoolId,
        school_name: `${schoolId}学校`,
        school_type: type,
        ownership: 'public',
        location: village ? 'rural' : random() < 0.5 ? 'urban' : 'town',
        is_village_school: village,
        built_year: between(random, 1960, 2023),
        school_students: schoolStudents,
        school_classes: schoolClasses,
        music_rooms: roomsFor(weak && random() < 0.02 ? 0.7 : 1.1),
        art_rooms: roomsFor(1.1),
        min_music_room_area: between(random, 96, 130),
        min_art_room_area: between(random, 90, 125),
        funding_basis_students:
          village && schoolStudents < 100 ? (weak && random() < 0.02 ? schoolStudents : 100) : schoolStudents,
        teacher_training_funds: Math.round(schoolStudents * 60),
        public_funds_budget: Math.round(schoolStudents * 1000),
        has_charter: !weak || random() > 0.003,
        it_in_management: true,
      });
    }
  }
  await Promise.all([schools.close(), units.close(), classes?.close(), countyTable?.close()]);
  const yamlText = `${yaml.join('\n')}\n`;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(dir, 'dataset.yaml'), yamlText);
  return {
    counties,
    schools: schools.rows,
    units: units.rows,
    classes: classes?.rows ?? 0,
    bytes:
      schools.bytes +
      units.bytes +
      (classes?.bytes ?? 0) +
      (countyTable?.bytes ?? 0) +
      Buffer.byteLength(yamlText),
  };
}
