import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeJson, writeReports } from '../../src/report/index.ts';
import { ReportSetBusyError } from '../../src/report/write-reports.ts';
import type { Evaluation } from '../../src/model/index.ts';
import { readResult, serializeResult, type CompactResult } from '../../src/result/index.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';
import { huaduEvaluation } from './fixtures/huadu-evaluation.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-report-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
const schema = JSON.parse(
  await readFile(join(import.meta.dirname, '../../schemas/result.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile<CompactResult>(
  schema,
);

describe('writeReports', () => {
  it('writes every format at once, and nothing half-written is left behind', async () => {
    const dir = await tempDir();
    const written = await writeReports(buildEvaluation(), ['text', 'json', 'md', 'xlsx', 'html'], dir, 'zh');
    expect(written.map((file) => file.slice(dir.length + 1))).toEqual([
      'report.txt',
      'result.json',
      'report.md',
      'report.xlsx',
      'report.html',
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      'report-set.json',
      'report.html',
      'report.md',
      'report.txt',
      'report.xlsx',
      'result.json',
    ]);
  });

  it('names the set it wrote in report-set.json, each file with its SHA-256, the same bytes on rerun', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await writeReports(buildEvaluation(), ['text', 'json', 'xlsx'], a, 'zh');
    await writeReports(buildEvaluation(), ['text', 'json', 'xlsx'], b, 'zh');
    const manifest = JSON.parse(await readFile(join(a, 'report-set.json'), 'utf8')) as {
      format: string;
      files: Record<string, string>;
    };
    expect(manifest.format).toBe('junheng-report-set');
    expect(Object.keys(manifest.files)).toEqual(['report.txt', 'report.xlsx', 'result.json']);
    for (const [name, hash] of Object.entries(manifest.files)) {
      const bytes = await readFile(join(a, name));
      expect(hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(bytes.equals(await readFile(join(b, name))), name).toBe(true);
    }
    expect(await readFile(join(a, 'report-set.json'))).toEqual(await readFile(join(b, 'report-set.json')));
  });

  it('a second run into a folder another running process is writing is refused, and the lock of a dead run is taken over', async () => {
    const dir = await tempDir();
    // A lock held by a running process (this test's parent) …
    await writeFile(join(dir, '.junheng-lock'), `${process.ppid}\n`);
    const refused = await writeReports(buildEvaluation(), ['text'], dir, 'zh').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ReportSetBusyError);
    expect((refused as ReportSetBusyError).text.zh).toContain(`进程 ${process.ppid}`);
    expect(await readdir(dir)).toEqual(['.junheng-lock']);
    // … and one left by a process that is gone (a kill -9): the next run takes it over and cleans it up.
    await writeFile(join(dir, '.junheng-lock'), '2147483646\n');
    await writeReports(buildEvaluation(), ['text'], dir, 'zh');
    expect((await readdir(dir)).sort()).toEqual(['report-set.json', 'report.txt']);
  });

  it('a report that fails to render leaves the previous set whole, report-set.json included', async () => {
    const dir = await tempDir();
    await writeReports(buildEvaluation(), ['text', 'json'], dir, 'zh');
    const before = await Promise.all(
      ['report-set.json', 'report.txt', 'result.json'].map((f) => readFile(join(dir, f))),
    );
    const broken = { ...buildEvaluation(), counties: null } as unknown as Evaluation;
    await expect(writeReports(broken, ['text', 'json'], dir, 'zh')).rejects.toThrow();
    const after = await Promise.all(
      ['report-set.json', 'report.txt', 'result.json'].map((f) => readFile(join(dir, f))),
    );
    expect(after).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['report-set.json', 'report.txt', 'result.json']);
  });

  it('an unknown format is refused before anything is written', async () => {
    const dir = await tempDir();
    await expect(writeReports(buildEvaluation(), ['json', 'pdf'], dir, 'en')).rejects.toThrow(
      /unknown report format: pdf/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('the JSON is byte-identical for identical inputs, whatever order the keys were built in', async () => {
    const a = buildEvaluation();
    const b = JSON.parse(JSON.stringify(a), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as Evaluation;
    expect(serializeJson(b)).toBe(serializeJson(a));
    expect(serializeResult(b)).toBe(serializeResult(a));
    const [dirA, dirB] = [await tempDir(), await tempDir()];
    await writeReports(a, ['json'], dirA, 'zh');
    await writeReports(b, ['json'], dirB, 'zh');
    expect(await readFile(join(dirA, 'result.json'))).toEqual(await readFile(join(dirB, 'result.json')));
    const text = await readFile(join(dirA, 'result.json'), 'utf8');
    expect(text.startsWith('{"counties":[')).toBe(true);
    expect(text.indexOf('\n')).toBe(text.length - 1);
  });

  it('writes result.json indented with pretty: true, with the same content', async () => {
    const [compact, pretty] = [await tempDir(), await tempDir()];
    await writeReports(buildEvaluation(), ['json'], compact, 'zh');
    await writeReports(buildEvaluation(), ['json'], pretty, 'zh', { pretty: true });
    const text = await readFile(join(pretty, 'result.json'), 'utf8');
    expect(text.startsWith('{\n  "counties": [\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(await readFile(join(compact, 'result.json'), 'utf8')));
  });

  it('the fixture result validates against schemas/result.schema.json', () => {
    const ok = validate(JSON.parse(serializeResult(buildEvaluation())));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the Huadu result validates against the schema and round-trips through the JSON file', async () => {
    const huadu = await huaduEvaluation();
    const dir = await tempDir();
    await writeReports(huadu, ['json'], dir, 'zh');
    const parsed: unknown = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'));
    const ok = validate(parsed);
    expect(validate.errors?.slice(0, 3) ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(readResult(parsed)).toStrictEqual(JSON.parse(JSON.stringify(huadu)));
  });

  it('a result with an extra key is refused by the schema', () => {
    const broken = JSON.parse(serializeResult(buildEvaluation())) as Record<string, unknown>;
    expect(validate(broken)).toBe(true);
    broken.extra = true;
    expect(validate(broken)).toBe(false);
  });
});

describe('the reason a rule set was used', () => {
  it('is said in the text, Markdown and HTML reports and on the workbook overview when the command line gives it', async () => {
    const evaluation = buildEvaluation();
    evaluation.ruleset.chosenBy = {
      zh: '数据集指定（dataset.yaml 的 rules:）',
      en: 'named by the dataset (rules: in dataset.yaml)',
    };
    const dir = await tempDir();
    await writeReports(evaluation, ['text', 'md', 'html', 'xlsx'], dir, 'zh');
    for (const name of ['report.txt', 'report.md', 'report.html'])
      expect(await readFile(join(dir, name), 'utf8'), name).toContain('数据集指定（dataset.yaml 的 rules:）');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
    const values = workbook.worksheets[0]!.getColumn(2).values.map(String);
    expect(values).toContain('数据集指定（dataset.yaml 的 rules:）');
    const en = await tempDir();
    await writeReports(evaluation, ['text'], en, 'en');
    expect(await readFile(join(en, 'report.txt'), 'utf8')).toContain(
      'named by the dataset (rules: in dataset.yaml)',
    );
  });
});
