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
import {
  readInline,
  STRING_RECORD,
  writeInline,
  type EncodedColumn,
  type EncodedRows,
  type EncodedTable,
} from './encode-rows.ts';
import {
  CODED_TEXTS,
  codedTable,
  isCodedTable,
  STORE_TABLES,
  storedType,
  type ColumnType,
  type StoreTable,
} from './store-tables.ts';

/**
 * A county's rows on their way into the store. Appending value by value (a native call per value and per row) cost
 * more than making the rows; so the rows come encoded (encode-rows.ts) and are copied into a DuckDB data chunk per
 * table — numbers, booleans, codes and short texts with one native call per column, each distinct long text of a
 * chunk with one — and the chunk appended when it holds 2048 rows (DuckDB's vector size), in the order the rows
 * come. A coded column's texts are given their store codes here (TextCodes), and the texts new to the store are
 * appended to `coded_texts` when the tables are closed.
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

/**
 * Whether string records written by encode-rows.ts, and a long text's record copied to another row, read back from
 * DuckDB as the texts they hold: checked once per process on a chunk of its own. Where they do not (a DuckDB whose
 * layout differs), every text is handed to DuckDB row by row.
 */
export function stringRecordsWork(): boolean {
  if (recordsChecked !== undefined) return recordsChecked;
  const long = 'a text longer than twelve bytes';
  const probe = ['abc', 'twelve bytes', '县中', '', long, long];
  try {
    const chunk = DuckDBDataChunk.create([VARCHAR]);
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, 0);
    const records = new Uint8Array(STRING_RECORD * probe.length);
    for (let r = 0; r < 4; r++) writeInline(records, r * STRING_RECORD, probe[r] as string);
    duckdb.copy_data_to_vector(vector, 0, records.buffer as ArrayBuffer, 0, records.length);
    duckdb.vector_assign_string_element(vector, 4, long);
    records.set(duckdb.vector_get_data(vector, records.length));
    records.copyWithin(5 * STRING_RECORD, 4 * STRING_RECORD, 5 * STRING_RECORD);
    duckdb.copy_data_to_vector(vector, 0, records.buffer as ArrayBuffer, 0, records.length);
    chunk.rowCount = probe.length;
    const column = chunk.getColumnVector(0);
    recordsChecked = probe.every((text, r) => column.getItem(r) === text);
  } catch {
    recordsChecked = false;
  }
  return recordsChecked;
}

let recordsChecked: boolean | undefined;

/** For tests: write texts row by row (as where stringRecordsWork fails), or as records again (undefined). */
export function useStringRecords(use: boolean | undefined): void {
  recordsChecked = use === false ? false : undefined;
}

/** A text every row of a county's part of a chunk holds (its run, province or county). */
export interface ConstantText {
  text: string;
  /** Its record, when it is short enough to inline. */
  record?: Uint8Array;
}

export function constantText(text: string): ConstantText {
  const record = new Uint8Array(STRING_RECORD);
  return writeInline(record, 0, text) ? { text, record } : { text };
}

/** One column of the chunk being filled: its values and its validity (a bit per row, set when not NULL). */
class ChunkColumn {
  /** Numbers and booleans as DuckDB holds them; for a text column, its string records. */
  private readonly values: Int32Array | Float64Array | Uint8Array;
  private readonly validity = new Uint32Array(Math.ceil(CHUNK_ROWS / 64) * 2).fill(0xffffffff);
  private nulls = false;
  /** Text columns: the rows whose long text is handed to DuckDB, and those texts. */
  private readonly assignRows: number[] = [];
  private readonly assignTexts: string[] = [];
  /** Text columns: pairs (row, earlier row holding the same long text), and runs (first row, count) of one text. */
  private readonly repeats: number[] = [];
  private readonly runs: number[] = [];
  /** Text columns where records are not used: each row's text. */
  private readonly texts: string[] | undefined;

