import type { Cell, CountyData, DataRecord } from '../../model/dataset.ts';
import type { Level } from '../../model/level.ts';
import type { InputDictionary } from '../../model/ruleset.ts';

/**
 * Reads inputs as CountyContext.cell does (a record's own value, or its school's, or the county's, by the input's
 * level; a level's key reads the record's key), with the parent lookups of one county indexed once and no trail.
 */
export class RecordReader {
  private readonly byKey: Record<Level, Map<string, DataRecord>>;

  constructor(
    readonly county: CountyData,
    private readonly dictionary: InputDictionary,
  ) {
    this.byKey = { county: new Map(), school: new Map(), unit: new Map(), class: new Map() };
    for (const record of county.schools) this.byKey.school.set(record.key, record);
  }

  private parent(record: DataRecord): DataRecord | undefined {
    if (record.level === 'county') return undefined;
    const parentLevel = this.dictionary.levels[record.level]?.parent ?? 'county';
    if (parentLevel === 'county') return this.county.record;
    if (record.parentKey === undefined) return undefined;
    let index = this.byKey[parentLevel];
    if (index.size === 0 && parentLevel !== 'school') {
      const all = parentLevel === 'unit' ? this.county.units : this.county.classes;
      for (const r of all) index.set(r.key, r);
      index = this.byKey[parentLevel];
    }
    return index.get(record.parentKey);
  }

  /** The record that holds `name` as seen from `record`, or undefined when there is none. */
  holder(record: DataRecord, name: string): DataRecord | undefined {
    return this.at(record, this.dictionary.inputs[name]?.level);
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

  /** The cell of `name` as seen from `record` (CountyContext.cell without the holder). */
  cell(record: DataRecord, name: string): Cell | undefined {
    const holder = this.holder(record, name);
    if (!holder) return undefined;
    if (name === this.dictionary.levels[holder.level]?.key)
      return { value: holder.key, source: holder.source };
    return holder.values[name];
  }

  members(level: Level): DataRecord[] {
    switch (level) {
      case 'county':
        return [this.county.record];
      case 'school':
        return this.county.schools;
      case 'unit':
        return this.county.units;
      case 'class':
        return this.county.classes;
    }
  }
}
