import type { Cell, CellSource, DataRecord, Level, RecordColumns } from '../model/index.ts';
import { TableCell, type TableColumn } from './table-cell.ts';

/** How a column keeps its values: numbers in a Float64Array, anything else in an array of values. */
export type ColumnKind = 'number' | 'value' | 'boolean';

/** One input's column of a chunk of rows. */
interface Column {
  name: string;
  ref: TableColumn;
  kind: ColumnKind;
  /** number: the value, NaN when the row has none here. */
  numbers: Float64Array | undefined;
  /** value and boolean: the value, undefined when the row has none here. */
  items: (string | number | boolean | undefined)[] | undefined;
  /**
   * A column of texts kept as runs of the chunk's `bytes` until one is read (a record's key: table-reader.ts): the
   * run of each row, -1 where the row's text is in `items` or it has none.
   */
  starts: Int32Array | undefined;
  ends: Int32Array | undefined;
}

const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string })
  .latin1Slice;

/**
 * Rows of one table (one county's rows, or the whole table) held as columns: one typed array or value array per
 * input, the spreadsheet row of each record kept for its sources. Only plain values are held (table-reader.ts:
 * a row with a value to convert or refuse is kept as the record the record reader makes). A value is read from its
 * column without a cell (the verdict path); a record's cells are made only when a trail, a message or a writer asks
 * for them, and are then the cells the record reader would have made (`TableCell`s of the same column and row).
 */
export class ColumnChunk implements RecordColumns {
  length = 0;
  /** Spreadsheet row of each record. */
  rows: Int32Array;
  readonly columns: Column[];
  readonly byName = new Map<string, Column>();
  /** The bytes (a county's part of a CSV file) that the runs of its lazy texts are in; one buffer per chunk. */
  bytes: Uint8Array | undefined = undefined;

  constructor(
    readonly file: string,
    readonly sheet: string | undefined,
    columns: { name: string; ref: TableColumn; kind: ColumnKind }[],
    /** Room for this many records before the arrays grow (a county's tables are of similar sizes). */
    capacity = 16,
  ) {
    this.rows = new Int32Array(capacity);
    this.columns = columns.map(({ name, ref, kind }) => {
      // Every column has every field from the start: the loops over columns see one shape.
      const column: Column = { name, ref, kind, numbers: undefined, items: undefined, starts: undefined, ends: undefined };
      if (kind === 'number') column.numbers = new Float64Array(capacity).fill(NaN);
      else column.items = [];
      this.byName.set(name, column);
      return column;
    });
  }

  /** Makes room for one more record and returns its index. */
  add(row: number): number {
    const index = this.length++;
    if (index >= this.rows.length) {
      const size = this.rows.length * 2;
      const rows = new Int32Array(size);
      rows.set(this.rows);
      this.rows = rows;
      for (const column of this.columns) {
        if (column.starts !== undefined) {
          const starts = new Int32Array(size).fill(-1);
          starts.set(column.starts);
          column.starts = starts;
          const ends = new Int32Array(size);
          ends.set(column.ends as Int32Array);
          column.ends = ends;
        }
        if (column.numbers === undefined) continue;
        const numbers = new Float64Array(size).fill(NaN);
        numbers.set(column.numbers);
        column.numbers = numbers;
      }
    }
    this.rows[index] = row;
    return index;
  }

  /** Sets a plain value (one the reader would keep in a cell without raw text, note or problem). */
  set(column: number, index: number, value: string | number | boolean): void {
    const c = this.columns[column] as Column;
    if (c.numbers !== undefined) c.numbers[index] = value as number;
    else (c.items as unknown[])[index] = value;
  }

  /**
   * Sets a text of a value column as the run `bytes[start, end)` of printable ASCII (its own text, as plainValue
   * reads it), made into a string only when it is read. Runs of another buffer than the chunk's are read now.
   */
  setBytes(column: number, index: number, bytes: Uint8Array, start: number, end: number): void {
    const c = this.columns[column] as Column;
    this.bytes ??= bytes;
    if (bytes !== this.bytes) {
      (c.items as unknown[])[index] = latin1Slice.call(bytes, start, end);
      return;
    }
    if (c.starts === undefined) {
      c.starts = new Int32Array(this.rows.length).fill(-1);
      c.ends = new Int32Array(this.rows.length);
    }
    c.starts[index] = start;
    (c.ends as Int32Array)[index] = end;
  }

  /** The text of row `index` of a value column, made from its run of bytes now if it was kept as one. */
  private item(c: Column, index: number): string | number | boolean | undefined {
    const items = c.items as (string | number | boolean | undefined)[];
    const value = items[index];
    if (value !== undefined || c.starts === undefined) return value;
    const start = c.starts[index] as number;
    if (start < 0) return undefined;
    const text = latin1Slice.call(this.bytes as Uint8Array, start, (c.ends as Int32Array)[index] as number);
    items[index] = text;
    c.starts[index] = -1;
    return text;
  }

