/**
 * Writes the XLSX cases of the bad-data corpus (test/fixtures/bad-data/xlsx-*): one small workbook each, made
 * with exceljs, with what an office's spreadsheet really holds — merged cells, Excel error values, hostile headers,
 * a blank first row, numbers typed the way Chinese staff type them.
 *
 *   npx tsx scripts/generate-bad-data-xlsx.ts
 *
 * Deterministic in content: fixed workbook dates, fixed values; only the zip's own timestamps differ between runs,
 * so the committed workbooks are regenerated only when a case changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const ROOT = fileURLToPath(new URL('../test/fixtures/bad-data/', import.meta.url));

const DATASET_YAML = `# A small county for the bad-data corpus, its tables in one workbook (scripts/generate-bad-data-xlsx.ts).
id: bad-data
county:
  county_id: "440114"
  county_name: 测试区
tables: { workbook: data.xlsx }
`;

type Sheet = ExcelJS.Worksheet;

/** The two sheets every case starts from: schools and units, with the dictionary's Chinese labels as headers. */
function baseWorkbook(): { workbook: ExcelJS.Workbook; schools: Sheet; units: Sheet } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'junheng';
  workbook.created = new Date(Date.UTC(2024, 8, 1));
  workbook.modified = workbook.created;
  const schools = workbook.addWorksheet('学校');
  schools.addRow(['学校代码', '学校名称', '办学类型']);
  schools.addRow(['S1', '第一小学', '小学']);
  schools.addRow(['S2', '第二中学', '初中']);
  const units = workbook.addWorksheet('学部');
  units.addRow(['学部代码', '学校代码', '学段', '在校学生数']);
  units.addRow(['S1-P', 'S1', '小学', 1200]);
  units.addRow(['S2-J', 'S2', '初中', 600]);
  return { workbook, schools, units };
}

const CASES: Record<string, (sheets: { schools: Sheet; units: Sheet }) => void> = {
  // 在校学生数 of two units merged into one cell: exceljs reads 1200 for both rows.
  'xlsx-merged-cells': ({ units }) => units.mergeCells('D2:D3'),
  // A typed error value and a formula whose cached result is an error.
  'xlsx-error-cells': ({ units }) => {
    units.getCell('D2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    units.getCell('D3').value = {
      formula: 'VLOOKUP("S2-J",Z1:Z2,1,FALSE)',
      result: { error: '#N/A' },
    } as ExcelJS.CellFormulaValue;
  },
  'xlsx-proto-headers': ({ schools }) => {
    schools.getCell('D1').value = '__proto__';
    schools.getCell('E1').value = 'constructor';
    schools.getCell('F1').value = 'prototype';
    schools.getCell('D2').value = '{"polluted": true}';
  },
  // The headers one row down, under a blank first row: read naively, the sheet would be a table of no rows.
  'xlsx-blank-first-row': ({ units }) => {
    units.spliceRows(1, 0, []);
  },
  // Text cells as typed on a Chinese keyboard or copied from a report: full-width digits, thousands separators.
  'xlsx-natural-forms': ({ units }) => {
    units.getCell('D2').value = '1,200';
    units.getCell('D3').value = '６００';
  },
};

for (const [name, edit] of Object.entries(CASES)) {
  const { workbook, schools, units } = baseWorkbook();
  edit({ schools, units });
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dataset.yaml'), DATASET_YAML);
  const buffer = await workbook.xlsx.writeBuffer();
  writeFileSync(join(dir, 'data.xlsx'), new Uint8Array(buffer as ArrayBuffer));
  console.log(`${name}/data.xlsx`);
}
