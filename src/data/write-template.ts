import ExcelJS from 'exceljs';
import type { Cell, CountyData, Dataset, DefinitionChoice, InputDef, InputDictionary, Level } from '../model/index.ts';
import { levelColumns } from './level-columns.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import {
  ATTESTATION_COLUMNS,
  attestationInputs,
  CHOICE_COLUMNS,
  COUNTY_COLUMNS,
  countyInputs,
  FIGURE_LABELS,
  headerOf,
  INFO_COLUMNS,
  INFO_FIELDS,
  optionLabel,
  REPORTED_COLUMNS,
  SHEETS,
  type ListColumn,
} from './workbook-layout.ts';
import { guideLines } from './template-guide.ts';
import { repackZip } from '../files/repack-zip.ts';

/** Rows of a table sheet that get validation: enough for a county's schools, units and classes. */
const ROWS: Record<Level, number> = { county: 0, school: 2000, unit: 3000, class: 20000 };
const REPORTED_ROWS = 300;

export interface TemplateOptions {
  /** The definition choices of the rule set (declaredChoices), one row each on 口径选择. */
  choices?: DefinitionChoice[];
  /** The rule set the workbook is made for, written on 基本信息. */
  rules?: string;
  /** A one-county dataset to write into the workbook (its twin as one workbook); absent for a blank template. */
  dataset?: Dataset;
}

/** The header note of a column: the input's name, unit, bounds and statistical definition. */
function note(def: InputDef): string {
  const lines = [`${def.label.zh}（${def.name}）`];
  if (def.unit !== undefined) lines.push(`单位：${def.unit.zh}`);
  if (def.min !== undefined || def.max !== undefined) lines.push(`范围：${def.min ?? ''} ～ ${def.max ?? ''}`);
  if (def.type === 'integer') lines.push('填写整数');
  if (def.type === 'category') lines.push(`可选：${Object.values(def.values ?? {}).map((v) => v.zh).join('、')}`);
  if (def.type === 'boolean') lines.push('填写：是 或 否');
  if (def.required === true) lines.push('必填');
  if (def.definition !== undefined) lines.push(`口径：${def.definition.zh}`);
  if (def.unverified === true) lines.push('（口径待核实）');
  return lines.join('\n');
}

function list(values: string[], title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: title,
    formulae: [`"${values.join(',')}"`],
    error: `请选择：${values.join('、')}`,
  };
}

/** Excel data validation for an input, where the format can express it: lists, whole numbers, bounds. */
function validation(def: InputDef): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: def.label.zh };
  if (def.type === 'category') return list(Object.values(def.values ?? {}).map((v) => v.zh), def.label.zh);
  if (def.type === 'boolean') return { ...list(['是', '否'], def.label.zh), error: '请填写 是 或 否' };
  if (def.type === 'number' || def.type === 'integer') {
    const type = def.type === 'integer' ? 'whole' : 'decimal';
    const kind = def.type === 'integer' ? '整数' : '数';
    // A ratio (max ≤ 1) may be typed as 95%, which Excel stores as 0.95: the bounds still hold.
    if (def.min !== undefined && def.max !== undefined) {
      return { ...common, type, operator: 'between', formulae: [def.min, def.max], error: `请填写 ${def.min} 至 ${def.max} 之间的${kind}` };
    }
    if (def.min !== undefined) {
      return { ...common, type, operator: 'greaterThanOrEqual', formulae: [def.min], error: `请填写不小于 ${def.min} 的${kind}` };
    }
    if (def.max !== undefined) {
      return { ...common, type, operator: 'lessThanOrEqual', formulae: [def.max], error: `请填写不大于 ${def.max} 的${kind}` };
    }
  }
  return undefined;
}

