import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeJson, writeReports } from '../../src/report/index.ts';
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
      'report.html',
      'report.md',
      'report.txt',
      'report.xlsx',
      'result.json',
    ]);
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
