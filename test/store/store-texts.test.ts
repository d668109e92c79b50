import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/synthetic-nation.ts';
import { ChunkedTables, stringRecordsWork, useStringRecords } from '../../src/store/chunked-tables.ts';
import type { Cell, CountyRows, TableColumns } from '../../src/store/county-rows.ts';
import { encodeRows, readInline, STRING_RECORD, writeInline } from '../../src/store/encode-rows.ts';
import { storeDdl, storeTable } from '../../src/store/store-tables.ts';

/** A seeded generator, so that a failure names its seed and repeats. */
const random = seededRandom;

/** Texts at and around the 12 bytes a record holds inline, in one, two, three and four UTF-8 bytes a character. */
const EDGE_TEXTS = [
  '',
  'a',
  'twelve bytes',
  'thirteen byte',
  '县中',
  '合成县一二', // 15 bytes
  '四个汉字', // 12 bytes
  'ab四个汉字', // 14 bytes
  'é'.repeat(6), // 12 bytes
  'é'.repeat(6) + 'x',
  '😀😀😀', // 12 bytes
  '😀😀😀!',
  'line\nbreak',
  'tab\there',
  'quote \' and " marks',
  'back\\slash',
  ' ',
  '   leading and trailing   ',
  'Ω',
  'x'.repeat(300),
  '第'.repeat(200),
];

function randomText(next: () => number): string | null {
  const pick = next();
  if (pick < 0.1) return null;
  if (pick < 0.45) return EDGE_TEXTS[Math.floor(next() * EDGE_TEXTS.length)] as string;
  const alphabet = ['a', 'Z', '0', '-', '县', '班', 'é', '😀', ' ', '_'];
  const length = Math.floor(next() * 20);
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
  return text;
}

/** Random rows for every county table: texts, numbers, integers and booleans as each column's type asks. */
function randomCounty(next: () => number, rows: number): CountyRows {
  const out = {} as Record<string, TableColumns>;
  for (const name of [
    'subjects',
    'verdicts',
    'checks',
    'dispersion',
    'input_cells',
    'findings',
    'choices',
  ] as const) {
    const columns = storeTable(name).columns.slice(3);
    const n = name === 'checks' || name === 'input_cells' ? rows : Math.floor(rows / 3);
    out[name] = columns.map((column) =>
      Array.from({ length: n }, (): Cell => {
        if (next() < 0.15) return null;
        switch (column.type) {
          case 'VARCHAR':
            return randomText(next);
          case 'DOUBLE':
            return next() < 0.05 ? -0 : (next() - 0.5) * 10 ** Math.floor(next() * 12);
          case 'INTEGER':
            return Math.floor((next() - 0.5) * 2 ** 31);
          case 'BOOLEAN':
            return next() < 0.5;
          default:
            throw new Error(column.type);
        }
      }),
    );
  }
  return out as CountyRows;
}

