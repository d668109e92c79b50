import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import type { CountyData, Dataset, InputDictionary, Level, Problem, Text } from '../model/index.ts';
import { buildCounties, type CountyHead, type CountyTables } from './build-counties.ts';
import { dataProblem, isStructural } from './data-problem.ts';
import { addToDatasetHash, byName } from './dataset-hash.ts';
import { decodeText } from './decode-text.ts';
import { displayPath, insideFolder, insideFolderReally, readDatasetHead, TABLES } from './load-dataset.ts';
import { hasQuote } from './csv-bytes.ts';
import { parseCsv } from './parse-csv.ts';
import { TableReader } from './table-reader.ts';

/** Where one county's rows lie in a table: a run of consecutive rows. */
interface Slice {
  /** Start and end of the run, in bytes of the file. */
  start: number;
  end: number;
  firstRow: number;
}

interface IndexedTable {
  table: keyof CountyTables;
  level: Level;
  /** The table's reader, its header mapped once; it reads one county's rows at a time. */
  reader: TableReader;
  slices: Map<string, Slice>;
  /** The file, read again a county's run of bytes at a time (UTF-8), and its size when it was indexed. */
  path: string;
  display: string;
  size: number;
  /** Whether the file holds a quote character: it is then read from its text (parse-csv.ts), not from its bytes. */
  quoted: boolean;
}

/** A dataset read one county at a time: its description now, each county's records when they are asked for. */
export interface CountyStream {
  /** The dataset without its counties (`counties` is empty): id, title, hash over the same files as loadDataset. */
  dataset: Dataset;
  heads: readonly CountyHead[];
  /** Problems found so far (value problems of the counties read are added as they are read). */
  problems: Problem[];
  /**
   * The counties in dataset.yaml order (those `wanted` keeps, when given; the others are not read); throws
   * DatasetRefusedError at a county with a structural problem.
   */
  counties(wanted?: (head: CountyHead, index: number) => boolean): Generator<CountyData>;
  /** The county at `index` of `heads`, read now; throws DatasetRefusedError as `counties` does. */
  county(index: number): CountyData;
}

/** A structural problem (duplicate key, unknown school …) met while reading a dataset one county at a time. */
export class DatasetRefusedError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.find(isStructural)?.message.en ?? 'the dataset was refused');
  }
}

const utf8 = new TextDecoder('utf-8');

/**
 * Opens a dataset of many counties to be read one county at a time, so that memory holds one county's bytes and
 * records, not the whole nation's files or records. It applies when every table is a CSV file whose rows are grouped
 * by county (each county's rows consecutive, in any order of counties) and every row names a county of dataset.yaml.
 * One pass over each file finds the runs; a county's rows are read from the files, checked and built
 * (buildCounties) only when it is asked for. Otherwise — one county, a workbook, rows not grouped, any problem in
 * the files' headers — `stream` is undefined and `reason` says why: use loadDataset, which reads everything and
 * reports every problem together.
 */
