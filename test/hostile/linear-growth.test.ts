import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { readYamlFile } from '../../src/rules/read-yaml.ts';
import type { InputDictionary } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * No quadratic path in reading: doubling an input's size at most about doubles the time (a generous factor of 3
 * allows for noise; a quadratic path gives 4 and more). Inputs are built at test time, small enough to stay fast.
 */
const root = mkdtempSync(join(tmpdir(), 'junheng-growth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dict: InputDictionary;
beforeAll(async () => {
  const { ruleset } = await loadRuleSet('national-2017');
  if (!ruleset) throw new Error('no rule set');
  dict = ruleset.inputs;
});

const HEAD = 'id: big\ncounty:\n  county_id: "1"\n  county_name: x\n';

function dataset(name: string, yaml: string, files: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dataset.yaml'), yaml);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** The least CPU time (user + system) of three runs, in microseconds. */
async function cpu(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

async function expectLinear(build: (n: number) => () => Promise<unknown>, n: number): Promise<void> {
  const small = build(n);
  const large = build(2 * n);
  await small(); // warm up
  const a = await cpu(small);
  const b = await cpu(large);
  expect(b / a, `${n}: ${a} µs, ${2 * n}: ${b} µs`).toBeLessThan(3);
}

describe('reading grows linearly', () => {
  it('dataset.yaml with many unknown keys (each problem located)', async () => {
    await expectLinear((n) => {
      const keys = Array.from({ length: n }, (_, i) => `zz_unknown_${i}: 1\n`).join('');
      const dir = dataset(`unknown-${n}`, HEAD + keys);
      return async () => {
        const { problems } = await loadDataset(dir, dict);
        expect(problems.filter((p) => p.code === 'DATA_UNKNOWN_KEY')).toHaveLength(n);
        expect(problems.at(-1)?.line).toBe(n + 4);
      };
    }, 4000);
  }, 30_000);

  it('dataset.yaml with many repeated keys', async () => {
    await expectLinear((n) => {
      const keys = Array.from({ length: n }, () => `  county_name: x\n`).join('');
      const dir = dataset(`repeated-${n}`, HEAD + keys);
      return async () => {
        const { problems } = await loadDataset(dir, dict);
        expect(problems.filter((p) => p.code === 'DATA_YAML_DUPLICATE_KEY')).toHaveLength(n);
      };
    }, 4000);
  }, 30_000);

  it('a rule file with many repeated keys', async () => {
    await expectLinear((n) => {
      const file = join(root, `rule-${n}.yaml`);
      writeFileSync(file, `id: A1\n${Array.from({ length: n }, () => 'title: x\n').join('')}`);
      return async () => {
        const { problems } = await readYamlFile(file);
        expect(problems.filter((p) => p.code === 'YAML_DUPLICATE_KEY')).toHaveLength(n - 1);
      };
    }, 4000);
  }, 30_000);

  it('a CSV table with many rows whose school is unknown', async () => {
    await expectLinear((n) => {
      const rows = Array.from({ length: n }, (_, i) => `U${i},S${i},primary,10\n`).join('');
      const dir = dataset(`rows-${n}`, `${HEAD}tables: { schools: schools.csv, units: units.csv }\n`, {
        'schools.csv': 'school_id,school_name,school_type\nS,学校,primary\n',
        'units.csv': `unit_id,school_id,stage,students\n${rows}`,
      });
      return async () => {
        const { problems } = await loadDataset(dir, dict);
        expect(problems.some((p) => p.code === 'DATA_UNKNOWN_PARENT')).toBe(true);
      };
    }, 4000);
  }, 30_000);

  it('a CSV table with many columns, each unknown', async () => {
    await expectLinear((n) => {
      const extra = Array.from({ length: n }, (_, i) => `zz_col_${i}`).join(',');
      const values = Array.from({ length: n }, () => '1').join(',');
      const dir = dataset(`columns-${n}`, `${HEAD}tables: { units: units.csv }\n`, {
        'units.csv': `unit_id,school_id,stage,students,${extra}\nU1,S1,primary,10,${values}\n`,
      });
      return async () => {
        const { problems } = await loadDataset(dir, dict);
        expect(problems.length).toBeGreaterThanOrEqual(1);
      };
    }, 4000);
  }, 30_000);

  it('a CSV table with a bad value in every row (each problem located)', async () => {
    await expectLinear((n) => {
      const rows = Array.from({ length: n }, (_, i) => `U${i},S,primary,-${i + 1}\n`).join('');
      const dir = dataset(`values-${n}`, `${HEAD}tables: { schools: schools.csv, units: units.csv }\n`, {
        'schools.csv': 'school_id,school_name,school_type\nS,学校,primary\n',
        'units.csv': `unit_id,school_id,stage,students\n${rows}`,
      });
      return async () => {
        const { problems } = await loadDataset(dir, dict);
        expect(problems.filter((p) => p.row !== undefined).length).toBeGreaterThanOrEqual(n);
      };
    }, 4000);
  }, 30_000);
});
