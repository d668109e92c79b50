import type { CountyRows, TableColumns } from './county-rows.ts';
import { storeTable, type ColumnType, type StoreTableName } from './store-tables.ts';

/**
 * A county's rows encoded for DuckDB's data chunks where they are made (a worker thread, when there are workers),
 * so that the thread writing the store only copies bytes: each number column as a typed array, each text column as
 * the 16-byte string records of a DuckDB text vector (`duckdb_string_t` in duckdb.h: a uint32 byte length, then the
 * text itself, zero-padded, when its UTF-8 form is at most 12 bytes). A longer text cannot be written as a record
 * outside DuckDB (its record points into the vector's own memory): such texts are kept once per column and county,
 * with the rows that hold them, and handed to DuckDB by the writer (chunked-tables.ts).
 */

/** Bytes per string record, and the most bytes a record holds inline. */
export const STRING_RECORD = 16;
export const INLINE_BYTES = 12;

export interface EncodedColumn {
  /** CODE: a coded text column (store-tables.ts), as the place of each row's text in `texts`. */
  type: Exclude<ColumnType, 'TIMESTAMP' | 'BLOB'> | 'CODE';
  /**
   * DOUBLE: Float64Array; INTEGER: Int32Array; BOOLEAN: Uint8Array (0 or 1); VARCHAR: a 16-byte string record per
   * row (zero for a NULL and for a long text); CODE: Int32Array, the place in `texts` (-1 for a NULL).
   */
  data: Float64Array | Int32Array | Uint8Array;
  /** 0 for a NULL row, 1 otherwise; absent when no row is NULL. */
  valid?: Uint8Array;
  /** Every row is NULL (`data` is then empty). */
  empty?: true;
  /** VARCHAR: the distinct texts of more than 12 bytes, in the order they first come. */
  long?: string[];
  /** VARCHAR: for each row that holds a long text, in row order, the row and the index of its text in `long`. */
  longRows?: Int32Array;
  /** CODE: the distinct texts of the column, in the order they first come; the writer gives each its store code. */
  texts?: string[];
}

export interface EncodedTable {
  rows: number;
  /** The table's columns after `run_id, province, county`, in the order of store-tables.ts. */
  columns: EncodedColumn[];
}

export type EncodedRows = Record<keyof CountyRows, EncodedTable>;

const encoder = new TextEncoder();

/**
 * Writes `text` as an inlined string record at `offset` of `records` (whose 16 bytes there are zero) when its
 * UTF-8 form is at most 12 bytes, and says whether it did; otherwise the 16 bytes are left zero.
 */
export function writeInline(records: Uint8Array, offset: number, text: string): boolean {
  const n = text.length;
  if (n > INLINE_BYTES) return false;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      const target = records.subarray(offset + 4, offset + STRING_RECORD);
      const { read, written } = encoder.encodeInto(text, target);
      if (read < n) {
        target.fill(0);
        return false;
      }
      bytes = written;
      break;
    }
    records[offset + 4 + i] = code;
  }
  records[offset] = bytes;
  return true;
}

const decoder = new TextDecoder();

/** The text of an inlined string record at `offset`. */
export function readInline(records: Uint8Array, offset: number): string {
  const bytes = records[offset] as number;
  return decoder.decode(records.subarray(offset + 4, offset + 4 + bytes));
}

/** A column's validity with row `r` marked NULL; made, every row valid, at the first NULL. */
function markNull(valid: Uint8Array | undefined, rows: number, r: number): Uint8Array {
  const marked = valid ?? new Uint8Array(rows).fill(1);
  marked[r] = 0;
  return marked;
}