export async function readCountiesOneByOne(
  dir: string,
  dict: InputDictionary,
  /** Fewer counties than this are left to loadDataset before any table is read. */
  minCounties = 2,
  /**
   * Whether to compute the dataset's hash over its files (sha256 of every byte). A worker thread that only judges
   * counties for a thread that has the hash passes false: `dataset.hash` is then empty.
   */
  withHash = true,
): Promise<{ stream?: CountyStream; reason?: string; problems: Problem[] }> {
  const { head, problems } = await readDatasetHead(dir, dict);
  if (head === undefined || !head.complete || problems.length > 0) return { reason: 'dataset.yaml has problems', problems };
  const { spec, heads, multi } = head;
  if (!multi) return { reason: 'one county', problems };
  if (heads.length < minCounties) return { reason: `fewer than ${minCounties} counties`, problems };
  const known = new Set(heads.map((h) => h.key));
  const countyKey = dict.levels.county?.key ?? 'county_id';
  const wantedTables: { table: keyof CountyTables; level: Level; file: string }[] = [];
  for (const { table, level } of TABLES) {
    const ref = spec.tables?.[table] ?? spec.tables?.workbook;
    if (ref === undefined) continue;
    const file = typeof ref === 'string' ? ref : ref.file;
    if (!insideFolder(dir, file) || !(await insideFolderReally(dir, file)) || !/\.csv$/i.test(file)) return { reason: `${table}: not a CSV file in the folder`, problems };
    wantedTables.push({ table, level, file });
  }
  // Each table file is read whole once, in the order the dataset's hash takes the files (loadDataset's list, sorted
  // by name), hashed and indexed, and let go: a county's rows are read from the file again when it is asked for
  // (readRange), so that memory never holds more than one file's bytes, and after this only one county's.
  const hash = withHash ? createHash('sha256') : undefined;
  type Entry = { name: string; bytes?: Uint8Array; table?: (typeof wantedTables)[number] };
  const entries: Entry[] = [
    { name: 'dataset.yaml', bytes: head.yamlBytes },
    ...head.files,
    ...wantedTables.map((table) => ({ name: table.file, table })),
  ].sort((a, b) => byName(a.name, b.name));
  // Header problems, if any, come in that order too: they send the dataset to loadDataset, which reports them again.
  const indexed = new Map<string, IndexedTable | string>();
  for (const entry of entries) {
    let bytes = entry.bytes;
    const wanted = entry.table;
    if (wanted !== undefined) {
      try {
        bytes = await readFile(join(dir, wanted.file));
      } catch {
        return { reason: `${wanted.table}: unreadable`, problems };
      }
      const path = join(dir, wanted.file);
      const args = { table: wanted.table, level: wanted.level, display: displayPath(path), dict, countyKey, known, problems };
      const result = indexTable(bytes as Buffer, args);
      indexed.set(wanted.table, typeof result === 'string' ? result : { ...result, path, display: args.display, size: bytes.byteLength });
    }
    if (hash && bytes !== undefined) addToDatasetHash(hash, entry.name, bytes);
  }
  const tables: IndexedTable[] = [];
  for (const { table } of wantedTables) {
    const result = indexed.get(table) as IndexedTable | string;
    if (typeof result === 'string') return { reason: `${table}: ${result}`, problems };
    tables.push(result);
  }
  if (problems.length > 0) return { reason: 'table headers have problems', problems };
  const dataset: Dataset = { id: spec.id, dir, hash: hash ? hash.digest('hex') : '', counties: [] };
  if (spec.title !== undefined) dataset.title = spec.title;
  if (spec.school_year !== undefined) dataset.schoolYear = String(spec.school_year);
  if (spec.synthetic !== undefined) dataset.synthetic = spec.synthetic;
  if (spec.provenance !== undefined) dataset.provenance = spec.provenance;
  const stream: CountyStream = {
    dataset,
    heads,
    problems,
    *counties(wanted) {
      for (const [index, county] of heads.entries())
        if (wanted === undefined || wanted(county, index)) yield readCounty(county, tables, dict, problems);
    },
    county(index) {
      return readCounty(heads[index] as CountyHead, tables, dict, problems);
    },
  };
  return { stream, problems };
}

/** What indexing a table needs besides its bytes. */
interface IndexArgs {
  table: keyof CountyTables;
  level: Level;
  display: string;
  dict: InputDictionary;
  countyKey: string;
  known: ReadonlySet<string>;
  problems: Problem[];
}

