import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LineCounter, visit, type Document, type YAMLError } from 'yaml';
import { adviseLine, describeAdvice } from '../text/typo-advice.ts';
import type { DataRecord, Dataset, InputDictionary, Level, Problem, Text } from '../model/index.ts';
import { buildCounties, type CountyHead, type CountyTables } from './build-counties.ts';
import { decodeText, describeBadByte } from './decode-text.ts';
import { dataProblem, isStructural } from './data-problem.ts';
import { hashDatasetFiles } from './dataset-hash.ts';
import { checkDatasetSchema } from './dataset-schema.ts';
import { readCountySection } from './read-county-section.ts';
import { readCountiesTable } from './read-counties-table.ts';
import { readCsvTable } from './read-csv-table.ts';
import { readXlsxTables, type SheetRequest } from './read-xlsx-tables.ts';
import { LIMIT_CODES, limitMessage, limits } from '../limits.ts';
import { parseYamlDocument, yamlLimitIssue, yamlLineFinder } from './yaml-lines.ts';

export const TABLES: { table: keyof CountyTables; level: Level }[] = [
  { table: 'schools', level: 'school' },
  { table: 'units', level: 'unit' },
  { table: 'classes', level: 'class' },
];

export type TableRef = string | { file: string; sheet?: string };

export interface DatasetFile {
  id: string;
  title?: string;
  school_year?: string | number;
  synthetic?: boolean;
  provenance?: string;
  county?: unknown;
  counties?: unknown[];
  tables?: { workbook?: string; counties?: TableRef; schools?: TableRef; units?: TableRef; classes?: TableRef };
}

/** Enough aliases for `<<: *defaults` patterns; an alias bomb needs thousands. */
const MAX_ALIAS_COUNT = 50;

/** YAML library error codes with their own problem code, and a plain explanation for the common syntax slips. */
const YAML_ERRORS: Record<string, [string, Text]> = {
  DUPLICATE_KEY: ['DATA_YAML_DUPLICATE_KEY', { zh: '同一层级出现重复的键，每个键只能写一次', en: 'a key is repeated at the same level; write each key once' }],
  TAG_RESOLVE_FAILED: ['DATA_YAML_CUSTOM_TAG', { zh: '不支持自定义 YAML 标签（如 !!js/function），请删去标签', en: 'custom YAML tags (such as !!js/function) are not supported; remove the tag' }],
};
const YAML_HINTS: Record<string, Text> = {
  TAB_AS_INDENT: { zh: 'YAML 缩进不能用制表符 Tab，请改用空格', en: 'indent YAML with spaces, not tabs' },
  BAD_INDENT: { zh: 'YAML 缩进不对，同一层级的键须对齐到同一列', en: 'bad YAML indentation; keys of one level must start at the same column' },
  MISSING_CHAR: { zh: 'YAML 格式错误，引号或括号没有闭合', en: 'invalid YAML; a quote or bracket is never closed' },
};

/**
 * The yaml library reports a quote that is never closed at the end of the file; the quoted scalar that swallowed the
 * rest of the file starts where the user must look.
 */
function unclosedQuoteStart(doc: Document, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return undefined;
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range !== undefined && node.range !== null && node.range[1] >= error.pos[0]) start ??= node.range[0];
    },
  });
  return start;
}

/** A parser error at or just below a line showing a common typing slip also says what to type there. */
function withAdvice(message: Text, written: readonly string[], at: number): Text {
  for (let line = at; line >= Math.max(1, at - 3); line--) {
    const advice = adviseLine(written[line - 1] ?? '');
    if (!advice) continue;
    const said = describeAdvice(line, written[line - 1] ?? '', advice);
    return { zh: `${message.zh}；${said.zh}`, en: `${message.en}; ${said.en}` };
  }
  return message;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** A path as a person reads it in a message: relative to the working folder when inside it, with `/`. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file.split(sep).join('/');
  return rel.split(sep).join('/');
}

