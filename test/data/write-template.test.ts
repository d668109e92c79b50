import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { writeTemplate } from '../../src/data/write-template.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
let dir: string;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'template-'));
  await writeTemplate(dict, join(dir, 'template.xlsx'));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'template.xlsx'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('writeTemplate', () => {
  it('writes a county sheet and one sheet per table level, with Chinese headers', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['县级', '学校', '学部', '班级']);
    const units = workbook.getWorksheet('学部');
    expect(units?.getRow(1).getCell(1).value).toBe('学部代码');
    expect(units?.getRow(1).getCell(3).value).toBe('学校代码');
    const county = workbook.getWorksheet('县级');
    const labels: unknown[] = [];
    county?.eachRow((row) => labels.push(row.getCell(1).value));
    expect(labels).toContain('当地公务员平均工资收入');
    expect(labels).not.toContain('学校规划布局合理，符合国家规定要求');
  });

  it.each([
    { sheet: '学部', header: '学段', type: 'list', formula: '"小学,初中"' },
    { sheet: '学部', header: '在校学生数', type: 'whole', formula: 0 },
    { sheet: '学部', header: '教学及辅助用房面积', type: 'decimal', formula: 0 },
    { sheet: '学校', header: '是否村小学或教学点', type: 'list', formula: '"是,否"' },
    { sheet: '学校', header: '建成年份', type: 'whole', formula: 1900 },
    { sheet: '班级', header: '年级', type: 'whole', formula: 1 },
  ])('validates $header on $sheet as $type', ({ sheet, header, type, formula }) => {
    const ws = workbook.getWorksheet(sheet);
    const headers = ws?.getRow(1).values as unknown[];
    const column = headers.indexOf(header);
    expect(column).toBeGreaterThan(0);
    const rule = ws?.getRow(50).getCell(column).dataValidation;
    expect(rule?.type).toBe(type);
    expect(rule?.formulae[0]).toEqual(formula);
    expect(String(ws?.getRow(1).getCell(column).note)).toContain(header);
  });

  it('gives a workbook that loads as a dataset once filled in', async () => {
    const ws = (name: string): ExcelJS.Worksheet => {
      const w = workbook.getWorksheet(name);
      if (w === undefined) throw new Error(name);
      return w;
    };
    const col = (w: ExcelJS.Worksheet, header: string): number => (w.getRow(1).values as unknown[]).indexOf(header);
    const fill = (w: ExcelJS.Worksheet, row: number, values: Record<string, unknown>): void => {
      for (const [h, v] of Object.entries(values)) w.getRow(row).getCell(col(w, h)).value = v as ExcelJS.CellValue;
    };
    fill(ws('学校'), 2, { 学校代码: 'S1', 学校名称: '一小', 办学类型: '小学', 是否村小学或教学点: '否' });
    fill(ws('学部'), 2, { 学部代码: 'S1-P', 学校代码: 'S1', 学段: '小学', 在校学生数: 500 });
    fill(ws('班级'), 2, { 班级代码: 'S1-1-1', 学校代码: 'S1', 学段: '小学', 年级: 1, 班级学生数: 44 });
    await workbook.xlsx.writeFile(join(dir, 'filled.xlsx'));
    await writeFile(join(dir, 'dataset.yaml'), 'id: filled\ncounty: { county_id: "1" }\ntables: { workbook: filled.xlsx }\n');
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(problems).toEqual([]);
    const county = dataset?.counties[0];
    expect(county?.schools[0]?.values['school_type']?.value).toBe('primary');
    expect(county?.schools[0]?.values['is_village_school']?.value).toBe(false);
    expect(county?.units[0]).toMatchObject({ key: 'S1-P', parentKey: 'S1', group: 'primary' });
    expect(county?.classes[0]?.values['class_students']?.value).toBe(44);
  });
});
