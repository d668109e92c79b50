import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { StoreReader } from '../../src/store/store-reader.ts';
import { CODED_TEXTS, codedTable, isCodedTable, STORE_TABLES } from '../../src/store/store-tables.ts';

/**
 * How a store keeps its tables: the coded tables behind views, each coded text once in coded_texts; and a store of
 * the plain layout (every table a table of texts, as junheng wrote stores before) read as it is and coded when a
 * run is appended to it.
 */

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: (t: string) => out.push(t),
    err: (t: string) => err.push(t),
    isTTY: false,
  });
  return { code, out: out.join(''), err: err.join('') };
}

async function withStore<T>(file: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRows()
    .map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
}

/** Every row of every table of main, as sorted texts, table by table. */
async function contents(file: string): Promise<Record<string, string[]>> {
  return withStore(file, async (connection) => {
    const out: Record<string, string[]> = {};
    for (const table of STORE_TABLES)
      out[table.name] = await rowsOf(
        connection,
        table.name === 'runs'
          ? 'SELECT * EXCLUDE (evaluated_at) FROM runs ORDER BY ALL'
          : `SELECT * FROM ${table.name} ORDER BY ALL`,
      );
    return out;
  });
}

/** The store rewritten in the plain layout: each view replaced by a table of its rows, the coded schema dropped. */
async function toPlain(file: string): Promise<void> {
  await withStore(file, async (connection) => {
    for (const table of STORE_TABLES.filter(isCodedTable)) {
      await connection.run(`CREATE TABLE main.${table.name}_plain AS SELECT * FROM main.${table.name}`);
      await connection.run(`DROP VIEW main.${table.name}`);
      await connection.run(`ALTER TABLE main.${table.name}_plain RENAME TO ${table.name}`);
    }
    for (const table of STORE_TABLES.filter(isCodedTable))
      await connection.run(`DROP TABLE ${codedTable(table.name)}`);
    await connection.run(`DROP TABLE ${CODED_TEXTS}`);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-layout-'));
const coded = join(dir, 'coded.duckdb');

beforeAll(async () => {
  expect((await cli(['evaluate', '--store', coded, '--quiet'])).code).toBe(0);
}, 60_000);

describe('the coded layout', () => {
  it('keeps each coded text once, codes 1, 2, 3 …, and the texts of every coded column among them', async () => {
    await withStore(coded, async (connection) => {
      const [summary] = await rowsOf(
        connection,
        `SELECT count(*), count(DISTINCT text), min(code), max(code), count(*) FILTER (text IS NULL) FROM ${CODED_TEXTS}`,
      );
      const [n, distinct, min, max, nulls] = (JSON.parse(summary as string) as unknown[]).map(String);
      expect(Number(n)).toBeGreaterThan(50);
      expect([distinct, min, max, nulls]).toEqual([n, '1', n, '0']);
      // A coded column's code points at its text: the view reads back no NULL where the code is not NULL.
      for (const table of STORE_TABLES.filter(isCodedTable))
        for (const column of table.columns.filter((c) => c.coded)) {
          const [lost] = await rowsOf(
            connection,
            `SELECT count(*) FROM ${codedTable(table.name)} AS c LEFT JOIN ${CODED_TEXTS} AS t ON t.code = c."${column.name}" WHERE c."${column.name}" IS NOT NULL AND t.text IS NULL`,
          );
          expect(lost, `${table.name}.${column.name}`).toBe('["0"]');
        }
    });
  });

  it('a second run reuses the codes of the first and adds only the texts it brings', async () => {
    const file = join(dir, 'two.duckdb');
    copyFileSync(coded, file);
    const before = await withStore(file, (c) => rowsOf(c, `SELECT * FROM ${CODED_TEXTS} ORDER BY code`));
    expect((await cli(['evaluate', '--rules', 'city-local-2017', '--store', file, '--quiet'])).code).toBe(0);
    const after = await withStore(file, (c) => rowsOf(c, `SELECT * FROM ${CODED_TEXTS} ORDER BY code`));
    expect(after.slice(0, before.length)).toEqual(before);
    // Each text once: as many as the distinct texts of every coded column of both runs, none repeated.
    expect(new Set(after.map((row) => JSON.parse(row)[1])).size).toBe(after.length);
    const used = STORE_TABLES.filter(isCodedTable).flatMap((t) =>
      t.columns.filter((c) => c.coded).map((c) => `SELECT "${c.name}" AS text FROM ${t.name}`),
    );
    const [distinct] = await withStore(file, (c) =>
      rowsOf(c, `SELECT count(DISTINCT text) FROM (${used.join(' UNION ALL ')})`),
    );
    expect(distinct).toBe(JSON.stringify([String(after.length)]));
  });
});

describe('an altered store', () => {
  it.each([
    { change: `DELETE FROM ${CODED_TEXTS} WHERE code = 3`, what: 'a code missing' },
    { change: `UPDATE ${CODED_TEXTS} SET text = NULL WHERE code = 2`, what: 'a text NULL' },
  ])(
    'whose coded texts have $what is refused when a run is appended, and left as it was',
    async ({ change }) => {
      const altered = join(dir, `altered-${change.length}.duckdb`);
      copyFileSync(coded, altered);
      await withStore(altered, (connection) => connection.run(change));
      const bytes = readFileSync(altered);
      for (const lang of ['zh', 'en'] as const) {
        const result = await cli(['evaluate', '--store', altered, '--quiet', '--lang', lang]);
        expect(result.code).toBe(2);
        expect(result.err).toContain(CODED_TEXTS);
        expect(result.err).toContain(lang === 'zh' ? '结果库已被改动' : 'the store was altered');
      }
      expect(readFileSync(altered).equals(bytes)).toBe(true);
    },
  );
});

describe('a store of the plain layout', () => {
  it('is read as it is, and coded when a run is appended: its rows the same, the new run beside them', async () => {
    const plain = join(dir, 'plain.duckdb');
    copyFileSync(coded, plain);
    await toPlain(plain);
    const was = await contents(plain);
    expect(was).toEqual(await contents(coded));
    await withStore(plain, async (connection) => {
      expect(await rowsOf(connection, `SELECT count(*) FROM duckdb_views() WHERE NOT internal`)).toEqual([
        '["0"]',
      ]);
    });

    // Read as it is: explain from the plain store is explain from the coded one.
    const explain = (file: string) => cli(['explain', '--store', file, '--subject', 'HD001', '--lang', 'en']);
    const [fromPlain, fromCoded] = [await explain(plain), await explain(coded)];
    expect(fromPlain.code).toBe(0);
    expect(fromPlain.out).toBe(fromCoded.out);
    expect(readFileSync(plain).length).toBeGreaterThan(0);

    const second = await cli(['evaluate', '--rules', 'city-local-2017', '--store', plain, '--quiet']);
    expect(second.code, second.err).toBe(0);
    const now = await contents(plain);
    const firstRun = 'huadu-2024~national-2017';
    for (const table of STORE_TABLES) {
      const ofFirst = now[table.name]?.filter((row) => JSON.parse(row)[0] === firstRun);
      expect(ofFirst, table.name).toEqual(was[table.name]);
    }
    expect(now['checks']?.length).toBeGreaterThan(was['checks']?.length ?? 0);
    await withStore(plain, async (connection) => {
      const views = await rowsOf(
        connection,
        `SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1`,
      );
      expect(views).toEqual(
        STORE_TABLES.filter(isCodedTable)
          .map((t) => JSON.stringify([t.name]))
          .sort(),
      );
    });
    const reader = await StoreReader.open(plain);
    try {
      expect((await reader.runs()).map((r) => r.runId)).toEqual([firstRun, 'huadu-2024~city-local-2017']);
    } finally {
      reader.close();
    }
  }, 60_000);

  it('a store whose tables are half coded is refused, and left as it was', async () => {
    const mixed = join(dir, 'mixed.duckdb');
    copyFileSync(coded, mixed);
    await withStore(mixed, async (connection) => {
      await connection.run('CREATE TABLE main.checks_plain AS SELECT * FROM main.checks');
      await connection.run('DROP VIEW main.checks');
      await connection.run('ALTER TABLE main.checks_plain RENAME TO checks');
    });
    const bytes = readFileSync(mixed);
    for (const lang of ['zh', 'en'] as const) {
      const result = await cli(['evaluate', '--store', mixed, '--quiet', '--lang', lang]);
      expect(result.code).not.toBe(0);
      expect(result.err).toContain(lang === 'zh' ? '不是 junheng 结果库' : 'not a junheng results store');
      expect(result.err).toContain('checks');
    }
    expect(readFileSync(mixed).equals(bytes)).toBe(true);
  });
});
