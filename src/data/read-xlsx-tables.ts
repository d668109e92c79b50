import { readFile, stat } from 'node:fs/promises';
import { LIMIT_CODES, limitMessage, limits } from '../limits.ts';
import { oversizedXlsxPart } from './check-xlsx-parts.ts';
import type ExcelJS from 'exceljs';
import type { CellSource, DataRecord, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { normalizeXlsxParts } from './normalize-xlsx-parts.ts';
import type { RawValue } from './read-cell.ts';
import { columnLetter, TableReader, type SideColumns } from './table-reader.ts';
import { LAYOUTS, metaSheetOf, type MetaSheet } from './workbook-layout.ts';

/** A level's sheet: its name as given in dataset.yaml, or found by the level's Chinese or English names. */
export interface SheetRequest {
  level: Level;
  table: 'schools' | 'units' | 'classes';
  sheet?: string;
}

/**
 * A spreadsheet cell's value as a raw value: formulas give their cached result, rich text its plain text. A formula
 * whose result was never calculated (a writer that stores formulas only) is `{ formula }`, refused where it is read.
 */
export function rawFromExcel(value: ExcelJS.CellValue): RawValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) {
      const f = value as { formula?: string; sharedFormula?: string };
      return { formula: f.formula ?? `(${f.sharedFormula ?? ''})` };
    }
    return rawFromExcel(result);
  }
  if ('text' in value) return String(value.text);
  return undefined;
}

/** A workbook read from a file, whatever application saved it; undefined (and a problem) when it cannot be read. */
export async function openWorkbook(
  path: string,
  display: string,
  problems: Problem[],
): Promise<{ workbook: ExcelJS.Workbook; bytes: Buffer } | undefined> {
  // exceljs loads only when a workbook is read: a CSV dataset never pays for it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > limits().fileBytes) {
      problems.push(
        dataProblem(LIMIT_CODES.fileBytes, { file: display }, limitMessage('fileBytes', { zh: '文件大小（字节）', en: 'the file size in bytes' }, size)),
      );
      return undefined;
    }
    bytes = await readFile(path);
    const oversized = oversizedXlsxPart(bytes);
    if (oversized !== undefined) {
      problems.push(
        dataProblem(
          LIMIT_CODES.xlsxPartBytes,
          { file: display },
          limitMessage(
            'xlsxPartBytes',
            { zh: `工作簿中的部件 ${oversized.name} 解压后的大小（字节）`, en: `the inflated size in bytes of the workbook part ${oversized.name}` },
            oversized.bytes > limits().xlsxPartBytes && oversized.bytes === limits().xlsxPartBytes + 1 ? `> ${limits().xlsxPartBytes}` : oversized.bytes,
          ),
        ),
      );
      return undefined;
    }
    const normalized = await normalizeXlsxParts(bytes);
    await workbook.xlsx.load(normalized as unknown as ExcelJS.Buffer);
  } catch (error) {
    problems.push(
      dataProblem('DATA_FILE_UNREADABLE', { file: display }, {
        zh: `无法读取 Excel 工作簿（请确认文件是 .xlsx 格式，且没有加密码）：${(error as Error).message}`,
        en: `cannot read the Excel workbook (is it an .xlsx file without a password?): ${(error as Error).message}`,
      }),
    );
    return undefined;
  }
  const long = overlongCell(workbook);
  if (long) {
    problems.push(
      dataProblem(
        LIMIT_CODES.cellChars,
        { file: display, sheet: long.sheet, row: long.row, cell: long.cell },
        limitMessage('cellChars', { zh: '单元格的字符数', en: 'the number of characters in the cell' }, long.chars),
      ),
    );
    return undefined;
  }
  return { workbook, bytes };
}

/**
 * The first cell of the workbook holding more characters than one cell may (the limit Excel itself has, unless
 * raised): such a cell is no table value, and its text would be copied into every message and report that shows it.
 */