  constructor(
    readonly type: ChunkType,
    asRecords: boolean,
  ) {
    this.values =
      type === 'DOUBLE'
        ? new Float64Array(CHUNK_ROWS)
        : type === 'INTEGER'
          ? new Int32Array(CHUNK_ROWS)
          : type === 'BOOLEAN'
            ? new Uint8Array(CHUNK_ROWS)
            : new Uint8Array(CHUNK_ROWS * STRING_RECORD);
    if (type === 'VARCHAR' && !asRecords) this.texts = [];
  }

  /** Copies rows `from` … `from + count - 1` of an encoded column into rows `at` … of the chunk. */
  put(column: EncodedColumn, from: number, at: number, count: number): void {
    const width = this.type === 'VARCHAR' ? STRING_RECORD : 1;
    if (column.empty) {
      // Zeros, not what an earlier chunk left there (a long text's record points into memory since let go).
      this.values.fill(0, at * width, (at + count) * width);
      for (let r = at; r < at + count; r++) this.setNull(r);
      return;
    }
    this.values.set(column.data.subarray(from * width, (from + count) * width), at * width);
    const { valid } = column;
    if (valid) for (let r = 0; r < count; r++) if (valid[from + r] === 0) this.setNull(at + r);
    if (this.type !== 'VARCHAR') return;
    const { long, longRows } = column;
    if (long && longRows) {
      // The first of this county's rows in the chunk that holds each long text, and where its pairs start.
      const first = new Int32Array(long.length).fill(-1);
      let k = lowerBound(longRows, from);
      for (; k < longRows.length && (longRows[k] as number) < from + count; k += 2) {
        const row = at + (longRows[k] as number) - from;
        const text = longRows[k + 1] as number;
        const seen = first[text] as number;
        if (this.texts) this.texts[row] = long[text] as string;
        else if (seen < 0) {
          first[text] = row;
          this.assignRows.push(row);
          this.assignTexts.push(long[text] as string);
        } else this.repeats.push(row, seen);
      }
    }
    if (this.texts)
      for (let r = 0; r < count; r++)
        if ((valid === undefined || valid[from + r] === 1) && this.texts[at + r] === undefined)
          this.texts[at + r] = readInline(this.values as Uint8Array, (at + r) * STRING_RECORD);
  }

  /**
   * Copies rows `from` … `from + count - 1` of a coded column into rows `at` … of the chunk (an INTEGER column),
   * each as the store code `codes` gives the place of its text.
   */
  putCodes(column: EncodedColumn, codes: Int32Array, from: number, at: number, count: number): void {
    const values = this.values as Int32Array;
    if (column.empty) {
      values.fill(0, at, at + count);
      for (let r = at; r < at + count; r++) this.setNull(r);
      return;
    }
    const data = column.data as Int32Array;
    for (let r = 0; r < count; r++) {
      const place = data[from + r] as number;
      if (place < 0) {
        values[at + r] = 0;
        this.setNull(at + r);
      } else values[at + r] = codes[place] as number;
    }
  }

  /** Marks a row of the chunk NULL. */
  private setNull(row: number): void {
    this.nulls = true;
    (this.validity[row >>> 5] as number) &= ~(1 << (row & 31));
  }

  /** Writes one text into rows `at` … `at + count - 1`. */
  fill(text: ConstantText, at: number, count: number): void {
    if (this.texts) {
      for (let r = at; r < at + count; r++) this.texts[r] = text.text;
      return;
    }
    const records = this.values as Uint8Array;
    if (text.record) {
      records.set(text.record, at * STRING_RECORD);
      this.spread(at, count);
      return;
    }
    // A long text: DuckDB makes its record at the first row, copied to the others when the chunk is appended.
    records.fill(0, at * STRING_RECORD, (at + 1) * STRING_RECORD);
    this.assignRows.push(at);
    this.assignTexts.push(text.text);
    if (count > 1) this.runs.push(at, count);
  }

  /** Copies the record of row `at` to the rows up to `at + count - 1`, doubling the copied span each time. */
  private spread(at: number, count: number): void {
    const records = this.values as Uint8Array;
    const start = at * STRING_RECORD;
    const end = (at + count) * STRING_RECORD;
    for (let filled = STRING_RECORD; start + filled < end; filled *= 2)
      records.copyWithin(start + filled, start, Math.min(start + filled, end - filled));
  }

