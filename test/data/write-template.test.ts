import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbookDataset } from '../../src/data/load-workbook-dataset.ts';
import { writeTemplate } from '../../src/data/write-template.ts';
import { countyInputs, attestationInputs, declaredChoices } from '../../src/data/workbook-layout.ts';
import type { RuleSet } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

let ruleset: RuleSet;
let dir: string;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error('national-2017 does not load');
  ruleset = loaded.ruleset;
  dir = await mkdtemp(join(tmpdir(), 'template-'));
  await writeTemplate(ruleset.inputs, join(dir, 'template.xlsx'), { choices: declaredChoices(ruleset), rules: ruleset.id });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'template.xlsx'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function ws(name: string): ExcelJS.Worksheet {
  const w = workbook.getWorksheet(name);
  if (w === undefined) throw new Error(name);
  return w;
}

/** The column number of a header, written as the label with its unit. */
function col(w: ExcelJS.Worksheet, header: string): number {
  return (w.getRow(1).values as unknown[]).findIndex((v) => v === header || (typeof v === 'string' && v.startsWith(`${header}（`)));
}

function column(w: ExcelJS.Worksheet, c: number): unknown[] {
  const out: unknown[] = [];
  w.eachRow((row, n) => {
    if (n > 1) out.push(row.getCell(c).value);
  });
  return out;
}

describe('writeTemplate', () => {
  it('writes the instructions, one sheet for each part of a dataset and one per table, in order', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['填写说明', '基本信息', '县级指标', '认定与佐证', '口径选择', '报告数字', '学校', '学部', '班级']);
  });

  it('lists every county-level input, every attestation and every declared choice once', () => {
    const county = ws('县级指标');
    expect(column(county, col(county, '输入名'))).toEqual(countyInputs(ruleset.inputs).map((d) => d.name));
    expect(column(ws('认定与佐证'), col(ws('认定与佐证'), '输入名'))).toEqual(attestationInputs(ruleset.inputs).map((d) => d.name));
    expect(column(ws('口径选择'), col(ws('口径选择'), '编号'))).toEqual(declaredChoices(ruleset).map((c) => c.id));
    expect(column(county, col(county, '项目'))).toContain('当地公务员平均工资收入');
    expect(column(county, col(county, '项目'))).not.toContain('学校规划布局合理，符合国家规定要求');
  });

  it('writes table headers as Chinese labels with their unit', () => {
    const units = ws('学部');
    expect(units.getRow(1).getCell(1).value).toBe('学部代码');
    expect(units.getRow(1).getCell(3).value).toBe('学校代码');
    expect(units.getRow(1).values).toContain('在校学生数（人）');
  });

  it.each([
    { sheet: '学部', header: '学段', type: 'list', formula: '"小学,初中"' },
    { sheet: '学校', header: '办学类型', type: 'list', formula: '"小学,小学教学点,初中,九年一贯制学校,十二年一贯制学校,完全中学"' },
    { sheet: '学部', header: '在校学生数', type: 'whole', formula: 0 },
    { sheet: '学部', header: '教学及辅助用房面积', type: 'decimal', formula: 0 },
    { sheet: '学校', header: '是否村小学或教学点', type: 'list', formula: '"是,否"' },
    { sheet: '学校', header: '建成年份', type: 'whole', formula: 1900 },
    { sheet: '班级', header: '年级', type: 'whole', formula: 1 },
  ])('validates $header on $sheet as $type', ({ sheet, header, type, formula }) => {
    const w = ws(sheet);
    const c = col(w, header);
    expect(c).toBeGreaterThan(0);
    const rule = w.getRow(50).getCell(c).dataValidation;
    expect(rule?.type).toBe(type);
    expect(rule?.formulae[0]).toEqual(formula);
    expect(String(w.getRow(1).getCell(c).note)).toContain(header);
  });

  it('bounds a ratio between 0 and 1 and offers 是/否/不确定 for attestations', () => {
    const county = ws('县级指标');
    const names = column(county, col(county, '输入名'));
    const row = names.indexOf('near_zone_share_primary') + 2;
    expect(county.getRow(row).getCell(col(county, '值')).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1] });
    expect(ws('认定与佐证').getRow(2).getCell(col(ws('认定与佐证'), '是否认定')).dataValidation.formulae).toEqual(['"是,否,不确定"']);
  });

  it('freezes and protects the header row and leaves the cells to fill unlocked', () => {
    for (const name of ['学校', '学部', '班级', '县级指标', '报告数字']) {
      const w = ws(name);
      expect(w.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect((w as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
      // Locked is the format's default: a locked cell has no protection element to read back.
      expect(w.getRow(1).getCell(1).protection?.locked ?? true).toBe(true);
    }
    expect(ws('学部').getRow(2).getCell(1).protection).toMatchObject({ locked: false });
    const county = ws('县级指标');
    expect(county.getRow(2).getCell(col(county, '值')).protection).toMatchObject({ locked: false });
    expect(county.getRow(2).getCell(col(county, '项目')).protection?.locked ?? true).toBe(true);
  });

  it('names the rule set on 基本信息, so that the blank template is read under it', async () => {
    const { problems, rules } = await loadWorkbookDataset(join(dir, 'template.xlsx'), ruleset.inputs, declaredChoices(ruleset));
    expect(rules).toBe('national-2017');
    // A blank template: the one thing that must be filled before anything else is the county code.
    expect(problems.map((p) => p.code)).toEqual(['DATA_KEY_MISSING']);
    expect(problems[0]?.message.zh).toContain('县（区）代码');
  });
});