function overlongCell(workbook: ExcelJS.Workbook): { sheet: string; row: number; cell: string; chars: number } | undefined {
  const { cellChars } = limits();
  let found: { sheet: string; row: number; cell: string; chars: number } | undefined;
  for (const worksheet of workbook.worksheets) {
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (found) return;
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (found) return;
        const raw = rawFromExcel(cell.value);
        const chars = typeof raw === 'string' ? raw.length : typeof raw === 'object' && raw !== null && 'formula' in raw ? raw.formula.length : 0;
        if (chars > cellChars) found = { sheet: worksheet.name, row: rowNumber, cell: `${columnLetter(column - 1)}${rowNumber}`, chars };
      });
    });
    if (found) return found;
  }
  return undefined;
}

/** The merged ranges of a sheet, as exceljs keeps them (its public `model` would serialise every row to get them). */
function mergesOf(worksheet: ExcelJS.Worksheet): { top: number; left: number; bottom: number; right: number }[] {
  const merges = (worksheet as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
  return Object.values(merges ?? {}).map((m) => m.model);
}

function rangeName(m: { top: number; left: number; bottom: number; right: number }): string {
  return `${columnLetter(m.left - 1)}${m.top}:${columnLetter(m.right - 1)}${m.bottom}`;
}

function text(raw: RawValue): string {
  return raw === null || raw === undefined || typeof raw === 'object' ? '' : String(raw).trim();
}

/**
 * Reads one table sheet. A sheet whose first row is a title above the headers, or whose header has merged cells,
 * gets one message and no rows (each of its rows would otherwise be a knock-on error); a merged data cell is
 * refused by range, since every cell of a merge reads the value of its first cell.
 */
export function readTableSheet(
  worksheet: ExcelJS.Worksheet,
  level: Level,
  display: string,
  dict: InputDictionary,
  problems: Problem[],
  multiCounty: boolean,
  /** Columns the caller reads itself (table-reader.ts). */
  side?: SideColumns,
): DataRecord[] | undefined {
  const { tableRows } = limits();
  if (worksheet.rowCount > tableRows + 1) {
    problems.push(
      dataProblem(
        LIMIT_CODES.tableRows,
        { file: display, sheet: worksheet.name, row: tableRows + 2 },
        limitMessage('tableRows', { zh: '表格的行数', en: 'the number of rows' }, worksheet.rowCount - 1),
      ),
    );
    return undefined;
  }
  const reader = new TableReader(level, dict, display, problems, worksheet.name, multiCounty, side);
  const width = worksheet.columnCount;
  const at = (row: number, cell?: string): CellSource => {
    const source: CellSource = { file: display, sheet: worksheet.name, row };
    if (cell !== undefined) source.cell = cell;
    return source;
  };
  const rowValues = (row: ExcelJS.Row): RawValue[] => {
    const values: RawValue[] = [];
    for (let c = 1; c <= width; c++) values.push(rawFromExcel(row.getCell(c).value));
    return values;
  };
  const merges = mergesOf(worksheet);
  const first = rowValues(worksheet.getRow(1));
  // exceljs gives every cell of a merge its first cell's value: a title merged over A1:H1 is one value, not eight.
  const filled = first.filter((v, i) => text(v) !== '' && !merges.some((m) => m.top === 1 && i + 1 > m.left && i + 1 <= m.right));
  const titleMerge = merges.find((m) => m.top === 1 && m.right > m.left);
  const key = dict.levels[level]?.key;
  const keyLabel = key === undefined ? undefined : dict.inputs[key]?.label.zh;
  const headerBelow = [2, 3, 4].find((r) =>
    rowValues(worksheet.getRow(r)).some((v) => keyLabel !== undefined && (text(v) === keyLabel || text(v) === key || text(v).startsWith(`${keyLabel}（`))),
  );
  if (filled.length === 1 && (titleMerge !== undefined || headerBelow !== undefined)) {
    const where = titleMerge !== undefined ? `（合并单元格 ${rangeName(titleMerge)}）` : '';
    const whereEn = titleMerge !== undefined ? ` (merged cells ${rangeName(titleMerge)})` : '';
    problems.push(
      dataProblem('DATA_TITLE_ROW', at(1, 'A1'), {
        zh: `这一行是标题「${text(filled[0])}」${where}，不是表头；请删除表头上方的标题行，让列名在第 1 行${headerBelow !== undefined ? `（列名现在在第 ${headerBelow} 行）` : ''}`,
        en: `this row is a title '${text(filled[0])}'${whereEn}, not the header; delete the title row above the header so that the column names are in row 1${headerBelow !== undefined ? ` (they are in row ${headerBelow} now)` : ''}`,
      }),
    );
    return undefined;
  }
  const headerMerges = merges.filter((m) => m.top === 1);
  if (headerMerges.length > 0) {
    for (const m of headerMerges) {
      const cell = `${columnLetter(m.left - 1)}1`;
      problems.push(
        dataProblem('DATA_MERGED_HEADER', at(1, cell), {
          zh: `表头 ${rangeName(m)} 是合并单元格（「${text(first[m.left - 1])}」）；请取消合并：每一列都要有自己的列名，表头只占第 1 行`,
          en: `header cells ${rangeName(m)} are merged ('${text(first[m.left - 1])}'); unmerge them: every column needs its own name, and the header is row 1 only`,
        }),
      );
    }
    return undefined;
  }
  let usable = true;
  let headed = false;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = rowValues(row);
    if (!headed) {
      headed = true;
      usable = reader.header(rowNumber === 1 ? values : []);
      if (rowNumber === 1) return;
    }
    if (usable) reader.row(values, rowNumber);
  });
  if (!headed) usable = reader.header([]);
  // Merged cells: exceljs gives every cell of a merge the value of its top-left cell, so a count merged over two
  // units' rows would silently count twice. Each merge is refused, named by its range.
  for (const m of merges) {
    const cell = `${columnLetter(m.left - 1)}${m.top}`;
    problems.push(
      dataProblem('DATA_MERGED_CELL', at(m.top, cell), {
        zh: `单元格 ${rangeName(m)} 是合并单元格；请取消合并，并在每个单元格中分别填写`,
        en: `cells ${rangeName(m)} are merged; unmerge them and fill in every cell`,
      }),
    );
  }
  return usable ? reader.records : undefined;
}

