import type { CellSource, DataRecord, InputDef, InputDictionary, Level, Problem } from '../model/index.ts';
import { ColumnChunk, ColumnRecord, type ColumnKind } from './column-table.ts';
import { ByteRunSet, bytesEqual, COMMA, CR, LF, plainDecimal, RUN_NEW, textKind } from './csv-bytes.ts';
import { dataProblem } from './data-problem.ts';
import { levelColumns, resolveHeader, suggestHeader } from './level-columns.ts';
import { idInputNames } from './normalize-id.ts';
import { plainValue, type RawValue } from './read-cell.ts';
import { readRecord, type RawField } from './read-record.ts';
import type { TableColumn } from './table-cell.ts';
import {
  bytesText,
  READ_BOOLEAN,
  READ_CATEGORY,
  READ_NONE,
  READ_NUMBER,
  READ_TEXT,
  type HeaderColumn,
} from './header-column.ts';

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const FILLED_NONE = 0;
const FILLED_NUMBER = 1;
const FILLED_VALUE = 2;
/** The row's key, as the run `keyStart`–`keyEnd` of `rowBytes`. */
const FILLED_BYTES = 3;

const TRUE = new TextEncoder().encode('true');
const FALSE = new TextEncoder().encode('false');

/**
 * Columns of a table that its caller reads itself (a counties table's attestations), hidden from the mapping of
 * headers to inputs: no unknown-column problem, no cell.
 */
export interface SideColumns {
  /** Whether the caller reads the column of this header (called once per header cell). */
  claim(header: string, index: number, letter: string): boolean;
  /** Each data row that became a record, with the row's values as read. */
  row(values: RawValue[], row: number, record: DataRecord): void;
}

/** ASCII from space to tilde: an id of these alone is its own NFKC form and holds no invisible character. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Reads a table of one level row by row, whatever the file format: the header row (row 1) is mapped to inputs
 * (names or Chinese labels), then each data row becomes a record. Used by the CSV and the XLSX readers.
 *
 * Rows are read into columns (column-table.ts): a row whose every value is plain (plainValue: digits as written,
 * an exact category key, true/false, text, ASCII ids) is kept as values in the current chunk's arrays, without a
 * cell; any other row (a value to convert or refuse, a required value missing) is read by the record reader
 * (readRecord), as every row once was, and kept as the record it makes. Either way the record's cells, when asked
 * for, are the same.
 */
export class TableReader {
  readonly records: DataRecord[] = [];
  private columns: (HeaderColumn | undefined)[] = [];
  private chunk: ColumnChunk | undefined;
  /** The values of the row being read, by chunk column (reused from row to row). */
  private readonly scratch: (string | number | boolean | undefined)[] = [];
  /** The numbers of the row being read from bytes, by chunk column: kept unboxed (a decimal in `scratch` is an object). */
  private numbers = new Float64Array(0);
  /** What each chunk column holds for the row being read: FILLED_NONE, FILLED_NUMBER (in `numbers`) or FILLED_VALUE. */
  private filled = new Uint8Array(0);
  /** The values of the row being read from text, for the side columns. */
  private rowValues: RawValue[] | undefined;
  private keySlot = -1;
  private nameSlot = -1;
  private parentSlot = -1;
  private groupSlot = -1;
  /** The bytes of the row being read from bytes, and its key's run of them (FILLED_BYTES). */
  private rowBytes: Uint8Array | undefined = undefined;
  private keyStart = 0;
  private keyEnd = 0;
  /** The keys kept as runs of bytes since the last take(), to see a repeated one without their strings. */
  private readonly keyRuns = new ByteRunSet();
  /** Whether every record since the last take() has its key as a run of bytes, and no two the same. */
  private keysChecked = true;
  /**
   * Whether every record the last take() handed over had its key kept as a run of bytes, no two the same: the
   * caller need not look for a repeated key among them (build-counties.ts).
   */
  keysUnique = false;