/**
 * Loads a dataset folder: dataset.yaml (one `county` or a list of `counties`, with county-level inputs,
 * attestations, definition choices, reported figures and provenance) and its tables of schools, units and classes,
 * as CSV files or sheets of one XLSX workbook. Every problem of the folder is returned together; the dataset is
 * returned unless a structural problem (unknown column, duplicate key, orphan row, malformed file …) prevents it.
 */
export async function loadDataset(dir: string, dict: InputDictionary): Promise<{ dataset?: Dataset; problems: Problem[] }> {
  const { head, problems } = await readDatasetHead(dir, dict);
  if (head === undefined) return { problems };
  const { spec, heads, multi, yamlBytes, complete } = head;
  const files: { name: string; bytes: Uint8Array }[] = [{ name: 'dataset.yaml', bytes: yamlBytes }, ...head.files];
  const tables: CountyTables = { schools: [], units: [], classes: [] };
  const workbooks = new Map<string, SheetRequest[]>();
  let refused = false;
  for (const { table, level } of TABLES) {
    const ref: TableRef | undefined = spec.tables?.[table] ?? spec.tables?.workbook;
    if (ref === undefined) continue;
    const file = typeof ref === 'string' ? ref : ref.file;
    if (!insideFolder(dir, file) || !(await insideFolderReally(dir, file))) {
      problems.push(outsideProblem(dir, table, file));
      continue;
    }
    if (/\.xlsx$/i.test(file)) {
      const request: SheetRequest = { level, table };
      if (typeof ref !== 'string' && ref.sheet !== undefined) request.sheet = ref.sheet;
      workbooks.set(file, [...(workbooks.get(file) ?? []), request]);
      continue;
    }
    const read = await readCsvTable(join(dir, file), displayPath(join(dir, file)), level, dict, problems, multi);
    tables[table] = read.records;
    if (read.bytes !== undefined) files.push({ name: file, bytes: read.bytes });
  }
  for (const [file, requests] of workbooks) {
    const path = join(dir, file);
    const { refused: unread, ...read } = await readXlsxTables(path, displayPath(path), requests, dict, problems, multi);
    for (const [table, records] of Object.entries(read) as [keyof CountyTables, DataRecord[]][]) tables[table] = records;
    if (unread !== undefined) refused = true;
    try {
      files.push({ name: file, bytes: await readFile(path) });
    } catch {
      // Already reported by the workbook reader.
    }
  }
  // A sheet that could not be read at all has been reported once; its rows' absence is not a second mistake.
  if (refused) return { problems };
  const counties = buildCounties(heads, tables, dict, problems);
  if (problems.some(isStructural) || !complete) return { problems };
  const dataset: Dataset = { id: spec.id, dir, hash: hashDatasetFiles(files), counties };
  if (spec.title !== undefined) dataset.title = spec.title;
  if (spec.school_year !== undefined) dataset.schoolYear = String(spec.school_year);
  if (spec.synthetic !== undefined) dataset.synthetic = spec.synthetic;
  if (spec.provenance !== undefined) dataset.provenance = spec.provenance;
  return { dataset, problems };
}

/** dataset.yaml read and checked: the file's fields, each county's head (its inputs, attestations, figures). */
export interface DatasetHead {
  spec: DatasetFile;
  heads: CountyHead[];
  /** True when dataset.yaml lists `counties:` (every table row names its county). */
  multi: boolean;
  yamlBytes: Buffer;
  /** The counties table's file, when dataset.yaml names one (its bytes count in the dataset's hash). */
  files: { name: string; bytes: Buffer }[];
  /** False when a county section could not be read: the tables are still read, for their problems, but not used. */
  complete: boolean;
}

/**
 * Reads and checks dataset.yaml (YAML problems, schema, each county's section). `head` is undefined when the file
 * cannot be used; a county section with a problem is left out of `heads` and reported in `problems`.
 */
