/**
 * Writes the workbook fixtures of test/fixtures/workbooks/. All their data is SYNTHETIC: a made-up county
 * (示例县, code 990001) of three schools, one of them 九年一贯制, invented for the tests.
 *
 *   npx tsx scripts/make-workbook-fixtures.ts
 *
 * 1. template.xlsx: `writeTemplate` for national-2017, blank.
 * 2. filled-exceljs.xlsx: the template filled in cell by cell with exceljs, as a person fills it: 37 county values,
 *    the attestations with their evidence, the 3 definition choices, published figures, 3 schools, 4 units and
 *    8 classes; with a formula and its cached value, a defined name and a date typed in a remark.
 * 3. filled-libreoffice.xlsx: `soffice --headless --convert-to xlsx` of filled-exceljs.xlsx (LibreOffice Calc).
 * 4. filled-openpyxl.xlsx: filled-exceljs.xlsx opened with openpyxl (`data_only=True`: formulas as their values)
 *    and saved; formula-openpyxl.xlsx: opened with formulas kept and saved (openpyxl stores no cached value);
 *    template-openpyxl.xlsx: the blank template opened and saved unchanged; filled-inline-strings.xlsx:
 *    filled-openpyxl.xlsx with every shared string made an inline string (scripts/xlsx-inline-strings.py).
 * 5. csv-utf8/ and csv-gb18030/: the same county as a dataset folder: dataset.yaml written here from the same
 *    data, and 学校, 学部, 班级 exported from filled-libreoffice.xlsx by LibreOffice as CSV in UTF-8 and GB18030.
 * 6. mistakes/*.xlsx: filled-exceljs.xlsx with one officer's mistake each, written with exceljs; and
 *    wrapped-in-dataset-yaml/: filled-exceljs.xlsx named as the tables of a dataset.yaml.
 *
 * Steps 3–5 need LibreOffice (`soffice`) and Python 3 with openpyxl (Debian: libreoffice-calc, python3-openpyxl);
 * without them those files are left as committed. The tests read the committed files and need neither.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { writeTemplate } from '../src/data/write-template.ts';
import { declaredChoices } from '../src/data/workbook-layout.ts';
import { loadRuleSet } from '../src/rules/load-ruleset.ts';

const OUT = fileURLToPath(new URL('../test/fixtures/workbooks/', import.meta.url));
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const INFO = {
  id: 'synthetic-county',
  title: '示例县 2024 学年数据（合成数据，仅供测试）',
  county_id: '990001',
  county_name: '示例县',
  school_year: '2024',
  rules: 'national-2017',
  provenance:
    '全部数据为合成数据：由 scripts/make-workbook-fixtures.ts 编造，用于测试工作簿的读取，不是任何真实县的数据。',
};

/** 37 county-level values (synthetic). */
const COUNTY: Record<string, number | string> = {
  special_school_public_funds: 1200000,
  special_school_students: 150,
  teacher_avg_pay: 8200,
  civil_servant_avg_pay: 8100,
  full_time_teachers: 260,
  teachers_trained_360: 260,
  certified_teachers: 258,
  rotation_eligible_teachers: 200,
  rotated_teachers: 32,
  rotated_backbone_teachers: 8,
  near_zone_share_primary: '98%',
  near_zone_share_junior: 0.97,
  quality_hs_places: 1000,
  quality_hs_excluded_places: 40,
  quality_hs_allocated_places: 520,
  eligible_migrant_children: 300,
  migrant_in_public_schools: 260,
  migrant_in_purchased_places: 20,
  junior_entrants: 1300,
  junior_deaths: 1,
  junior_dropouts: 2,
  junior_graduates: 1290,
  junior_transfers_in: 10,
  junior_transfers_out: 15,
  disabled_school_age: 40,
  disabled_deferred: 2,
  disabled_enrolled: 37,
  monitoring_level3_met: '是',
  monitoring_difference_rate: 0.12,
  social_recognition_rate: '86.5%',
  basic_balance_year: 2015,
  application_year: 2024,
  admission_by_exam: '否',
  irregular_school_choice: '否',
  key_schools_or_classes: '否',
  falsified_data: '否',
  major_incident: '否',
};

const QUOTES: Record<string, string> = { teacher_avg_pay: '（合成）教师月均工资 8200 元' };
const NOTES: Record<string, string | Date> = { teacher_avg_pay: new Date(Date.UTC(2024, 8, 1)) };

