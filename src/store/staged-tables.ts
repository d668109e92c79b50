import { createRequire } from 'node:module';
import type * as Bindings from '@duckdb/node-bindings';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { rowCount, type CountyRows, type TableColumns } from './county-rows.ts';
import { STORE_TABLES, type StoreTable } from './store-tables.ts';

/**
 * A county's rows on their way into the store. Appending value by value (one native call per value and per row) cost
 * more than making the rows; so the rows are written into DuckDB data chunks in JavaScript, a typed array per column
 * and one native call per column and chunk, and appended a chunk (2048 rows) at a time to temporary staging tables.
 * A text column is staged as the code of its text in a dictionary of the batch (one per column: most repeat a few
 * values — the county, the level, the indicator, the verdict …); `materialise` then writes the dictionary and fills
 * the store's tables from the staging tables with one INSERT … SELECT per table, DuckDB looking the texts up (on
 * all its threads), and empties the staging tables for the next batch. The run id, the same on every row, is written
 * by that INSERT; no staging table outlives the run's connection, none is in the store or in a Parquet export.
 */

/**
 * DuckDB's C API as @duckdb/node-api binds it, for the calls that copy a typed array into a vector. Loaded from where
 * @duckdb/node-api loads it, so that both are one copy of DuckDB whatever version is installed.
 */
const duckdb = createRequire(createRequire(import.meta.url).resolve('@duckdb/node-api'))(
  '@duckdb/node-bindings',
) as typeof Bindings;

/** The rows of a chunk: DuckDB's vector size. */
const CHUNK_ROWS = duckdb.vector_size();

/** How a column is staged: a text as an INTEGER code, or (a text that seldom repeats) as itself; else as itself. */
type Staged = 'code' | 'text' | 'double' | 'integer' | 'boolean';

const STAGED_TYPE = {
  code: INTEGER,
  text: VARCHAR,
  integer: INTEGER,
  double: DOUBLE,
  boolean: BOOLEAN,
} as const;

/**
 * The text columns whose texts seldom repeat in a batch (a subject's key and name, a cell reference, a choice's
 * alternatives): coding them would cost more than it saves, so they are staged as they are.
 */
const UNCODED = new Set(['subject', 'name', 'parent', 'cell', 'alternatives']);

/** The staging table of a store table. */
const stageName = (table: StoreTable): string => `junheng_stage_${table.name}`;
const STRINGS = 'junheng_stage_strings';

/** A dictionary of texts, one code space per column (a slot): a column's codes are 0, 1, 2 … as its texts come. */
class Dictionary {
  readonly slots: Map<string, number>[] = [];

  slot(): number {
    this.slots.push(new Map());
    return this.slots.length - 1;
  }

  size(): number {
    let size = 0;
    for (const codes of this.slots) size += codes.size;
    return size;
  }

  clear(): void {
    for (const codes of this.slots) codes.clear();
  }
}

/** One column of the chunk being filled: its values and its validity (a bit per row, set when not NULL). */
class ColumnBuffer {
  readonly values: Int32Array | Float64Array | Uint8Array;
  /** The texts of a text staged as itself. */
  private readonly texts: string[] = [];
  readonly validity = new Uint32Array(Math.ceil(CHUNK_ROWS / 64) * 2).fill(0xffffffff);
  nulls = false;

  constructor(
    readonly staged: Staged,
    /** The column's code space, for a text. */
    readonly codes: Map<string, number> | undefined,
  ) {
    this.values =
      staged === 'text'
        ? new Uint8Array(0)
        : staged === 'double'
          ? new Float64Array(CHUNK_ROWS)
          : staged === 'boolean'
            ? new Uint8Array(CHUNK_ROWS)
            : new Int32Array(CHUNK_ROWS);
  }

  setNull(row: number): void {
    this.nulls = true;
    (this.validity[row >>> 5] as number) &= ~(1 << (row & 31));
  }

  /** Writes `count` cells of `cells` from `from` on into rows `at` … of the chunk. */
  write(cells: readonly unknown[], from: number, at: number, count: number): void {
    const { values, codes, staged } = this;
    for (let r = 0; r < count; r++) {
      const cell = cells[from + r] ?? null;
      if (cell === null) this.setNull(at + r);
      else if (codes) {
        const text = String(cell);
        let code = codes.get(text);
        if (code === undefined) codes.set(text, (code = codes.size));
        values[at + r] = code;
      } else if (staged === 'text') this.texts[at + r] = String(cell);
      else if (staged === 'boolean') values[at + r] = cell === true ? 1 : 0;
      else values[at + r] = Number(cell);
    }
  }

