import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { StoreReader } from '../../src/store/store-reader.ts';

/** The SQL blocks of a document, in order. */
function sqlBlocks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

const en = sqlBlocks('docs/en/scale.md');
const dir = mkdtempSync(join(tmpdir(), 'junheng-scale-docs-'));
const store = join(dir, 'results.duckdb');
let reader: StoreReader;

async function quiet(argv: string[]): Promise<number> {
  return run(argv, { out: () => {}, err: () => {}, isTTY: false });
}

beforeAll(async () => {
  // A second school year: the sample's data again, as 2025.
  const next = join(dir, 'huadu-2025');
  cpSync('data/huadu-2024', next, { recursive: true });
  const yaml = readFileSync(join(next, 'dataset.yaml'), 'utf8');
  writeFileSync(
    join(next, 'dataset.yaml'),
    yaml.replace(/^id: huadu-2024$/m, 'id: huadu-2025').replace(/^school_year: "2024"$/m, 'school_year: "2025"'),
  );
  expect(await quiet(['evaluate', '--store', store, '--quiet'])).toBe(0);
  expect(await quiet(['evaluate', '--rules', 'city-local-2017', '--store', store, '--quiet'])).toBe(0);
  expect(await quiet(['evaluate', next, '--store', store, '--quiet'])).toBe(0);
  reader = await StoreReader.open(store);
  return () => reader.close();
});

describe('the five SQL queries of docs/en/scale.md', () => {
  it('there are five, and the Chinese guide gives the same five', () => {
    expect(en).toHaveLength(5);
    expect(sqlBlocks('docs/zh/规模.md')).toEqual(en);
  });

  it('1. counties not recognised, by province', async () => {
    const rows = await reader.rows(en[0] as string);
    expect(rows.map((r) => [r['province'], Number(r['not_recognised'])])).toEqual([['440000', 1]]);
  });

  it('2. schools failing G4 two years running are the schools failing it in both years', async () => {
    const rows = await reader.rows(en[1] as string);
    const failing = await reader.rows(
      "SELECT DISTINCT subject FROM verdicts WHERE run_id = 'huadu-2024~national-2017' AND kind = 'member' AND indicator = 'G4' AND verdict = 'not_met' ORDER BY subject",
    );
    expect(failing.length).toBeGreaterThan(0);
    expect(rows.map((r) => r['subject'])).toEqual(failing.map((r) => r['subject']));
    expect(rows.every((r) => r['first_year'] === '2024' && r['second_year'] === '2025')).toBe(true);
    expect(rows.every((r) => typeof r['name'] === 'string' && r['county'] === '440114')).toBe(true);
  });

  it('3. the CV trend gives each indicator and stage for both years, equal on equal data', async () => {
    const rows = await reader.rows(en[2] as string);
    expect(rows.length).toBeGreaterThanOrEqual(14);
    const byKey = new Map<string, unknown[]>();
    for (const row of rows) {
      const key = `${String(row['indicator'])}/${String(row['group_key'])}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row['mean_cv']]);
    }
    for (const values of byKey.values()) expect(values).toEqual([values[0], values[0]]);
    // Ordered by indicator, stage, year.
    expect(rows.filter((r) => r['indicator'] === 'R1').map((r) => r['school_year'])).toEqual([
      '2024',
      '2025',
      '2024',
      '2025',
    ]);
  });

  it('4. the flips between national-2017 and city-local-2017 are the seven G4 schools compare lists', async () => {
    const rows = await reader.rows(en[3] as string);
    const members = rows.filter((r) => r['kind'] === 'member');
    expect(members.map((r) => [r['indicator'], r['under_a'], r['under_b']])).toEqual(
      Array.from({ length: 7 }, () => ['G4', 'not_met', 'met']),
    );
  });

  it('5. a G4 bound 20% higher would flip the county’s G4 verdict', async () => {
    const rows = await reader.rows(en[4] as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.['county']).toBe('440114');
    expect(Number(rows[0]?.['failing_now'])).toBeGreaterThan(0);
    expect(Number(rows[0]?.['failing_after'])).toBe(0);
  });
});
