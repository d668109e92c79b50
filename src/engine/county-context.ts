import { recordValue, type Cell, type CountyData, type DataRecord } from '../model/dataset.ts';
import type { Subject } from '../model/evaluation.ts';
import type { Level } from '../model/level.ts';
import type { InputDictionary } from '../model/ruleset.ts';

/**
 * One county's records, indexed for lookups from any member up to the county. A level's index is built when it is
 * first asked for: a verdict-only run over 180,000 classes never looks a class up by its key.
 */
export class CountyContext {
  readonly data: CountyData;
  readonly dictionary: InputDictionary;
  private readonly byLevel: Record<Level, DataRecord[]>;
  /** Every level's index, of one fixed shape (a lookup on the hot path of every formula); filled when first read. */
  private readonly byKey: Record<Level, Map<string, DataRecord>>;

  constructor(data: CountyData, dictionary: InputDictionary) {
    this.data = data;
    this.dictionary = dictionary;
    this.byLevel = { county: [data.record], school: data.schools, unit: data.units, class: data.classes };
    this.byKey = { county: new Map(), school: new Map(), unit: new Map(), class: new Map() };
  }

  /** The records of a level, optionally only those of one group (e.g. stage). */
  members(level: Level, group?: string): DataRecord[] {
    const all = this.byLevel[level];
    return group === undefined ? all : all.filter((r) => r.group === group);
  }

  record(level: Level, key: string): DataRecord | undefined {
    return this.index(level).get(key);
  }

  private index(level: Level): Map<string, DataRecord> {
    const index = this.byKey[level];
    if (index.size === 0) for (const record of this.byLevel[level]) index.set(record.key, record);
    return index;
  }

  /** The parent record (a unit's school, a school's county). */
  parent(record: DataRecord): DataRecord | undefined {
    if (record.level === 'county') return undefined;
    const parentLevel = this.dictionary.levels[record.level]?.parent ?? 'county';
    if (parentLevel === 'county') return this.data.record;
    if (record.parentKey === undefined) return undefined;
    let index = this.byKey[parentLevel];
    if (index.size === 0) index = this.index(parentLevel);
    return index.get(record.parentKey);
  }

  /** The record of `level` as seen from `record` (the record itself or an ancestor), or undefined. */
  at(record: DataRecord, level: Level | undefined): DataRecord | undefined {
    let current: DataRecord | undefined = record;
    while (current) {
      if (current.level === level) return current;
      current = this.parent(current);
    }
    return undefined;
  }

  /** The cell of `name` as seen from `record`: its own, or its school's, or the county's, by the input's level. */
  cell(record: DataRecord, name: string): { cell?: Cell; record?: DataRecord } {
    const holder = this.at(record, this.dictionary.inputs[name]?.level);
    if (!holder) return {};
    if (name === this.dictionary.levels[holder.level]?.key) {
      return { cell: { value: holder.key, source: holder.source }, record: holder };
    }
    const cell = holder.values[name];
    return cell ? { cell, record: holder } : { record: holder };
  }

  /** The value of `name` as seen from `record` (the value of `cell`), without building a cell. */
  value(record: DataRecord, name: string): Cell['value'] | undefined {
    const holder = this.at(record, this.dictionary.inputs[name]?.level);
    if (!holder) return undefined;
    if (name === this.dictionary.levels[holder.level]?.key) return holder.key;
    return recordValue(holder, name);
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