  /** Writes one text into rows `at` … `at + count - 1`. */
  fill(text: string, at: number, count: number): void {
    const codes = this.codes as Map<string, number>;
    let code = codes.get(text);
    if (code === undefined) codes.set(text, (code = codes.size));
    this.values.fill(code, at, at + count);
  }

  /** Copies the first `count` rows into a vector of the chunk, and starts over. */
  copyTo(vector: Bindings.Vector, count: number): void {
    if (this.staged === 'text') {
      const { texts, validity } = this;
      for (let r = 0; r < count; r++)
        if (((validity[r >>> 5] as number) & (1 << (r & 31))) !== 0)
          duckdb.vector_assign_string_element(vector, r, texts[r] as string);
    } else
      duckdb.copy_data_to_vector(
        vector,
        0,
        this.values.buffer as ArrayBuffer,
        0,
        count * this.values.BYTES_PER_ELEMENT,
      );
    if (this.nulls) {
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(
        vector,
        0,
        this.validity.buffer as ArrayBuffer,
        0,
        Math.ceil(count / 64) * 8,
      );
      this.validity.fill(0xffffffff);
      this.nulls = false;
    }
  }
}

/** A store table's staging table: `province, county` and the table's other columns after `run_id`. */
class StagedTable {
  /** The store table's columns after `run_id`, as staged. */
  private readonly columns: { name: string; type: string; staged: Staged; slot: number | undefined }[];
  private readonly buffers: ColumnBuffer[];
  private readonly chunk: DuckDBDataChunk;
  private filled = 0;
  appender: DuckDBAppender | undefined;

  constructor(
    readonly table: StoreTable,
    dictionary: Dictionary,
  ) {
    this.columns = table.columns.slice(1).map((column) => {
      const staged: Staged =
        column.type === 'VARCHAR'
          ? UNCODED.has(column.name)
            ? 'text'
            : 'code'
          : column.type === 'DOUBLE'
            ? 'double'
            : column.type === 'INTEGER'
              ? 'integer'
              : column.type === 'BOOLEAN'
                ? 'boolean'
                : unstaged(table, column.type);
      const slot = staged === 'code' ? dictionary.slot() : undefined;
      return { name: column.name, type: staged === 'code' ? 'INTEGER' : column.type, staged, slot };
    });
    this.buffers = this.columns.map(
      (column) =>
        new ColumnBuffer(
          column.staged,
          column.slot === undefined ? undefined : dictionary.slots[column.slot],
        ),
    );
    this.chunk = DuckDBDataChunk.create(this.columns.map((column) => STAGED_TYPE[column.staged]));
  }

  ddl(): string {
    const columns = this.columns.map((c) => `${c.name} ${c.type}`);
    return `CREATE TEMP TABLE ${stageName(this.table)} (${columns.join(', ')})`;
  }

  /** Stages a county's rows of this table. */
  add(province: string, county: string, columns: TableColumns): void {
    const total = rowCount(columns);
    const [provinces, counties] = this.buffers as [ColumnBuffer, ColumnBuffer];
    for (let from = 0; from < total;) {
      const at = this.filled;
      const count = Math.min(CHUNK_ROWS - at, total - from);
      provinces.fill(province, at, count);
      counties.fill(county, at, count);
      for (let k = 0; k < columns.length; k++)
        (this.buffers[k + 2] as ColumnBuffer).write(columns[k] as unknown[], from, at, count);
      from += count;
      this.filled += count;
      if (this.filled === CHUNK_ROWS) this.append();
    }
  }

  /** Appends the chunk being filled. */
  append(): void {
    if (this.filled === 0) return;
    for (let k = 0; k < this.buffers.length; k++)
      (this.buffers[k] as ColumnBuffer).copyTo(
        duckdb.data_chunk_get_vector(this.chunk.chunk, k),
        this.filled,
      );
    this.chunk.rowCount = this.filled;
    (this.appender as DuckDBAppender).appendDataChunk(this.chunk);
    this.chunk.reset();
    this.filled = 0;
  }