function encodeText(cells: readonly unknown[], rows: number): EncodedColumn {
  const data = new Uint8Array(rows * STRING_RECORD);
  let valid: Uint8Array | undefined;
  let nulls = 0;
  const long: string[] = [];
  const index = new Map<string, number>();
  const longRows: number[] = [];
  for (let r = 0; r < rows; r++) {
    const cell = cells[r] ?? null;
    if (cell === null) {
      valid = markNull(valid, rows, r);
      nulls++;
      continue;
    }
    const text = typeof cell === 'string' ? cell : String(cell);
    if (writeInline(data, r * STRING_RECORD, text)) continue;
    let at = index.get(text);
    if (at === undefined) {
      at = long.length;
      long.push(text);
      index.set(text, at);
    }
    longRows.push(r, at);
  }
  if (rows > 0 && nulls === rows) return { type: 'VARCHAR', data: new Uint8Array(0), empty: true };
  return {
    type: 'VARCHAR',
    data,
    ...(valid ? { valid } : {}),
    ...(long.length > 0 ? { long, longRows: Int32Array.from(longRows) } : {}),
  };
}

function encodeCodes(cells: readonly unknown[], rows: number): EncodedColumn {
  const data = new Int32Array(rows);
  const texts: string[] = [];
  const index = new Map<string, number>();
  let nulls = 0;
  for (let r = 0; r < rows; r++) {
    const cell = cells[r] ?? null;
    if (cell === null) {
      data[r] = -1;
      nulls++;
      continue;
    }
    const text = typeof cell === 'string' ? cell : String(cell);
    let at = index.get(text);
    if (at === undefined) {
      at = texts.length;
      texts.push(text);
      index.set(text, at);
    }
    data[r] = at;
  }
  if (rows > 0 && nulls === rows) return { type: 'CODE', data: new Int32Array(0), empty: true };
  return { type: 'CODE', data, texts };
}

function encodeNumbers(
  type: 'DOUBLE' | 'INTEGER' | 'BOOLEAN',
  cells: readonly unknown[],
  rows: number,
): EncodedColumn {
  const data =
    type === 'DOUBLE'
      ? new Float64Array(rows)
      : type === 'INTEGER'
        ? new Int32Array(rows)
        : new Uint8Array(rows);
  let valid: Uint8Array | undefined;
  let nulls = 0;
  for (let r = 0; r < rows; r++) {
    const cell = cells[r] ?? null;
    if (cell === null) {
      valid = markNull(valid, rows, r);
      nulls++;
    } else data[r] = type === 'BOOLEAN' ? (cell === true ? 1 : 0) : Number(cell);
  }
  if (rows > 0 && nulls === rows) return { type, data: data.subarray(0, 0), empty: true };
  return { type, data, ...(valid ? { valid } : {}) };
}

/** One table's columns encoded. */
export function encodeTable(name: StoreTableName, columns: TableColumns): EncodedTable {
  const types = storeTable(name).columns.slice(3);
  const rows = columns[0]?.length ?? 0;
  return {
    rows,
    columns: types.map((column, k) => {
      const cells = columns[k] ?? [];
      const type = column.type;
      if (type === 'TIMESTAMP' || type === 'BLOB')
        throw new Error(`store table ${name}: no ${type} column in a county's rows`);
      if (column.coded) return encodeCodes(cells, rows);
      return type === 'VARCHAR' ? encodeText(cells, rows) : encodeNumbers(type, cells, rows);
    }),
  };
}

/** A county's rows, every table encoded. */
export function encodeRows(rows: CountyRows): EncodedRows {
  const encoded = {} as EncodedRows;
  for (const name of Object.keys(rows) as (keyof CountyRows)[]) encoded[name] = encodeTable(name, rows[name]);
  return encoded;
}

/**
 * The buffers of a county's encoded rows, to be moved to the thread that writes the store rather than copied (each
 * is an ArrayBuffer of its own, made here).
 */
export function rowBuffers(rows: EncodedRows): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const table of Object.values(rows))
    for (const column of table.columns)
      for (const array of [column.data, column.valid, column.longRows])
        if (array !== undefined && array.buffer.byteLength > 0) buffers.add(array.buffer as ArrayBuffer);
  return [...buffers];
}