/** Attestations (synthetic): 是 with invented document names, one 否, one 不确定. */
const ATTESTATIONS: Record<string, { word: '是' | '否' | '不确定'; evidence: string[]; statement?: string }> =
  {
    performance_pay_in_full: { word: '是', evidence: ['《示例县绩效工资实施方案》'] },
    allocation_favours_rural: { word: '是', evidence: ['《示例县名额分配招生办法》'] },
    left_behind_care_system: { word: '否', evidence: [], statement: '（合成）尚未建立关爱体系' },
    layout_planning: {
      word: '是',
      evidence: ['《示例县学校布局专项规划》', '《示例县国土空间规划》'],
      statement: '（合成）学校规划布局合理',
    },
    unified_building_standard: { word: '是', evidence: ['《示例县中小学校建设标准》'] },
    unified_staffing_standard: { word: '是', evidence: ['《示例县教职工编制标准》'] },
    unified_funding_standard: { word: '是', evidence: ['《示例县生均公用经费标准》'] },
    unified_equipment_standard: { word: '是', evidence: ['《示例县装备配置标准》'] },
    staffing_allocated_by_county: { word: '是', evidence: ['《示例县教师“县管校聘”办法》'] },
    it_proficient_teaching: { word: '是', evidence: [] },
    moral_education_good: { word: '是', evidence: ['《示例县德育工作方案》'] },
    full_curriculum: { word: '是', evidence: ['《示例县课程实施方案》'] },
    no_excessive_burden: { word: '是', evidence: ['《示例县减负措施》'] },
    monitoring_high_level: { word: '不确定', evidence: [] },
  };

const CHOICES: Record<string, { option: string; quote: string }> = {
  special_places: { option: 'exclude_from_denominator', quote: '（合成）特殊招生名额不计入分母' },
  consolidation_formula: { option: 'graduates_adjusted', quote: '（合成）按毕业生数计算' },
};

const REPORTED = [
  {
    indicator: 'R1',
    figure: '差异系数',
    group: '小学',
    value: '0.20',
    quote: '（合成）小学生师比差异系数为 0.20',
  },
  { indicator: 'G5', figure: '达标比例', group: '初中', value: '100%', quote: '（合成）初中班额达标率 100%' },
];

type Row = Record<string, ExcelJS.CellValue>;
const SCHOOLS: Row[] = [
  {
    school_id: 'S1',
    school_name: '示例县第一小学',
    school_type: '小学',
    ownership: '公办',
    location: '城区',
    is_village_school: '否',
    built_year: 2010,
    school_students: 900,
    school_classes: 20,
    music_rooms: 2,
    art_rooms: 2,
    funding_basis_students: 900,
    teacher_training_funds: 60000,
    public_funds_budget: 1000000,
    has_charter: '是',
    it_in_management: '是',
  },
  {
    school_id: 'S2',
    school_name: '示例县第一中学',
    school_type: '初中',
    ownership: '公办',
    location: '镇区',
    is_village_school: '否',
    built_year: 2018,
    school_students: 800,
    school_classes: 16,
    music_rooms: 2,
    art_rooms: 2,
    min_music_room_area: 96,
    min_art_room_area: 90,
    funding_basis_students: 800,
    teacher_training_funds: 52000,
    public_funds_budget: 900000,
    has_charter: '是',
    it_in_management: '是',
  },
  {
    school_id: 'S3',
    school_name: '示例县实验学校',
    school_type: '九年一贯制学校',
    ownership: '公办',
    location: '城区',
    is_village_school: '否',
    built_year: 2005,
    school_classes: 33,
    music_rooms: 3,
    art_rooms: 3,
    funding_basis_students: 1500,
    teacher_training_funds: 90000,
    public_funds_budget: 1500000,
    has_charter: '是',
    it_in_management: '是',
  },
];
const UNITS: Row[] = [
  {
    unit_id: 'S1-P',
    unit_name: '第一小学',
    school_id: 'S1',
    stage: '小学',
    students: 900,
    teachers_above_required_degree: 50,
    backbone_teachers: 12,
    pe_art_teachers: 10,
    teaching_area: 4300,
    sports_area: 7000,
    equipment_value: 2100000,
    multimedia_rooms: 22,
  },
  {
    unit_id: 'S2-J',
    unit_name: '第一中学',
    school_id: 'S2',
    stage: '初中',
    students: 800,
    teachers_above_required_degree: 55,
    backbone_teachers: 10,
    pe_art_teachers: 8,
    teaching_area: 5000,
    sports_area: 8000,
    equipment_value: 2600000,
    multimedia_rooms: 17,
  },
  {
    unit_id: 'S3-P',
    unit_name: '实验学校小学部',
    school_id: 'S3',
    stage: '小学',
    students: 1000,
    teachers_above_required_degree: 56,
    backbone_teachers: 13,
    pe_art_teachers: 11,
    teaching_area: 4600,
    sports_area: 7500,
    equipment_value: 2300000,
    multimedia_rooms: 23,
  },
  {
    unit_id: 'S3-J',
    unit_name: '实验学校初中部',
    school_id: 'S3',
    stage: '初中',
    students: 500,
    teachers_above_required_degree: 35,
    backbone_teachers: 6,
    pe_art_teachers: 5,
    teaching_area: 3200,
    sports_area: 5200,
    equipment_value: 1700000,
    multimedia_rooms: 11,
  },
];
const CLASSES: Row[] = [
  { class_id: 'S1-1-1', school_id: 'S1', class_stage: '小学', grade: 1, class_students: 45 },
  { class_id: 'S1-1-2', school_id: 'S1', class_stage: '小学', grade: 1, class_students: 44 },
  { class_id: 'S2-7-1', school_id: 'S2', class_stage: '初中', grade: 7, class_students: 50 },
  { class_id: 'S2-7-2', school_id: 'S2', class_stage: '初中', grade: 7, class_students: 49 },
  { class_id: 'S3-1-1', school_id: 'S3', class_stage: '小学', grade: 1, class_students: 46 },
  { class_id: 'S3-2-1', school_id: 'S3', class_stage: '小学', grade: 2, class_students: 43 },
  { class_id: 'S3-7-1', school_id: 'S3', class_stage: '初中', grade: 7, class_students: 50 },
  { class_id: 'S3-8-1', school_id: 'S3', class_stage: '初中', grade: 8, class_students: 48 },
];

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (ws === undefined) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Column number of a header (its text up to the unit bracket) in row 1. */
function column(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(1).values as unknown[];
  const i = values.findIndex((v) => typeof v === 'string' && (v === header || v.startsWith(`${header}（`)));
  if (i < 0) throw new Error(`no column ${header} on ${ws.name}`);
  return i;
}