  constructor(
    private readonly level: Level,
    private readonly dict: InputDictionary,
    private readonly file: string,
    private readonly problems: Problem[],
    private readonly sheet?: string,
    /** Whether every row must name its county (a dataset with several counties). */
    private readonly multiCounty = false,
    /** Columns the caller reads itself. */
    private readonly side?: SideColumns,
    /**
     * Whether a key of printable ASCII read from a file's bytes is kept as its run of bytes, made into a string only
     * when it is read (a level no other level refers to by key: its keys are looked up only to report a repeat).
     */
    private readonly lazyKeys = false,
  ) {}

  private at(row: number, column?: string, letter?: string): CellSource {
    const source: CellSource = { file: this.file };
    if (this.sheet !== undefined) source.sheet = this.sheet;
    source.row = row;
    if (column !== undefined) source.column = column;
    if (letter !== undefined) source.cell = `${letter}${row}`;
    return source;
  }

  /** Maps the header row; returns false when the table cannot be read (a required column is missing). */
  header(headers: RawValue[]): boolean {
    const allowed = levelColumns(this.dict, this.level);
    const seen = new Map<string, string>();
    const levelLabel = this.dict.levels[this.level]?.label ?? { zh: this.level, en: this.level };
    // An empty file, or a sheet whose first row is blank, would otherwise read as a table of no rows.
    if (headers.every((h) => h === null || h === undefined || (typeof h === 'string' && h.trim() === ''))) {
      this.problems.push(
        dataProblem('DATA_HEADER_MISSING', this.at(1), {
          zh: `${levelLabel.zh}表第 1 行是空的；第 1 行须是列名（如「${this.dict.inputs[this.dict.levels[this.level]?.key ?? '']?.label.zh ?? ''}」）`,
          en: `row 1 of the ${levelLabel.en} table is empty; row 1 must hold the column headers (such as '${this.dict.levels[this.level]?.key ?? ''}')`,
        }),
      );
      return false;
    }
    this.columns = headers.map((raw, index) => {
      const header = raw === null || raw === undefined || typeof raw === 'object' ? '' : String(raw).trim();
      const letter = columnLetter(index);
      if (header === '') return undefined;
      if (this.side?.claim(header, index, letter) === true) return undefined;
      const name = resolveHeader(header, allowed);
      if (name === undefined) {
        const hint = suggestHeader(header, allowed);
        this.problems.push(
          dataProblem('DATA_UNKNOWN_COLUMN', this.at(1, header, letter), {
            zh: `${levelLabel.zh}表没有「${header}」这一列${hint !== undefined ? `；是否应为「${hint}」？` : ''}`,
            en: `the ${levelLabel.en} table has no column '${header}'${hint !== undefined ? `; did you mean '${hint}'?` : ''}`,
          }),
        );
        return undefined;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        this.problems.push(
          dataProblem('DATA_DUPLICATE_COLUMN', this.at(1, header, letter), {
            zh: `「${header}」与「${first}」是同一项输入（${name}），只能有一列`,
            en: `'${header}' and '${first}' are the same input (${name}); keep one column`,
          }),
        );
        return undefined;
      }
      seen.set(name, header);
      const ref: TableColumn = { file: this.file, header, letter };
      if (this.sheet !== undefined) ref.sheet = this.sheet;
      return { name, header, letter, ref };
    }).map((column) => column && this.prepare(column));
    this.chunk = this.newChunk();
    this.numbers = new Float64Array(this.slots);
    this.filled = new Uint8Array(this.slots);
    const levelDef = this.dict.levels[this.level];
    const needed = new Set<string>();
    if (levelDef !== undefined) {
      needed.add(levelDef.key);
      if (this.level !== 'school' && levelDef.parentKey !== undefined) needed.add(levelDef.parentKey);
    }
    if (this.multiCounty && this.dict.levels.county !== undefined) needed.add(this.dict.levels.county.key);
    for (const def of Object.values(this.dict.inputs)) {
      if (def.level === this.level && def.required === true) needed.add(def.name);
    }
    let complete = true;
    for (const name of needed) {
      if (seen.has(name)) continue;
      complete = false;
      const label = this.dict.inputs[name]?.label ?? { zh: name, en: name };
      this.problems.push(
        dataProblem('DATA_COLUMN_MISSING', this.at(1), {
          zh: `${levelLabel.zh}表缺少必需的列「${label.zh}」（${name}）`,
          en: `the ${levelLabel.en} table lacks the required column '${name}' (${label.zh})`,
        }),
      );
    }
    return complete;
  }