/** One pass over a table: its header, and the run of rows of each county; a string says why it does not apply. */
function indexTable(
  bytes: Buffer,
  args: IndexArgs,
): Omit<IndexedTable, 'path' | 'display' | 'size'> | string {
  const { table, level, display, dict, countyKey, known, problems } = args;
  if (!hasQuote(bytes)) return indexBytes(bytes, args);
  const decoded = decodeText(bytes);
  if (decoded.text === undefined || (decoded.encoding !== 'utf-8' && decoded.encoding !== 'utf-8-bom'))
    return 'not UTF-8';
  const text = decoded.text;
  const reader = new TableReader(level, dict, display, problems, undefined, true);
  const slices = new Map<string, Slice>();
  let column = -1;
  let current: Slice | undefined;
  let failure: string | undefined;
  const parsed = parseCsv(text, (fields, row, start) => {
    if (failure !== undefined) return;
    if (row === 1) {
      if (reader.header(fields)) column = reader.columnIndex(countyKey);
      else failure = 'header problems';
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    const county = (fields[column] ?? '').trim();
    if (!known.has(county)) failure = `row ${row} names no county of dataset.yaml`;
    else if (current === undefined || slices.get(county) !== current) {
      if (slices.has(county)) failure = `rows of county ${county} are not consecutive`;
      if (current !== undefined) current.end = start;
      current = { start, end: text.length, firstRow: row };
      slices.set(county, current);
    }
  });
  if (failure !== undefined) return failure;
  if (parsed.unclosedQuoteRow !== undefined || column < 0) return 'malformed';
  // Runs in characters of the text become runs in bytes of the file, so that the text need not be kept.
  const bom = decoded.encoding === 'utf-8-bom' ? 3 : 0;
  let chars = 0;
  let offset = bom;
  const bounds = [...slices.values()].flatMap((s) => [s.start, s.end]).sort((a, b) => a - b);
  const byteAt = new Map<number, number>();
  for (const bound of bounds) {
    offset += Buffer.byteLength(text.slice(chars, bound));
    chars = bound;
    byteAt.set(bound, offset);
  }
  for (const slice of slices.values()) {
    slice.start = byteAt.get(slice.start) as number;
    slice.end = byteAt.get(slice.end) as number;
  }
  return { table, level, reader, slices, quoted: true };
}

/**
 * indexTable for a UTF-8 file without a quote character, from its bytes: the header decoded, then each row's county
 * read from its field's bytes (decoded only where the county changes), no text of the whole file made.
 */
function indexBytes(
  bytes: Buffer,
  args: IndexArgs,
): Omit<IndexedTable, 'path' | 'display' | 'size'> | string {
  const { table, level, display, dict, countyKey, known, problems } = args;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'not UTF-8';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!isUtf8(bytes.subarray(bom))) return 'not UTF-8';
  // A level no other level names by key keeps its keys as runs of bytes until one is read.
  const leaf = !Object.values(dict.levels).some((def) => def?.parent === level);
  const reader = new TableReader(level, dict, display, problems, undefined, true, undefined, leaf);
  const slices = new Map<string, Slice>();
  let column = -1;
  let current: Slice | undefined;
  let currentFrom = 0;
  let currentTo = 0;
  let failure: string | undefined;
  const n = bytes.length;
  let row = 0;
  /** The next CR at or after the row's start, found again only once the rows pass it (-1: none left). */
  let nextCr = bytes.indexOf(13, bom);
  for (let start = bom; start < n && failure === undefined; ) {
    row++;
    // A line ends at LF, CRLF or CR, as parse-csv.ts ends a row.
    let lf = bytes.indexOf(10, start);
    if (lf === -1) lf = n;
    if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(13, start);
    let end = lf;
    let next = lf + 1;
    if (nextCr !== -1 && nextCr < lf) {
      // A CR ends the row there: just before the LF (CRLF), or on its own.
      end = nextCr;
      next = nextCr + 1 === lf ? lf + 1 : nextCr + 1;
    }
    const rowStart = start;
    start = next;
    if (row === 1) {
      if (reader.header(bytes.toString('utf8', rowStart, end).split(','))) column = reader.columnIndex(countyKey);
      else failure = 'header problems';
      continue;
    }
    // The county's field: after `column` commas.
    let from = rowStart;
    for (let c = 0; c < column && from <= end; c++) {
      const comma = bytes.indexOf(44, from);
      from = comma === -1 || comma >= end ? end + 1 : comma + 1;
    }
    if (from > end) from = end;
    let to = bytes.indexOf(44, from);
    if (to === -1 || to > end) to = end;
    if (current !== undefined && sameBytes(bytes, from, to, currentFrom, currentTo)) continue;
    const cells = bytes.toString('utf8', rowStart, end).split(',');
    if (cells.every((f) => f.trim() === '')) continue;
    const county = (cells[column] ?? '').trim();
    if (!known.has(county)) failure = `row ${row} names no county of dataset.yaml`;
    else if (current === undefined || slices.get(county) !== current) {
      if (slices.has(county)) failure = `rows of county ${county} are not consecutive`;
      if (current !== undefined) current.end = rowStart;
      current = { start: rowStart, end: n, firstRow: row };
      slices.set(county, current);
    }
    currentFrom = from;
    currentTo = to;
  }
  if (failure !== undefined) return failure;
  if (column < 0) return 'malformed';
  return { table, level, reader, slices, quoted: false };
}