  /**
   * Makes every text kept as a run of bytes a string now and lets the bytes go: the chunk as plain data, what is
   * serialized of it (county-bytes.ts) holds no file bytes.
   */
  settle(): void {
    if (this.bytes === undefined) return;
    for (const column of this.columns) {
      if (column.starts === undefined) continue;
      for (let index = 0; index < this.length; index++) this.item(column, index);
      column.starts = undefined;
      column.ends = undefined;
    }
    this.bytes = undefined;
  }

  /** Sets a plain number of a number column. */
  setNumber(column: number, index: number, value: number): void {
    ((this.columns[column] as Column).numbers as Float64Array)[index] = value;
  }

  /** Input `name`'s values by row (the arrays are replaced when the chunk grows: read them after the last row). */
  column(name: string): Float64Array | readonly (string | number | boolean | undefined)[] | undefined {
    const column = this.byName.get(name);
    if (column === undefined) return undefined;
    if (column.numbers !== undefined) return column.numbers;
    if (column.starts !== undefined) for (let index = 0; index < this.length; index++) this.item(column, index);
    return column.items;
  }

  /** The value of input `name` of record `index`, undefined when it has none (a chunk holds no invalid value). */
  value(name: string, index: number): string | number | boolean | undefined {
    const column = this.byName.get(name);
    if (column === undefined) return undefined;
    if (column.numbers !== undefined) {
      const v = column.numbers[index] as number;
      return v === v ? v : undefined;
    }
    return this.item(column, index);
  }

  /** The cells of record `index`, in the table's column order, as the record reader makes them. */
  cells(index: number): Record<string, Cell> {
    const row = this.rows[index] as number;
    const values: Record<string, Cell> = {};
    for (const column of this.columns) {
      let value: string | number | boolean | undefined;
      if (column.numbers !== undefined) {
        const v = column.numbers[index] as number;
        if (v === v) value = v;
      } else value = this.item(column, index);
      if (value === undefined) continue;
      const cell = new TableCell(value, column.ref, row);
      // A yes/no read from the words true/false keeps them as typed (read-cell.ts readBoolean).
      if (column.kind === 'boolean') cell.raw = String(value);
      values[column.name] = cell;
    }
    return values;
  }

  /** The text of chunk column `column` at record `index` ('' when it has none). */
  text(column: number, index: number): string {
    const value = this.item(this.columns[column] as Column, index);
    return value === undefined ? '' : String(value);
  }

  /** Where record `index` is: the table's file (and sheet) and its row. */
  source(index: number): CellSource {
    const source: CellSource = { file: this.file };
    if (this.sheet !== undefined) source.sheet = this.sheet;
    source.row = this.rows[index] as number;
    return source;
  }
}

/**
 * A record of a table held in columns. Its name, parent key and group are its own; its key is its own or, when the
 * reader kept it as a run of the file's bytes, made from the chunk when first asked for; its cells and source are
 * made from the chunk when asked for, once.
 */
export class ColumnRecord implements DataRecord {
  declare name?: string;
  declare parentKey?: string;
  declare group?: string;
  /** The cells, once made. A plain property (not `#private`), so that a record survives a structured clone. */
  private made: Record<string, Cell> | undefined;
  /** The key, once known (a plain property, as `made`). */
  private known: string | undefined;

  constructor(
    readonly level: Level,
    /** The key; undefined when it is the chunk's text of the level's key column, read when first asked for. */
    key: string | undefined,
    readonly chunk: ColumnChunk,
    readonly index: number,
    /** The chunk column of the key, when `key` is undefined. */
    private readonly keyColumn = -1,
  ) {
    this.made = undefined;
    this.known = key;
  }

  get key(): string {
    return (this.known ??= this.chunk.text(this.keyColumn, this.index));
  }

  get values(): Record<string, Cell> {
    return (this.made ??= this.chunk.cells(this.index));
  }

  get source(): CellSource {
    return this.chunk.source(this.index);
  }

  readValue(name: string): Cell['value'] | undefined {
    return this.chunk.value(name, this.index);
  }

  /** The record as the reader's plain records serialise. */
  toJSON(): DataRecord {
    const out: DataRecord = { level: this.level, key: this.key, values: this.values, source: this.source };
    if (this.name !== undefined) out.name = this.name;
    if (this.parentKey !== undefined) out.parentKey = this.parentKey;
    if (this.group !== undefined) out.group = this.group;
    return out;
  }
}
