import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { run } from '../../src/cli/program.ts';
import { inShard, parseShard, stableHash } from '../../src/store/shard.ts';
import { StoreReader } from '../../src/store/store-reader.ts';
import { STORE_TABLES } from '../../src/store/store-tables.ts';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join(''), err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-shards-'));
const nation = join(dir, 'nation');
const single = join(dir, 'single');
const shards = join(dir, 'shards');
const duck = join(dir, 'nation.duckdb');

/** Every row of every county table, sorted, the trail by its hash. */
async function tables(path: string): Promise<Record<string, string[]>> {
  const reader = await StoreReader.open(path);
  try {
    const out: Record<string, string[]> = {};
    for (const table of STORE_TABLES) {
      if (table.name === 'runs') continue;
      const columns = table.columns.map((c) => (c.name === 'trail' ? 'hash(trail) AS trail' : `"${c.name}"`));
      const rows = await reader.rows(`SELECT ${columns.join(', ')} FROM ${table.name}`);
      out[table.name] = rows
        .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
        .sort();
    }
    return out;
  } finally {
    reader.close();
  }
}

beforeAll(async () => {
  await writeNation(nation, { seed: 11, scale: 0.003, divisionCodes: true });
  expect((await cli(['evaluate', nation, '--format', 'parquet', '--out', single, '--quiet'])).code).toBe(0);
  for (const i of [1, 2, 3])
    expect(
      (
        await cli([
          'evaluate',
          nation,
          '--format',
          'parquet',
          '--out',
          shards,
          '--shard',
          `${i}/3`,
          '--quiet',
        ])
      ).code,
    ).toBe(0);
  expect((await cli(['evaluate', nation, '--store', duck, '--quiet'])).code).toBe(0);
});

describe('--shard i/n and the Parquet data set', () => {
  it('the union of 3 shards is the single run, row for row, in every table', async () => {
    const whole = await tables(single);
    expect(whole['subjects']?.length).toBeGreaterThan(1000);
    expect(await tables(shards)).toEqual(whole);
  });

  it('the Parquet data set holds the rows of the DuckDB store', async () => {
    const parquet = await tables(single);
    const store = await tables(duck);
    expect(Object.keys(parquet)).toEqual(Object.keys(store));
    // Table by table, so that a difference names its table.
    for (const [name, rows] of Object.entries(store)) expect(parquet[name], name).toEqual(rows);
  });

  it('the data set is partitioned by province, hive style, and each shard wrote its own files and runs row', async () => {
    const provinces = readdirSync(join(shards, 'checks')).sort();
    expect(provinces.length).toBeGreaterThan(3);
    expect(provinces.every((p) => /^province=\d{6}$/.test(p))).toBe(true);
    expect(readdirSync(join(shards, 'runs')).sort()).toEqual([
      'synthetic-nation-11-0.003_national-2017-1of3.parquet',
      'synthetic-nation-11-0.003_national-2017-2of3.parquet',
      'synthetic-nation-11-0.003_national-2017-3of3.parquet',
    ]);
    const reader = await StoreReader.open(shards);
    try {
      const runs = await reader.rows('SELECT shard, counties FROM runs ORDER BY shard');
      expect(runs.map((r) => r['shard'])).toEqual(['1/3', '2/3', '3/3']);
      expect(runs.reduce((n, r) => n + Number(r['counties']), 0)).toBe(9);
    } finally {
      reader.close();
    }
  });

  it('explain reads a county back from the sharded data set as from the single run', async () => {
    const a = await cli(['explain', '--store', single, '--subject', '110001']);
    const b = await cli(['explain', '--store', shards, '--subject', '110001']);
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(b.out).toContain('110001');
  });

  it('a county belongs to exactly one shard, by the hash of its key alone', () => {
    const keys = Array.from({ length: 500 }, (_, n) => `${110000 + n}`);
    for (const count of [1, 2, 3, 7]) {
      for (const key of keys) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((index) =>
          inShard(key, { index, count }),
        );
        expect(owners).toEqual([(stableHash(key) % count) + 1]);
      }
    }
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
  });

  it.each([
    { text: '1/3', ok: true },
    { text: '3/3', ok: true },
    { text: '0/3', ok: false },
    { text: '4/3', ok: false },
    { text: '1/0', ok: false },
    { text: 'a/b', ok: false },
    { text: '1', ok: false },
  ])('--shard $text is accepted: $ok', ({ text, ok }) => {
    expect('error' in parseShard(text)).toBe(!ok);
  });
});