  /**
   * The store table's rows from the staging table, each code looked up in its column's slot of the dictionary;
   * `runId` is the run id as a SQL literal.
   */
  insert(runId: string): string {
    const select = [runId];
    const joins: string[] = [];
    this.columns.forEach((column, k) => {
      if (column.slot === undefined) select.push(`s.${column.name}`);
      else {
        select.push(`d${k}.text`);
        joins.push(
          `LEFT JOIN (SELECT code, text FROM ${STRINGS} WHERE slot = ${column.slot}) d${k} ON d${k}.code = s.${column.name}`,
        );
      }
    });
    return `INSERT INTO ${this.table.name} SELECT ${select.join(', ')} FROM ${stageName(this.table)} s ${joins.join(' ')}`;
  }
}

function unstaged(table: StoreTable, type: string): never {
  throw new Error(`store table ${table.name}: a ${type} column is not staged`);
}

/** The staging tables of the county tables but `trails` (whose one row per county is appended as it is). */
export class StagedTables {
  private readonly dictionary = new Dictionary();
  private readonly tables = STORE_TABLES.filter((t) => t.name !== 'runs' && t.name !== 'trails').map(
    (table) => new StagedTable(table, this.dictionary),
  );
  /** Rows staged since the last `materialise`. */
  rows = 0;

  /** Creates the staging tables (temporary: the connection's own) and their appenders. */
  async open(connection: DuckDBConnection): Promise<void> {
    await connection.run(`CREATE TEMP TABLE ${STRINGS} (slot INTEGER, code INTEGER, text VARCHAR)`);
    for (const staged of this.tables) {
      await connection.run(staged.ddl());
      staged.appender = await connection.createAppender(stageName(staged.table), 'main', 'temp');
    }
  }

  add(province: string, county: string, rows: CountyRows): void {
    for (const staged of this.tables) {
      const columns = rows[staged.table.name as keyof CountyRows];
      staged.add(province, county, columns);
      this.rows += rowCount(columns);
    }
  }

  /**
   * Writes the staged rows into the store's tables, and empties the staging tables and the dictionary; `runId` is
   * the run id as a SQL literal.
   */
  async materialise(connection: DuckDBConnection, runId: string): Promise<void> {
    for (const staged of this.tables) {
      staged.append();
      (staged.appender as DuckDBAppender).flushSync();
    }
    await this.writeDictionary(connection);
    for (const staged of this.tables) await connection.run(staged.insert(runId));
    for (const staged of this.tables) await connection.run(`DELETE FROM ${stageName(staged.table)}`);
    await connection.run(`DELETE FROM ${STRINGS}`);
    this.dictionary.clear();
    this.rows = 0;
  }

  private async writeDictionary(connection: DuckDBConnection): Promise<void> {
    if (this.dictionary.size() === 0) return;
    const appender = await connection.createAppender(STRINGS, 'main', 'temp');
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, VARCHAR]);
    const slots = new Int32Array(CHUNK_ROWS);
    const codes = new Int32Array(CHUNK_ROWS);
    let filled = 0;
    const append = (): void => {
      duckdb.copy_data_to_vector(
        duckdb.data_chunk_get_vector(chunk.chunk, 0),
        0,
        slots.buffer,
        0,
        filled * 4,
      );
      duckdb.copy_data_to_vector(
        duckdb.data_chunk_get_vector(chunk.chunk, 1),
        0,
        codes.buffer,
        0,
        filled * 4,
      );
      chunk.rowCount = filled;
      appender.appendDataChunk(chunk);
      chunk.reset();
      filled = 0;
    };
    try {
      this.dictionary.slots.forEach((texts, slot) => {
        for (const [text, code] of texts) {
          slots[filled] = slot;
          codes[filled] = code;
          duckdb.vector_assign_string_element(duckdb.data_chunk_get_vector(chunk.chunk, 2), filled, text);
          if (++filled === CHUNK_ROWS) append();
        }
      });
      if (filled > 0) append();
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Closes the appenders and drops the staging tables. */
  async drop(connection: DuckDBConnection): Promise<void> {
    this.closeAppenders();
    for (const staged of this.tables)
      await connection.run(`DROP TABLE IF EXISTS temp.${stageName(staged.table)}`);
    await connection.run(`DROP TABLE IF EXISTS temp.${STRINGS}`);
  }

  /** Closes the appenders, dropping what they hold (when a run is given up). */
  closeAppenders(): void {
    for (const staged of this.tables) {
      const appender = staged.appender;
      staged.appender = undefined;
      try {
        appender?.closeSync();
      } catch {
        // Its rows are dropped with the staging table.
      }
    }
  }
}
