import ExcelJS from 'exceljs';
import type { CellSource, DataRecord, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import type { RawValue } from './read-cell.ts';
import { TableReader } from './table-reader.ts';

/** A level's sheet: its name as given in dataset.yaml, or found by the level's Chinese or English names. */
export interface SheetRequest {
  level: Level;
  table: 'schools' | 'units' | 'classes';
  sheet?: string;
}

/** A spreadsheet cell's value as a raw value: formulas give their cached result, rich text its plain text. */
export function rawFromExcel(value: ExcelJS.CellValue): RawValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? undefined : rawFromExcel(result);
  }
  if ('text' in value) return String(value.text);
  return undefined;
}

/** Reads the school, unit and class sheets of one workbook. `display` names the file in sources and messages. */
export async function readXlsxTables(
  path: string,
  display: string,
  requests: SheetRequest[],
  dict: InputDictionary,
  problems: Problem[],
  multiCounty: boolean,
): Promise<Partial<Record<SheetRequest['table'], DataRecord[]>>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    problems.push(
      dataProblem('DATA_FILE_UNREADABLE', { file: display }, {
        zh: `无法读取 Excel 工作簿：${(error as Error).message}`,
        en: `cannot read the Excel workbook: ${(error as Error).message}`,
      }),
    );
    return {};
  }
  const result: Partial<Record<SheetRequest['table'], DataRecord[]>> = {};
  const names = workbook.worksheets.map((w) => w.name);
  for (const request of requests) {
    const label = dict.levels[request.level]?.label;
    const candidates = request.sheet !== undefined ? [request.sheet] : [label?.zh, request.level, request.table, label?.en];
    const worksheet = workbook.worksheets.find((w) => candidates.some((c) => c !== undefined && c.toLowerCase() === w.name.trim().toLowerCase()));
    if (worksheet === undefined) {
      if (request.sheet !== undefined || request.level === 'school') {
        const source: CellSource = { file: display };
        problems.push(
          dataProblem('DATA_SHEET_MISSING', source, {
            zh: `工作簿中没有「${candidates.filter(Boolean).join('」或「')}」工作表；现有：${names.join('、')}`,
            en: `the workbook has no sheet '${candidates.filter(Boolean).join("' or '")}'; it has: ${names.join(', ')}`,
          }),
        );
      }
      continue;
    }
    const reader = new TableReader(request.level, dict, display, problems, worksheet.name, multiCounty);
    let usable = true;
    let headed = false;
    const width = worksheet.columnCount;
    // Merged cells: exceljs gives every cell of a merge the value of its top-left cell, so a count merged over two
    // units' rows would silently count twice. Each merge is refused, named by its range.
    const merges = new Map<string, { master: ExcelJS.Cell; last: string }>();
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: RawValue[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        if (cell.isMerged && cell.master !== cell) {
          const merge = merges.get(cell.master.address);
          if (merge === undefined) merges.set(cell.master.address, { master: cell.master, last: cell.address });
          else merge.last = cell.address;
        }
        values.push(rawFromExcel(cell.value));
      }
      if (!headed) {
        headed = true;
        usable = reader.header(rowNumber === 1 ? values : []);
        if (rowNumber === 1) return;
      }
      if (usable) reader.row(values, rowNumber);
    });
    if (!headed) reader.header([]);
    for (const { master, last } of merges.values()) {
      const source: CellSource = { file: display, sheet: worksheet.name, row: Number(master.row), cell: master.address };
      problems.push(
        dataProblem('DATA_MERGED_CELL', source, {
          zh: `单元格 ${master.address}:${last} 是合并单元格；请取消合并，并在每个单元格中分别填写`,
          en: `cells ${master.address}:${last} are merged; unmerge them and fill in every cell`,
        }),
      );
    }
    result[request.table] = reader.records;
  }
  return result;
}
