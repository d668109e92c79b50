import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { readResult } from '../../src/result/index.ts';

/**
 * Every case of the bad-rules and bad-data corpora through the command line: a bad input ends in exit code 2 and
 * located messages in the user's language, never in an unexpected failure; an input read correctly exits 0.
 */
const BAD_DATA = 'test/fixtures/bad-data';
const BAD_RULES = 'test/fixtures/broken-rules';
const READ_CORRECTLY = new Set([
  'csv-bom',
  'csv-gb18030',
  'csv-utf16le',
  'csv-utf16be',
  'csv-id-full-width',
  'csv-empty-rows',
  'natural-forms',
  'xlsx-natural-forms',
]);
/** Cases where the dataset is still built, the bad value evaluated as insufficient data. */
const VALUE_CASES = new Set([
  'csv-decimal-count',
  'csv-excel-errors',
  'csv-huge-exponent',
  'csv-infinity',
  'csv-nan',
  'csv-negative-count',
  'csv-tiny-exponent',
  'csv-wrong-type',
  'xlsx-error-cells',
  'yaml-decimal-count',
  'yaml-negative-count',
]);

const dataCases = readdirSync(BAD_DATA).sort();
const ruleCases = readdirSync(BAD_RULES).sort();

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join(''), err: err.join('') };
}

/** What an unexpected exception looks like when run() catches it: never acceptable for bad input. */
function expectNoUnexpectedFailure(err: string): void {
  expect(err).not.toMatch(/^(出错了|failed): /m);
  expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object inside a parsed JSON value that satisfies `test`. */
function collect(value: unknown, test: (o: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap((v) => collect(v, test));
  if (!isRecord(value)) return [];
  return [...(test(value) ? [value] : []), ...Object.values(value).flatMap((v) => collect(v, test))];
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the command line on the bad-input corpora', () => {
  it('the corpora hold every case the tests name', () => {
    expect(dataCases.length).toBeGreaterThanOrEqual(40);
    for (const name of [...READ_CORRECTLY, ...VALUE_CASES]) expect(dataCases).toContain(name);
  });

  it.each(dataCases.filter((c) => !READ_CORRECTLY.has(c)))(
    'validate %s exits 2 with located Chinese messages',
    async (name) => {
      const { code, err } = await cli(['validate', `${BAD_DATA}/${name}`, '--lang', 'zh']);
      expect(code).toBe(2);
      expectNoUnexpectedFailure(err);
      // `<file>:<line>` or `<file>!<cell>` or `<file>:<row>`, then 错误 and the code.
      expect(err).toMatch(
        new RegExp(`${BAD_DATA}/${name}/\\S+( 工作表 \\S+)? 错误 DATA_[A-Z_]+: .*[\\u4e00-\\u9fff]`),
      );
    },
  );

  it.each([...READ_CORRECTLY])('validate %s exits 0: read correctly', async (name) => {
    const { code, out, err } = await cli(['validate', `${BAD_DATA}/${name}`, '--lang', 'en']);
    expect(code, err).toBe(0);
    expect(out).toContain('dataset bad-data is valid');
  });

  it.each(ruleCases)('validate --rules %s exits 2 with located English messages', async (name) => {
    const { code, err } = await cli(['validate', '--rules', `${BAD_RULES}/${name}`, '--lang', 'en']);
    expect(code).toBe(2);
    expectNoUnexpectedFailure(err);
    expect(err).toMatch(/ error [A-Z_]+: /);
  });

  it.each(dataCases.filter((c) => !READ_CORRECTLY.has(c) && !VALUE_CASES.has(c)))(
    'evaluate %s exits 2 and writes nothing',
    async (name) => {
      const out = await mkdtemp(join(tmpdir(), 'junheng-bad-'));
      dirs.push(out);
      const { code, err } = await cli([
        'evaluate',
        `${BAD_DATA}/${name}`,
        '--out',
        out,
        '--format',
        'json',
        '-q',
      ]);
      expect(code).toBe(2);
      expectNoUnexpectedFailure(err);
      expect(await readdir(out)).toEqual([]);
    },
  );

  it('evaluate on a dataset with an unreadable cell exits 2, and the unit is judged on insufficient data, never met or not met', async () => {
    const out = await mkdtemp(join(tmpdir(), 'junheng-bad-'));
    dirs.push(out);
    const { code, err } = await cli([
      'evaluate',
      `${BAD_DATA}/csv-nan`,
      '--out',
      out,
      '--format',
      'json',
      '-q',
      '--lang',
      'en',
    ]);
    expect(code).toBe(2);
    expect(err).toContain('units.csv!D3 error DATA_VALUE_NOT_A_NUMBER: ');
    const result = readResult(JSON.parse(await readFile(join(out, 'result.json'), 'utf8')));
    // Every check of unit S2-J (pupils: NaN) that reads its pupil count is undecided; the input points at the cell.
    const checks = collect(
      result,
      (o) => isRecord(o['subject']) && o['subject']['key'] === 'S2-J' && Array.isArray(o['inputs']),
    );
    const reading = checks.filter((c) =>
      (c['inputs'] as Record<string, unknown>[]).some((i) => i['name'] === 'students'),
    );
    expect(reading.length).toBeGreaterThan(0);
    for (const check of reading) {
      expect(check['verdict']).toBe('insufficient_data');
      const students = (check['inputs'] as Record<string, unknown>[]).find((i) => i['name'] === 'students');
      expect(students).toMatchObject({ missing: true, value: null, source: { cell: 'D3', row: 3 } });
    }
  });

  it('evaluate on natural forms exits 0 and the trail keeps how 1,200 and ６００ were read', async () => {
    const out = await mkdtemp(join(tmpdir(), 'junheng-good-'));
    dirs.push(out);
    const { code } = await cli([
      'evaluate',
      `${BAD_DATA}/natural-forms`,
      '--out',
      out,
      '--format',
      'json',
      '-q',
    ]);
    expect(code).toBe(0);
    const result = await readFile(join(out, 'result.json'), 'utf8');
    expect(result).toContain('千位分隔符「1,200」已去除');
    expect(result).toContain('全角字符「６００」按半角读取');
  });
});
