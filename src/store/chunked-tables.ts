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
import { STORE_TABLES, type ColumnType, type StoreTable } from './store-tables.ts';

/**
 * A county's rows on their way into the store. Appending value by value (a native call per value and per row) cost
 * more than making the rows; so the rows are written into a DuckDB data chunk per table in JavaScript — numbers and
 * booleans into typed arrays copied with one native call per column, each text with one — and the chunk appended
 * when it holds 2048 rows (DuckDB's vector size), in the order the rows come.
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

const CHUNK_TYPE = { VARCHAR, INTEGER, DOUBLE, BOOLEAN } as const;

type ChunkType = keyof typeof CHUNK_TYPE;

/** One column of the chunk being filled: its values and its validity (a bit per row, set when not NULL). */
class ColumnBuffer {
  readonly values: Int32Array | Float64Array | Uint8Array;
  private readonly texts: string[] = [];
  private readonly validity = new Uint32Array(Math.ceil(CHUNK_ROWS / 64) * 2).fill(0xffffffff);
  private nulls = false;

  constructor(readonly type: ChunkType) {
    this.values =
      type === 'DOUBLE'
        ? new Float64Array(CHUNK_ROWS)
        : type === 'BOOLEAN'
          ? new Uint8Array(CHUNK_ROWS)
          : new Int32Array(type === 'INTEGER' ? CHUNK_ROWS : 0);
  }

  /** Writes `count` cells of `cells` from `from` on into rows `at` … of the chunk. */
  write(cells: readonly unknown[], from: number, at: number, count: number): void {
    const { values, type, texts } = this;
    for (let r = 0; r < count; r++) {
      const cell = cells[from + r] ?? null;
      if (cell === null) {
        this.nulls = true;
        (this.validity[(at + r) >>> 5] as number) &= ~(1 << ((at + r) & 31));
      } else if (type === 'VARCHAR') texts[at + r] = String(cell);
      else if (type === 'BOOLEAN') values[at + r] = cell === true ? 1 : 0;
      else values[at + r] = Number(cell);
    }
  }

  /** Writes one text into rows `at` … `at + count - 1`. */
  fill(text: string, at: number, count: number): void {
    const { texts } = this;
    for (let r = at; r < at + count; r++) texts[r] = text;
  }

  /** Copies the first `count` rows into a vector of the chunk, and starts over. */
  copyTo(vector: Bindings.Vector, count: number): void {
    const { texts, validity, values } = this;
    if (this.type === 'VARCHAR') {
      for (let r = 0; r < count; r++)
        if (((validity[r >>> 5] as number) & (1 << (r & 31))) !== 0)
          duckdb.vector_assign_string_element(vector, r, texts[r] as string);
    } else
      duckdb.copy_data_to_vector(
        vector,
        0,
        values.buffer as ArrayBuffer,
        0,
        count * values.BYTES_PER_ELEMENT,
      );
    if (this.nulls) {
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(
        vector,
        0,
        validity.buffer as ArrayBuffer,
        0,
        Math.ceil(count / 64) * 8,
      );
      validity.fill(0xffffffff);
      this.nulls = false;
    }
  }
}

function chunkType(table: StoreTable, type: ColumnType): ChunkType {
  if (type === 'TIMESTAMP' || type === 'BLOB')
    throw new Error(`store table ${table.name}: no ${type} in a chunk`);
  return type;
}

/** A store table's chunk being filled, and its appender. */
class ChunkedTable {
  private readonly buffers: ColumnBuffer[];
  private readonly chunk: DuckDBDataChunk;
  private filled = 0;

  constructor(
    readonly table: StoreTable,
    private readonly appender: DuckDBAppender,
  ) {
    this.buffers = table.columns.map((column) => new ColumnBuffer(chunkType(table, column.type)));
    this.chunk = DuckDBDataChunk.create(this.buffers.map((buffer) => CHUNK_TYPE[buffer.type]));
  }

  /** Adds a county's rows of this table. */
  add(head: readonly [string, string, string], columns: TableColumns): void {
    const total = rowCount(columns);
    for (let from = 0; from < total;) {
      const at = this.filled;
      const count = Math.min(CHUNK_ROWS - at, total - from);
      for (let k = 0; k < 3; k++) (this.buffers[k] as ColumnBuffer).fill(head[k] as string, at, count);
      for (let k = 0; k < columns.length; k++)
        (this.buffers[k + 3] as ColumnBuffer).write(columns[k] as unknown[], from, at, count);
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
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset();
    this.filled = 0;
  }

  /** Appends what is left and closes the appender. */
  close(): void {
    this.append();
    this.appender.flushSync();
    this.appender.closeSync();
  }

  /** Closes the appender, dropping the rows it holds (when a run is given up). */
  drop(): void {
    try {
      this.appender.closeSync();
    } catch {
      // Its rows are dropped with the transaction or the file.
    }
  }
}

/** The county tables but `county_data` (whose one row per county is appended as it is), chunk by chunk. */
export class ChunkedTables {
  private constructor(private readonly tables: ChunkedTable[]) {}

  static async open(connection: DuckDBConnection): Promise<ChunkedTables> {
    const tables: ChunkedTable[] = [];
    for (const table of STORE_TABLES)
      if (table.name !== 'runs' && table.name !== 'county_data')
        tables.push(new ChunkedTable(table, await connection.createAppender(table.name)));
    return new ChunkedTables(tables);
  }

  /** Adds a county's rows; `head` is the `run_id, province, county` of every row. */
  add(head: readonly [string, string, string], rows: CountyRows): void {
    for (const chunked of this.tables) chunked.add(head, rows[chunked.table.name as keyof CountyRows]);
  }

  /** Appends the rows left and closes the appenders. */
  close(): void {
    for (const chunked of this.tables) chunked.close();
  }

  /** Closes the appenders, dropping the rows they hold. */
  drop(): void {
    for (const chunked of this.tables) chunked.drop();
  }
}
