import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { DEFAULT_LIMITS, setLimits } from '../../src/limits.ts';
import type { InputDictionary, Problem } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { readYamlFile } from '../../src/rules/read-yaml.ts';

/** Every declared limit refuses an input past it with a located zh/en problem, never a crash; built at test time. */
const root = mkdtempSync(join(tmpdir(), 'junheng-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => setLimits({}));

let dict: InputDictionary;
beforeAll(async () => {
  const { ruleset } = await loadRuleSet('national-2017');
  if (!ruleset) throw new Error('no rule set');
  dict = ruleset.inputs;
});

const BASE = 'test/fixtures/bad-data/csv-bom';
let made = 0;
function dataset(files: Record<string, string | Uint8Array>, yaml?: string): string {
  const dir = join(root, `d${made++}`);
  mkdirSync(dir, { recursive: true });
  cpSync(BASE, dir, { recursive: true });
  if (yaml !== undefined) writeFileSync(join(dir, 'dataset.yaml'), yaml);
  for (const [file, data] of Object.entries(files)) writeFileSync(join(dir, file), data);
  return dir;
}

function expectLimit(problems: Problem[], code: string): Problem {
  const problem = problems.find((p) => p.code === code);
  expect(problem, problems.map((p) => p.code).join(', ')).toBeDefined();
  expect(problem?.severity).toBe('error');
  expect(problem?.message.zh).toContain('超过上限');
  expect(problem?.message.en).toContain('exceeds the limit');
  expect(problem?.message.en).toContain('--limits');
  return problem as Problem;
}

const UNITS_HEAD = 'unit_id,school_id,stage,students\n';

describe('declared limits', () => {
  it('bytes per file', async () => {
    setLimits({ fileBytes: 1000 });
    const dir = dataset({ 'units.csv': UNITS_HEAD + 'S1-P,S1,primary,1\n'.repeat(100) });
    const { dataset: read, problems } = await loadDataset(dir, dict);
    expect(read).toBeUndefined();
    expect(expectLimit(problems, 'LIMIT_FILE_BYTES').file).toContain('units.csv');
  });

  it('rows per table', async () => {
    setLimits({ tableRows: 50 });
    const rows = Array.from({ length: 80 }, (_, i) => `U${i},S1,primary,1\n`).join('');
    const { problems } = await loadDataset(dataset({ 'units.csv': UNITS_HEAD + rows }), dict);
    expect(expectLimit(problems, 'LIMIT_TABLE_ROWS').row).toBe(52);
  });

  it('characters per cell, at the default limit', async () => {
    const big = 'x'.repeat(DEFAULT_LIMITS.cellChars + 1);
    const { problems } = await loadDataset(
      dataset({ 'units.csv': `${UNITS_HEAD}S1-P,S1,primary,${big}\n` }),
      dict,
    );
    expect(expectLimit(problems, 'LIMIT_CELL_CHARS')).toMatchObject({ row: 2, cell: 'D2' });
  });

  it('keys per YAML file', async () => {
    setLimits({ yamlKeys: 100 });
    const yaml = `id: x\n${Array.from({ length: 150 }, (_, i) => `k${i}: 1\n`).join('')}`;
    const { problems } = await loadDataset(dataset({}, yaml), dict);
    expect(expectLimit(problems, 'LIMIT_YAML_KEYS').line).toBe(101);
  });

  it('nesting depth per YAML file: flow and block, never a stack overflow', async () => {
    const flow = `id: x\ncounty: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const a = await loadDataset(dataset({}, flow), dict);
    expectLimit(a.problems, 'LIMIT_YAML_DEPTH');
    const block = `id: x\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('')}`;
    const b = await loadDataset(dataset({}, block), dict);
    expectLimit(b.problems, 'LIMIT_YAML_DEPTH');
    const file = join(root, 'deep-rule.yaml');
    writeFileSync(file, `id: A1\nvalue: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const r = await readYamlFile(file);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['LIMIT_YAML_DEPTH', 2]]);
  });

  async function workbook(sheetBytes: number): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', `<worksheet>${' '.repeat(sheetBytes)}</worksheet>`);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  it('inflated bytes per XLSX part, by the declared size', async () => {
    setLimits({ xlsxPartBytes: 1_000_000 });
    const dir = dataset(
      { 'data.xlsx': await workbook(2_000_000) },
      'id: x\ncounty: { county_id: "1", county_name: x }\ntables: { workbook: data.xlsx }\n',
    );
    const { problems } = await loadDataset(dir, dict);
    expect(expectLimit(problems, 'LIMIT_XLSX_PART_BYTES').message.en).toContain('xl/worksheets/sheet1.xml');
  });

  it('inflated bytes per XLSX part, when the declared size lies: inflating stops at the limit', async () => {
    setLimits({ xlsxPartBytes: 1_000_000 });
    const bytes = Buffer.from(await workbook(50_000_000));
    // Declare every part 10 bytes long, in the local headers and the central directory.
    for (let i = 0; i + 4 <= bytes.length; i++) {
      if (bytes.readUInt32LE(i) === 0x04034b50) bytes.writeUInt32LE(10, i + 22);
      if (bytes.readUInt32LE(i) === 0x02014b50) bytes.writeUInt32LE(10, i + 24);
    }
    const dir = dataset(
      { 'data.xlsx': bytes },
      'id: x\ncounty: { county_id: "1", county_name: x }\ntables: { workbook: data.xlsx }\n',
    );
    const before = process.memoryUsage().rss;
    const { problems } = await loadDataset(dir, dict);
    expectLimit(problems, 'LIMIT_XLSX_PART_BYTES');
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 * 1024);
  });
});