/** Row number of a list sheet's item, found by the value in the `by` column. */
function rowOf(ws: ExcelJS.Worksheet, by: string, value: string): number {
  const c = column(ws, by);
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) return r;
  throw new Error(`no row ${value} on ${ws.name}`);
}

async function fill(templateFile: string, outFile: string): Promise<void> {
  const { ruleset } = await loadRuleSet('national-2017');
  if (ruleset === undefined) throw new Error('national-2017 does not load');
  const dict = ruleset.inputs;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templateFile);
  const info = sheet(wb, '基本信息');
  for (const [key, value] of Object.entries({ ...INFO, synthetic: '是' }))
    info.getRow(rowOf(info, '键', key)).getCell(2).value = value;
  const county = sheet(wb, '县级指标');
  for (const [name, value] of Object.entries(COUNTY)) {
    const r = county.getRow(rowOf(county, '输入名', name));
    r.getCell(column(county, '值')).value = value;
    if (QUOTES[name] !== undefined) r.getCell(column(county, '原文')).value = QUOTES[name];
    if (NOTES[name] !== undefined) {
      const cell = r.getCell(column(county, '备注'));
      cell.value = NOTES[name];
      // A style of its own: exceljs shares one style object between the cells of a column.
      cell.style = { ...cell.style, numFmt: 'yyyy-mm-dd' };
    }
  }
  const att = sheet(wb, '认定与佐证');
  for (const [name, a] of Object.entries(ATTESTATIONS)) {
    const r = att.getRow(rowOf(att, '输入名', name));
    r.getCell(column(att, '是否认定')).value = a.word;
    if (a.evidence.length > 0) r.getCell(column(att, '佐证材料')).value = a.evidence.join('\n');
    if (a.statement !== undefined) r.getCell(column(att, '情况说明')).value = a.statement;
  }
  const choices = sheet(wb, '口径选择');
  for (const [id, c] of Object.entries(CHOICES)) {
    const choice = declaredChoices(ruleset).find((d) => d.id === id);
    const r = choices.getRow(rowOf(choices, '编号', id));
    r.getCell(column(choices, '选择')).value = choice?.options[c.option]?.label.zh ?? c.option;
    r.getCell(column(choices, '原文')).value = c.quote;
  }
  const reported = sheet(wb, '报告数字');
  REPORTED.forEach((f, i) => {
    const r = reported.getRow(i + 2);
    r.getCell(column(reported, '指标')).value = f.indicator;
    r.getCell(column(reported, '数字')).value = f.figure;
    r.getCell(column(reported, '分组')).value = f.group;
    r.getCell(column(reported, '公布值')).value = f.value;
    r.getCell(column(reported, '原文')).value = f.quote;
  });
  const tables: [string, Row[]][] = [
    ['学校', SCHOOLS],
    ['学部', UNITS],
    ['班级', CLASSES],
  ];
  for (const [name, rows] of tables) {
    const ws = sheet(wb, name);
    rows.forEach((values, i) => {
      for (const [input, value] of Object.entries(values))
        ws.getRow(i + 2).getCell(column(ws, dict.inputs[input]?.label.zh ?? input)).value = value;
    });
  }
  // S3's pupils as a formula over its two units' rows on 学部, with the value a spreadsheet application caches.
  const schools = sheet(wb, '学校');
  const units = sheet(wb, '学部');
  const students = units.getColumn(column(units, '在校学生数')).letter;
  schools.getRow(4).getCell(column(schools, '义务教育阶段在校生数')).value = {
    formula: `'学部'!${students}4+'学部'!${students}5`,
    result: 1500,
  };
  wb.definedNames.add(`'学校'!$A$2:$A$4`, 'school_codes');
  await wb.xlsx.writeFile(outFile);
}

