import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join(''), err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-store-compare-'));
const store = join(dir, 'results.duckdb');
const runs = ['--run', 'huadu-2024~national-2017', '--run', 'huadu-2024~city-local-2017'];

beforeAll(async () => {
  expect((await cli(['evaluate', '--store', store, '--quiet'])).code).toBe(0);
  expect((await cli(['evaluate', '--rules', 'city-local-2017', '--store', store, '--quiet'])).code).toBe(0);
});

describe('compare --store', () => {
  it.each(['zh', 'en'])(
    'two runs of the sample (national-2017, city-local-2017) give the flips and causes of compare on the files (%s)',
    async (lang) => {
      const files = await cli([
        'compare',
        '--rules',
        'national-2017',
        '--rules',
        'city-local-2017',
        '--format',
        'text,json',
        '--out',
        join(dir, `files-${lang}`),
        '--lang',
        lang,
      ]);
      const stored = await cli([
        'compare',
        '--store',
        store,
        ...runs,
        '--format',
        'text,json',
        '--out',
        join(dir, `store-${lang}`),
        '--lang',
        lang,
      ]);
      expect(stored.code).toBe(0);
      expect(stored.out).toBe(files.out);
      expect(stored.out).toContain('G4');
      expect(readFileSync(join(dir, `store-${lang}`, 'comparison.json'), 'utf8')).toBe(
        readFileSync(join(dir, `files-${lang}`, 'comparison.json'), 'utf8'),
      );
    },
  );

  it('two runs of two years (two datasets, one rule set) give the comparison of compare on the two folders', async () => {
    // The next year: the sample with one unit's qualified teachers down from 72 to 40, and its own id and year.
    const next = join(dir, 'huadu-2025');
    cpSync('data/huadu-2024', next, { recursive: true });
    const yaml = readFileSync(join(next, 'dataset.yaml'), 'utf8');
    writeFileSync(
      join(next, 'dataset.yaml'),
      yaml
        .replace(/^id: huadu-2024$/m, 'id: huadu-2025')
        .replace(/^school_year: "2024"$/m, 'school_year: "2025"'),
    );
    const units = readFileSync(join(next, 'units.csv'), 'utf8');
    writeFileSync(
      join(next, 'units.csv'),
      units.replace('HD001-P,HD001,石岗小学,primary,1317,72,', 'HD001-P,HD001,石岗小学,primary,1317,40,'),
    );
    const years = join(dir, 'years.duckdb');
    expect((await cli(['evaluate', '--store', years, '--quiet'])).code).toBe(0);
    expect((await cli(['evaluate', next, '--store', years, '--quiet'])).code).toBe(0);
    const files = await cli(['compare', 'data/huadu-2024', next, '--lang', 'en']);
    const stored = await cli([
      'compare',
      '--store',
      years,
      '--run',
      'huadu-2024~national-2017',
      '--run',
      'huadu-2025~national-2017',
      '--lang',
      'en',
    ]);
    expect(stored.code).toBe(0);
    expect(stored.out).toBe(files.out);
    expect(stored.out).toContain('R1');
  });

  it('a run the store does not hold is a located error (exit 2) that lists the runs', async () => {
    const result = await cli([
      'compare',
      '--store',
      store,
      '--run',
      'huadu-2024~national-2017',
      '--run',
      'x',
      '--lang',
      'en',
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('holds no run "x"');
    expect(result.err).toContain('huadu-2024~city-local-2017');
  });

  it('one --run, or --run without --store, is a usage error (exit 2)', async () => {
    expect((await cli(['compare', '--store', store, '--run', 'huadu-2024~national-2017'])).code).toBe(2);
    expect((await cli(['compare', '--run', 'a', '--run', 'b'])).code).toBe(2);
  });
});
