import ExcelJS from 'exceljs';
import type { Cell, Dataset, InputDictionary, Level } from '../model/index.ts';
import { levelColumns } from './level-columns.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { repackZip } from '../files/repack-zip.ts';

const SHEETS: { level: Level; table: 'schools' | 'units' | 'classes' }[] = [
  { level: 'school', table: 'schools' },
  { level: 'unit', table: 'units' },
  { level: 'class', table: 'classes' },
];

/** A cell as a spreadsheet value: categories by their Chinese label, booleans as 是/否, bad values as typed. */
function excelValue(cell: Cell, dict: InputDictionary, name: string): ExcelJS.CellValue {
  if (cell.value === null) return cell.raw ?? null;
  const def = dict.inputs[name];
  if (def?.type === 'category' && typeof cell.value === 'string') return def.values?.[cell.value]?.zh ?? cell.value;
  if (def?.type === 'boolean' && typeof cell.value === 'boolean') return cell.value ? '是' : '否';
  return cell.value;
}

/**
 * Writes the tables of a loaded dataset as one XLSX workbook: sheets 学校, 学部, 班级 (the levels' Chinese labels),
 * headers as the dictionary's Chinese labels, one column per input present in the data, in dictionary order.
 * A dataset of several counties gets the county key column on every sheet. Written atomically.
 */
export async function writeDatasetXlsx(dataset: Dataset, dict: InputDictionary, outFile: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  // Fixed metadata: the workbook of the same data differs only where the zip format stamps times.
  workbook.creator = 'junheng';
  workbook.created = new Date(Date.UTC(2024, 8, 1));
  workbook.modified = workbook.created;
  const countyKey = dict.levels.county?.key;
  for (const { level, table } of SHEETS) {
    const records = dataset.counties.flatMap((c) => c[table].map((r) => ({ county: c.key, record: r })));
    const present = new Set(records.flatMap(({ record }) => Object.keys(record.values)));
    const multi = dataset.counties.length > 1 && countyKey !== undefined;
    const names = levelColumns(dict, level).names.filter((n) => present.has(n) || (multi && n === countyKey));
    const sheet = workbook.addWorksheet(dict.levels[level]?.label.zh ?? level);
    sheet.addRow(names.map((n) => dict.inputs[n]?.label.zh ?? n));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const { county, record } of records) {
      sheet.addRow(
        names.map((n) => {
          const cell = record.values[n];
          if (cell === undefined) return multi && n === countyKey ? county : null;
          return excelValue(cell, dict, n);
        }),
      );
    }
    names.forEach((n, i) => (sheet.getColumn(i + 1).width = Math.max(10, (dict.inputs[n]?.label.zh.length ?? 8) * 2 + 2)));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(outFile, await repackZip(new Uint8Array(buffer as ArrayBuffer)));
}
