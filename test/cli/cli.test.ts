import { existsSync, mkdtempSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

describe('the junheng command line', () => {
  it('validate on the bundled rules exits 0 and says the rule set is valid', async () => {
    const c = capture();
    const code = await run(['validate', '--rules', 'test/fixtures/rules/tiny'], c.io);
    expect(code).toBe(0);
    expect(c.out.join('')).toContain('校验通过');
  });

  it('validate on a broken rule set exits 2 with the file, line and a Chinese message', async () => {
    const c = capture();
    const code = await run(['validate', '--rules', 'test/fixtures/broken-rules/formula-unknown-name'], c.io);
    expect(code).toBe(2);
    expect(c.err.join('')).toMatch(/resource\/A1\.yaml:5:8 错误 FORMULA_UNKNOWN_NAME: .*是否应为“students”/);
    expect(c.err.join('')).toContain('校验未通过');
    expect(c.err.join('')).not.toContain('未执行');
  });

  it('messages switch to English with --lang en', async () => {
    const c = capture();
    await run(
      ['validate', '--rules', 'test/fixtures/broken-rules/formula-unknown-name', '--lang', 'en'],
      c.io,
    );
    expect(c.err.join('')).toContain("did you mean 'students'");
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    const c = capture();
    expect(await run(['evaluat'], c.io)).toBe(2);
    expect(await run(['validate', '--lang', 'fr'], c.io)).toBe(2);
  });

  it('test runs the YAML cases of a rule set and exits 0 when all pass', async () => {
    const c = capture();
    const code = await run(['test', '--rules', 'national-2017'], c.io);
    expect(c.out.join('')).toMatch(/\d+ 个用例通过，0 个未通过/);
    expect(code).toBe(0);
  });

  it('test exits 1 and prints expected, actual and the trail when a case fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-cases-'));
    cpSync('test/fixtures/rules/tiny', join(dir, 'tiny'), { recursive: true });
    mkdirSync(join(dir, 'tiny', 'cases'), { recursive: true });
    writeFileSync(
      join(dir, 'tiny', 'cases', 'wrong.yaml'),
      [
        'name: 写错期望的用例',
        'covers: [A1, A2, A3, C1, C2, C3]',
        'county: { inputs: { pay: 90, civil_pay: 100, survey_rate: 0.9 }, attestations: { plan: { attested: true, evidence: [x] } } }',
        'schools: [{ school_id: S1 }]',
        'units: [{ unit_id: U1, school_id: S1, stage: primary, students: 100, teachers: 5, floor_area: 500, books: 700 }]',
        'expect: { indicators: { C2: met } }',
        '',
      ].join('\n'),
    );
    const c = capture();
    const code = await run(['test', '--rules', join(dir, 'tiny')], c.io);
    const text = c.out.join('');
    expect(code).toBe(1);
    expect(text).toContain('写错期望的用例');
    expect(text).toMatch(/指标 C2：期望 达标，实际 未达标/);
  });
});

describe('junheng template', () => {
  it('writes a blank data-entry workbook with a sheet per level and Chinese headers', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const dir = mkdtempSync(join(tmpdir(), 'junheng-template-'));
    const file = join(dir, '填报模板.xlsx');
    const c = capture();
    expect(await run(['template', '--out', file], c.io)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['学校', '学部', '班级']));
    const header = workbook.getWorksheet('学部')?.getRow(1).values as unknown[];
    expect(header).toContain('在校学生数（人）');
  });

  it('evaluate --quiet prints nothing but errors, and still writes the reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-quiet-'));
    writeFileSync(
      join(dir, 'dataset.yaml'),
      [
        'id: quiet',
        'county:',
        '  county_id: Q1',
        '  reported:',
        '    - { indicator: R1, figure: cv, group: primary, value: "0.31" }',
      ].join('\n'),
    );
    const [quiet, loud] = [capture(), capture()];
    expect(
      await run(['evaluate', dir, '--out', join(dir, 'q'), '--format', 'json', '--quiet'], quiet.io),
    ).toBe(0);
    expect(await run(['evaluate', dir, '--out', join(dir, 'l'), '--format', 'json'], loud.io)).toBe(0);
    expect([quiet.out.join(''), quiet.err.join('')]).toEqual(['', '']);
    expect(loud.err.join('')).toContain('已写出');
    expect(existsSync(join(dir, 'q', 'result.json'))).toBe(true);
  });
});
