import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from './store-error.ts';
import { STORE_TABLES } from './store-tables.ts';

/** An existing store must hold junheng's tables with their columns, so that a run is not appended to another file. */
export async function checkStoreTables(
  connection: DuckDBConnection,
  file: string,
  emptyIsNew: boolean,
): Promise<void> {
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
  if (found.size === 0 && emptyIsNew) return;
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
}
