import type { Level } from './level.ts';
import type { CellSource } from './source.ts';

/** One value and where it came from. `note` says how a typed form was read (e.g. `95%` read as 0.95). */
export interface Cell {
  value: number | boolean | string | null;
  source: CellSource;
  raw?: string;
  note?: { zh: string; en: string };
  /** Set when the cell was present but could not be read (e.g. `#DIV/0!`, `abc` in a number column). */
  invalid?: { zh: string; en: string };
}

/** One record (a county, a school, a unit or a class) with its inputs by name. */
export interface DataRecord {
  level: Level;
  key: string;
  name?: string;
  parentKey?: string;
  /** Value of the level's group input (e.g. `primary`), when the level has one. */
  group?: string;
  values: Record<string, Cell>;
  source: CellSource;
  /**
   * The value of one of the record's own inputs, read without making its cell: set by records held in columns
   * (data/column-table.ts). Undefined when the record has no value there, null when its cell is invalid.
   */
  readValue?(name: string): Cell['value'] | undefined;
  /** The columns the record is held in, with `index` its row among them: set by records held in columns. */
  readonly chunk?: RecordColumns;
  readonly index?: number;
}

/** The columns of a table's records (data/column-table.ts): each input's values by row, read without cells. */
export interface RecordColumns {
  /**
   * Input `name`'s values by row: numbers (NaN where a row has none), or values (undefined where a row has none);
   * undefined when the table has no column for it. A column holds no invalid value.
   */
  column(name: string): Float64Array | readonly (string | number | boolean | undefined)[] | undefined;
}

/** The value of input `name` of a record (its own cell): undefined when it has none, null when it is invalid. */
export function recordValue(record: DataRecord, name: string): Cell['value'] | undefined {
  return record.readValue !== undefined ? record.readValue(name) : record.values[name]?.value;
}

/** A judgement with evidence (e.g. 规划布局合理), as a county states it. */
export interface Attestation {
  attested: boolean | null;
  evidence: string[];
  statement?: string;
  source: CellSource;
}

/** A figure a self-evaluation report published, to be checked against the recomputed one. */
export interface ReportedFigure {
  indicator: string;
  check?: string;
  /**
   * value: the value of a county-level check; county_value: the county ratio of a group;
   * cv: the weighted coefficient of variation of a group; members_met / members_within_tolerance / members_not_met /
   * members_total: counts of members meeting the standard, below it but within tolerance, failing it, and in all;
   * share_met: the share of compliant members; claim: a stated verdict ("100% 达标"); mean / sd / n: the weighted
   * mean, the standard deviation and the number of members behind a published CV (a monitoring table's columns).
   * A composite CV (综合差异系数) is a `cv` of the indicator `composite`.
   */
  figure:
    | 'value'
    | 'county_value'
    | 'cv'
    | 'members_met'
    | 'members_within_tolerance'
    | 'members_not_met'
    | 'members_total'
    | 'share_met'
    | 'claim'
    | 'mean'
    | 'sd'
    | 'n';
  group?: string;
  value: number | string;
  /** The figure exactly as published (e.g. `98.20%`), when it was written as text. */
  text?: string;
  /** Decimals as published; mismatches within half a unit of the last decimal are not findings. */
  decimals?: number;
  source: CellSource;
  /**
   * Set when the figure was published for an indicator of another rule set and carried to the one it corresponds
   * to here (`corresponds_to`); `indicator` is then this rule set's indicator.
   */
  carriedFrom?: CarriedFrom;
}

/** Where a carried figure came from: the other rule set's indicator, and whether the correspondence is verified. */
export interface CarriedFrom {
  ruleset: string;
  indicator: string;
  verified: boolean;
  note?: { zh: string; en: string };
}

/** One county's data. */
export interface CountyData {
  key: string;
  name: string;
  record: DataRecord;
  schools: DataRecord[];
  units: DataRecord[];
  classes: DataRecord[];
  attestations: Record<string, Attestation>;
  reported: ReportedFigure[];
  /** Definition choices the county applies: choice id → option. */
  choices: Record<string, { option: string; source: CellSource }>;
}

/** A loaded and validated dataset: one or many counties. */
export interface Dataset {
  id: string;
  title?: string;
  schoolYear?: string;
  dir: string;
  /** sha256 over the dataset's files. */
  hash: string;
  /** True when any table is synthetic; `provenance` says how it was made. */
  synthetic?: boolean;
  provenance?: string;
  counties: CountyData[];
}