  private slots = 0;

  /** A mapped column with its definition and its place among the chunk's columns. */
  private prepare(column: { name: string; header: string; letter: string; ref: TableColumn }): HeaderColumn {
    const def = this.dict.inputs[column.name] as InputDef;
    const levelDef = this.dict.levels[this.level];
    const slot = this.slots++;
    const id = idInputNames(this.dict).has(column.name);
    if (column.name === levelDef?.key) this.keySlot = slot;
    if (column.name === levelDef?.name) this.nameSlot = slot;
    if (column.name === levelDef?.parentKey) this.parentSlot = slot;
    if (column.name === levelDef?.group) this.groupSlot = slot;
    const prepared: HeaderColumn = {
      ...column,
      def,
      slot,
      required: def.required === true || column.name === levelDef?.key,
      id,
      low: def.min ?? 0,
      high: def.max ?? Infinity,
      integer: def.type === 'integer',
      read:
        def.type === 'number' || def.type === 'integer'
          ? READ_NUMBER
          : def.type === 'text'
            ? READ_TEXT
            : def.type === 'category'
              ? READ_CATEGORY
              : def.type === 'boolean'
                ? READ_BOOLEAN
                : READ_NONE,
      // Every column has every field from the start, so that the row loops see one shape of column.
      keys: undefined,
      lastText: undefined,
      lastStart: 0,
      lastEnd: 0,
      lastBytes: undefined,
      shortPacked: undefined,
      shortTexts: [],
      lazy: this.lazyKeys && id && column.name === levelDef?.key && def.type === 'text',
    };
    if (def.type === 'category') {
      const encoder = new TextEncoder();
      prepared.keys = Object.keys(def.values ?? {})
        .filter((key) => key === key.trim() && !key.includes('#'))
        .map((key) => ({ key, bytes: encoder.encode(key) }));
    }
    return prepared;
  }

  private newChunk(capacity = 16): ColumnChunk {
    const columns: { name: string; ref: TableColumn; kind: ColumnKind }[] = [];
    for (const column of this.columns) {
      if (column === undefined) continue;
      const type = column.def.type;
      const kind: ColumnKind = type === 'number' || type === 'integer' ? 'number' : type === 'boolean' ? 'boolean' : 'value';
      columns.push({ name: column.name, ref: column.ref, kind });
    }
    return new ColumnChunk(this.file, this.sheet, columns, capacity);
  }

  /** The position of input `name` among the header's columns, or -1 when no column holds it. */
  columnIndex(name: string): number {
    return this.columns.findIndex((column) => column?.name === name);
  }

  /** The records read so far, handed over: the reader starts a new list (one county's rows at a time). */
  take(): DataRecord[] {
    this.keysUnique = this.keysChecked;
    this.keysChecked = true;
    this.keyRuns.clear();
    // The next county's chunk starts with room for as many rows as this one's had.
    if (this.chunk !== undefined && this.chunk.length > 0) this.chunk = this.newChunk(Math.max(16, this.chunk.length));
    return this.records.splice(0);
  }