/** A text as UTF-8 carries it: a lone surrogate becomes U+FFFD. */
function wellFormed(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

/** A row as a text that tells its values' types apart. */
function rowKey(row: readonly unknown[]): string {
  return JSON.stringify(
    row.map((cell) => (cell === null ? null : [typeof cell, Object.is(cell, -0) ? '-0' : cell])),
  );
}

async function writeAndRead(
  counties: { key: string; rows: CountyRows }[],
  runId: string,
): Promise<Record<string, string[]>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(storeDdl());
    const tables = await ChunkedTables.open(connection);
    for (const county of counties)
      tables.add([runId, `${county.key.slice(0, 2)}0000`, county.key], encodeRows(county.rows));
    tables.close();
    const out: Record<string, string[]> = {};
    for (const name of Object.keys(counties[0]?.rows ?? {})) {
      const reader = await connection.runAndReadAll(`SELECT * FROM ${name}`);
      out[name] = reader.getRows().map((row) => rowKey(row as unknown[]));
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What the store should hold: each county's rows in order, with the run, province and county in front. */
function expected(counties: { key: string; rows: CountyRows }[], runId: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const county of counties)
    for (const [name, columns] of Object.entries(county.rows)) {
      const list = (out[name] ??= []);
      const n = columns[0]?.length ?? 0;
      for (let r = 0; r < n; r++)
        list.push(
          rowKey([
            runId,
            `${county.key.slice(0, 2)}0000`,
            county.key,
            ...columns.map((column: Cell[]) => {
              const cell = column[r] ?? null;
              return typeof cell === 'string' ? wellFormed(cell) : cell;
            }),
          ]),
        );
    }
  return out;
}

afterEach(() => useStringRecords(undefined));

describe('string records', () => {
  it('inline exactly the texts of at most 12 UTF-8 bytes, and read back as written', () => {
    for (const text of [...EDGE_TEXTS, '\uD800', 'a\uDC00b']) {
      const records = new Uint8Array(STRING_RECORD);
      const inline = writeInline(records, 0, text);
      const utf8 = new TextEncoder().encode(text);
      expect(inline, JSON.stringify(text)).toBe(utf8.length <= 12);
      if (inline) {
        expect(readInline(records, 0)).toBe(wellFormed(text));
        expect([...records.subarray(4 + utf8.length)].every((b) => b === 0)).toBe(true);
        expect(records[0]).toBe(utf8.length);
      } else expect(records.every((b) => b === 0)).toBe(true);
    }
  });

  it("hold with this DuckDB (the layout check at opening passes, so records are what's used)", () => {
    expect(stringRecordsWork()).toBe(true);
  });
});

describe("a county's rows written chunk by chunk", () => {
  for (const mode of ['records', 'row by row'] as const)
    for (const seed of [1, 2, 3])
      it(`reads back every value as written (${mode}, seed ${seed})`, async () => {
        useStringRecords(mode === 'records' ? undefined : false);
        const next = random(seed);
        // Counties of 0 to 5,000 rows, so that a county starts, ends and spans chunks of 2,048 rows anywhere.
        const counties = Array.from({ length: 6 }, (_, i) => ({
          key: `${11 + i}${String(i).padStart(4, '0')}`,
          rows: randomCounty(next, Math.floor(next() * 5000)),
        }));
        const runId = seed === 2 ? 'r' : `a run id longer than twelve bytes ${seed}`;
        const stored = await writeAndRead(counties, runId);
        const want = expected(counties, runId);
        for (const name of Object.keys(want)) expect(stored[name], name).toEqual(want[name]);
      });

  it('keeps a long text repeated across a chunk boundary and across counties', async () => {
    const long = '合成县一二三四五六七八九十 a long county name';
    const rows = (n: number): CountyRows => {
      const county = randomCounty(random(9), 0);
      county.subjects = storeTable('subjects')
        .columns.slice(3)
        .map((_, k) =>
          Array.from({ length: n }, (): Cell => (k === 4 ? long : `S${k}-${n}-long-enough-key`)),
        );
      return county;
    };
    const counties = [
      { key: '110001', rows: rows(2047) },
      { key: '110002', rows: rows(3) },
      { key: '110003', rows: rows(4100) },
    ];
    const stored = await writeAndRead(counties, 'x'.repeat(40));
    expect(stored.subjects).toEqual(expected(counties, 'x'.repeat(40)).subjects);
  });

  it('writes a column that is NULL in every row of a county as NULL, whatever the chunk held before', async () => {
    const filled = (n: number, cell: (k: number, r: number) => Cell): CountyRows => {
      const county = randomCounty(random(5), 0);
      county.subjects = storeTable('subjects')
        .columns.slice(3)
        .map((_, k) => Array.from({ length: n }, (_, r) => cell(k, r)));
      return county;
    };
    for (const mode of [undefined, false] as const) {
      useStringRecords(mode);
      const counties = [
        { key: '110001', rows: filled(1500, (k, r) => `${k}: a text longer than twelve bytes, row ${r}`) },
        { key: '110002', rows: filled(1200, (k, r) => (k === 0 ? `S${r}` : null)) },
        { key: '110003', rows: filled(2100, (k, r) => (k % 2 === 0 ? null : `short ${r % 7}`)) },
      ];
      const stored = await writeAndRead(counties, 'run');
      expect(stored.subjects).toEqual(expected(counties, 'run').subjects);
    }
  });
});
