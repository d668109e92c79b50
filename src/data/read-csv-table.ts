import { readFile, stat } from 'node:fs/promises';
import { LIMIT_CODES, limitMessage, limits } from '../limits.ts';
import type { DataRecord, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { decodeText, describeBadByte, ENCODING_NAMES } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';
import { columnLetter, TableReader, type SideColumns } from './table-reader.ts';

/**
 * Reads one level's CSV table: UTF-8 (BOM or not) or GB18030, header row 1 with input names or Chinese labels.
 * `display` is the file name used in sources and messages (relative to the dataset folder).
 */
export async function readCsvTable(
  path: string,
  display: string,
  level: Level,
  dict: InputDictionary,
  problems: Problem[],
  multiCounty: boolean,
  /** Columns the caller reads itself (table-reader.ts). */
  side?: SideColumns,
): Promise<{ records: DataRecord[]; bytes?: Buffer }> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > limits().fileBytes) {
      problems.push(
        dataProblem(LIMIT_CODES.fileBytes, { file: display }, limitMessage('fileBytes', { zh: '文件大小（字节）', en: 'the file size in bytes' }, size)),
      );
      return { records: [] };
    }
    bytes = await readFile(path);
  } catch (error) {
    problems.push(
      dataProblem('DATA_FILE_UNREADABLE', { file: display }, {
        zh: `无法读取文件：${(error as Error).message}`,
        en: `cannot read the file: ${(error as Error).message}`,
      }),
    );
    return { records: [] };
  }
  const decoded = decodeText(bytes);
  if (decoded.bad) {
    problems.push(dataProblem('DATA_ENCODING_INVALID', { file: display, row: decoded.bad.row }, describeBadByte(decoded.bad)));
    return { records: [] };
  }
  const { text, encoding } = decoded;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    problems.push(
      dataProblem(
        'DATA_CSV_ENCODING_UTF16',
        { file: display },
        {
          zh: `文件是 ${ENCODING_NAMES[encoding]} 编码（开头有字节顺序标记），已按此读取`,
          en: `the file is ${ENCODING_NAMES[encoding]} (it starts with a byte-order mark); it was read as such`,
        },
        'warning',
      ),
    );
  }
  if (encoding === 'gb18030') {
    problems.push(
      dataProblem(
        'DATA_CSV_ENCODING_GB18030',
        { file: display },
        { zh: '文件不是 UTF-8 编码，已按 GB18030（GBK）读取', en: 'the file is not UTF-8; it was read as GB18030 (GBK)' },
        'warning',
      ),
    );
  }
  // Too many rows is refused before a record is made: a table twice the limit must not be half held in memory.
  const over = rowsOverLimit(text, limits().tableRows);
  if (over !== undefined) {
    problems.push(
      dataProblem(
        LIMIT_CODES.tableRows,
        { file: display, row: limits().tableRows + 2 },
        limitMessage('tableRows', { zh: '表格的行数', en: 'the number of rows' }, over),
      ),
    );
    return { records: [] };
  }
  const reader = new TableReader(level, dict, display, problems, undefined, multiCounty, side);
  let usable = true;
  let headed = false;
  const { tableRows, cellChars } = limits();
  let overLimit = false;
  const result = parseCsv(text, (fields, row) => {
    if (overLimit) return;
    if (row > tableRows + 1) {
      overLimit = true;
      problems.push(
        dataProblem(LIMIT_CODES.tableRows, { file: display, row }, limitMessage('tableRows', { zh: '表格的行数', en: 'the number of rows' }, `> ${tableRows}`)),
      );
      return;
    }
    const long = fields.findIndex((f) => f.length > cellChars);
    if (long >= 0) {
      overLimit = true;
      problems.push(
        dataProblem(
          LIMIT_CODES.cellChars,
          { file: display, row, cell: `${columnLetter(long)}${row}` },
          limitMessage('cellChars', { zh: '单元格的字符数', en: 'the number of characters in the cell' }, fields[long]?.length ?? 0),
        ),
      );
      return;
    }
    if (row === 1) {
      headed = true;
      usable = reader.header(fields);
    } else if (usable) reader.row(fields, row);
  });
  if (!headed) reader.header([]);
  if (result.unclosedQuoteRow !== undefined) {
    problems.push(
      dataProblem('DATA_CSV_MALFORMED', { file: display, row: result.unclosedQuoteRow }, {
        zh: '引号没有闭合（从该行开始的 " 一直到文件末尾都没有对应的 "）',
        en: 'a quote is never closed (the " opened in this row has no matching " before the end of the file)',
      }),
    );
  }
  if (overLimit) return { records: [] };
  return { records: reader.records, bytes };
}

/**
 * The number of data rows (header excluded) when it is over `limit`, else undefined. Lines are counted first, which
 * is cheap; only a text with more lines than the limit allows is parsed, to count rows as the reader would (a quoted
 * cell may hold a line break), without keeping any.
 */
function rowsOverLimit(text: string, limit: number): number | undefined {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && lines <= limit + 1; at = text.indexOf('\n', at + 1)) lines++;
  if (lines <= limit) return undefined;
  let rows = 0;
  parseCsv(text, () => void rows++);
  return rows - 1 > limit ? rows - 1 : undefined;
}