/** The sheet a request names, or the one named after the level (学校 / school / schools / School …). */
export function findTableSheet(
  workbook: ExcelJS.Workbook,
  request: SheetRequest,
  dict: InputDictionary,
): { worksheet?: ExcelJS.Worksheet; candidates: string[] } {
  const label = dict.levels[request.level]?.label;
  const candidates = (request.sheet !== undefined ? [request.sheet] : [label?.zh, request.level, request.table, label?.en]).filter(
    (c): c is string => c !== undefined,
  );
  const worksheet = workbook.worksheets.find((w) => candidates.some((c) => c.toLowerCase() === w.name.trim().toLowerCase()));
  return worksheet === undefined ? { candidates } : { worksheet, candidates };
}

/** Reads the school, unit and class sheets of one workbook. `display` names the file in sources and messages. */
export async function readXlsxTables(
  path: string,
  display: string,
  requests: SheetRequest[],
  dict: InputDictionary,
  problems: Problem[],
  multiCounty: boolean,
): Promise<Partial<Record<SheetRequest['table'], DataRecord[]>> & { refused?: SheetRequest['table'][] }> {
  const opened = await openWorkbook(path, display, problems);
  if (opened === undefined) return {};
  return readTableSheets(opened.workbook, display, requests, dict, problems, multiCounty);
}

/**
 * Reads the requested table sheets of an open workbook; a missing school sheet, or a named one, is a problem. A
 * sheet that could not be read at all (no usable header) is absent from the result and listed in `refused`.
 */
