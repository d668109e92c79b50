import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { loadWorkbookDataset } from '../../src/data/load-workbook-dataset.ts';
import { openWorkbook } from '../../src/data/read-xlsx-tables.ts';
import { declaredChoices } from '../../src/data/workbook-layout.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { Dataset, Evaluation, Problem, RuleSet } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * The workbooks of test/fixtures/workbooks (synthetic data, scripts/make-workbook-fixtures.ts): the template filled
 * in, then saved by exceljs, by LibreOffice Calc, by openpyxl, with inline strings; and the same county as CSV
 * files exported by LibreOffice in UTF-8 and GB18030. Every form gives the same verdicts.
 */
const ROOT = 'test/fixtures/workbooks';
let ruleset: RuleSet;

beforeAll(async () => {
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error('national-2017 does not load');
  ruleset = loaded.ruleset;
});

async function workbook(file: string): Promise<{ dataset?: Dataset; problems: Problem[]; rules?: string }> {
  return loadWorkbookDataset(`${ROOT}/${file}`, ruleset.inputs, declaredChoices(ruleset));
}

/** Verdicts and values of an evaluation, without where each value came from or how its cell was written. */
function verdictsOf(evaluation: Evaluation): unknown {
  return JSON.parse(
    JSON.stringify(evaluation.counties, (key, value: unknown) => (key === 'source' || key === 'note' ? undefined : value)),
  ) as unknown;
}

const errors = (problems: Problem[]): Problem[] => problems.filter((p) => p.severity === 'error');

describe('workbooks saved by real applications', () => {
  let twin: Evaluation;
  beforeAll(async () => {
    const csv = await loadDataset(`${ROOT}/csv-utf8`, ruleset.inputs);
    expect(csv.problems).toEqual([]);
    twin = await evaluateDataset(ruleset, csv.dataset!);
  });

  it('has a CSV twin whose GB18030 export reads to the same verdicts as its UTF-8 export', async () => {
    const gb = await loadDataset(`${ROOT}/csv-gb18030`, ruleset.inputs);
    expect(gb.problems.map((p) => p.code)).toEqual(['DATA_CSV_ENCODING_GB18030', 'DATA_CSV_ENCODING_GB18030', 'DATA_CSV_ENCODING_GB18030']);
    expect(verdictsOf(await evaluateDataset(ruleset, gb.dataset!))).toEqual(verdictsOf(twin));
  });

  it.each(['filled-exceljs.xlsx', 'filled-libreoffice.xlsx', 'filled-openpyxl.xlsx', 'filled-inline-strings.xlsx'])(
    '%s evaluates to the same verdicts as the CSV twin',
    async (file) => {
      const { dataset, problems, rules } = await workbook(file);
      expect(problems).toEqual([]);
      expect(rules).toBe('national-2017');
      const county = dataset!.counties[0]!;
      expect(Object.keys(county.record.values).length).toBe(2 + 37);
      expect([county.schools.length, county.units.length, county.classes.length]).toEqual([3, 4, 8]);
      const evaluation = await evaluateDataset(ruleset, dataset!);
      expect(evaluation.counties[0]?.verdict).toBe(twin.counties[0]?.verdict);
      expect(verdictsOf(evaluation)).toEqual(verdictsOf(twin));
    },
  );

  it.each(['filled-exceljs.xlsx', 'filled-libreoffice.xlsx', 'filled-openpyxl.xlsx'])(
    '%s keeps a formula’s cached value, a date, evidence lists, choices and published figures',
    async (file) => {
      const county = (await workbook(file)).dataset!.counties[0]!;
      const s3 = county.schools.find((s) => s.key === 'S3');
      expect(s3?.values['school_students']?.value).toBe(1500);
      const pay = county.record.values['teacher_avg_pay'];
      expect(pay?.source).toMatchObject({ sheet: '县级指标', column: '值' });
      expect(pay?.source.quote).toBe('（合成）教师月均工资 8200 元');
      expect(pay?.note?.zh).toContain('2024-09-01');
      expect(county.attestations['layout_planning']).toMatchObject({ attested: true, evidence: ['《示例县学校布局专项规划》', '《示例县国土空间规划》'] });
      expect(county.attestations['monitoring_high_level']?.attested).toBeNull();
      expect(county.attestations['left_behind_care_system']?.attested).toBe(false);
      expect(county.choices['special_places']?.option).toBe('exclude_from_denominator');
      expect(county.reported.map((r) => [r.indicator, r.figure, r.group, r.value, r.decimals])).toEqual([
        ['R1', 'cv', 'primary', 0.2, 2],
        ['G5', 'share_met', 'junior', 1, 2],
      ]);
    },
  );

  it.each(['filled-libreoffice.xlsx', 'filled-openpyxl.xlsx', 'template-openpyxl.xlsx'])(
    '%s still carries the header notes and data validation that guide the person filling it',
    async (file) => {
      const opened = await openWorkbook(`${ROOT}/${file}`, file, []);
      const units = opened?.workbook.getWorksheet('学部');
      const header = units?.getRow(1).values as unknown[];
      const c = header.indexOf('在校学生数（人）');
      expect(c).toBeGreaterThan(0);
      expect(JSON.stringify(units?.getRow(1).getCell(c).note)).toContain('students');
      const rule = units?.getRow(60).getCell(c).dataValidation;
      expect(rule?.type).toBe('whole');
      expect(Number(rule?.formulae[0])).toBe(0);
    },
  );

  it('reads the blank template after a spreadsheet library opened and saved it', async () => {
    const { problems } = await workbook('template-openpyxl.xlsx');
    expect(problems.map((p) => p.code)).toEqual(['DATA_KEY_MISSING']);
  });

  it('locates a formula saved without its result, and evaluates the cell as insufficient data', async () => {
    const { dataset, problems } = await workbook('formula-openpyxl.xlsx');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'DATA_FORMULA_NOT_CALCULATED', sheet: '学校', row: 4 });
    expect(problems[0]?.message.zh).toContain('没有它的计算结果');
    const cell = dataset?.counties[0]?.schools.find((s) => s.key === 'S3')?.values['school_students'];
    expect(cell?.value).toBeNull();
    expect(cell?.invalid?.zh).toContain('公式');
  });
});

