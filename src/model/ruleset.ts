import type { Level } from './level.ts';
import type { RuleLocation } from './source.ts';
import type { Text } from './text.ts';

/** The type of one input in the data dictionary. */
export type InputType = 'number' | 'integer' | 'boolean' | 'category' | 'text' | 'attestation';

/** One entry of a rule set's data dictionary (inputs.yaml). */
export interface InputDef {
  name: string;
  level: Level;
  type: InputType;
  label: Text;
  unit?: Text;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Allowed values of a category, each with its labels. Chinese labels are accepted in data too. */
  values?: Record<string, Text>;
  /** The statistical definition (统计口径). */
  definition?: Text;
  /** A record of this level without the value is an error in the data (not only insufficient data). */
  required?: boolean;
  /** An external result (monitoring, survey): when missing, checks using it are `pending`, not `insufficient_data`. */
  external?: boolean;
  /** True when the definition is not verified against the original text (POLICY.md [unverified]). */
  unverified?: boolean;
  at: RuleLocation;
}

/** How the records of one level are identified and linked to their parent. */
export interface LevelDef {
  level: Level;
  label: Text;
  /** The input that identifies a record (unique within a county). */
  key: string;
  /** The input holding a readable name. */
  name?: string;
  /** The input that names the parent record's key (e.g. a unit's school_id). Absent for the county. */
  parentKey?: string;
  parent?: Level;
  /** The input that groups records of this level (e.g. stage); thresholds may be keyed by it. */
  group?: string;
}

/** The data dictionary of a rule set. */
export interface InputDictionary {
  levels: Partial<Record<Level, LevelDef>>;
  inputs: Record<string, InputDef>;
  file: string;
}

export type Operator = '>=' | '>' | '<=' | '<' | '==' | '!=';

/** A mathjs expression over declared inputs, checked at load time. */
export interface Formula {
  text: string;
  /** Input names the formula reads. */
  names: string[];
  /** Input names read through an aggregation function (sum(x) over the members of a lower level). */
  aggregated: string[];
  at: RuleLocation;
}

/** One threshold, as written by policy staff: `">= 4.2"`, `"<= 45"`, `">= 95%"`, `">= civil_servant_pay"`. */
export interface Threshold {
  text: string;
  operator: Operator;
  /** The bound when it is a constant (95% is stored as 0.95). */
  bound?: number | boolean | string;
  /** The bound when it is computed from inputs. */
  boundFormula?: Formula;
  percent: boolean;
  /** How a form staff naturally type was read (`≥ ４.２` read as `>= 4.2`), for the trail. */
  readAs?: string;
  at: RuleLocation;
}

/** Thresholds keyed by a category input (`by: stage`), or one threshold for all (`by` absent, key `*`). */
export interface ThresholdSpec {
  by?: string;
  branches: Record<string, Threshold>;
  default?: Threshold;
}

/** A declared definition choice that changes what is computed (a denominator that excludes something). */
export interface DefinitionChoice {
  id: string;
  label: Text;
  options: Record<string, { label: Text; value: Formula }>;
  default: string;
  unverified?: boolean;
  at: RuleLocation;
}

export type CheckKind = 'compare' | 'attestation';

/** One named comparison of an indicator. An indicator has one or more checks, all of which must hold. */
export interface Check {
  id: string;
  label: Text;
  kind: CheckKind;
  /** For `compare`: the value formula (absent when a choice provides it). For `attestation`: the input name. */
  value?: Formula;
  attestation?: string;
  choice?: DefinitionChoice;
  threshold: ThresholdSpec;
  unit?: Text;
  /** Decimals to show (display only; comparisons use unrounded values). */
  decimals?: number;
  /** The whole-county figure for this check over the members of one group (e.g. 100·Σteachers/Σstudents). */
  countyValue?: Formula;
  at: RuleLocation;
}

export interface RuleSourceRef {
  document: string;
  clause: string;
  verified: boolean;
  /** The clause quoted exactly, in Chinese. */
  quote?: string;
  note?: string;
}

/**
 * `indicator`: counts towards its area. `precondition`: must hold. `veto`: when not met, refuses recognition.
 * `measure`: has no standard of its own; its values only feed its area's dispersion (2012's composite CV).
 */
export type IndicatorRole = 'indicator' | 'precondition' | 'veto' | 'measure';

export interface Indicator {
  id: string;
  title: Text;
  description?: Text;
  source: RuleSourceRef;
  area: string;
  role: IndicatorRole;
  /** The level at which each check is judged. */
  level: Level;
  /** A member is judged only when this holds (e.g. village schools under 100 pupils). */
  appliesWhen?: Formula;
  /** When the level is below the county: every member must meet (the failing members are listed). */
  rollup: 'every' | 'none';
  checks: Check[];
  file: string;
  at: RuleLocation;
  /** Id of the rule set (layer of the `extends` chain) that last wrote or patched this indicator. */
  origin?: string;
  /** For an indicator patched by an overlay: the base file, then each patch file, in order. */
  files?: string[];
  /** Indicators of other rule sets that measure the same thing (`corresponds_to`), one per rule set. */
  correspondsTo?: Correspondence[];
}

/**
 * A declared correspondence: this indicator measures what `indicator` of rule set `ruleset` measures, up to the
 * differences `note` states. A published CV of that indicator is carried here; `verified: false` until the
 * policy reference establishes it.
 */
export interface Correspondence {
  ruleset: string;
  indicator: string;
  verified: boolean;
  note?: Text;
}

/** The per-unit rule of an area: at least N indicators met, the rest not below a share of the standard. */
export interface PerUnitRule {
  level: Level;
  atLeastMet: number;
  othersNotBelow: number;
  text: string;
  at: RuleLocation;
}

/**
 * The dispersion requirement of an area: the student-weighted coefficient of variation of every indicator, each
 * judged against the threshold, or (`composite: mean`) their arithmetic mean judged once per group.
 */
export interface DispersionRule {
  statistic: 'weighted_cv';
  weight: string;
  composite?: 'mean';
  threshold: ThresholdSpec;
  at: RuleLocation;
}

export interface Area {
  id: string;
  title: Text;
  description?: Text;
  indicators: string[];
  perUnit?: PerUnitRule;
  dispersion?: DispersionRule;
  source?: RuleSourceRef;
  file: string;
  at: RuleLocation;
}

export interface RuleSetDocument {
  number: string;
  title: Text;
  issued?: string;
  effective?: string;
}

/** A loaded, validated and resolved rule set. */
export interface RuleSet {
  id: string;
  title: Text;
  description?: Text;
  document: RuleSetDocument;
  extends?: string;
  /** Areas in the order they are reported. */
  areas: Area[];
  /** All indicators, including preconditions and vetoes, in file order. */
  indicators: Indicator[];
  inputs: InputDictionary;
  /** Folder of the rule set. */
  dir: string;
  /** sha256 of the resolved rule set's canonical content. */
  hash: string;
  /** Folders with the YAML test cases (the rule set's own and those it extends). */
  caseDirs: string[];
  /** The `extends` chain, base first and this rule set last (absent for rule sets built in memory). */
  layers?: RuleSetLayer[];
}

/** One rule set of an `extends` chain, as loaded. */
export interface RuleSetLayer {
  id: string;
  dir: string;
  /** Its own cases/ folder, if it has one. */
  cases?: string;
}
