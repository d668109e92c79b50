import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { CompiledEvaluator } from '../../src/engine/compiled-evaluator.ts';
import { evaluateMany } from '../../src/cli/evaluate-many.ts';
import { LARGE_DATASET } from '../../src/cli/choose-evaluator.ts';
import { openLargeDataset } from '../../src/cli/load-inputs.ts';
import { run } from '../../src/cli/program.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junheng-one-by-one-'));
  // 58 counties: above the 50 at which evaluate reads a dataset one county at a time.
  await writeNation(join(dir, 'nation'), { seed: 20240902, scale: 0.02, classes: false });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('junheng evaluate on a large dataset grouped by county', () => {
  it('reads it one county at a time and writes the results the whole dataset gives', async () => {
    const c = capture();
    const code = await run(['evaluate', join(dir, 'nation'), '--out', join(dir, 'streamed'), '-q'], c.io);
    // --quiet prints nothing but errors; the files written are compared below.
    expect([c.out.join(''), c.err.join('')]).toEqual(['', '']);
    expect(code).toBe(0);
    const { ruleset } = await loadRuleSet('national-2017');
    const { dataset } = await loadDataset(join(dir, 'nation'), ruleset!.inputs);
    expect(dataset?.counties.length).toBe(58);
    expect(await openLargeDataset(join(dir, 'nation'), ruleset!, LARGE_DATASET.counties + 1)).toBeDefined();
    await evaluateMany(ruleset!, dataset!, {
      evaluator: new CompiledEvaluator(),
      outDir: join(dir, 'whole'),
      lang: 'zh',
      io: capture().io,
    });
    for (const file of ['counties.ndjson', 'summary.csv', 'summary.json'])
      expect(readFileSync(join(dir, 'streamed', file), 'utf8')).toBe(
        readFileSync(join(dir, 'whole', file), 'utf8'),
      );
  });

  it('refuses a dataset whose county has a duplicate school: exit 2, the problem located, no results', async () => {
    const schools = join(dir, 'nation', 'schools.csv');
    const rows = (await readFile(schools, 'utf8')).trimEnd().split('\n');
    // The last school again, in its own county's run of rows.
    await appendFile(schools, `${rows[rows.length - 1]}\n`);
    const c = capture();
    const code = await run(['evaluate', join(dir, 'nation'), '--out', join(dir, 'refused'), '-q'], c.io);
    expect(code).toBe(2);
    expect(c.err.join('')).toContain('DATA_DUPLICATE_KEY');
    expect(c.err.join('')).toContain('未评估（不写出结果）');
    expect(existsSync(join(dir, 'refused', 'counties.ndjson'))).toBe(false);
  });
});