/** One mistake each, as officers make them, on a copy of the filled workbook. */
const MISTAKES: Record<string, (wb: ExcelJS.Workbook) => void> = {
  'blank-required': (wb) => {
    const ws = sheet(wb, '学校');
    ws.getRow(3).getCell(column(ws, '办学类型')).value = null;
  },
  'text-in-number': (wb) => {
    const ws = sheet(wb, '学部');
    ws.getRow(2).getCell(column(ws, '在校学生数')).value = '九百';
  },
  'title-row': (wb) => {
    const ws = sheet(wb, '学校');
    ws.spliceRows(1, 0, ['示例县义务教育学校基本情况表']);
    ws.mergeCells(1, 1, 1, 8);
  },
  'merged-header': (wb) => {
    const ws = sheet(wb, '学部');
    const c = column(ws, '在校学生数');
    ws.mergeCells(1, c, 1, c + 1);
  },
  'duplicate-school': (wb) => {
    const ws = sheet(wb, '学校');
    ws.getRow(5).values = ws.getRow(2).values as ExcelJS.CellValue[];
  },
  'orphan-classes': (wb) => {
    const ws = sheet(wb, '班级');
    for (const r of [10, 11, 12]) {
      ws.getRow(r).getCell(column(ws, '班级代码')).value = `S9-1-${r}`;
      ws.getRow(r).getCell(column(ws, '学校代码')).value = 'S9';
      ws.getRow(r).getCell(column(ws, '学段')).value = '小学';
    }
  },
  'unknown-sheet': (wb) => {
    wb.addWorksheet('学效').addRow(['学校代码']);
  },
  'unknown-column': (wb) => {
    const ws = sheet(wb, '学校');
    ws.getRow(1).getCell(ws.columnCount + 1).value = '联系人';
  },
  'unknown-choice': (wb) => {
    const ws = sheet(wb, '口径选择');
    ws.getRow(rowOf(ws, '编号', 'special_places')).getCell(column(ws, '选择')).value = '全部计入';
  },
  'county-excel-error': (wb) => {
    const ws = sheet(wb, '县级指标');
    ws.getRow(rowOf(ws, '输入名', 'teacher_avg_pay')).getCell(column(ws, '值')).value = {
      formula: 'A1/0',
      result: { error: '#DIV/0!' },
    } as ExcelJS.CellFormulaValue;
  },
  'formula-not-calculated': (wb) => {
    const ws = sheet(wb, '学部');
    ws.getRow(3).getCell(column(ws, '在校学生数')).value = {
      formula: 'SUM(700,100)',
    } as ExcelJS.CellFormulaValue;
  },
};

