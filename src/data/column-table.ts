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
  numbers?: Float64Array;
  /** value and boolean: the value, undefined when the row has none here. */
  items?: (string | number | boolean | undefined)[];
}

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

  constructor(
    readonly file: string,
    readonly sheet: string | undefined,
    columns: { name: string; ref: TableColumn; kind: ColumnKind }[],
    /** Room for this many records before the arrays grow (a county's tables are of similar sizes). */
    capacity = 16,
  ) {
    this.rows = new Int32Array(capacity);
    this.columns = columns.map(({ name, ref, kind }) => {
      const column: Column = { name, ref, kind };
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

  /** Sets a plain number of a number column. */
  setNumber(column: number, index: number, value: number): void {
    ((this.columns[column] as Column).numbers as Float64Array)[index] = value;
  }

  /** Input `name`'s values by row (the arrays are replaced when the chunk grows: read them after the last row). */
  column(name: string): Float64Array | readonly (string | number | boolean | undefined)[] | undefined {
    const column = this.byName.get(name);
    return column === undefined ? undefined : (column.numbers ?? column.items);
  }

  /** The value of input `name` of record `index`, undefined when it has none (a chunk holds no invalid value). */
  value(name: string, index: number): string | number | boolean | undefined {
    const column = this.byName.get(name);
    if (column === undefined) return undefined;
    if (column.numbers !== undefined) {
      const v = column.numbers[index] as number;
      return v === v ? v : undefined;
    }
    return (column.items as unknown[])[index] as string | number | boolean | undefined;
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
      } else value = (column.items as unknown[])[index] as string | number | boolean | undefined;
      if (value === undefined) continue;
      const cell = new TableCell(value, column.ref, row);
      // A yes/no read from the words true/false keeps them as typed (read-cell.ts readBoolean).
      if (column.kind === 'boolean') cell.raw = String(value);
      values[column.name] = cell;
    }
    return values;
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
 * A record of a table held in columns. Its key, name, parent key and group are its own; its cells and source are
 * made from the chunk when asked for, once.
 */
export class ColumnRecord implements DataRecord {
  declare name?: string;
  declare parentKey?: string;
  declare group?: string;
  /** The cells, once made. A plain property (not `#private`), so that a record survives a structured clone. */
  private made: Record<string, Cell> | undefined;

  constructor(
    readonly level: Level,
    readonly key: string,
    readonly chunk: ColumnChunk,
    readonly index: number,
  ) {
    this.made = undefined;
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
