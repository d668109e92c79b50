import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

const FIXTURES = 'test/fixtures/workbooks';

describe('a workbook on the command line', () => {
  it('evaluate reads a filled-in workbook directly, under the rule set its 基本信息 names, and says why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'junheng-wb-')), 'out');
    const c = capture();
    expect(
      await run(['evaluate', `${FIXTURES}/filled-libreoffice.xlsx`, '-f', 'json', '--out', out], c.io),
    ).toBe(0);
    expect(c.err.join('')).toContain('规则集 national-2017：数据集指定（基本信息「规则集」）');
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as {
      ruleset: { id: string; chosenBy: { zh: string } };
      dataset: { id: string };
    };
    expect(result.ruleset.id).toBe('national-2017');
    expect(result.ruleset.chosenBy.zh).toContain('基本信息');
    expect(result.dataset.id).toBe('synthetic-county');
  });

  it.each(['validate', 'explain'])('%s accepts a workbook', async (command) => {
    const c = capture();
    expect(await run([command, `${FIXTURES}/filled-openpyxl.xlsx`], c.io)).toBe(0);
    expect(c.out.join('')).toContain(command === 'validate' ? '数据集 synthetic-county 校验通过' : '示例县');
  });

  it('compare accepts two workbooks', async () => {
    const c = capture();
    expect(
      await run(['compare', `${FIXTURES}/filled-exceljs.xlsx`, `${FIXTURES}/filled-libreoffice.xlsx`], c.io),
    ).toBe(0);
  });

  it('a refused workbook exits 2 with one message in Chinese and writes no report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'junheng-wb-')), 'out');
    const c = capture();
    expect(await run(['evaluate', `${FIXTURES}/mistakes/title-row.xlsx`, '--out', out], c.io)).toBe(2);
    const err = c.err.join('');
    expect(err).toContain('删除表头上方的标题行');
    expect(err.match(/错误 DATA_/g)).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('the blank template is refused until its county code is filled in, and no report is written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'junheng-wb-')), 'out');
    const c = capture();
    expect(await run(['evaluate', `${FIXTURES}/template.xlsx`, '--out', out], c.io)).toBe(2);
    expect(c.err.join('')).toContain('「基本信息」缺少必填项「县（区）代码」');
    expect(existsSync(out)).toBe(false);
  });

  it('with --lang en the same mistake is explained in English', async () => {
    const c = capture();
    expect(await run(['validate', `${FIXTURES}/mistakes/merged-header.xlsx`, '--lang', 'en'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('header cells E1:F1 are merged');
  });

  it('a dataset folder whose rules: names national-2012 is evaluated under national-2012 when --rules is not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-2012-'));
    writeFileSync(
      join(dir, 'dataset.yaml'),
      'id: y2012\nrules: national-2012\ncounty: { county_id: "990001" }\n',
    );
    const c = capture();
    expect(await run(['evaluate', dir, '-f', 'json', '--out', join(dir, 'out')], c.io)).toBe(0);
    expect(c.err.join('')).toContain('规则集 national-2012：数据集指定（dataset.yaml 的 rules:）');
    const result = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8')) as {
      ruleset: { id: string };
    };
    expect(result.ruleset.id).toBe('national-2012');
  });

  it('--rules overrides the rule set a workbook names, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-2012-'));
    const file = join(dir, '填报.xlsx');
    expect(await run(['template', '--rules', 'national-2012', '--out', file], capture().io)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    workbook.getWorksheet('基本信息')!.getCell('B4').value = '990001';
    await workbook.xlsx.writeFile(file);
    const named = capture();
    expect(await run(['evaluate', file, '-f', 'json', '--out', join(dir, 'a'), '-q'], named.io)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a', 'result.json'), 'utf8'))).toMatchObject({
      ruleset: { id: 'national-2012' },
    });
    const given = capture();
    await run(['validate', file, '--rules', 'national-2017'], given.io);
    expect(given.err.join('')).toContain('规则集 national-2017：命令行 --rules 指定');
  });

  it('a path that is neither a dataset folder nor a workbook is DATASET_NOT_FOUND', async () => {
    const c = capture();
    expect(await run(['evaluate', join(tmpdir(), 'no-such-填报.xlsx')], c.io)).toBe(2);
    expect(c.err.join('')).toContain('DATASET_NOT_FOUND');
  });
});
