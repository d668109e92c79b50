import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { chooseEvaluator } from '../../src/cli/choose-evaluator.ts';
import { run } from '../../src/cli/program.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { CheckResult, Evaluation, InputUse } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { countyRows, tableRows, type Cell, type CountyRows } from '../../src/store/county-rows.ts';
import { prepareStoreCounty } from '../../src/store/prepare-store-county.ts';
import { CODED_TEXTS, codedTable, isCodedTable, STORE_TABLES } from '../../src/store/store-tables.ts';
import { StoreWriter } from '../../src/store/store-writer.ts';

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await run(argv, { out: () => {}, err: (t) => err.push(t), isTTY: false });
  return { code, err: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'junheng-store-rows-'));
const nation = join(dir, 'nation');
const store = join(dir, 'store.duckdb');
const ROW_TABLES = STORE_TABLES.filter((t) => t.name !== 'runs' && t.name !== 'county_data');
/** The runs written to `store`: the nation (many counties), then Huadu (published figures: findings) appended. */
const runs: { runId: string; evaluation: Evaluation }[] = [];

/** A row as a text that tells its values' types apart (1 from "1", true from "true", null from ""). */
function rowKey(row: readonly unknown[]): string {
  return JSON.stringify(row.map((cell) => (cell === null ? null : [typeof cell, cell])));
}

/** The rows countyRows gives for a run's counties, table by table, as sorted row keys. */
function expectedRows(id: string, evaluation: Evaluation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of ROW_TABLES) out[table.name] = [];
  for (const county of evaluation.counties) {
    const rows = countyRows(county);
    for (const table of ROW_TABLES) {
      const columns = rows[table.name as keyof CountyRows];
      expect(columns).toHaveLength(table.columns.length - 3);
      for (const row of tableRows(id, county.county.key, columns))
        (out[table.name] as string[]).push(rowKey(row));
    }
  }
  for (const keys of Object.values(out)) keys.sort();
  return out;
}

/** A store's rows of a run, table by table, as sorted row keys; and the tables it holds. */
async function storedRows(
  file: string,
  id: string,
): Promise<{ rows: Record<string, string[]>; tables: string[] }> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const rows: Record<string, string[]> = {};
    for (const table of ROW_TABLES) {
      const reader = await connection.runAndReadAll(
        `SELECT * FROM ${table.name} WHERE run_id = '${id}' ORDER BY ALL`,
      );
      expect(reader.columnNames()).toEqual(table.columns.map((c) => c.name));
      rows[table.name] = reader.getRows().map((row) => rowKey(row as Cell[]));
      rows[table.name]?.sort();
    }
    const reader = await connection.runAndReadAll(
      "SELECT database_name, schema_name, table_name, 'table' FROM duckdb_tables() UNION ALL " +
        "SELECT database_name, schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
    );
    const tables = reader.getRows().map((row) => row.join('.'));
    return { rows, tables };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The tables of a store: its tables (a view for each coded table), the coded tables and their texts. */
const publicTables = (database: string): string[] =>
  [
    ...STORE_TABLES.map((t) => `${database}.main.${t.name}.${isCodedTable(t) ? 'view' : 'table'}`),
    ...STORE_TABLES.filter(isCodedTable).map((t) => `${database}.main.${codedTable(t.name)}.table`),
    `${database}.main.${CODED_TEXTS}.table`,
  ].sort();

