import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { DataRecord, Dataset, InputDictionary, Level, Problem } from '../model/index.ts';
import { buildCounties, type CountyTables } from './build-counties.ts';
import { dataProblem, isStructural } from './data-problem.ts';
import { levelColumns, resolveHeader, suggestHeader } from './level-columns.ts';
import { isObject, readCountySection } from './read-county-section.ts';
import type { RawValue } from './read-cell.ts';
import { readRecord, type RawField } from './read-record.ts';

const TABLES: [keyof CountyTables, Level][] = [
  ['schools', 'school'],
  ['units', 'unit'],
  ['classes', 'class'],
];

/**
 * Builds a one-county dataset from a document shaped like a rule test case (case.schema.json): `county` with
 * inputs, attestations, choices and reported figures, and `schools`, `units`, `classes` as lists of rows
 * `{input name or Chinese label: value}`. Other keys of a case (name, expect …) are not data and are ignored.
 * Every value's source is the file and its key path (`units/3/students`).
 */
export function datasetFromInline(
  doc: unknown,
  dict: InputDictionary,
  file: string,
  id?: string,
): { dataset?: Dataset; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isObject(doc)) {
    problems.push(
      dataProblem('DATA_SHAPE_INVALID', { file, path: '' }, { zh: '内容应为一个对象（county、schools…）', en: 'expected an object (county, schools …)' }),
    );
    return { problems };
  }
  const head = readCountySection(doc['county'] ?? {}, dict, file, 'county', () => undefined, problems);
  const tables: CountyTables = { schools: [], units: [], classes: [] };
  for (const [table, level] of TABLES) {
    tables[table] = readInlineRows(doc[table], level, dict, file, table, problems);
  }
  const counties = head === undefined ? [] : buildCounties([head], tables, dict, problems);
  if (head === undefined || problems.some(isStructural)) return { problems };
  const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const dataset: Dataset = { id: id ?? basename(file).replace(/\.[^.]*$/, ''), dir: file, hash, counties };
  return { dataset, problems };
}

function readInlineRows(
  rows: unknown,
  level: Level,
  dict: InputDictionary,
  file: string,
  table: string,
  problems: Problem[],
): DataRecord[] {
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows)) {
    problems.push(dataProblem('DATA_SHAPE_INVALID', { file, path: table }, { zh: '应为行的列表', en: 'expected a list of rows' }));
    return [];
  }
  const columns = levelColumns(dict, level);
  const reported = new Set<string>();
  const records: DataRecord[] = [];
  rows.forEach((row: unknown, i) => {
    const path = `${table}/${i}`;
    if (!isObject(row)) {
      problems.push(dataProblem('DATA_SHAPE_INVALID', { file, path }, { zh: '每行应为 {输入名: 值}', en: 'each row must be {input: value}' }));
      return;
    }
    const fields: RawField[] = [];
    for (const [header, value] of Object.entries(row)) {
      const name = resolveHeader(header, columns);
      if (name === undefined) {
        if (!reported.has(header)) {
          reported.add(header);
          const hint = suggestHeader(header, columns);
          problems.push(
            dataProblem('DATA_UNKNOWN_COLUMN', { file, path: `${path}/${header}` }, {
              zh: `${dict.levels[level]?.label.zh ?? level}没有输入「${header}」${hint !== undefined ? `；是否应为「${hint}」？` : ''}`,
              en: `${dict.levels[level]?.label.en ?? level} rows have no input '${header}'${hint !== undefined ? `; did you mean '${hint}'?` : ''}`,
            }),
          );
        }
        continue;
      }
      const raw: RawValue =
        value === null || ['string', 'number', 'boolean'].includes(typeof value) || value instanceof Date
          ? (value as RawValue)
          : JSON.stringify(value);
      fields.push({ name, raw, source: { file, path: `${path}/${header}` } });
    }
    const record = readRecord({ level, fields, source: { file, path } }, dict, problems);
    if (record !== undefined) records.push(record);
  });
  return records;
}
