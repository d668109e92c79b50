/**
 * CSV read straight from a UTF-8 file's bytes, for tables without a quote character (what a many-county export
 * is): rows and fields are found as byte offsets, and plain values are read from the bytes without making a
 * string per field (table-reader.ts `bytesRows`). Rows are numbered and split as parse-csv.ts splits them (LF, CRLF
 * or CR line ends; every line a row); a table with a `"` anywhere is read by parse-csv.ts instead.
 */

/** Runs of bytes as their offsets, in the order they were pushed (a ByteRunSet's runs). */
export class ByteFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(this.count * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

const QUOTE = 34;
/** The bytes that end a field or a row of a file without quotes. */
export const COMMA = 44;
export const LF = 10;
export const CR = 13;

/** Whether `bytes[start, end)` holds a quote character (then parse-csv.ts reads the table). */
export function hasQuote(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  const at = bytes.indexOf(QUOTE, start);
  return at !== -1 && at < end;
}

const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number `bytes[start, end)` spells when it is plain decimal digits (`12`, `-3.25`, `.5`, `7.`) of at most 15
 * digits, else NaN (an exponent, a sign alone, spaces, anything else: the caller reads the text instead). The value
 * equals `Number(text)`: the digits make an exact integer below 2^53 and a power of ten up to 10^15 is exact, so
 * their quotient is the correctly rounded value of the decimal.
 */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const b = bytes[i] as number;
    if (b >= 48 && b <= 57) {
      mantissa = mantissa * 10 + (b - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b === 46 /* . */ && fraction < 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = fraction > 0 ? mantissa / (POWERS[fraction] as number) : mantissa;
  return negative ? -value : value;
}

/** Whether `bytes[start, end)` equals `word` (ASCII). */
export function bytesEqual(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false;
  return true;
}

/**
 * How `bytes[start, end)` reads as text: 1 when it is printable ASCII without `#` and without a space at either
 * end (the text is then its own trimmed form and its own NFKC form), 2 when it holds other bytes (UTF-8), 0 when it
 * is ASCII that plainValue would not take as it is (control characters, `#`, a space at an end).
 */
export function textKind(bytes: Uint8Array, start: number, end: number): 0 | 1 | 2 {
  if (bytes[start] === 32 || bytes[end - 1] === 32) return 0;
  let kind: 1 | 2 = 1;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) kind = 2;
    else if (b < 0x20 || b === 0x7f || b === 35 /* # */) return 0;
  }
  return kind;
}

/**
 * Runs of one buffer's bytes (the keys of one county's rows) found again by their bytes, so that a repeated key is
 * seen without making a string of any key: open addressing on a hash of the bytes (FNV-1a), each run compared byte
 * for byte where the hashes meet.
 */
export class ByteRunSet {
  /** 1 + the run's place in `runs`, by hash slot; 0 where the slot is free. */
  private slots = new Int32Array(64);
  /** The runs added, as a row's fields are kept. */
  private readonly runs = new ByteFields();
  private bytes: Uint8Array | undefined = undefined;

  /** Forgets every run. */
  clear(): void {
    if (this.runs.count > 0) this.slots.fill(0);
    this.runs.count = 0;
    this.bytes = undefined;
  }

  /**
   * Adds `bytes[start, end)`: RUN_NEW when no run of the same bytes was added, RUN_REPEATED when one was, and
   * RUN_UNKNOWN when the run is of another buffer than the runs before it (nothing is added then).
   */
  add(bytes: Uint8Array, start: number, end: number): number {
    this.bytes ??= bytes;
    if (bytes !== this.bytes) return RUN_UNKNOWN;
    const runs = this.runs;
    if ((runs.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let slot = hashBytes(bytes, start, end) & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot] as number;
      if (at === 0) {
        runs.push(start, end);
        this.slots[slot] = runs.count;
        return RUN_NEW;
      }
      const otherStart = runs.starts[at - 1] as number;
      const otherEnd = runs.ends[at - 1] as number;
      if (otherEnd - otherStart === end - start) {
        let same = true;
        for (let i = 0; i < end - start; i++) {
          if (bytes[otherStart + i] !== bytes[start + i]) {
            same = false;
            break;
          }
        }
        if (same) return RUN_REPEATED;
      }
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const bytes = this.bytes as Uint8Array;
    const runs = this.runs;
    for (let at = 1; at <= runs.count; at++) {
      let slot = hashBytes(bytes, runs.starts[at - 1] as number, runs.ends[at - 1] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = at;
    }
    this.slots = slots;
  }
}

export const RUN_NEW = 0;
export const RUN_REPEATED = 1;
export const RUN_UNKNOWN = 2;

/** FNV-1a over `bytes[start, end)`, 32 bits. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}