interface Mistake {
  file: string;
  code: string;
  sheet: string;
  cell?: string;
  zh: string;
  /** The workbook is refused: no dataset. */
  refused: boolean;
}

// prettier-ignore
const MISTAKES: Mistake[] = [
  { file: 'blank-required', code: 'DATA_REQUIRED_MISSING', sheet: '学校', cell: 'C3', zh: '缺少必填项「办学类型」', refused: false },
  { file: 'text-in-number', code: 'DATA_VALUE_NOT_A_NUMBER', sheet: '学部', cell: 'E2', zh: '「九百」不是数字', refused: false },
  { file: 'title-row', code: 'DATA_TITLE_ROW', sheet: '学校', cell: 'A1', zh: '删除表头上方的标题行', refused: true },
  { file: 'merged-header', code: 'DATA_MERGED_HEADER', sheet: '学部', cell: 'E1', zh: '表头 E1:F1 是合并单元格', refused: true },
  { file: 'duplicate-school', code: 'DATA_DUPLICATE_KEY', sheet: '学校', zh: '学校代码「S1」重复（已在第 2 行出现）', refused: true },
  { file: 'orphan-classes', code: 'DATA_UNKNOWN_PARENT', sheet: '班级', cell: 'C10', zh: '3 个班级（「S9-1-10」等，第 10、11、12 行）所属学校「S9」不在学校表中', refused: true },
  { file: 'unknown-sheet', code: 'DATA_UNKNOWN_SHEET', sheet: '学效', zh: '是否应为「学校」', refused: true },
  { file: 'unknown-column', code: 'DATA_UNKNOWN_COLUMN', sheet: '学校', cell: 'S1', zh: '没有「联系人」这一列', refused: true },
  { file: 'unknown-choice', code: 'DATA_CHOICE_UNKNOWN', sheet: '口径选择', cell: 'B2', zh: '「全部计入」不是', refused: true },
  { file: 'county-excel-error', code: 'DATA_EXCEL_ERROR', sheet: '县级指标', cell: 'B4', zh: 'Excel 错误值「#DIV/0!」', refused: false },
  { file: 'formula-not-calculated', code: 'DATA_FORMULA_NOT_CALCULATED', sheet: '学部', cell: 'E3', zh: '没有它的计算结果', refused: false },
];

describe('a filled-in workbook named as the tables of a dataset.yaml', () => {
  it('is refused with one message naming the sheets that would go unread, and the two ways out', async () => {
    const { dataset, problems } = await loadDataset(`${ROOT}/wrapped-in-dataset-yaml`, ruleset.inputs);
    expect(dataset).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['DATA_SHEET_NOT_READ']);
    expect(problems[0]?.message.zh).toContain('「基本信息」「县级指标」「认定与佐证」「口径选择」「报告数字」中填写的内容不会被读取');
    expect(problems[0]?.message.zh).toContain('junheng evaluate');
  });

  it('warns of a sheet it does not know, and still reads the tables', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wrapped-'));
    try {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('学校').addRows([
        ['学校代码', '学校名称', '办学类型'],
        ['S1', '第一小学', '小学'],
      ]);
      workbook.addWorksheet('备注').addRow(['随手记下的说明']);
      await workbook.xlsx.writeFile(join(dir, 'data.xlsx'));
      await writeFile(join(dir, 'dataset.yaml'), 'id: notes\ncounty: { county_id: "1" }\ntables: { workbook: data.xlsx }\n');
      const { dataset, problems } = await loadDataset(dir, ruleset.inputs);
      expect(problems.map((p) => [p.code, p.severity, p.sheet])).toEqual([['DATA_UNKNOWN_SHEET', 'warning', '备注']]);
      expect(dataset?.counties[0]?.schools.map((s) => s.key)).toEqual(['S1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an officer’s mistake in a workbook', () => {
  it.each(MISTAKES)('$file gives one message, $code, at its sheet and cell', async ({ file, code, sheet, cell, zh, refused }) => {
    const { dataset, problems } = await workbook(`mistakes/${file}.xlsx`);
    expect(errors(problems)).toHaveLength(1);
    const problem = problems[0];
    expect(problem).toMatchObject({ code, sheet });
    if (cell !== undefined) expect(problem?.cell).toBe(cell);
    expect(problem?.message.zh).toContain(zh);
    expect(problem?.message.zh).toContain(`工作表「${sheet}」`);
    expect(problem?.message.en).not.toBe(problem?.message.zh);
    expect(dataset === undefined).toBe(refused);
  });
});
