import { recordValue } from '../model/dataset.ts';
import type { CountyData, DataRecord, InputDictionary, Level, Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { nearestName } from '../text/nearest-name.ts';

/** The county-level part of one county, as read from dataset.yaml or an inline case. */
export type CountyHead = Omit<CountyData, 'schools' | 'units' | 'classes'>;

export interface CountyTables {
  schools: DataRecord[];
  units: DataRecord[];
  classes: DataRecord[];
}

/**
 * Distributes table records to their counties and checks the structure: every row belongs to a known county, keys
 * are unique within a county, and every unit and class points at an existing school of its county.
 * With one county, rows without a county key belong to it; with several, every row must name its county.
 */
export function buildCounties(
  heads: CountyHead[],
  tables: CountyTables,
  dict: InputDictionary,
  problems: Problem[],
  /** Tables whose records' keys the reader found to be all different (table-reader.ts `keysUnique`). */
  uniqueKeys: ReadonlySet<keyof CountyTables> = new Set(),
): CountyData[] {
  const countyKey = dict.levels.county?.key ?? 'county_id';
  const counties = new Map<string, CountyData>();
  for (const head of heads) {
    const existing = counties.get(head.key);
    if (existing !== undefined) {
      problems.push(
        dataProblem('DATA_DUPLICATE_KEY', head.record.source, {
          zh: `县（区）代码「${head.key}」重复，已在 ${existing.record.source.path ?? ''} 出现`,
          en: `county key '${head.key}' is repeated; it already appears at ${existing.record.source.path ?? ''}`,
        }),
      );
      continue;
    }
    counties.set(head.key, { ...head, schools: [], units: [], classes: [] });
  }
  const only = heads.length === 1 ? counties.values().next().value : undefined;
  const levels: [Level, keyof CountyTables][] = [
    ['school', 'schools'],
    ['unit', 'units'],
    ['class', 'classes'],
  ];
  // The county column of the chunk the records are held in, read once for all its records.
  let chunk: DataRecord['chunk'];
  let countyColumn: ArrayLike<unknown> | undefined;
  const countyOf = (record: DataRecord): unknown => {
    if (record.chunk !== undefined && record.index !== undefined) {
      if (record.chunk !== chunk) {
        chunk = record.chunk;
        const column = chunk.column(countyKey);
        countyColumn = column instanceof Float64Array ? undefined : column;
      }
      if (countyColumn !== undefined) return countyColumn[record.index];
    }
    return recordValue(record, countyKey);
  };
  for (const [level, table] of levels) {
    for (const record of tables[table]) {
      const named = countyOf(record);
      let county: CountyData | undefined;
      if (named === undefined || named === null || named === '') {
        county = only;
        if (county === undefined) {
          problems.push(
            dataProblem('DATA_COUNTY_KEY_MISSING', record.source, {
              zh: `数据集有多个县（区），每行都要填写「${countyKey}」`,
              en: `the dataset has several counties; every row needs '${countyKey}'`,
            }),
          );
          continue;
        }
      } else {
        county = counties.get(String(named));
        if (county === undefined) {
          const hint = nearestName(String(named), counties.keys());
          problems.push(
            dataProblem('DATA_UNKNOWN_COUNTY', record.values[countyKey]?.source ?? record.source, {
              zh: `县（区）「${String(named)}」不在 dataset.yaml 中${hint !== undefined ? `；是否应为「${hint}」？` : ''}`,
              en: `county '${String(named)}' is not in dataset.yaml${hint !== undefined ? `; did you mean '${hint}'?` : ''}`,
            }),
          );
          continue;
        }
      }
      if (level === 'school') record.parentKey = county.key;
      county[table].push(record);
    }
  }
  for (const county of counties.values()) {
    const schools = indexByKey(county.schools, 'school', dict, problems);
    if (!uniqueKeys.has('units')) indexByKey(county.units, 'unit', dict, problems);
    if (!uniqueKeys.has('classes')) indexByKey(county.classes, 'class', dict, problems);
    // One missing school is one mistake: its units and classes are named in one message, not one each.
    const orphans = new Map<string, DataRecord[]>();
    for (const records of [county.units, county.classes]) {
      for (const record of records) {
        if (record.parentKey !== undefined && schools.has(record.parentKey)) continue;
        if (!checkParent(record, schools, dict, problems)) continue;
        const group = `${record.level}\u0000${record.parentKey ?? ''}`;
        orphans.set(group, [...(orphans.get(group) ?? []), record]);
      }
    }
    for (const records of orphans.values()) problems.push(orphanProblem(records, schools, dict));
  }
  return [...counties.values()];
}

function indexByKey(
  records: DataRecord[],
  level: Level,
  dict: InputDictionary,
  problems: Problem[],
): Map<string, DataRecord> {
  const byKey = new Map<string, DataRecord>();
  const label = dict.levels[level]?.label ?? { zh: level, en: level };
  for (const record of records) {
    const first = byKey.get(record.key);
    if (first === undefined) {
      byKey.set(record.key, record);
      continue;
    }
    const at = first.source.row !== undefined ? `第 ${first.source.row} 行` : (first.source.path ?? '');
    const atEn = first.source.row !== undefined ? `row ${first.source.row}` : (first.source.path ?? '');
    problems.push(
      dataProblem('DATA_DUPLICATE_KEY', record.source, {
        zh: `${label.zh}代码「${record.key}」重复（已在${at}出现）；同一县（区）内代码必须唯一`,
        en: `${label.en} key '${record.key}' is repeated (first at ${atEn}); keys must be unique within a county`,
      }),
    );
  }
  return byKey;
}

/** False when the record's school is known or its absence was reported; true when its school is not in the table. */
function checkParent(
  record: DataRecord,
  schools: Map<string, DataRecord>,
  dict: InputDictionary,
  problems: Problem[],
): boolean {
  const levelDef = dict.levels[record.level];
  const parentKey = levelDef?.parentKey ?? 'school_id';
  const label = levelDef?.label ?? { zh: record.level, en: record.level };
  if (record.parentKey === undefined) {
    problems.push(
      dataProblem('DATA_PARENT_MISSING', record.source, {
        zh: `${label.zh}「${record.key}」没有填写所属学校「${parentKey}」`,
        en: `${label.en} '${record.key}' does not name its school ('${parentKey}')`,
      }),
    );
    return false;
  }
  return !schools.has(record.parentKey);
}

/** The rows where records sit, for a message: 第 10、11、12 行 / rows 10, 11, 12 (at most ten, then …). */
function rowList(records: DataRecord[]): { zh: string; en: string } | undefined {
  const rows = records.flatMap((r) => (r.source.row === undefined ? [] : [r.source.row]));
  if (rows.length === 0) return undefined;
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? '…' : '';
  return { zh: `第 ${shown.join('、')}${more} 行`, en: `rows ${shown.join(', ')}${more}` };
}

function orphanProblem(records: DataRecord[], schools: Map<string, DataRecord>, dict: InputDictionary): Problem {
  const first = records[0] as DataRecord;
  const levelDef = dict.levels[first.level];
  const parentKey = levelDef?.parentKey ?? 'school_id';
  const label = levelDef?.label ?? { zh: first.level, en: first.level };
  const school = first.parentKey ?? '';
  const hint = nearestName(school, schools.keys());
  const hintZh = hint !== undefined ? `；是否应为「${hint}」？` : '';
  const hintEn = hint !== undefined ? `; did you mean '${hint}'?` : '';
  const source = first.values[parentKey]?.source ?? first.source;
  if (records.length === 1) {
    return dataProblem('DATA_UNKNOWN_PARENT', source, {
      zh: `${label.zh}「${first.key}」所属学校「${school}」不在学校表中${hintZh}`,
      en: `${label.en} '${first.key}' belongs to school '${school}', which is not in the schools table${hintEn}`,
    });
  }
  const rows = rowList(records);
  return dataProblem('DATA_UNKNOWN_PARENT', source, {
    zh: `${records.length} 个${label.zh}（「${first.key}」等${rows !== undefined ? `，${rows.zh}` : ''}）所属学校「${school}」不在学校表中${hintZh}`,
    en: `${records.length} ${label.en} records ('${first.key}' …${rows !== undefined ? `, ${rows.en}` : ''}) belong to school '${school}', which is not in the schools table${hintEn}`,
  });
}