describe('--limits raises or lowers the limits for one run', () => {
  async function cli(argv: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const code = await run(argv, { out: () => undefined, err: (t) => err.push(t), isTTY: false });
    return { code, err: err.join('') };
  }

  it('a lowered limit refuses with exit 2; a raised one accepts', async () => {
    const low = join(root, 'low.yaml');
    writeFileSync(low, 'fileBytes: 10\n');
    const refused = await cli(['--limits', low, 'validate', BASE]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_FILE_BYTES');
    const high = join(root, 'high.yaml');
    writeFileSync(high, 'cellChars: 100000\n');
    const big = dataset({
      'schools.csv': `学校代码,学校名称,办学类型\nS1,${'长'.repeat(40_000)},小学\nS2,第二中学,初中\n`,
    });
    expect((await cli(['validate', big])).code).toBe(2);
    expect((await cli(['--limits', high, 'validate', big])).code).toBe(0);
  });

  it('rows per table hold for a workbook sheet too', async () => {
    const book = 'test/fixtures/workbooks/filled-exceljs.xlsx';
    expect((await cli(['validate', book])).code).toBe(0);
    const low = join(root, 'rows.yaml');
    writeFileSync(low, 'tableRows: 1\n');
    const refused = await cli(['--limits', low, 'validate', book, '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_TABLE_ROWS');
    expect(refused.err).toContain('exceeds the limit of 1');
  });

  it('characters per cell hold for a workbook too, located by sheet and cell', async () => {
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.readFile('test/fixtures/workbooks/filled-exceljs.xlsx');
    const sheet = book.worksheets.find((s) => s.name === '学校');
    expect(sheet).toBeDefined();
    sheet!.getCell('B3').value = '长'.repeat(40_000);
    const file = join(root, 'long-cell.xlsx');
    await book.xlsx.writeFile(file);
    const refused = await cli(['validate', file]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_CELL_CHARS');
    expect(refused.err).toContain('学校');
    expect(refused.err).toContain('B3');
    const high = join(root, 'cells.yaml');
    writeFileSync(high, 'cellChars: 100000\n');
    expect((await cli(['--limits', high, 'validate', file])).err).not.toContain('LIMIT_CELL_CHARS');
  });

  it('a limits file with an unknown name or a bad value is a usage error', async () => {
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, 'tableRow: 5\n');
    const r = await cli(['--limits', bad, 'validate', BASE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法错误');
    expect(r.err).toContain('tableRow');
    writeFileSync(bad, 'tableRows: -1\n');
    expect((await cli(['--limits', bad, 'validate', BASE])).code).toBe(2);
  });
});