  /**
   * Keeps a row whose every value is plain in the chunk and returns true; false (nothing kept) when some value is
   * not, and the record reader is to read the row.
   */
  private plainRow(values: RawValue[], row: number): boolean {
    const scratch = this.scratch;
    const filled = this.filled;
    for (let index = 0; index < this.columns.length; index++) {
      const column = this.columns[index];
      if (column === undefined) continue;
      const raw = values[index];
      if (raw === undefined || raw === null || (typeof raw === 'string' && (raw === '' || raw.trim() === ''))) {
        if (column.required) return false;
        filled[column.slot] = FILLED_NONE;
        continue;
      }
      const value = plainValue(raw, column.def);
      if (value === undefined || (column.id && typeof value === 'string' && !PRINTABLE_ASCII.test(value))) return false;
      scratch[column.slot] = value;
      filled[column.slot] = FILLED_VALUE;
    }
    return this.commit(row);
  }

  /**
   * Reads every row of `bytes[start, end)`, a UTF-8 CSV file's bytes without a quote (csv-bytes.ts), the first
   * being row `firstRow`: rows end at LF, CRLF or CR and split at every comma, as parse-csv.ts splits them. Each
   * field is read as soon as its end is found (one pass over the bytes); a row whose every value is plain is kept
   * in the chunk, any other is read from its text as `row` reads it.
   */
  bytesRows(bytes: Buffer, start: number, end: number, firstRow: number): void {
    const columns = this.columns;
    const count = columns.length;
    const plain = this.side === undefined;
    let i = start;
    let row = firstRow - 1;
    while (i < end) {
      row++;
      const rowStart = i;
      let ok = plain;
      let index = 0;
      let b = LF;
      for (;;) {
        const from = i;
        b = LF;
        while (i < end) {
          const x = bytes[i] as number;
          if (x === COMMA || x === LF || x === CR) {
            b = x;
            break;
          }
          i++;
        }
        if (ok) {
          if (index >= count) ok = false;
          else {
            const column = columns[index];
            if (column !== undefined) ok = this.plainField(column, bytes, from, i);
          }
        }
        index++;
        if (b !== COMMA) break;
        i++;
      }
      const rowEnd = i;
      if (i < end) i += b === CR && i + 1 < end && bytes[i + 1] === LF ? 2 : 1;
      for (; ok && index < count; index++) {
        const column = columns[index];
        if (column !== undefined) ok = this.plainField(column, bytes, 0, 0);
      }
      if (ok && this.commit(row)) continue;
      // A row without quotes splits at its commas as parse-csv.ts splits it.
      this.row(bytes.toString('utf8', rowStart, rowEnd).split(','), row);
    }
  }

  /** Reads the field `bytes[start, end)` of `column` into the row being read; false when its value is not plain. */
  private plainField(column: HeaderColumn, bytes: Buffer, start: number, end: number): boolean {
    const filled = this.filled;
    if (start === end) {
      if (column.required) return false;
      filled[column.slot] = FILLED_NONE;
      return true;
    }
    let value: string | number | boolean | undefined;
    const read = column.read;
    if (read === READ_NUMBER) {
      const number = plainDecimal(bytes, start, end);
      // acceptedNumber with the bounds resolved once: not below `low` (0 unless a minimum says), not above `high`.
      if (!(number >= column.low && number <= column.high && (!column.integer || Number.isInteger(number))))
        return false;
      this.numbers[column.slot] = number;
      filled[column.slot] = FILLED_NUMBER;
      return true;
    } else if (read === READ_TEXT) {
      if (column.lazy) {
        // As text() reads an id: printable ASCII is kept as it is, anything else is the record reader's to read.
        if (textKind(bytes, start, end) !== 1) return false;
        this.rowBytes = bytes;
        this.keyStart = start;
        this.keyEnd = end;
        filled[column.slot] = FILLED_BYTES;
        return true;
      }
      value = bytesText(bytes, start, end, column);
      if (value === '') {
        // Only characters trim() removes (an ideographic space): blank, as the text reader sees it.
        if (column.required) return false;
        filled[column.slot] = FILLED_NONE;
        return true;
      }
    } else if (read === READ_CATEGORY) {
      const keys = column.keys as { key: string; bytes: Uint8Array }[];
      for (let k = 0; k < keys.length; k++) {
        const entry = keys[k] as { key: string; bytes: Uint8Array };
        if (bytesEqual(bytes, start, end, entry.bytes)) {
          value = entry.key;
          break;
        }
      }
    } else if (read === READ_BOOLEAN) {
      value = bytesEqual(bytes, start, end, TRUE) ? true : bytesEqual(bytes, start, end, FALSE) ? false : undefined;
    }
    if (value === undefined) return false;
    this.scratch[column.slot] = value;
    filled[column.slot] = FILLED_VALUE;
    return true;
  }

