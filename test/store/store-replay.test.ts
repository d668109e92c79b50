import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { countyBytes, countyFromBytes } from '../../src/data/county-bytes.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { compilePlan } from '../../src/engine/compile-plan.ts';
import { evaluateCounty } from '../../src/engine/evaluate-dataset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { ENGINE_VERSION } from '../../src/version.ts';

/**
 * A results store keeps each county's data as the run read it (county_data), not its trail: explain and compare
 * judge it again. These tests hold the bytes to the county, and refuse what cannot give the run's own trail.
 */

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join(''), err: err.join('') };
}

async function sql(file: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-replay-'));
let ruleset: RuleSet;

beforeAll(async () => {
  ruleset = (await loadRuleSet('rules/national-2017')).ruleset as RuleSet;
});

describe("a county's data in the store", () => {
  it('gives back a county that judges to the same result, trail and sources included, and again after a second round', async () => {
    const { dataset } = await loadDataset('data/huadu-2024', ruleset.inputs);
    const county = dataset?.counties[0];
    if (!county) throw new Error('no county');
    const bytes = countyBytes(county);
    const plan = compilePlan(ruleset);
    const fresh = await evaluateCounty(county, plan);
    const back = countyFromBytes(bytes);
    expect(JSON.stringify(await evaluateCounty(back, plan))).toBe(JSON.stringify(fresh));
    const twice = countyFromBytes(countyBytes(countyFromBytes(bytes)));
    expect(JSON.stringify(await evaluateCounty(twice, plan))).toBe(JSON.stringify(fresh));
  });

  it('a store written by another engine version is refused by explain with both versions named (exit 2)', async () => {
    const store = join(dir, 'other-version.duckdb');
    expect((await cli(['evaluate', '--store', store, '--quiet'])).code).toBe(0);
    await sql(store, [`UPDATE runs SET engine_version = '0.0.1'`]);
    const explained = await cli(['explain', '--store', store, '--subject', 'HD001', '--lang', 'en']);
    expect(explained.code).toBe(2);
    expect(explained.err).toContain('written by junheng 0.0.1');
    expect(explained.err).toContain(`this is ${ENGINE_VERSION}`);
    expect(explained.out).toBe('');
  });

  it('a store whose rule set was altered is refused (exit 2)', async () => {
    const store = join(dir, 'altered.duckdb');
    expect((await cli(['evaluate', '--store', store, '--quiet'])).code).toBe(0);
    await sql(store, [`UPDATE runs SET ruleset = replace(ruleset, '"bound":', '"bound": 1, "was":')`]);
    const explained = await cli(['explain', '--store', store, '--subject', 'HD001', '--lang', 'zh']);
    expect(explained.code).toBe(2);
    expect(explained.err).toContain('规则集与其哈希不符');
  });

  it('a store of an earlier junheng, which kept trails, is refused with what to do, and is not appended to', async () => {
    const store = join(dir, 'earlier.duckdb');
    expect((await cli(['evaluate', '--store', store, '--quiet'])).code).toBe(0);
    await sql(store, [
      'CREATE TABLE trails (run_id VARCHAR, province VARCHAR, county VARCHAR, position INTEGER, trail BLOB)',
      'DROP TABLE county_data',
    ]);
    const explained = await cli(['explain', '--store', store, '--subject', 'HD001', '--lang', 'en']);
    expect(explained.code).toBe(2);
    expect(explained.err).toContain('written by an earlier junheng');
    const appended = await cli(['evaluate', '--store', store, '--quiet', '--lang', 'en']);
    expect(appended.code).toBe(2);
    expect(appended.err).toContain('written by an earlier junheng');
  });
});
