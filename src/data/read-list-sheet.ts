import type ExcelJS from 'exceljs';
import type { CellSource, Problem } from '../model/index.ts';
import { nearestName } from '../text/nearest-name.ts';
import { dataProblem } from './data-problem.ts';
import type { RawValue } from './read-cell.ts';
import { rawFromExcel } from './read-xlsx-tables.ts';
import { columnLetter } from './table-reader.ts';
import type { ListColumn } from './workbook-layout.ts';

/** One row of a list sheet (基本信息, 县级指标 …): its raw values by column key, and where each cell is. */
export interface ListRow {
  row: number;
  values: Record<string, RawValue>;
  at(key?: string): CellSource;
}

/** A raw value as text: trimmed, a date as yyyy-mm-dd, an error or formula as nothing (reported by its reader). */
export function textOf(raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') return '';
  return String(raw).trim();
}

/**
 * Reads a sheet laid out as `columns` (header in row 1, in any order): every header it does not know is reported,
 * as is a missing column the layout needs; rows with nothing typed in the person's columns are left out.
 */
export function readListSheet(
  worksheet: ExcelJS.Worksheet,
  columns: ListColumn[],
  required: string[],
  file: string,
  problems: Problem[],
): ListRow[] {
  const sheet = worksheet.name;
  const byIndex = new Map<number, ListColumn>();
  const headers = columns.map((c) => c.header);
  const seen = new Set<string>();
  const header = worksheet.getRow(1);
  for (let c = 1; c <= worksheet.columnCount; c++) {
    const text = textOf(rawFromExcel(header.getCell(c).value));
    if (text === '') continue;
    const column = columns.find((col) => col.header === text || col.header.replace(/（.*）$/, '') === text.replace(/（.*）$/, ''));
    const letter = columnLetter(c - 1);
    if (column === undefined || seen.has(column.key)) {
      const hint = nearestName(text, headers);
      problems.push(
        dataProblem('DATA_UNKNOWN_COLUMN', { file, sheet, row: 1, column: text, cell: `${letter}1` }, {
          zh: `工作表「${sheet}」${column === undefined ? `没有「${text}」这一列${hint !== undefined ? `；是否应为「${hint}」？` : ''}` : `「${text}」列出现了两次`}；可用的列：${headers.join('、')}`,
          en: `sheet '${sheet}' ${column === undefined ? `has no column '${text}'${hint !== undefined ? `; did you mean '${hint}'?` : ''}` : `has the column '${text}' twice`}; its columns are: ${headers.join(', ')}`,
        }),
      );
      continue;
    }
    seen.add(column.key);
    byIndex.set(c, column);
  }
  for (const key of required) {
    if (seen.has(key)) continue;
    const column = columns.find((c) => c.key === key);
    problems.push(
      dataProblem('DATA_COLUMN_MISSING', { file, sheet, row: 1 }, {
        zh: `工作表「${sheet}」缺少必需的列「${column?.header ?? key}」`,
        en: `sheet '${sheet}' lacks the required column '${column?.header ?? key}'`,
      }),
    );
  }
  if (required.some((k) => !seen.has(k))) return [];
  const letters = new Map([...byIndex].map(([c, col]) => [col.key, columnLetter(c - 1)]));
  const rows: ListRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, RawValue> = {};
    let typed = false;
    for (const [c, column] of byIndex) {
      const raw = rawFromExcel(row.getCell(c).value);
      values[column.key] = raw;
      if (column.input === true && raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '')) typed = true;
    }
    if (!typed) return;
    rows.push({
      row: rowNumber,
      values,
      at: (key) => {
        const source: CellSource = { file, sheet, row: rowNumber };
        const column = columns.find((c) => c.key === key);
        const letter = key === undefined ? undefined : letters.get(key);
        if (column !== undefined && letter !== undefined) {
          source.column = column.header;
          source.cell = `${letter}${rowNumber}`;
        }
        return source;
      },
    });
  });
  return rows;
}
