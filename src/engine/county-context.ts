import type { Cell, CountyData, DataRecord } from '../model/dataset.ts';
import type { Subject } from '../model/evaluation.ts';
import type { Level } from '../model/level.ts';
import type { InputDictionary } from '../model/ruleset.ts';

/** One county's records, indexed for lookups from any member up to the county. */
export class CountyContext {
  readonly data: CountyData;
  readonly dictionary: InputDictionary;
  private readonly byLevel: Record<Level, DataRecord[]>;
  private readonly byKey: Record<Level, Map<string, DataRecord>>;

  constructor(data: CountyData, dictionary: InputDictionary) {
    this.data = data;
    this.dictionary = dictionary;
    this.byLevel = { county: [data.record], school: data.schools, unit: data.units, class: data.classes };
    this.byKey = { county: new Map(), school: new Map(), unit: new Map(), class: new Map() };
    for (const level of ['county', 'school', 'unit', 'class'] as const) {
      for (const record of this.byLevel[level]) this.byKey[level].set(record.key, record);
    }
  }

  /** The records of a level, optionally only those of one group (e.g. stage). */
  members(level: Level, group?: string): DataRecord[] {
    const all = this.byLevel[level];
    return group === undefined ? all : all.filter((r) => r.group === group);
  }

  record(level: Level, key: string): DataRecord | undefined {
    return this.byKey[level].get(key);
  }

  /** The parent record (a unit's school, a school's county). */
  parent(record: DataRecord): DataRecord | undefined {
    if (record.level === 'county') return undefined;
    const parentLevel = this.dictionary.levels[record.level]?.parent ?? 'county';
    if (parentLevel === 'county') return this.data.record;
    return record.parentKey === undefined ? undefined : this.byKey[parentLevel].get(record.parentKey);
  }

  /** The cell of `name` as seen from `record`: its own, or its school's, or the county's, by the input's level. */
  cell(record: DataRecord, name: string): { cell?: Cell; record?: DataRecord } {
    const level = this.dictionary.inputs[name]?.level;
    let current: DataRecord | undefined = record;
    while (current) {
      if (current.level === level) {
        if (name === this.dictionary.levels[current.level]?.key) {
          return { cell: { value: current.key, source: current.source }, record: current };
        }
        const cell = current.values[name];
        return cell ? { cell, record: current } : { record: current };
      }
      current = this.parent(current);
    }
    return {};
  }

  /** How a record is named in trails and reports. */
  subject(record: DataRecord): Subject {
    const subject: Subject = {
      level: record.level,
      key: record.key,
      name: record.name ?? record.key,
      county: this.data.key,
      countyName: this.data.name,
    };
    if (record.group !== undefined) subject.group = record.group;
    if (record.level === 'unit' || record.level === 'class') {
      const school = this.parent(record);
      if (school) {
        subject.school = school.key;
        subject.schoolName = school.name ?? school.key;
      }
    }
    if (record.level === 'school') {
      subject.school = record.key;
      subject.schoolName = record.name ?? record.key;
    }
    return subject;
  }
}
