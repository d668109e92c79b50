import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { run } from '../../src/cli/program.ts';
import { StoreReader } from '../../src/store/store-reader.ts';

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await run(argv, { out: () => {}, err: (t) => err.push(t), isTTY: false });
  return { code, err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-workers-'));
const nation = join(dir, 'nation');

beforeAll(async () => {
  await writeNation(nation, { seed: 5, scale: 0.003, divisionCodes: true });
});

describe('evaluate --workers n', () => {
  it('two worker threads write counties.ndjson and the summaries byte for byte as one thread', async () => {
    expect((await cli(['evaluate', nation, '--out', join(dir, 'one'), '--quiet'])).code).toBe(0);
    const two = await cli(['evaluate', nation, '--out', join(dir, 'two'), '--quiet', '--workers', '2']);
    expect(two.err).toBe('');
    expect(two.code).toBe(0);
    for (const file of ['counties.ndjson', 'summary.csv', 'summary.md', 'summary.json']) {
      const a = readFileSync(join(dir, 'one', file));
      expect(a.length).toBeGreaterThan(100);
      expect(readFileSync(join(dir, 'two', file)).equals(a)).toBe(true);
    }
  });

  it('two worker threads write the same store rows as one thread', async () => {
    const a = join(dir, 'one.duckdb');
    const b = join(dir, 'two.duckdb');
    expect((await cli(['evaluate', nation, '--store', a, '--quiet'])).code).toBe(0);
    expect((await cli(['evaluate', nation, '--store', b, '--quiet', '--workers', '3'])).code).toBe(0);
    const dump = async (file: string) => {
      const reader = await StoreReader.open(file);
      try {
        const out: unknown[] = [];
        for (const table of ['subjects', 'verdicts', 'checks', 'input_cells', 'dispersion']) {
          out.push(await reader.rows(`SELECT * FROM ${table}`));
        }
        out.push(
          await reader.rows('SELECT county, position, hash(data) AS data FROM county_data ORDER BY position'),
        );
        return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      } finally {
        reader.close();
      }
    };
    expect(await dump(b)).toBe(await dump(a));
  });

  it.each(['0', '65', 'two', '1.5'])('--workers %s is a usage error (exit 2)', async (value) => {
    const result = await cli(['evaluate', nation, '--workers', value, '--quiet', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--workers');
  });
});
