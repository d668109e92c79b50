import type { Cell, CellSource, Text } from '../model/index.ts';

/** One column of one table: the part of a cell's source that every cell of the column shares. */
export interface TableColumn {
  file: string;
  sheet?: string;
  /** The column as its header reads (`学生数` or `students`). */
  header: string;
  letter: string;
}

/** The source of the cell of `column` in spreadsheet row `row` (the header is row 1). */
export function tableSource(column: TableColumn, row: number): CellSource {
  const source: CellSource = { file: column.file };
  if (column.sheet !== undefined) source.sheet = column.sheet;
  source.row = row;
  source.column = column.header;
  source.cell = `${column.letter}${row}`;
  return source;
}

/**
 * A cell read from a table row. It keeps its value, its row and a reference to its column, and builds its
 * `CellSource` when a trail or a message asks for it: a national dataset holds tens of millions of cells, and a
 * source object (with its `D17` string) for each was most of the loaded dataset's memory and of the loader's time
 * in garbage collection.
 */
export class TableCell implements Cell {
  declare raw?: string;
  declare note?: Text;
  declare invalid?: Text;

  constructor(
    public value: Cell['value'],
    private readonly column: TableColumn,
    private readonly row: number,
  ) {}

  get source(): CellSource {
    return tableSource(this.column, this.row);
  }

  /** A cell serialised (a trail quotes `source`, never the cell) still says where it came from. */
  toJSON(): Cell {
    const out: Cell = { value: this.value, source: this.source };
    if (this.raw !== undefined) out.raw = this.raw;
    if (this.note !== undefined) out.note = this.note;
    if (this.invalid !== undefined) out.invalid = this.invalid;
    return out;
  }
}

/** The same cell as a TableCell: its value and its notes, its source given by `column` and `row`. */
export function toTableCell(cell: Cell, column: TableColumn, row: number): TableCell {
  const out = new TableCell(cell.value, column, row);
  if (cell.raw !== undefined) out.raw = cell.raw;
  if (cell.note !== undefined) out.note = cell.note;
  if (cell.invalid !== undefined) out.invalid = cell.invalid;
  return out;
}
