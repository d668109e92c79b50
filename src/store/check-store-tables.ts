import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from './store-error.ts';
import {
  CODED_TEXTS,
  codedTable,
  isCodedTable,
  STORE_TABLES,
  storedTableDdl,
  textsDdl,
  type StoreTable,
} from './store-tables.ts';

/**
 * How a store keeps its tables: `new` (an empty database), `coded` (the coded tables behind views, as this version
 * writes them), or `plain` (every table a table of texts, as junheng wrote stores before its columns were coded;
 * read as it is, and coded by `codeStore` before a run is appended to it).
 */
export type StoreLayout = 'new' | 'coded' | 'plain';

/** An existing store must hold junheng's tables with their columns, so that a run is not appended to another file. */
export async function checkStoreTables(
  connection: DuckDBConnection,
  file: string,
  emptyIsNew: boolean,
): Promise<StoreLayout> {
  const reader = await connection.runAndReadAll(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
  );
  const found = new Map<string, string[]>();
  for (const [table, column] of reader.getRows() as [string, string][]) {
    const columns = found.get(table) ?? [];
    columns.push(column);
    found.set(table, columns);
  }
  // A new, empty database becomes a store; a database with other tables, or junheng's with other columns, does not.
  if (found.size === 0 && emptyIsNew) return 'new';
  // A store of an earlier junheng kept each county's trail (`trails`) instead of its data (`county_data`).
  if (found.has('trails') && !found.has('county_data'))
    throw new StoreError({
      zh: `${file}：由较早版本的 junheng 写入（保存的是 trails 表，本版本保存各县数据 county_data）；请用本版本重新 evaluate --store 到新的结果库`,
      en: `${file}: written by an earlier junheng (it keeps a trails table; this version keeps each county's data in county_data); evaluate again with --store into a new store`,
    });
  for (const table of STORE_TABLES) {
    const columns = found.get(table.name);
    const expected = table.columns.map((c) => c.name);
    if (!columns || columns.join(',') !== expected.join(','))
      throw new StoreError({
        zh: `${file}：不是 junheng 结果库（表 ${table.name} ${columns ? '的列不同' : '不存在'}；见 schemas/store.sql）`,
        en: `${file}: not a junheng results store (table ${table.name} ${columns ? 'has other columns' : 'is missing'}; see schemas/store.sql)`,
      });
  }
  const kinds = await connection.runAndReadAll(
    "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'",
  );
  const views = new Set(
    (kinds.getRows() as [string, string][]).filter(([, type]) => type === 'VIEW').map(([name]) => name),
  );
  const coded = STORE_TABLES.filter(isCodedTable);
  if (coded.every((table) => views.has(table.name))) return 'coded';
  if (coded.every((table) => !views.has(table.name))) return 'plain';
  const tables = coded.filter((table) => !views.has(table.name)).map((table) => table.name);
  throw new StoreError({
    zh: `${file}：不是 junheng 结果库（${tables.join('、')} 应为视图；见 schemas/store.sql）`,
    en: `${file}: not a junheng results store (${tables.join(', ')} should be views; see schemas/store.sql)`,
  });
}

/**
 * The coded texts of a store must be numbered 1, 2, 3 … with a text each (the views read code n as the n-th text):
 * checked before a run is appended, so that an altered store is refused before anything is written to it.
 */
export async function checkCodedTexts(connection: DuckDBConnection, file: string): Promise<void> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*), count(DISTINCT code), min(code), max(code), count(text) FROM ${CODED_TEXTS}`,
  );
  const [rows, distinct, min, max, texts] = (reader.getRows()[0] ?? []).map((v) =>
    v === null ? 0 : Number(v),
  );
  if (rows === 0 || (distinct === rows && min === 1 && max === rows && texts === rows)) return;
  throw new StoreError({
    zh: `${file}：${CODED_TEXTS} 表的编码应为 1 到 ${rows} 各一次、每个都有文字（实为 ${distinct} 个不同编码，${min} 到 ${max}，${texts} 个有文字）；结果库已被改动，不能再追加运行`,
    en: `${file}: ${CODED_TEXTS} should hold the codes 1 to ${rows} once each, each with a text (it holds ${distinct} distinct codes, ${min} to ${max}, ${texts} with a text); the store was altered and no run can be appended to it`,
  });
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Codes a store of the plain layout in one transaction: every text of a coded column into `coded_texts`, each
 * table's rows into `coded_<table>` with their codes, the plain table dropped (the views of schemas/store.sql take
 * its name when the store's DDL is run next). The store's rows read the same through the views as before.
 */
export async function codeStore(connection: DuckDBConnection): Promise<void> {
  const coded = STORE_TABLES.filter(isCodedTable);
  const texts = coded.flatMap((table) =>
    table.columns
      .filter((column) => column.coded)
      .map((column) => `SELECT ${quoted(column.name)} AS text FROM main.${table.name}`),
  );
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(textsDdl());
    await connection.run(
      `INSERT INTO ${CODED_TEXTS} SELECT row_number() OVER (ORDER BY text)::INTEGER AS code, text ` +
        `FROM (SELECT DISTINCT text FROM (${texts.join(' UNION ALL ')}) WHERE text IS NOT NULL)`,
    );
    for (const table of coded) {
      await connection.run(storedTableDdl(table));
      await connection.run(codedCopy(table));
      await connection.run(`DROP TABLE main.${table.name}`);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** The INSERT that copies a plain table's rows into its coded table, each coded text as its code. */
function codedCopy(table: StoreTable): string {
  const joins: string[] = [];
  const values = table.columns.map((column, k) => {
    if (!column.coded) return `p.${quoted(column.name)}`;
    joins.push(`LEFT JOIN ${CODED_TEXTS} AS t${k} ON t${k}.text = p.${quoted(column.name)}`);
    return `t${k}.code`;
  });
  return (
    `INSERT INTO ${codedTable(table.name)} SELECT ${values.join(', ')} ` +
    `FROM main.${table.name} AS p ${joins.join(' ')}`
  );
}
