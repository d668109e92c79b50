import type { CellSource, DataRecord, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { levelColumns, resolveHeader, suggestHeader } from './level-columns.ts';
import type { RawValue } from './read-cell.ts';
import { readRecord, type RawField } from './read-record.ts';
import type { TableColumn } from './table-cell.ts';

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Reads a table of one level row by row, whatever the file format: the header row (row 1) is mapped to inputs
 * (names or Chinese labels), then each data row becomes a record. Used by the CSV and the XLSX readers.
 */
export class TableReader {
  readonly records: DataRecord[] = [];
  private columns: ({ name: string; header: string; letter: string; ref: TableColumn } | undefined)[] = [];

  constructor(
    private readonly level: Level,
    private readonly dict: InputDictionary,
    private readonly file: string,
    private readonly problems: Problem[],
    private readonly sheet?: string,
    /** Whether every row must name its county (a dataset with several counties). */
    private readonly multiCounty = false,
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
    });
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

  /** The position of input `name` among the header's columns, or -1 when no column holds it. */
  columnIndex(name: string): number {
    return this.columns.findIndex((column) => column?.name === name);
  }

  /** The records read so far, handed over: the reader starts a new list (one county's rows at a time). */
  take(): DataRecord[] {
    return this.records.splice(0);
  }

  /** Reads one data row; blank rows are skipped. */
  row(values: RawValue[], row: number): void {
    const fields: RawField[] = [];
    let blank = true;
    for (let index = 0; index < this.columns.length; index++) {
      const column = this.columns[index];
      const raw = values[index];
      // A row of spaces (left by clearing cells in Excel) is as empty as a row of nothing.
      if (raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '')) blank = false;
      if (column === undefined) continue;
      fields.push({ name: column.name, raw, column: column.ref, row });
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
    const record = readRecord({ level: this.level, fields, source: this.at(row) }, this.dict, this.problems);
    if (record !== undefined) this.records.push(record);
  }
}
