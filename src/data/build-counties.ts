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
  for (const [level, table] of levels) {
    for (const record of tables[table]) {
      const named = record.values[countyKey]?.value;
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
    indexByKey(county.units, 'unit', dict, problems);
    indexByKey(county.classes, 'class', dict, problems);
    for (const record of [...county.units, ...county.classes]) checkParent(record, schools, dict, problems);
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

function checkParent(
  record: DataRecord,
  schools: Map<string, DataRecord>,
  dict: InputDictionary,
  problems: Problem[],
): void {
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
    return;
  }
  if (schools.has(record.parentKey)) return;
  const hint = nearestName(record.parentKey, schools.keys());
  problems.push(
    dataProblem('DATA_UNKNOWN_PARENT', record.values[parentKey]?.source ?? record.source, {
      zh: `${label.zh}「${record.key}」所属学校「${record.parentKey}」不在学校表中${hint !== undefined ? `；是否应为「${hint}」？` : ''}`,
      en: `${label.en} '${record.key}' belongs to school '${record.parentKey}', which is not in the schools table${hint !== undefined ? `; did you mean '${hint}'?` : ''}`,
    }),
  );
}
