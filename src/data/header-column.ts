import type { InputDef } from '../model/index.ts';
import { textKind } from './csv-bytes.ts';
import type { TableColumn } from './table-cell.ts';

/** A mapped column of a table's header (table-reader.ts), with what reading its values in columns needs. */
export interface HeaderColumn {
  name: string;
  header: string;
  letter: string;
  ref: TableColumn;
  def: InputDef;
  /** Its place among the chunk's columns. */
  slot: number;
  /** A blank value here makes the row the record reader's to read (its message). */
  required: boolean;
  /** An id: kept as read only when it is printable ASCII (otherwise the record reader normalises it). */
  id: boolean;
  /** A number's bounds as acceptedNumber (read-cell.ts) applies them: the minimum (0 without one), the maximum. */
  low: number;
  high: number;
  integer: boolean;
  /** How a value is read from a file's bytes: READ_NUMBER, READ_TEXT, READ_CATEGORY, READ_BOOLEAN or READ_NONE. */
  read: number;
  /** A category's keys as UTF-8, for reading a value from a file's bytes. */
  keys: { key: string; bytes: Uint8Array }[] | undefined;
  /** The last text read from bytes here and where it was: a county's or a school's id repeats row after row. */
  lastText: string | undefined;
  lastStart: number;
  lastEnd: number;
  lastBytes: Uint8Array | undefined;
  /** Short texts read here (text()): each place the bytes packed in a number (-1: none yet) and their text. */
  shortPacked: Float64Array | undefined;
  shortTexts: string[];
  /** The level's key, kept as a run of the file's bytes when it is printable ASCII (a string only when read). */
  lazy: boolean;
}

/** Buffer's own decoders, without toString's checks of its arguments (the offsets are the reader's own). */
interface RawSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** How a column's values are read from a file's bytes (HeaderColumn `read`). */
export const READ_NONE = 0;
export const READ_NUMBER = 1;
export const READ_TEXT = 2;
export const READ_CATEGORY = 3;
export const READ_BOOLEAN = 4;

/** The text of `bytes[start, end)` as plainValue reads it, or undefined when it is not plain there. */
export function bytesText(bytes: Buffer, start: number, end: number, column: HeaderColumn): string | undefined {
  if (column.lastBytes === bytes && (column.lastEnd as number) - (column.lastStart as number) === end - start) {
    const from = column.lastStart as number;
    let same = true;
    for (let i = 0; i < end - start; i++) {
      if (bytes[from + i] !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return column.lastText;
  }
  // A short text (a class's name, 3班) repeats across schools: kept once, found by its bytes packed in a number
  // (length first, at most 6 bytes: exact) in a table of 256 places by a hash of the bytes. A text is kept there
  // only once it was read as plain, so a text found there is plain.
  const length = end - start;
  let packed = -1;
  let place = 0;
  if (length <= 6) {
    packed = length;
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      packed = packed * 256 + b;
      place = (place * 31 + b) & 255;
    }
    if (column.shortPacked !== undefined && column.shortPacked[place] === packed) return column.shortTexts[place];
  }
  const kind = textKind(bytes, start, end);
  if (kind === 0 || (kind === 2 && column.id)) return undefined;
  const text = kind === 1 ? (bytes as unknown as RawSlices).latin1Slice(start, end) : (bytes as unknown as RawSlices).utf8Slice(start, end);
  const value = kind === 1 ? text : text.trim();
  if (packed >= 0) {
    column.shortPacked ??= new Float64Array(256).fill(-1);
    column.shortPacked[place] = packed;
    column.shortTexts[place] = value;
  }
  column.lastText = value;
  column.lastStart = start;
  column.lastEnd = end;
  column.lastBytes = bytes;
  return value;
}