function have(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function soffice(args: string[], file: string, outdir: string): void {
  execFileSync('soffice', ['--headless', ...args, '--outdir', outdir, file], { stdio: 'ignore' });
}

function datasetYaml(): string {
  const doc = {
    id: INFO.id,
    title: INFO.title,
    school_year: INFO.school_year,
    rules: INFO.rules,
    synthetic: true,
    provenance: INFO.provenance,
    tables: { schools: '学校.csv', units: '学部.csv', classes: '班级.csv' },
    county: {
      county_id: INFO.county_id,
      county_name: INFO.county_name,
      inputs: Object.fromEntries(
        Object.entries(COUNTY).map(([k, v]) => [
          k,
          QUOTES[k] !== undefined ? { value: v, quote: QUOTES[k], note: '2024-09-01' } : v,
        ]),
      ),
      attestations: Object.fromEntries(
        Object.entries(ATTESTATIONS).map(([k, a]) => [
          k,
          {
            attested: a.word === '是' ? true : a.word === '否' ? false : null,
            evidence: a.evidence,
            ...(a.statement !== undefined ? { statement: a.statement } : {}),
          },
        ]),
      ),
      choices: CHOICES,
      reported: REPORTED.map((f) => ({
        indicator: f.indicator,
        figure: f.figure === '差异系数' ? 'cv' : 'share_met',
        group: f.group === '小学' ? 'primary' : 'junior',
        value: f.value,
        quote: f.quote,
      })),
    },
  };
  return `# SYNTHETIC: the CSV twin of filled-*.xlsx (scripts/make-workbook-fixtures.ts); the CSV files were exported by LibreOffice.\n${stringify(doc, { lineWidth: 0 })}`;
}

async function main(): Promise<void> {
  const { ruleset } = await loadRuleSet('national-2017');
  if (ruleset === undefined) throw new Error('national-2017 does not load');
  mkdirSync(join(OUT, 'mistakes'), { recursive: true });
  const template = join(OUT, 'template.xlsx');
  await writeTemplate(ruleset.inputs, template, { choices: declaredChoices(ruleset), rules: ruleset.id });
  const filled = join(OUT, 'filled-exceljs.xlsx');
  await fill(template, filled);
  for (const [name, make] of Object.entries(MISTAKES)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(filled);
    make(wb);
    await wb.xlsx.writeFile(join(OUT, 'mistakes', `${name}.xlsx`));
  }
  // The issue's first attempt: a filled-in workbook named from a dataset.yaml, whose county sheets would go unread.
  mkdirSync(join(OUT, 'wrapped-in-dataset-yaml'), { recursive: true });
  copyFileSync(filled, join(OUT, 'wrapped-in-dataset-yaml', '数据.xlsx'));
  writeFileSync(
    join(OUT, 'wrapped-in-dataset-yaml', 'dataset.yaml'),
    `# SYNTHETIC (scripts/make-workbook-fixtures.ts): a filled-in workbook named as the tables of a dataset folder.\nid: wrapped\ncounty: { county_id: "${INFO.county_id}" }\ntables: { workbook: 数据.xlsx }\n`,
  );
  if (!have('soffice', ['--version']) || !have(PYTHON, ['-c', 'import openpyxl'])) {
    console.log(
      'soffice or python3-openpyxl not found: the LibreOffice, openpyxl and CSV fixtures are left as committed',
    );
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'workbooks-'));
  try {
    soffice(['--convert-to', 'xlsx'], filled, tmp);
    copyFileSync(join(tmp, 'filled-exceljs.xlsx'), join(OUT, 'filled-libreoffice.xlsx'));
    const py = (src: string, dst: string, dataOnly: boolean): void => {
      execFileSync(PYTHON, [
        '-c',
        `import openpyxl,sys; openpyxl.load_workbook(sys.argv[1], data_only=${dataOnly ? 'True' : 'False'}).save(sys.argv[2])`,
        src,
        dst,
      ]);
    };
    py(filled, join(OUT, 'filled-openpyxl.xlsx'), true);
    py(filled, join(OUT, 'formula-openpyxl.xlsx'), false);
    py(template, join(OUT, 'template-openpyxl.xlsx'), false);
    execFileSync(PYTHON, [
      fileURLToPath(new URL('xlsx-inline-strings.py', import.meta.url)),
      join(OUT, 'filled-openpyxl.xlsx'),
      join(OUT, 'filled-inline-strings.xlsx'),
    ]);
    // CSV: field separator 44 (,), text delimiter 34 ("), the character set (LibreOffice's numbers: 76 UTF-8,
    // 85 GB 18030), from line 1, …, sheet -1 = every sheet, each to <file>-<sheet>.csv.
    for (const [dir, charset] of [
      ['csv-utf8', '76'],
      ['csv-gb18030', '85'],
    ] as const) {
      const csvTmp = join(tmp, dir);
      mkdirSync(csvTmp);
      soffice(
        [
          '--convert-to',
          `csv:Text - txt - csv (StarCalc):44,34,${charset},1,,0,false,true,false,false,false,-1`,
        ],
        join(OUT, 'filled-libreoffice.xlsx'),
        csvTmp,
      );
      const target = join(OUT, dir);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      for (const name of readdirSync(csvTmp)) {
        const sheetName = /-([^-]+)\.csv$/.exec(name)?.[1];
        if (sheetName !== undefined && ['学校', '学部', '班级'].includes(sheetName))
          copyFileSync(join(csvTmp, name), join(target, `${sheetName}.csv`));
      }
      writeFileSync(join(target, 'dataset.yaml'), datasetYaml());
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