beforeAll(async () => {
  await writeNation(nation, { seed: 23, scale: 0.004, divisionCodes: true });
  for (const [n, folder] of [nation, join(import.meta.dirname, '../../data/huadu-2024')].entries()) {
    const written = await cli(['evaluate', folder, '--store', store, '--quiet']);
    expect(written.err).toBe('');
    expect(written.code).toBe(0);
    const instance = await DuckDBInstance.create(store, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const [runId, rulesetId, evaluator] = (
      await connection.runAndReadAll('SELECT run_id, ruleset_id, evaluator FROM runs ORDER BY evaluated_at')
    ).getRows()[n] as [string, string, string];
    connection.closeSync();
    instance.closeSync();
    const { ruleset } = await loadRuleSet(rulesetId);
    if (!ruleset) throw new Error(`${rulesetId} did not load`);
    const { dataset } = await loadDataset(folder, ruleset.inputs);
    if (!dataset) throw new Error(`${folder} did not load`);
    runs.push({
      runId,
      evaluation: await evaluateDataset(ruleset, dataset, { evaluator: chooseEvaluator(evaluator) }),
    });
  }
}, 120_000);

/**
 * A county whose first member check with a cell read also reads that cell again (the same cell, as another object)
 * and a cell of another row under the same input name: the first must not give a second row, the other must.
 */
function withRepeatedInputs(read: Evaluation['counties'][number]): Evaluation['counties'][number] {
  const county = structuredClone(read);
  for (const indicator of county.indicators)
    for (const member of indicator.members)
      for (const check of member.checks) {
        const input = check.inputs.find((i) => i.source?.row !== undefined);
        if (!input?.source) continue;
        check.inputs.push(
          { ...input, source: { ...input.source } },
          { ...input, source: { ...input.source, row: (input.source.row as number) + 1000 } },
        );
        return county;
      }
  throw new Error('no member check reads a cell');
}

describe('the rows of a results store', () => {
  it('are, table by table, the rows countyRows gives, and the store holds its tables only', async () => {
    expect(runs[0]?.evaluation.counties.length).toBeGreaterThan(3);
    const seen = new Map<string, number>();
    for (const { runId, evaluation } of runs) {
      const expected = expectedRows(runId, evaluation);
      const { rows, tables } = await storedRows(store, runId);
      for (const table of ROW_TABLES) {
        expect(rows[table.name], `${runId} ${table.name}`).toEqual(expected[table.name]);
        seen.set(table.name, (seen.get(table.name) ?? 0) + (expected[table.name]?.length ?? 0));
      }
      expect(tables).toEqual(publicTables('store'));
    }
    // Every table has rows, so that a column out of place shows.
    for (const table of ROW_TABLES) expect(seen.get(table.name), table.name).toBeGreaterThan(0);
  });

  it('hold every input cell a check read, once per subject, input and cell, and nothing else', () => {
    // Counted from the trail directly, as a reader of the trail would: each check's inputs and bound inputs that
    // name a cell, and the county inputs of each indicator's groups, under their subject.
    for (const { evaluation } of runs)
      for (const [n, read] of evaluation.counties.entries()) {
        const county = n === 0 ? withRepeatedInputs(read) : read;
        const want = new Set<string>();
        const add = (subject: string, input: InputUse) => {
          const s = input.source;
          if (s) want.add(JSON.stringify([subject, input.name, s.file, s.sheet, s.row, s.column, s.path]));
        };
        const addChecks = (checks: CheckResult[]) => {
          for (const check of checks)
            for (const input of [...check.inputs, ...(check.threshold?.boundInputs ?? [])])
              add(check.subject.key, input);
        };
        for (const indicator of county.indicators) {
          addChecks(indicator.county?.checks ?? []);
          for (const member of indicator.members) addChecks(member.checks);
          for (const group of indicator.groups)
            for (const input of group.countyInputs ?? []) add(county.county.key, input);
        }
        const cells = countyRows(county).input_cells;
        const got = Array.from({ length: cells[0]?.length ?? 0 }, (_, r) =>
          // subject, input, file, sheet, row, column_name, path (JSON writes a missing field as null).
          JSON.stringify([0, 1, 4, 5, 6, 7, 9].map((k) => cells[k]?.[r])),
        );
        expect(new Set(got).size, county.county.key).toBe(got.length);
        expect(new Set(got), county.county.key).toEqual(want);
      }
  });

  it('are the same when the counties come in another order (other chunks), appended to a store', async () => {
    const { counties, ...header } = (runs[0] as { evaluation: Evaluation }).evaluation;
    const file = join(dir, 'orders.duckdb');
    for (const [id, order] of [
      ['forward', counties],
      ['backward', [...counties].reverse()],
    ] as const) {
      const writer = await StoreWriter.open(
        { kind: 'duckdb', file },
        {
          header: { ...header, counties: [] },
          ruleset: (await loadRuleSet(header.ruleset.id)).ruleset!,
          runId: id,
        },
      );
      for (const [position, county] of order.entries())
        writer.writePrepared(prepareStoreCounty(county, new Uint8Array([position])), position);
      await writer.close();
    }
    for (const id of ['forward', 'backward']) {
      const { rows, tables } = await storedRows(file, id);
      const expected = expectedRows(id, { ...header, counties });
      for (const table of ROW_TABLES)
        expect(rows[table.name], `${id} ${table.name}`).toEqual(expected[table.name]);
      expect(tables).toEqual(publicTables('orders'));
    }
  });

  it("keep every county's data through the appender's periodic flushes (more counties than one flush holds)", async () => {
    const { counties, ...header } = (runs[0] as { evaluation: Evaluation }).evaluation;
    const file = join(dir, 'many.duckdb');
    const writer = await StoreWriter.open(
      { kind: 'duckdb', file },
      {
        header: { ...header, counties: [] },
        ruleset: (await loadRuleSet(header.ruleset.id)).ruleset!,
        runId: 'many',
      },
    );
    const total = 150;
    for (let position = 0; position < total; position++) {
      const county = counties[position % counties.length] as Evaluation['counties'][number];
      writer.writePrepared(
        prepareStoreCounty(county, new Uint8Array([position % 256, position >> 8])),
        position,
      );
    }
    await writer.close();
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        'SELECT position, hex(data) AS hex FROM county_data ORDER BY position',
      );
      const rows = reader.getRowObjectsJS();
      expect(rows.map((row) => row['position'])).toEqual(Array.from({ length: total }, (_, n) => n));
      const hex = (n: number) =>
        Buffer.from([n % 256, n >> 8])
          .toString('hex')
          .toUpperCase();
      expect(rows.map((row) => row['hex'])).toEqual(Array.from({ length: total }, (_, n) => hex(n)));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('are exported to Parquet as the tables of the store only', async () => {
    const out = join(dir, 'parquet');
    expect((await cli(['evaluate', nation, '--format', 'parquet', '--out', out, '--quiet'])).code).toBe(0);
    const folders = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).sort()).toEqual(STORE_TABLES.map((t) => t.name).sort());
  });
});
