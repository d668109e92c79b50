import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { StoreReader } from '../../src/store/store-reader.ts';
import {
  CODED_TEXTS,
  codedTable,
  isCodedTable,
  STORE_TABLES,
  storeDdl,
} from '../../src/store/store-tables.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await run(argv, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-store-'));
const store = join(dir, 'results.duckdb');

beforeAll(async () => {
  const first = await cli(['evaluate', '--store', store, '--quiet']);
  expect(first.code).toBe(0);
  const second = await cli(['evaluate', '--rules', 'city-local-2017', '--store', store, '--quiet']);
  expect(second.code).toBe(0);
});

describe('the results store', () => {
  it('schemas/store.sql is the DDL the store is created with', () => {
    expect(readFileSync('schemas/store.sql', 'utf8')).toBe(storeDdl());
  });

  it('a store holds every table of schemas/store.sql, two runs appended to one file, and no temporary file is left', async () => {
    const reader = await StoreReader.open(store);
    try {
      const columns = await reader.rows(
        "SELECT table_name, list(column_name ORDER BY ordinal_position) AS columns FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name ORDER BY table_name",
      );
      // Each table of schemas/store.sql; a coded one beside the table that keeps its rows; the coded texts.
      expect(columns).toEqual(
        [
          ...STORE_TABLES.map((t) => ({ table_name: t.name, columns: t.columns.map((c) => c.name) })),
          ...STORE_TABLES.filter(isCodedTable).map((t) => ({
            table_name: codedTable(t.name),
            columns: t.columns.map((c) => c.name),
          })),
          { table_name: CODED_TEXTS, columns: ['code', 'text'] },
        ].sort((a, b) => a.table_name.localeCompare(b.table_name)),
      );
      const runs = await reader.runs();
      expect(runs.map((r) => [r.runId, r.rulesetId, r.schoolYear])).toEqual([
        ['huadu-2024~national-2017', 'national-2017', '2024'],
        ['huadu-2024~city-local-2017', 'city-local-2017', '2024'],
      ]);
      const [counts] = await reader.rows(
        "SELECT (SELECT count(*) FROM subjects WHERE run_id = 'huadu-2024~national-2017' AND level = 'class')::INTEGER AS classes, (SELECT count(*) FROM input_cells WHERE run_id = 'huadu-2024~national-2017' AND file LIKE '%units.csv')::INTEGER AS unit_cells",
      );
      // 5,185 class rows in classes.csv; the units table's cells are read by the resource checks.
      expect(counts?.['classes']).toBe(5185);
      expect(Number(counts?.['unit_cells'])).toBeGreaterThan(1000);
    } finally {
      reader.close();
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('.junheng-tmp'))).toEqual([]);
  });

  it.each([
    { subject: 'HD001', lang: 'zh' },
    { subject: 'HD001-P', lang: 'en' },
    { subject: 'HD001-1-01', lang: 'zh' },
    { subject: '440114', lang: 'zh' },
    { subject: '石岗小学', lang: 'en', indicator: 'R1' },
    { subject: 'no-such-school', lang: 'zh' },
  ])(
    'explain --store of $subject ($lang) is byte for byte the explain of a fresh evaluation',
    async (row) => {
      const extra = [...(row.indicator ? ['--indicator', row.indicator] : []), '--lang', row.lang];
      const fresh = await cli(['explain', '--subject', row.subject, ...extra]);
      const stored = await cli([
        'explain',
        '--store',
        store,
        '--run',
        'huadu-2024~national-2017',
        '--subject',
        row.subject,
        ...extra,
      ]);
      expect(stored.out).toBe(fresh.out);
      expect(stored.out.length).toBeGreaterThan(20);
      expect(stored.code).toBe(fresh.code);
    },
  );

  it('explain --store of the second run is the fresh explain under its rule set', async () => {
    const fresh = await cli(['explain', '--rules', 'city-local-2017', '--subject', 'HD002']);
    const stored = await cli([
      'explain',
      '--store',
      store,
      '--run',
      'huadu-2024~city-local-2017',
      '--subject',
      'HD002',
    ]);
    expect(stored.out).toBe(fresh.out);
  });

  it.each([
    { name: 'no --run when the store holds two runs', argv: ['--subject', 'HD001'], says: '--run' },
    { name: 'an unknown run', argv: ['--run', 'nope', '--subject', 'HD001'], says: 'nope' },
    {
      name: 'an unknown indicator',
      argv: ['--run', 'huadu-2024~national-2017', '--indicator', 'R99'],
      says: 'R99',
    },
  ])('$name is a located error (exit 2)', async ({ argv, says }) => {
    const result = await cli(['explain', '--store', store, ...argv, '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(says);
  });

  it('a file that is not a DuckDB store is refused with its name (exit 2), and is left as it was', async () => {
    const bogus = join(dir, 'not-a-store.duckdb');
    writeFileSync(bogus, 'hello, I am text');
    const written = await cli(['evaluate', '--store', bogus, '--quiet', '--lang', 'en']);
    expect(written.code).toBe(2);
    expect(written.err).toContain('not-a-store.duckdb');
    expect(readFileSync(bogus, 'utf8')).toBe('hello, I am text');
    const read = await cli(['explain', '--store', bogus, '--lang', 'en']);
    expect(read.code).toBe(2);
    expect(read.err).toContain('not-a-store.duckdb');
    const missing = await cli(['explain', '--store', join(dir, 'none.duckdb'), '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such results store');
    expect(existsSync(join(dir, 'none.duckdb'))).toBe(false);
  });

  it('a run id already in the store is refused (exit 2) and the store keeps its runs', async () => {
    const taken = await cli([
      'evaluate',
      '--store',
      store,
      '--run-id',
      'huadu-2024~national-2017',
      '--quiet',
      '--lang',
      'en',
    ]);
    expect(taken.code).toBe(2);
    expect(taken.err).toContain('already holds run');
    const reader = await StoreReader.open(store);
    try {
      expect((await reader.runs()).length).toBe(2);
    } finally {
      reader.close();
    }
  });

  it.each([
    { argv: ['--shard', '1/3'], says: '--shard' },
    { argv: ['--store', 'x.duckdb', '--shard', '4/3'], says: '4/3' },
    { argv: ['--format', 'parquet,json'], says: 'parquet' },
    { argv: ['--format', 'parquet', '--store', 'x.duckdb'], says: '--store' },
  ])('evaluate $argv is a usage error (exit 2)', async ({ argv, says }) => {
    const result = await cli(['evaluate', ...argv, '--quiet', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(says);
  });
});