export async function readDatasetHead(dir: string, dict: InputDictionary): Promise<{ head?: DatasetHead; problems: Problem[] }> {
  const problems: Problem[] = [];
  const yamlPath = join(dir, 'dataset.yaml');
  const yamlFile = displayPath(yamlPath);
  let yamlBytes: Buffer;
  try {
    const size = (await stat(yamlPath)).size;
    if (size > limits().fileBytes) {
      problems.push(
        dataProblem(LIMIT_CODES.fileBytes, { file: yamlFile }, limitMessage('fileBytes', { zh: '文件大小（字节）', en: 'the file size in bytes' }, size)),
      );
      return { problems };
    }
    yamlBytes = await readFile(yamlPath);
  } catch (error) {
    problems.push(
      dataProblem('DATA_FILE_UNREADABLE', { file: yamlFile }, {
        zh: `无法读取数据集说明文件 dataset.yaml：${(error as Error).message}`,
        en: `cannot read dataset.yaml: ${(error as Error).message}`,
      }),
    );
    return { problems };
  }
  // dataset.yaml is UTF-8 (or UTF-16 with a byte-order mark); a bad byte is a located problem, never a silent U+FFFD.
  const decoded = decodeText(yamlBytes, { gb18030: false });
  if (decoded.bad) {
    problems.push({
      ...dataProblem('DATA_ENCODING_INVALID', { file: yamlFile }, describeBadByte(decoded.bad, 'yaml')),
      line: decoded.bad.row,
      column: decoded.bad.column,
    });
    return { problems };
  }
  const lines = new LineCounter();
  const text = decoded.text;
  const doc = parseYamlDocument(text, { lineCounter: lines, prettyErrors: false });
  const tooBig = yamlLimitIssue(doc);
  if (tooBig !== undefined) {
    const pos = lines.linePos(tooBig.offset);
    problems.push({
      ...dataProblem(LIMIT_CODES[tooBig.limit], { file: yamlFile }, tooBig.message),
      line: pos.line,
      column: pos.col,
    });
    return { problems };
  }
  const written = text.split(/\r?\n/);
  // Warnings matter too: an unknown tag (`!!js/function`) is only a warning to the yaml library, which then reads
  // the tagged value as a plain string.
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(unclosedQuoteStart(doc, error) ?? error.pos[0]);
    const [code, hint] = YAML_ERRORS[error.code] ?? ['DATA_YAML_INVALID', YAML_HINTS[error.code]];
    problems.push({
      code,
      severity: 'error',
      file: yamlFile,
      line: pos.line,
      column: pos.col,
      message: withAdvice(
        {
          // The parser's own words are English: the Chinese message says what is wrong without them.
          zh: `${yamlFile} 第 ${pos.line} 行第 ${pos.col} 列：${hint?.zh ?? 'YAML 格式错误，请检查这一行：键后面是英文冒号加空格，引号用英文双引号'}`,
          en: `${yamlFile} line ${pos.line}, column ${pos.col}: ${hint?.en ?? 'invalid YAML'} (${error.code}): ${firstLine(error.message)}`,
        },
        written,
        pos.line,
      ),
    });
  }
  // A plain 1e-999 reads as 0: refused like 1e999 (which reads as Infinity and fails the schema), never rounded away.
  visit(doc, {
    Scalar(_, node) {
      if (node.value !== 0 || node.source === undefined || !/^[^eE]*[1-9]/.test(node.source)) return;
      const pos = lines.linePos(node.range?.[0] ?? 0);
      problems.push({
        code: 'DATA_SCHEMA_INVALID',
        severity: 'error',
        file: yamlFile,
        line: pos.line,
        column: pos.col,
        message: {
          zh: `${yamlFile} 第 ${pos.line} 行第 ${pos.col} 列：值 ${node.source} 的指数过小，会被读作 0；请填写实际数值`,
          en: `${yamlFile} line ${pos.line}, column ${pos.col}: the value ${node.source} has an exponent so small that it would read as 0; write the actual figure`,
        },
      });
    },
  });
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses an alias bomb (a few lines that expand to millions of nodes) by throwing.
    problems.push({
      code: 'DATA_YAML_ALIAS_LIMIT',
      severity: 'error',
      file: yamlFile,
      line: 1,
      column: 1,
      message: {
        zh: `${yamlFile}：YAML 别名（&/*）展开过多（上限 ${MAX_ALIAS_COUNT} 次），已拒绝读取；请直接写出各项数值`,
        en: `${yamlFile}: too many YAML alias (&/*) expansions, refused (${(error as Error).message}); write the values out`,
      },
    });
    return { problems };
  }
  const lineOf = yamlLineFinder(doc, lines);
  problems.push(...checkDatasetSchema(data, yamlFile, lineOf));
  if (problems.length > 0) return { problems };
  const spec = data as DatasetFile;
  const countiesTable = spec.tables?.counties;
  const multi = spec.counties !== undefined || countiesTable !== undefined;
  if ((spec.county === undefined) === !multi) {
    problems.push(
      dataProblem('DATA_SCHEMA_INVALID', { file: yamlFile, path: '/' }, {
        zh: '需要 county（一个县）或 counties（多个县，也可用 tables.counties 县表）二者之一',
        en: 'exactly one of county (one county) or counties (several, or a counties table in tables.counties) is required',
      }),
    );
    return { problems };
  }
  const heads: CountyHead[] = [];
  const sections = multi ? (spec.counties ?? []).map((c, i) => [c, `counties/${i}`] as const) : [[spec.county, 'county'] as const];
  for (const [section, path] of sections) {
    const head = readCountySection(section, dict, yamlFile, path, lineOf, problems);
    if (head !== undefined) heads.push(head);
  }
  let complete = heads.length === sections.length;
  const files: { name: string; bytes: Buffer }[] = [];
  if (countiesTable !== undefined) {
    const file = typeof countiesTable === 'string' ? countiesTable : countiesTable.file;
    if (!insideFolder(dir, file) || !(await insideFolderReally(dir, file))) {
      problems.push(outsideProblem(dir, 'counties', file));
      return { problems };
    }
    const read = await readCountiesTable(dir, countiesTable, displayPath, dict, problems);
    heads.push(...read.heads);
    if (read.bytes !== undefined) files.push({ name: read.file, bytes: read.bytes });
    complete &&= read.complete;
  }

  return { head: { spec, heads, multi, yamlBytes, files, complete }, problems };
}

