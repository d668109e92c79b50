/**
 * Generates the synthetic school, unit and class tables of data/huadu-2024 from the figures of the seed report
 * (广州市花都区创建全国义务教育优质均衡发展区自评报告, 2025), with a fixed seed: running it again writes the same bytes.
 * Then writes the same dataset as one data-entry workbook (data/huadu-2024-xlsx/huadu-2024.xlsx), which is a
 * dataset on its own, with the project's template writer.
 *
 *   npx tsx scripts/generate-huadu.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadDataset } from '../src/data/load-dataset.ts';
import { writeTemplate } from '../src/data/write-template.ts';
import { declaredChoices } from '../src/data/workbook-layout.ts';
import { loadRuleSet } from '../src/rules/load-ruleset.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignResources, type IndicatorTarget } from './huadu/assign-resources.ts';
import { matchTotals } from './huadu/match-totals.ts';
import { assignRoles, planSchools, planUnits } from './huadu/plan-schools.ts';
import { Random } from './huadu/random.ts';
import { assignExtras } from './huadu/school-extras.ts';
import { classesCsv, schoolsCsv, unitsCsv } from './huadu/write-tables.ts';

export const SEED = 20240901;

/** 三、（一）资源配置 7 项指标: totals, standards and the published student-weighted CVs. */
export const RESOURCE_TARGETS: IndicatorTarget[] = [
  {
    input: 'teachers_above_required_degree',
    scale: 100,
    quantum: 1,
    standard: { primary: 4.2, junior: 5.3 },
    total: { primary: 8429, junior: 4067 },
    cv: { primary: 0.139, junior: 0.123 },
    maxRatio: 14,
    sizeEffect: 0.5,
  },
  {
    input: 'backbone_teachers',
    scale: 100,
    quantum: 1,
    standard: { primary: 1, junior: 1 },
    total: { primary: 2774, junior: 1231 },
    cv: { primary: 0.415, junior: 0.438 },
    maxRatio: 14,
    sizeEffect: 0.2,
  },
  {
    input: 'pe_art_teachers',
    scale: 100,
    quantum: 1,
    standard: { primary: 0.9, junior: 0.9 },
    total: { primary: 1595, junior: 575 },
    cv: { primary: 0.157, junior: 0.134 },
    maxRatio: 5,
    sizeEffect: 0.5,
  },
  {
    input: 'teaching_area',
    scale: 1,
    quantum: 1,
    standard: { primary: 4.5, junior: 5.8 },
    total: { primary: 946074, junior: 480919 },
    cv: { primary: 0.446, junior: 0.384 },
    maxRatio: 40,
    sizeEffect: 0.6,
  },
  {
    input: 'sports_area',
    scale: 1,
    quantum: 1,
    standard: { primary: 7.5, junior: 10.2 },
    total: { primary: 1673514, junior: 810382 },
    cv: { primary: 0.438, junior: 0.39 },
    maxRatio: 70,
    sizeEffect: 0.6,
  },
  {
    input: 'equipment_value',
    scale: 1,
    quantum: 100,
    standard: { primary: 2000, junior: 2500 },
    total: { primary: 398710000, junior: 194220000 },
    cv: { primary: 0.247, junior: 0.323 },
    maxRatio: 15000,
    sizeEffect: 0.4,
  },
  {
    input: 'multimedia_rooms',
    scale: 100,
    quantum: 0.1,
    standard: { primary: 2.3, junior: 2.4 },
    total: { primary: 5628.6, junior: 2054.3 },
    cv: { primary: 0.354, junior: 0.348 },
    maxRatio: 15,
    sizeEffect: 0.5,
  },
];

export async function generateHuadu(outDir: string): Promise<Record<string, string>> {
  const random = new Random(SEED);
  const schools = planSchools(random);
  assignRoles(schools, random);
  planUnits(schools, random);
  matchTotals(
    schools,
    { primary: { classes: 3890, students: 157296 }, junior: { classes: 1295, students: 57780 } },
    random,
  );
  const rows = assignResources(
    schools,
    RESOURCE_TARGETS,
    { input: 'pe_art_teachers', count: { primary: 3, junior: 1 } },
    random,
  );
  const extras = assignExtras(
    schools,
    {
      musicRooms: 576,
      artRooms: 567,
      builtAfter2016: 24,
      builtBefore2016: 167,
      trainingFunds: 47862200,
      budget: 716587300,
    },
    random,
  );
  const files = {
    'schools.csv': schoolsCsv(schools, extras),
    'units.csv': unitsCsv(rows, RESOURCE_TARGETS),
    'classes.csv': classesCsv(schools),
  };
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  return files;
}

/**
 * Loads the CSV dataset and writes it again as one data-entry workbook (the template, filled in): 基本信息,
 * 县级指标, 认定与佐证, 口径选择, 报告数字 hold what dataset.yaml says, 学校, 学部, 班级 the tables.
 */
export async function writeHuaduXlsx(csvDir: string, xlsxDir: string): Promise<void> {
  const { ruleset, problems } = await loadRuleSet('national-2017');
  if (ruleset === undefined) throw new Error(problems.map((p) => p.message.en).join('\n'));
  const loaded = await loadDataset(csvDir, ruleset.inputs);
  if (loaded.dataset === undefined || loaded.problems.length > 0) {
    throw new Error(loaded.problems.map((p) => p.message.en).join('\n'));
  }
  const dataset = {
    ...loaded.dataset,
    id: 'huadu-2024-xlsx',
    title: `${loaded.dataset.title ?? ''}（工作簿版，由 scripts/generate-huadu.ts 从 CSV 版生成）`,
  };
  await mkdir(xlsxDir, { recursive: true });
  await writeTemplate(ruleset.inputs, join(xlsxDir, 'huadu-2024.xlsx'), {
    choices: declaredChoices(ruleset),
    rules: ruleset.id,
    dataset,
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  await generateHuadu(join(root, 'data', 'huadu-2024'));
  await writeHuaduXlsx(join(root, 'data', 'huadu-2024'), join(root, 'data', 'huadu-2024-xlsx'));
}