  /** Copies the first `count` rows into a vector of the chunk, and starts over. */
  copyTo(vector: Bindings.Vector, count: number): void {
    const { validity, values } = this;
    if (this.texts) {
      const { texts } = this;
      for (let r = 0; r < count; r++)
        if (((validity[r >>> 5] as number) & (1 << (r & 31))) !== 0)
          duckdb.vector_assign_string_element(vector, r, texts[r] as string);
      texts.length = 0;
    } else {
      const bytes = count * values.BYTES_PER_ELEMENT * (this.type === 'VARCHAR' ? STRING_RECORD : 1);
      duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, 0, bytes);
      if (this.type === 'VARCHAR') this.assignLong(vector, bytes);
    }
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

  /**
   * Hands each distinct long text of the chunk to DuckDB at its first row, then gives the rows that repeat it the
   * record DuckDB made there (its pointer into the vector's memory included), and writes the records back.
   */
  private assignLong(vector: Bindings.Vector, bytes: number): void {
    const { assignRows, assignTexts, repeats, runs } = this;
    if (assignRows.length === 0) return;
    for (let k = 0; k < assignRows.length; k++)
      duckdb.vector_assign_string_element(vector, assignRows[k] as number, assignTexts[k] as string);
    if (repeats.length > 0 || runs.length > 0) {
      const records = this.values as Uint8Array;
      records.set(duckdb.vector_get_data(vector, bytes));
      for (let k = 0; k < repeats.length; k += 2) {
        const to = (repeats[k] as number) * STRING_RECORD;
        const from = (repeats[k + 1] as number) * STRING_RECORD;
        records.copyWithin(to, from, from + STRING_RECORD);
      }
      for (let k = 0; k < runs.length; k += 2) this.spread(runs[k] as number, runs[k + 1] as number);
      duckdb.copy_data_to_vector(vector, 0, records.buffer as ArrayBuffer, 0, bytes);
    }
    assignRows.length = 0;
    assignTexts.length = 0;
    repeats.length = 0;
    runs.length = 0;
  }
}

/** The first even index of `pairs` (row, index …) whose row is at least `row`. */
function lowerBound(pairs: Int32Array, row: number): number {
  let low = 0;
  let high = pairs.length / 2;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((pairs[2 * mid] as number) < row) low = mid + 1;
    else high = mid;
  }
  return 2 * low;
}

function chunkType(table: StoreTable, type: ColumnType): ChunkType {
  if (type === 'TIMESTAMP' || type === 'BLOB')
    throw new Error(`store table ${table.name}: no ${type} in a chunk`);
  return type;
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/**
 * The codes of the store's coded texts (`coded_texts`): those the store holds, read when it is opened, and those
 * this run adds, numbered on from the last (1, 2, 3 … : a text's code is its place in the list the views read).
 */
export class TextCodes {
  private readonly codes = new Map<string, number>();
  private readonly added: string[] = [];

  private constructor(private next: number) {}

  /** The store's codes (numbered 1, 2, 3 …: the writer has checked them, check-store-tables.ts). */
  static async load(connection: DuckDBConnection): Promise<TextCodes> {
    const reader = await connection.runAndReadAll(`SELECT code, text FROM ${CODED_TEXTS} ORDER BY code`);
    const rows = reader.getRows() as [number, string][];
    const codes = new TextCodes(rows.length + 1);
    for (const [code, text] of rows) if (!codes.codes.has(text)) codes.codes.set(text, Number(code));
    return codes;
  }

  /** The code of a text, given one when it is new. */
  code(text: string): number {
    // DuckDB keeps UTF-8: a lone surrogate is stored as U+FFFD, so it is coded as that text.
    const key = /[\uD800-\uDFFF]/.test(text) ? utf8.decode(utf8Encoder.encode(text)) : text;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.next++;
      this.codes.set(key, code);
      this.added.push(key);
    }
    return code;
  }

  /** The codes of a county's texts of one column, place by place. */
  map(texts: readonly string[]): Int32Array {
    const out = new Int32Array(texts.length);
    for (let k = 0; k < texts.length; k++) out[k] = this.code(texts[k] as string);
    return out;
  }

  /** Appends the texts this run added, in code order, and starts over. */
  write(appender: DuckDBAppender): void {
    const first = this.next - this.added.length;
    this.added.forEach((text, k) => {
      appender.appendInteger(first + k);
      appender.appendVarchar(text);
      appender.endRow();
    });
    this.added.length = 0;
  }
}

