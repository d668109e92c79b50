import ExcelJS from 'exceljs';
import type { InputDef, InputDictionary, Level } from '../model/index.ts';
import { levelColumns } from './level-columns.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';

/** Rows of a table sheet that get validation: enough for a county's schools, units and classes. */
const ROWS: Record<Level, number> = { county: 0, school: 2000, unit: 3000, class: 20000 };

/** The header note of a column: the input's name, unit, bounds and statistical definition. */
function note(def: InputDef): string {
  const lines = [`${def.label.zh}（${def.name}）`];
  if (def.unit !== undefined) lines.push(`单位：${def.unit.zh}`);
  if (def.min !== undefined || def.max !== undefined) lines.push(`范围：${def.min ?? ''} ～ ${def.max ?? ''}`);
  if (def.type === 'category') lines.push(`可选：${Object.values(def.values ?? {}).map((v) => v.zh).join('、')}`);
  if (def.type === 'boolean') lines.push('填写：是 或 否');
  if (def.required === true) lines.push('必填');
  if (def.definition !== undefined) lines.push(`口径：${def.definition.zh}`);
  if (def.unverified === true) lines.push('（口径待核实）');
  return lines.join('\n');
}

/** Excel data validation for an input, where the format can express it. */
function validation(def: InputDef): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: def.label.zh };
  if (def.type === 'category') {
    const labels = Object.values(def.values ?? {}).map((v) => v.zh);
    return { ...common, type: 'list', formulae: [`"${labels.join(',')}"`], error: `请选择：${labels.join('、')}` };
  }
  if (def.type === 'boolean') return { ...common, type: 'list', formulae: ['"是,否"'], error: '请填写 是 或 否' };
  if (def.type === 'number' || def.type === 'integer') {
    const type = def.type === 'integer' ? 'whole' : 'decimal';
    if (def.min !== undefined && def.max !== undefined) {
      return { ...common, type, operator: 'between', formulae: [def.min, def.max], error: `请填写 ${def.min} 至 ${def.max} 之间的${def.type === 'integer' ? '整数' : '数'}` };
    }
    if (def.min !== undefined) {
      return { ...common, type, operator: 'greaterThanOrEqual', formulae: [def.min], error: `请填写不小于 ${def.min} 的${def.type === 'integer' ? '整数' : '数'}` };
    }
  }
  return undefined;
}

function addValidation(sheet: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  // exceljs keeps a range-keyed map of validations; its typings omit it.
  (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(range, rule);
}

/**
 * Writes a blank data-entry workbook generated from the data dictionary: a 县级 sheet listing the county inputs
 * (label, value, unit, name) and one sheet per table level (学校, 学部, 班级) with Chinese headers, each header
 * carrying a note (name, unit, bounds, definition), and data validation for categories, yes/no and number bounds.
 * Written atomically.
 */
export async function writeTemplate(dict: InputDictionary, outFile: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'junheng';
  const county = workbook.addWorksheet('县级');
  county.columns = [
    { header: '项目', key: 'label', width: 48 },
    { header: '值', key: 'value', width: 16 },
    { header: '单位', key: 'unit', width: 12 },
    { header: '输入名', key: 'name', width: 32 },
    { header: '说明', key: 'definition', width: 60 },
  ];
  county.getRow(1).font = { bold: true };
  for (const def of Object.values(dict.inputs).filter((d) => d.level === 'county' && d.type !== 'attestation')) {
    const row = county.addRow({ label: def.label.zh, unit: def.unit?.zh ?? '', name: def.name, definition: def.definition?.zh ?? '' });
    row.getCell('label').note = note(def);
    const rule = validation(def);
    if (rule !== undefined) row.getCell('value').dataValidation = rule;
  }
  for (const level of ['school', 'unit', 'class'] as const) {
    const levelDef = dict.levels[level];
    if (levelDef === undefined) continue;
    const sheet = workbook.addWorksheet(levelDef.label.zh);
    const names = levelColumns(dict, level).names.filter((n) => n !== dict.levels.county?.key);
    sheet.addRow(names.map((n) => dict.inputs[n]?.label.zh ?? n));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    names.forEach((name, i) => {
      const def = dict.inputs[name];
      if (def === undefined) return;
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(10, def.label.zh.length * 2 + 2);
      sheet.getRow(1).getCell(i + 1).note = note(def);
      const rule = validation(def);
      if (rule !== undefined) addValidation(sheet, `${column.letter}2:${column.letter}${ROWS[level] + 1}`, rule);
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  await writeFileAtomic(outFile, new Uint8Array(buffer as ArrayBuffer));
}