/** Whether two short runs of one buffer hold the same bytes (a loop: cheaper than a native call for a county id). */
function sameBytes(bytes: Uint8Array, from: number, to: number, otherFrom: number, otherTo: number): boolean {
  if (to - from !== otherTo - otherFrom) return false;
  for (let i = 0; i < to - from; i++) if (bytes[from + i] !== bytes[otherFrom + i]) return false;
  return true;
}

/** One county: its rows of each table read, checked and built as loadDataset would. */
function readCounty(head: CountyHead, tables: IndexedTable[], dict: InputDictionary, problems: Problem[]): CountyData {
  const records: CountyTables = { schools: [], units: [], classes: [] };
  const uniqueKeys = new Set<keyof CountyTables>();
  const before = problems.length;
  for (const table of tables) {
    const slice = table.slices.get(head.key);
    if (slice === undefined) continue;
    const reader = table.reader;
    const bytes = readRange(table, slice.start, slice.end, problems);
    if (!table.quoted)
      reader.bytesRows(bytes, 0, bytes.length, slice.firstRow);
    else parseCsv(utf8.decode(bytes), (fields, row) => reader.row(fields, row), slice.firstRow);
    records[table.table] = reader.take();
    if (reader.keysUnique) uniqueKeys.add(table.table);
  }
  const [county] = buildCounties([head], records, dict, problems, uniqueKeys);
  if (county === undefined || problems.slice(before).some(isStructural)) throw new DatasetRefusedError(problems);
  return county;
}

/**
 * A table file's bytes from `start` to `end`, read now. A file that has changed since it was indexed (another size)
 * or cannot be read refuses the dataset, as a structural problem would.
 */
function readRange(table: IndexedTable, start: number, end: number, problems: Problem[]): Buffer {
  const refuse = (message: Text): never => {
    problems.push(dataProblem('DATA_FILE_UNREADABLE', { file: table.display }, message));
    throw new DatasetRefusedError(problems);
  };
  let fd: number;
  try {
    fd = openSync(table.path, 'r');
  } catch (error) {
    return refuse({
      zh: `读取过程中文件无法再打开（${(error as NodeJS.ErrnoException).code ?? String(error)}）`,
      en: `the file could no longer be opened while it was being read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    });
  }
  try {
    if (fstatSync(fd).size !== table.size)
      refuse({
        zh: '读取过程中文件被改动（大小与开始读取时不同）；请在文件不再改动后重新运行',
        en: 'the file changed while it was being read (its size is not what it was); run again once it no longer changes',
      });
    const bytes = Buffer.allocUnsafe(end - start);
    for (let done = 0; done < bytes.length; ) {
      const read = readSync(fd, bytes, done, bytes.length - done, start + done);
      if (read === 0)
        refuse({
          zh: '读取过程中文件变短；请在文件不再改动后重新运行',
          en: 'the file ended early while it was being read; run again once it no longer changes',
        });
      done += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}
