import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { run } from '../../src/cli/program.ts';

async function cli(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, err: err.join(''), out: out.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-verdicts-'));
/** 58 counties: more than the 50 from which a dataset is read one county at a time. */
const nation = join(dir, 'nation');
/** The same nation with its counties' own part in dataset.yaml instead of counties.csv. */
const nationYaml = join(dir, 'nation-yaml');
const SUMMARIES = ['summary.csv', 'summary.md', 'summary.json'];

beforeAll(async () => {
  await writeNation(nation, { seed: 11, scale: 0.02 });
  await writeNation(nationYaml, { seed: 11, scale: 0.02, counties: 'yaml' });
});

describe('evaluate --verdicts-only', () => {
  it('writes the summaries of a full run byte for byte, without trails, on one thread and on three', async () => {
    expect((await cli(['evaluate', nation, '--out', join(dir, 'full'), '--quiet'])).code).toBe(0);
    const one = await cli(['evaluate', nation, '--out', join(dir, 'one'), '--quiet', '--verdicts-only']);
    expect(one.err).toBe('');
    const three = await cli([
      'evaluate',
      nation,
      '--out',
      join(dir, 'three'),
      '--quiet',
      '--verdicts-only',
      '--workers',
      '3',
    ]);
    expect(three.err).toBe('');
    expect([one.code, three.code]).toEqual([0, 0]);
    for (const file of SUMMARIES) {
      const full = readFileSync(join(dir, 'full', file));
      expect(full.length).toBeGreaterThan(100);
      expect(readFileSync(join(dir, 'one', file)).equals(full), file).toBe(true);
      expect(readFileSync(join(dir, 'three', file)).equals(full), file).toBe(true);
    }
    expect(existsSync(join(dir, 'one', 'counties.ndjson'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(dir, 'one', 'summary.json'), 'utf8')) as {
      totals: Record<string, number>;
    };
    expect(summary.totals['counties']).toBe(58);
  });

  it('gives the same verdicts whether the counties come from counties.csv or from dataset.yaml', async () => {
    expect(
      (await cli(['evaluate', nationYaml, '--out', join(dir, 'yaml'), '--quiet', '--verdicts-only'])).code,
    ).toBe(0);
    if (!existsSync(join(dir, 'one', 'summary.csv')))
      expect(
        (await cli(['evaluate', nation, '--out', join(dir, 'one'), '--quiet', '--verdicts-only'])).code,
      ).toBe(0);
    expect(readFileSync(join(dir, 'yaml', 'summary.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'one', 'summary.csv'), 'utf8'),
    );
  });

  it('refuses a dataset with a duplicate school on several threads as on one: exit 2, located, nothing written', async () => {
    const broken = join(dir, 'broken');
    await writeNation(broken, { seed: 11, scale: 0.02 });
    const schools = readFileSync(join(broken, 'schools.csv'), 'utf8').split('\n');
    // A county near the end repeats a school row.
    const at = schools.findIndex((line) => line.startsWith('C0050,'));
    schools.splice(at, 0, schools[at] as string);
    writeFileSync(join(broken, 'schools.csv'), schools.join('\n'));
    for (const workers of ['1', '2']) {
      const out = join(dir, `broken-${workers}`);
      const result = await cli([
        'evaluate',
        broken,
        '--out',
        out,
        '--quiet',
        '--verdicts-only',
        '--workers',
        workers,
        '--lang',
        'en',
      ]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('DATA_DUPLICATE_KEY');
      expect(result.err).toContain(`row ${at + 1}`);
      expect(existsSync(join(out, 'summary.csv'))).toBe(false);
    }
  });
});
