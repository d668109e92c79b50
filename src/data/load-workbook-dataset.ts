import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Dataset, DefinitionChoice, InputDictionary, Problem } from '../model/index.ts';
import { nearestName } from '../text/nearest-name.ts';
import { buildCounties, type CountyTables } from './build-counties.ts';
import { dataProblem, isStructural } from './data-problem.ts';
import { hashDatasetFiles } from './dataset-hash.ts';
import { displayPath, TABLES } from './load-dataset.ts';
import { readCountySection } from './read-county-section.ts';
import { findTableSheet, openWorkbook, readTableSheet } from './read-xlsx-tables.ts';
import { readWorkbookMeta, type WorkbookInfo } from './read-workbook-meta.ts';
import { metaSheetOf, SHEETS } from './workbook-layout.ts';

/** True when a dataset argument names a workbook rather than a dataset folder. */
export function isWorkbookPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/**
 * Sorts a workbook's sheets into the ones a dataset workbook has (基本信息 … and the tables) and reports every other
 * sheet, with the nearest known name: a sheet the rule set does not know is never silently skipped.
 */
function sortSheets(workbook: ExcelJS.Workbook, dict: InputDictionary, file: string, problems: Problem[]): Map<string, ExcelJS.Worksheet> {
  const known = new Map<string, ExcelJS.Worksheet>();
  const tableNames = new Set<string>();
  for (const { table, level } of TABLES) {
    const { worksheet } = findTableSheet(workbook, { table, level }, dict);
    if (worksheet !== undefined) {
      known.set(table, worksheet);
      tableNames.add(worksheet.name);
    }
  }
  const meta = Object.entries(SHEETS);
  const allowed = [...meta.map(([, name]) => name), ...TABLES.map(({ level }) => dict.levels[level]?.label.zh ?? level)];
  for (const worksheet of workbook.worksheets) {
    if (tableNames.has(worksheet.name)) continue;
    const part = metaSheetOf(worksheet.name);
    if (part !== undefined && !known.has(part)) {
      known.set(part, worksheet);
      continue;
    }
    const hint = nearestName(worksheet.name.trim(), allowed);
    problems.push(
      dataProblem('DATA_UNKNOWN_SHEET', { file, sheet: worksheet.name }, {
        zh: `规则集不认识工作表「${worksheet.name}」${hint !== undefined ? `；是否应为「${hint}」？` : ''}数据工作簿的工作表是：${allowed.join('、')}`,
        en: `the rule set does not know the sheet '${worksheet.name}'${hint !== undefined ? `; did you mean '${hint}'?` : ''} A dataset workbook has the sheets: ${allowed.join(', ')}`,
      }),
    );
  }
  return known;
}

/** What a workbook says about itself on 基本信息, for a command that has to pick the rule set before reading it. */
export async function readWorkbookInfo(path: string): Promise<WorkbookInfo | undefined> {
  const problems: Problem[] = [];
  const opened = await openWorkbook(path, displayPath(path), problems);
  const sheet = opened?.workbook.worksheets.find((w) => metaSheetOf(w.name) === 'info');
  if (sheet === undefined) return undefined;
  return readWorkbookMeta({ info: sheet }, undefined, displayPath(path), [], problems).info;
}

/**
 * Loads a filled-in data-entry workbook as a dataset of one county: 基本信息, 县级指标, 认定与佐证, 口径选择 and
 * 报告数字 stand for dataset.yaml, the 学校, 学部 and 班级 sheets for its tables. Every value keeps its sheet, row
 * and cell. `choices` are the rule set's declared definition choices, against which 口径选择 is read. As
 * loadDataset, it returns every problem together, and the dataset unless a structural problem prevents it.
 */
export async function loadWorkbookDataset(
  path: string,
  dict: InputDictionary,
  choices: DefinitionChoice[] = [],
): Promise<{ dataset?: Dataset; problems: Problem[]; rules?: string }> {
  const problems: Problem[] = [];
  const file = displayPath(path);
  const opened = await openWorkbook(path, file, problems);
  if (opened === undefined) return { problems };
  const sheets = sortSheets(opened.workbook, dict, file, problems);
  const meta = readWorkbookMeta(Object.fromEntries(sheets), dict, file, choices, problems);
  const { info, section, sources } = meta;
  const missing: string[] = (['info', 'county'] as const).filter((part) => !sheets.has(part)).map((part) => SHEETS[part]);
  if (!sheets.has('schools')) missing.push(dict.levels.school?.label.zh ?? 'school');
  for (const name of missing) {
    problems.push(
      dataProblem('DATA_SHEET_MISSING', { file }, {
        zh: `工作簿中没有「${name}」工作表；请用 junheng template 生成的填报模板填写（现有：${opened.workbook.worksheets.map((w) => w.name).join('、')}）`,
        en: `the workbook has no sheet '${name}'; fill in the workbook that junheng template writes (it has: ${opened.workbook.worksheets.map((w) => w.name).join(', ')})`,
      }),
    );
  }
  const head = readCountySection(section, dict, file, 'county', () => undefined, problems, (p) => sources.get(p));
  const tables: CountyTables = { schools: [], units: [], classes: [] };
  let refused = false;
  for (const { table, level } of TABLES) {
    const worksheet = sheets.get(table);
    if (worksheet === undefined) continue;
    const records = readTableSheet(worksheet, level, file, dict, problems, false);
    if (records === undefined) refused = true;
    else tables[table] = records;
  }
  // A table sheet that could not be read has been reported once: its missing rows are not more mistakes.
  const counties = head === undefined || refused ? [] : buildCounties([head], tables, dict, problems);
  const result: { dataset?: Dataset; problems: Problem[]; rules?: string } = { problems };
  if (info.rules !== undefined) result.rules = info.rules;
  if (head === undefined || refused || problems.some(isStructural)) return result;
  const id = info.id ?? basename(path).replace(/\.xlsx$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  const dataset: Dataset = {
    id: id === '' ? 'workbook' : id,
    dir: path,
    hash: hashDatasetFiles([{ name: basename(path), bytes: opened.bytes }]),
    counties,
  };
  if (info.title !== undefined) dataset.title = info.title;
  if (info.schoolYear !== undefined) dataset.schoolYear = info.schoolYear;
  if (info.synthetic !== undefined) dataset.synthetic = info.synthetic;
  if (info.provenance !== undefined) dataset.provenance = info.provenance;
  result.dataset = dataset;
  return result;
}