export function readTableSheets(
  workbook: ExcelJS.Workbook,
  display: string,
  requests: SheetRequest[],
  dict: InputDictionary,
  problems: Problem[],
  multiCounty: boolean,
): Partial<Record<SheetRequest['table'], DataRecord[]>> & { refused?: SheetRequest['table'][] } {
  const result: Partial<Record<SheetRequest['table'], DataRecord[]>> & { refused?: SheetRequest['table'][] } = {};
  const names = workbook.worksheets.map((w) => w.name);
  for (const request of requests) {
    const { worksheet, candidates } = findTableSheet(workbook, request, dict);
    if (worksheet === undefined) {
      if (request.sheet !== undefined || request.level === 'school') {
        problems.push(
          dataProblem('DATA_SHEET_MISSING', { file: display }, {
            zh: `工作簿中没有「${candidates.join('」或「')}」工作表；现有：${names.join('、')}`,
            en: `the workbook has no sheet '${candidates.join("' or '")}'; it has: ${names.join(', ')}`,
          }),
        );
      }
      continue;
    }
    const records = readTableSheet(worksheet, request.level, display, dict, problems, multiCounty);
    if (records !== undefined) result[request.table] = records;
    else result.refused = [...(result.refused ?? []), request.table];
  }
  reportUnreadSheets(workbook, display, requests, dict, problems);
  return result;
}

/**
 * A workbook named by dataset.yaml gives only its tables: dataset.yaml holds the county's part. A filled-in
 * 基本信息 or 县级指标 sheet would be silently ignored, so it is refused, with the two ways out; any other sheet
 * the rule set does not know gets a warning.
 */
function reportUnreadSheets(workbook: ExcelJS.Workbook, display: string, requests: SheetRequest[], dict: InputDictionary, problems: Problem[]): void {
  const tables = new Set(requests.map((r) => findTableSheet(workbook, r, dict).worksheet?.name));
  const unread: string[] = [];
  for (const worksheet of workbook.worksheets) {
    if (tables.has(worksheet.name)) continue;
    const part = metaSheetOf(worksheet.name);
    if (part === 'guide') continue;
    if (part !== undefined) {
      if (hasTypedValues(worksheet, part)) unread.push(worksheet.name);
      continue;
    }
    problems.push(
      dataProblem(
        'DATA_UNKNOWN_SHEET',
        { file: display, sheet: worksheet.name },
        {
          zh: `规则集不认识工作表「${worksheet.name}」，其内容未被读取`,
          en: `the rule set does not know the sheet '${worksheet.name}'; it was not read`,
        },
        'warning',
      ),
    );
  }
  if (unread.length === 0) return;
  // One mistake (a filled-in template named from dataset.yaml), one message, whatever number of sheets it filled.
  problems.push(
    dataProblem('DATA_SHEET_NOT_READ', { file: display, sheet: unread[0] as string }, {
      zh: `这个工作簿由 dataset.yaml 引用，只读取其中的学校、学部、班级表；工作表「${unread.join('」「')}」中填写的内容不会被读取。请直接评估这个工作簿（junheng evaluate ${display}，不用 dataset.yaml），或把这些数据写进 dataset.yaml 并清空这些工作表`,
      en: `this workbook is named by dataset.yaml, which reads only its school, unit and class tables; what sheets '${unread.join("', '")}' hold would not be read. Evaluate the workbook itself (junheng evaluate ${display}, without dataset.yaml), or move their values into dataset.yaml and clear the sheets`,
    }),
  );
}

/** True when a person typed anything below the header in the columns they fill of a dataset sheet. */
function hasTypedValues(worksheet: ExcelJS.Worksheet, part: MetaSheet): boolean {
  const columns = LAYOUTS[part];
  const inputs = new Set(columns.filter((c) => c.input === true).map((c) => c.header));
  const header = worksheet.getRow(1);
  const indexes: number[] = [];
  for (let c = 1; c <= worksheet.columnCount; c++) if (inputs.has(text(rawFromExcel(header.getCell(c).value)))) indexes.push(c);
  let typed = false;
  worksheet.eachRow({ includeEmpty: false }, (row, n) => {
    // The rule set's id on 基本信息 is written by the template itself, not typed by a person.
    const own = part === 'info' && row.values instanceof Array && row.values.includes('rules');
    if (n > 1 && !own && indexes.some((c) => text(rawFromExcel(row.getCell(c).value)) !== '')) typed = true;
  });
  return typed;
}