  /** The value of chunk column `slot` in the row being read. */
  private valueAt(slot: number): string | number | boolean | undefined {
    if (slot < 0) return undefined;
    const filled = this.filled[slot];
    if (filled === FILLED_BYTES) return (this.rowBytes as Buffer).toString('latin1', this.keyStart, this.keyEnd);
    return filled === FILLED_NUMBER ? this.numbers[slot] : filled === FILLED_VALUE ? this.scratch[slot] : undefined;
  }

  /** Keeps the row read into `scratch` and `numbers` as a record held in the chunk; false when it has no key. */
  private commit(row: number): boolean {
    const filled = this.filled;
    const lazy = this.keySlot >= 0 && filled[this.keySlot] === FILLED_BYTES;
    const key = lazy ? undefined : this.valueAt(this.keySlot);
    if (!lazy && (key === undefined || key === '')) return false;
    const chunk = this.chunk as ColumnChunk;
    const at = chunk.add(row);
    for (let slot = 0; slot < this.slots; slot++) {
      const f = filled[slot];
      if (f === FILLED_NUMBER) chunk.setNumber(slot, at, this.numbers[slot] as number);
      else if (f === FILLED_VALUE) chunk.set(slot, at, this.scratch[slot] as string | number | boolean);
      else if (f === FILLED_BYTES) chunk.setBytes(slot, at, this.rowBytes as Uint8Array, this.keyStart, this.keyEnd);
    }
    if (!lazy || this.keyRuns.add(this.rowBytes as Uint8Array, this.keyStart, this.keyEnd) !== RUN_NEW)
      this.keysChecked = false;
    const record = new ColumnRecord(this.level, lazy ? undefined : String(key), chunk, at, lazy ? this.keySlot : -1);
    const name = this.valueAt(this.nameSlot);
    if (typeof name === 'string' && name !== '') record.name = name;
    const parent = this.valueAt(this.parentSlot);
    if (parent !== undefined && parent !== '') record.parentKey = String(parent);
    const group = this.valueAt(this.groupSlot);
    if (typeof group === 'string') record.group = group;
    this.records.push(record);
    this.side?.row(this.rowValues as RawValue[], row, record);
    return true;
  }

  /** Reads one data row; blank rows are skipped. */
  row(values: RawValue[], row: number): void {
    let blank = true;
    for (let index = 0; index < this.columns.length; index++) {
      const raw = values[index];
      // A row of spaces (left by clearing cells in Excel) is as empty as a row of nothing.
      if (raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '')) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (values.length > this.columns.length) {
      const extra = values.slice(this.columns.length).some((v) => v !== undefined && v !== null && v !== '');
      if (extra) {
        this.problems.push(
          dataProblem('DATA_ROW_TOO_LONG', this.at(row), {
            zh: `该行的单元格比表头多（表头 ${this.columns.length} 列，该行 ${values.length} 列）`,
            en: `the row has more cells than the header (${this.columns.length} columns, ${values.length} cells)`,
          }),
        );
      }
    }
    this.rowValues = values;
    if (this.plainRow(values, row)) return;
    const fields: RawField[] = [];
    for (let index = 0; index < this.columns.length; index++) {
      const column = this.columns[index];
      if (column !== undefined) fields.push({ name: column.name, raw: values[index], column: column.ref, row });
    }
    const record = readRecord({ level: this.level, fields, source: this.at(row) }, this.dict, this.problems);
    if (record === undefined) return;
    this.keysChecked = false;
    this.records.push(record);
    this.side?.row(values, row, record);
  }
}