/**
 * A table must also stay inside the dataset folder by real path: a symbolic link (the table's or a folder's on its
 * way) to a file outside the folder is outside. A table that does not exist is left to its reader to report.
 */
export async function insideFolderReally(dir: string, file: string): Promise<boolean> {
  let real: string;
  try {
    real = await realpath(resolve(dir, file));
  } catch {
    return true;
  }
  const rel = relative(await realpath(resolve(dir)), real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A table named in dataset.yaml lies outside the dataset's folder. */
function outsideProblem(dir: string, table: string, file: string): Problem {
  return dataProblem(
    'DATA_TABLE_OUTSIDE_DATASET',
    { file: displayPath(join(dir, 'dataset.yaml')), path: `tables/${table}` },
    {
      zh: `表格文件“${file}”不在数据集文件夹内（符号链接按实际位置判断）；表格须与 dataset.yaml 放在同一文件夹（或其子文件夹）中`,
      en: `table file "${file}" lies outside the dataset folder (a symbolic link counts where it leads); tables must sit beside dataset.yaml (or below it)`,
    },
  );
}

/** A table path must stay inside the dataset folder: no absolute paths, no `..` out of it. */
export function insideFolder(dir: string, file: string): boolean {
  if (isAbsolute(file)) return false;
  const rel = relative(resolve(dir), resolve(dir, file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