/** A store table's chunk being filled, and its appender. */
class ChunkedTable {
  private readonly columns: ChunkColumn[];
  private readonly chunk: DuckDBDataChunk;
  private filled = 0;

  constructor(
    readonly table: StoreTable,
    private readonly appender: DuckDBAppender,
    private readonly codes: TextCodes,
  ) {
    // The run, province and county every row starts with are plain texts, filled in as constants (add).
    if (table.columns.slice(0, 3).some((column) => column.coded))
      throw new Error(`store table ${table.name}: its run, province and county are not coded`);
    const asRecords = stringRecordsWork();
    const types = table.columns.map((column) => chunkType(table, storedType(column)));
    this.columns = types.map((type) => new ChunkColumn(type, asRecords));
    this.chunk = DuckDBDataChunk.create(types.map((type) => CHUNK_TYPE[type]));
  }

  /** Adds a county's rows of this table; `head` is the `run_id, province, county` of every row. */
  add(head: readonly ConstantText[], encoded: EncodedTable): void {
    const total = encoded.rows;
    const { columns, codes } = this;
    const places = encoded.columns.map((column) =>
      column.type === 'CODE' ? codes.map(column.texts ?? []) : undefined,
    );
    for (let from = 0; from < total;) {
      const at = this.filled;
      const count = Math.min(CHUNK_ROWS - at, total - from);
      for (let k = 0; k < head.length; k++)
        (columns[k] as ChunkColumn).fill(head[k] as ConstantText, at, count);
      for (let k = 0; k < encoded.columns.length; k++) {
        const column = encoded.columns[k] as EncodedColumn;
        const chunkColumn = columns[k + head.length] as ChunkColumn;
        const place = places[k];
        if (place) chunkColumn.putCodes(column, place, from, at, count);
        else chunkColumn.put(column, from, at, count);
      }
      from += count;
      this.filled += count;
      if (this.filled === CHUNK_ROWS) this.append();
    }
  }

  /** Appends the chunk being filled. */
  append(): void {
    if (this.filled === 0) return;
    for (let k = 0; k < this.columns.length; k++)
      (this.columns[k] as ChunkColumn).copyTo(duckdb.data_chunk_get_vector(this.chunk.chunk, k), this.filled);
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
  private constructor(
    private readonly tables: ChunkedTable[],
    private readonly codes: TextCodes,
    private readonly texts: DuckDBAppender,
  ) {}

  static async open(connection: DuckDBConnection): Promise<ChunkedTables> {
    const codes = await TextCodes.load(connection);
    const tables: ChunkedTable[] = [];
    for (const table of STORE_TABLES)
      if (table.name !== 'runs' && table.name !== 'county_data') {
        const appender = await connection.createAppender(
          isCodedTable(table) ? codedTable(table.name) : table.name,
        );
        tables.push(new ChunkedTable(table, appender, codes));
      }
    return new ChunkedTables(tables, codes, await connection.createAppender(CODED_TEXTS));
  }

  /** Adds a county's rows; `head` is the `run_id, province, county` of every row. */
  add(head: readonly [string, string, string], rows: EncodedRows): void {
    const constants = head.map(constantText);
    for (const chunked of this.tables) chunked.add(constants, rows[chunked.table.name as keyof EncodedRows]);
  }

  /** Appends the rows left and the texts new to the store, and closes the appenders. */
  close(): void {
    for (const chunked of this.tables) chunked.close();
    this.codes.write(this.texts);
    this.texts.flushSync();
    this.texts.closeSync();
  }

  /** Closes the appenders, dropping the rows they hold. */
  drop(): void {
    for (const chunked of this.tables) chunked.drop();
    try {
      this.texts.closeSync();
    } catch {
      // Its rows are dropped with the transaction or the file.
    }
  }
}
