import type { Cell, CellSource, DataRecord, InputDef, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { idInputNames, INVISIBLE_ALL, invisibleCharacter, normalizeId } from './normalize-id.ts';
import { readCell, type CellReading, type RawValue } from './read-cell.ts';
import { tableSource, toTableCell, type TableColumn } from './table-cell.ts';

/**
 * One value of a row before it is read: the input it belongs to, as written, and where: a source, or for a table
 * cell its column and row (the source is then built only when something asks for it, see table-cell.ts).
 */
export type RawField = {
  name: string;
  raw: RawValue;
  /** A note from the file itself (dataset.yaml `note:`), kept with the cell. */
  note?: string;
} & ({ source: CellSource } | { column: TableColumn; row: number });

/** Stands in for a table cell's source while it is read; never kept (see readField). */
const DEFERRED: CellSource = Object.freeze({ file: '' });

/** Reads one field; a table field's value becomes a TableCell, and its source is built only for a problem. */
function readField(field: RawField, def: InputDef): CellReading {
  if ('source' in field) return readCell(field.raw, def, field.source);
  const reading = readCell(field.raw, def, DEFERRED);
  // A value with a problem is read again with its real place, for the message (rare: bad values only).
  if (reading.problem !== undefined) return readCell(field.raw, def, tableSource(field.column, field.row));
  if (reading.cell === undefined) return reading;
  return { cell: toTableCell(reading.cell, field.column, field.row) };
}

/** A row of a table or a YAML list, its columns already mapped to input names. */
export interface RawRow {
  level: Level;
  fields: RawField[];
  source: CellSource;
}

const requiredByLevel = new WeakMap<InputDictionary, Map<Level, InputDef[]>>();

/** The required inputs of a level other than its key, computed once per dictionary (national tables have 250k rows). */
function requiredInputs(dict: InputDictionary, level: Level): InputDef[] {
  let byLevel = requiredByLevel.get(dict);
  if (byLevel === undefined) {
    byLevel = new Map();
    requiredByLevel.set(dict, byLevel);
  }
  let list = byLevel.get(level);
  if (list === undefined) {
    const key = dict.levels[level]?.key;
    list = Object.values(dict.inputs).filter((d) => d.level === level && d.required === true && d.name !== key);
    byLevel.set(level, list);
  }
  return list;
}

/**
 * Reads the values of a row into a record: each value against its input definition (bad values become invalid
 * cells and problems), then the key, name, parent key and group. A row without its key gives no record.
 */
export function readRecord(row: RawRow, dict: InputDictionary, problems: Problem[]): DataRecord | undefined {
  const levelDef = dict.levels[row.level];
  if (levelDef === undefined) return undefined;
  const values: Record<string, Cell> = {};
  const ids = idInputNames(dict);
  for (const field of row.fields) {
    const def = dict.inputs[field.name];
    if (def === undefined) continue;
    const reading = readField(field, def);
    if (reading.problem !== undefined) problems.push(reading.problem);
    if (reading.cell === undefined) continue;
    if (field.note !== undefined) {
      const note = reading.cell.note;
      reading.cell.note =
        note === undefined ? { zh: field.note, en: field.note } : { zh: `${field.note}；${note.zh}`, en: `${field.note}; ${note.en}` };
    }
    if (ids.has(field.name) && typeof reading.cell.value === 'string') {
      // Ids are compared after NFKC; an invisible character would make a second school of the same one.
      const hidden = invisibleCharacter(reading.cell.value);
      if (hidden !== undefined) {
        const at = 'source' in field ? field.source : tableSource(field.column, field.row);
        problems.push(
          dataProblem('DATA_ID_INVISIBLE_CHARACTER', at, {
            zh: `代码「${reading.cell.value.replace(INVISIBLE_ALL, '�')}」含有看不见的字符 ${hidden}（零宽字符、方向控制符、BOM 或软连字符），会被当成另一个代码；请删去它（上面以 � 标出）`,
            en: `the id '${reading.cell.value.replace(INVISIBLE_ALL, '�')}' holds the invisible character ${hidden} (zero-width, bidi control, BOM or soft hyphen), which would make it a different id; delete it (shown as �)`,
          }),
        );
        return undefined;
      }
      const normal = normalizeId(reading.cell.value);
      if (normal !== reading.cell.value) {
        const was = reading.cell.value;
        reading.cell.value = normal;
        const note = { zh: `代码「${was}」按 Unicode NFKC 读作「${normal}」`, en: `id '${was}' read as '${normal}' (Unicode NFKC)` };
        reading.cell.note =
          reading.cell.note === undefined
            ? note
            : { zh: `${reading.cell.note.zh}；${note.zh}`, en: `${reading.cell.note.en}; ${note.en}` };
      }
    }
    values[field.name] = reading.cell;
  }
  const keyCell = values[levelDef.key];
  if (keyCell === undefined || keyCell.value === null || keyCell.value === '') {
    const keyDef = dict.inputs[levelDef.key];
    problems.push(
      dataProblem('DATA_KEY_MISSING', row.source, {
        zh: `缺少${levelDef.label.zh}的标识「${keyDef?.label.zh ?? levelDef.key}」（${levelDef.key}），该行无法使用`,
        en: `the ${levelDef.label.en} has no '${levelDef.key}' (${keyDef?.label.en ?? levelDef.key}); the row cannot be used`,
      }),
    );
    return undefined;
  }
  for (const def of requiredInputs(dict, row.level)) {
    if (values[def.name] === undefined) {
      const blank = row.fields.find((f) => f.name === def.name);
      const at = blank !== undefined && 'column' in blank ? tableSource(blank.column, blank.row) : row.source;
      problems.push(
        dataProblem('DATA_REQUIRED_MISSING', at, {
          zh: `${levelDef.label.zh}「${String(keyCell.value)}」缺少必填项「${def.label.zh}」（${def.name}）`,
          en: `${levelDef.label.en} '${String(keyCell.value)}' lacks the required input '${def.name}' (${def.label.en})`,
        }),
      );
    }
  }
  const record: DataRecord = { level: row.level, key: String(keyCell.value), values, source: row.source };
  const name = levelDef.name === undefined ? undefined : values[levelDef.name]?.value;
  if (typeof name === 'string' && name !== '') record.name = name;
  const parent = levelDef.parentKey === undefined ? undefined : values[levelDef.parentKey]?.value;
  if (parent !== undefined && parent !== null && parent !== '') record.parentKey = String(parent);
  const group = levelDef.group === undefined ? undefined : values[levelDef.group]?.value;
  if (typeof group === 'string') record.group = group;
  return record;
}