function addValidation(sheet: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  // exceljs keeps a range-keyed map of validations; its typings omit it.
  (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(range, rule);
}

/**
 * The header row bold, shaded, frozen and locked; every other cell of the sheet unlocked, then the sheet protected
 * (no password) so that a header cannot be typed over by accident, while rows can still be added, deleted, sorted.
 */
async function protectHeader(sheet: ExcelJS.Worksheet, width: number, lockedColumns: number[] = []): Promise<void> {
  for (let c = 1; c <= width; c++) {
    sheet.getColumn(c).protection = { locked: lockedColumns.includes(c) };
    const cell = sheet.getRow(1).getCell(c);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.protection = { locked: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

function listSheet(workbook: ExcelJS.Workbook, name: string, columns: ListColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  return sheet;
}

function lockedOf(columns: ListColumn[]): number[] {
  return columns.flatMap((c, i) => (c.input === true ? [] : [i + 1]));
}

/** A cell as a spreadsheet value: categories by their Chinese label, booleans as 是/否, bad values as typed. */
export function excelValue(cell: Cell | undefined, def: InputDef | undefined): ExcelJS.CellValue {
  if (cell === undefined) return null;
  if (cell.value === null) return cell.raw ?? null;
  if (def?.type === 'category' && typeof cell.value === 'string') return def.values?.[cell.value]?.zh ?? cell.value;
  if (def?.type === 'boolean' && typeof cell.value === 'boolean') return cell.value ? '是' : '否';
  return cell.value;
}

function writeInfo(workbook: ExcelJS.Workbook, dict: InputDictionary, options: TemplateOptions, county?: CountyData): ExcelJS.Worksheet {
  const sheet = listSheet(workbook, SHEETS.info, INFO_COLUMNS);
  const dataset = options.dataset;
  const values: Record<string, ExcelJS.CellValue> = {
    id: dataset?.id ?? null,
    title: dataset?.title ?? null,
    county_id: county?.key ?? null,
    county_name: county?.name ?? null,
    school_year: dataset?.schoolYear ?? null,
    rules: options.rules ?? null,
    synthetic: dataset?.synthetic === undefined ? null : dataset.synthetic ? '是' : '否',
    provenance: dataset?.provenance ?? null,
  };
  for (const field of INFO_FIELDS) {
    const row = sheet.addRow({ label: field.label, value: values[field.key], key: field.key, note: field.note });
    const valueCell = row.getCell('value');
    valueCell.numFmt = '@';
    if (field.boolean === true) valueCell.dataValidation = list(['是', '否'], field.label);
    if (field.required === true) row.getCell('label').note = `${field.label}：必填`;
    if (field.key === 'county_id') {
      const def = dict.inputs[dict.levels.county?.key ?? ''];
      if (def !== undefined) row.getCell('label').note = note(def);
    }
  }
  return sheet;
}

function writeCounty(workbook: ExcelJS.Workbook, dict: InputDictionary, county?: CountyData): ExcelJS.Worksheet {
  const sheet = listSheet(workbook, SHEETS.county, COUNTY_COLUMNS);
  for (const def of countyInputs(dict)) {
    const cell = county?.record.values[def.name];
    // A number typed in a form that was converted (100%, 1,234) is written as typed, to be read the same way again;
    // the note of such a cell says how it was read, and is not the person's remark.
    const typed = cell?.raw !== undefined && (def.type === 'number' || def.type === 'integer');
    const row = sheet.addRow({
      label: def.label.zh,
      value: typed ? (cell?.raw ?? null) : excelValue(cell, def),
      unit: def.unit?.zh ?? '',
      quote: cell?.source.quote ?? null,
      note: cell?.raw === undefined ? (cell?.note?.zh ?? null) : null,
      name: def.name,
      definition: def.definition?.zh ?? '',
    });
    row.getCell('label').note = note(def);
    const rule = validation(def);
    if (rule !== undefined) row.getCell('value').dataValidation = rule;
  }
  return sheet;
}

function writeAttestations(workbook: ExcelJS.Workbook, dict: InputDictionary, county?: CountyData): ExcelJS.Worksheet {
  const sheet = listSheet(workbook, SHEETS.attestations, ATTESTATION_COLUMNS);
  for (const def of attestationInputs(dict)) {
    const a = county?.attestations[def.name];
    const row = sheet.addRow({
      label: def.label.zh,
      attested: a === undefined ? null : a.attested === null ? '不确定' : a.attested ? '是' : '否',
      evidence: a === undefined ? null : a.evidence.join('\n'),
      statement: a?.statement ?? null,
      quote: a?.source.quote !== undefined && a.source.quote !== a.statement ? a.source.quote : null,
      name: def.name,
      definition: def.definition?.zh ?? '',
    });
    row.getCell('label').note = note(def);
    row.getCell('attested').dataValidation = list(['是', '否', '不确定'], def.label.zh);
    row.getCell('evidence').note = '佐证材料：每行一份文件名（单元格内换行），或用“；”分隔；没有佐证就留空，不要编造';
    row.getCell('evidence').alignment = { wrapText: true, vertical: 'top' };
  }
  return sheet;
}

function writeChoices(workbook: ExcelJS.Workbook, choices: DefinitionChoice[], county?: CountyData): ExcelJS.Worksheet {
  const sheet = listSheet(workbook, SHEETS.choices, CHOICE_COLUMNS);
  for (const choice of choices) {
    const chosen = county?.choices[choice.id];
    const options = Object.entries(choice.options);
    const row = sheet.addRow({
      label: choice.label.zh,
      option: chosen === undefined ? null : optionLabel(choice.options[chosen.option]?.label ?? { zh: chosen.option, en: chosen.option }),
      quote: chosen?.source.quote ?? null,
      options: options.map(([key, o]) => `${optionLabel(o.label)}（${key}）`).join('\n'),
      id: choice.id,
    });
    const defaultLabel = choice.options[choice.default]?.label.zh ?? choice.default;
    row.getCell('label').note = `${choice.label.zh}（${choice.id}）\n不填时按默认口径：${defaultLabel}`;
    row.getCell('option').dataValidation = list(options.map(([, o]) => optionLabel(o.label)), choice.label.zh);
    row.getCell('options').alignment = { wrapText: true, vertical: 'top' };
  }
  return sheet;
}

function writeReported(workbook: ExcelJS.Workbook, dict: InputDictionary, county?: CountyData): ExcelJS.Worksheet {
  const sheet = listSheet(workbook, SHEETS.reported, REPORTED_COLUMNS);
  sheet.getColumn('value').numFmt = '@';
  const groups = [...new Set(Object.values(dict.levels).flatMap((l) => (l.group === undefined ? [] : [l.group])))];
  const groupLabels = groups.flatMap((g) => Object.values(dict.inputs[g]?.values ?? {}).map((v) => v.zh));
  for (const figure of county?.reported ?? []) {
    const groupDef = groups.map((g) => dict.inputs[g]).find((d) => d?.values?.[figure.group ?? ''] !== undefined);
    sheet.addRow({
      indicator: figure.indicator,
      check: figure.check ?? null,
      figure: FIGURE_LABELS[figure.figure] ?? figure.figure,
      group: figure.group === undefined ? null : (groupDef?.values?.[figure.group]?.zh ?? figure.group),
      value: figure.text ?? figure.value,
      decimals: figure.decimals ?? null,
      quote: figure.source.quote ?? null,
    });
  }
  const letter = (key: string): string => sheet.getColumn(key).letter;
  const last = REPORTED_ROWS + 1;
  addValidation(sheet, `${letter('figure')}2:${letter('figure')}${last}`, list(Object.values(FIGURE_LABELS), '数字'));
  if (groupLabels.length > 0) addValidation(sheet, `${letter('group')}2:${letter('group')}${last}`, list([...new Set(groupLabels)], '分组'));
  addValidation(sheet, `${letter('decimals')}2:${letter('decimals')}${last}`, {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    showErrorMessage: true,
    formulae: [0, 10],
    error: '小数位：0 至 10 的整数；不填时按公布值的写法',
  });
  const headerNotes: Record<string, string> = {
    indicator: '指标编号，与规则集中的编号一致',
    check: '指标有多个检查项时填写检查项编号；只有一项时留空',
    figure: `公布的是哪个数字：${Object.entries(FIGURE_LABELS).map(([k, v]) => `${v}（${k}）`).join('、')}`,
    group: `分组（${[...new Set(groupLabels)].join('、')}）；不分组的数字留空`,
    value: '照报告原样填写，保留小数位，如 0.139、98.20%；结论填 达标 或 未达标',
    quote: '报告中的原话',
  };
  REPORTED_COLUMNS.forEach((c, i) => {
    const text = headerNotes[c.key];
    if (text !== undefined) sheet.getRow(1).getCell(i + 1).note = text;
  });
  return sheet;
}

function writeTable(workbook: ExcelJS.Workbook, dict: InputDictionary, level: Level, county?: CountyData): ExcelJS.Worksheet | undefined {
  const levelDef = dict.levels[level];
  if (levelDef === undefined) return undefined;
  const sheet = workbook.addWorksheet(levelDef.label.zh);
  const names = levelColumns(dict, level).names.filter((n) => n !== dict.levels.county?.key);
  sheet.addRow(names.map((n) => (dict.inputs[n] === undefined ? n : headerOf(dict.inputs[n]))));
  const table = ({ school: 'schools', unit: 'units', class: 'classes' } as const)[level as 'school' | 'unit' | 'class'];
  for (const record of county?.[table] ?? []) {
    sheet.addRow(names.map((n) => excelValue(record.values[n], dict.inputs[n])));
  }
  names.forEach((name, i) => {
    const def = dict.inputs[name];
    if (def === undefined) return;
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, headerOf(def).length * 2 + 2);
    sheet.getRow(1).getCell(i + 1).note = note(def);
    const rule = validation(def);
    if (rule !== undefined) addValidation(sheet, `${column.letter}2:${column.letter}${Math.max(ROWS[level], sheet.rowCount) + 1}`, rule);
  });
  return sheet;
}

/**
 * Writes a data-entry workbook generated from the rule set's data dictionary, which is a whole dataset once filled
 * in: 填写说明 (instructions), 基本信息 (county, school year, rule set, provenance), 县级指标 (every county-level
 * input), 认定与佐证 (each attestation with its evidence), 口径选择 (each declared definition choice), 报告数字
 * (published figures), and one sheet per table (学校, 学部, 班级) with Chinese headers and units. Every header
 * carries a note with its definition; data validation comes from the dictionary; header rows are frozen and
 * protected. With `options.dataset`, its one county is written in (the workbook twin of a dataset folder).
 * Written atomically.
 */
export async function writeTemplate(dict: InputDictionary, outFile: string, options: TemplateOptions = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  // Fixed metadata: the workbook of the same content differs only where the zip format stamps times.
  workbook.creator = 'junheng';
  workbook.created = new Date(Date.UTC(2024, 8, 1));
  workbook.modified = workbook.created;
  const county = options.dataset?.counties[0];
  const guide = workbook.addWorksheet(SHEETS.guide);
  guide.getColumn(1).width = 110;
  for (const line of guideLines(dict, options.rules)) guide.addRow([line]).getCell(1).alignment = { wrapText: true };
  guide.getRow(1).font = { bold: true, size: 14 };
  const sheets: [ExcelJS.Worksheet, ListColumn[]][] = [
    [writeInfo(workbook, dict, options, county), INFO_COLUMNS],
    [writeCounty(workbook, dict, county), COUNTY_COLUMNS],
    [writeAttestations(workbook, dict, county), ATTESTATION_COLUMNS],
    [writeChoices(workbook, options.choices ?? [], county), CHOICE_COLUMNS],
  ];
  for (const [sheet, columns] of sheets) await protectHeader(sheet, columns.length, lockedOf(columns));
  await protectHeader(writeReported(workbook, dict, county), REPORTED_COLUMNS.length);
  for (const level of ['school', 'unit', 'class'] as const) {
    const sheet = writeTable(workbook, dict, level, county);
    if (sheet !== undefined) await protectHeader(sheet, sheet.columnCount);
  }
  await guide.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(outFile, await repackZip(new Uint8Array(buffer as ArrayBuffer)));
}
