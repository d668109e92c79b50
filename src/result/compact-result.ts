import type {
  ConditionRecord,
  CvContribution,
  DispersionResult,
  Evaluation,
  Finding,
  GroupSummary,
  IndicatorResult,
  InputUse,
  ThresholdUse,
  ToPass,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Level } from '../model/level.ts';
import type { AreaReason, CheckReason, CountyReason } from '../model/reason.ts';
import type { CellSource, RuleLocation } from '../model/source.ts';
import type { Text } from '../model/text.ts';
import type { CountyVerdict, Verdict } from '../model/verdict.ts';

/** The result format version written to result.json (the on-disk shape below). */
export const RESULT_FORMAT_VERSION = 3;

/**
 * A reason as result.json holds it: its code and data (what src/model/reason.ts says), and its sentence in both
 * languages for whoever reads the file without junheng; reading the file back keeps the code and data only.
 */
export type Worded<R> = R & { message: Text };

/**
 * result.json, format version 3 (version 2 held reasons as sentences only): the in-memory `Evaluation` with every rule constant stated once. Labels, units,
 * formulas, thresholds as written, rule-file locations and subjects sit in tables (`rules`, `places`, each county's
 * `subjects`) and the results refer to them by key. `readResult` inflates it back to the exact `Evaluation`.
 *
 * A table is keyed by the thing's own id (an input's name, a subject's key, `indicator/check` for a check). When one
 * id turned up with two different contents, the second is stored under `id~2` (then `id~3`, …) and states its id
 * itself (`name`, `key`, `indicator`, `area`, `id`).
 */
export interface CompactResult {
  format: 'junheng-result';
  formatVersion: typeof RESULT_FORMAT_VERSION;
  engine: Evaluation['engine'];
  ruleset: Evaluation['ruleset'];
  dataset: Evaluation['dataset'];
  groupLabels: Evaluation['groupLabels'];
  rules: ResultRules;
  /** The file, sheet and column of every cell source, once; a source's `place` is an index into this list. */
  places: Place[];
  counties: CompactCounty[];
}

/** The rule constants of a result, each once. */
export interface ResultRules {
  indicators: Record<string, IndicatorRule>;
  areas: Record<string, AreaRule>;
  /** Keyed `indicator/check`. */
  checks: Record<string, CheckRule>;
  /** The thresholds of the areas' coefficients of variation, keyed `indicator/check`. */
  dispersion: Record<string, DispersionRule>;
  inputs: Record<string, InputRule>;
  choices: Record<string, ChoiceRule>;
}

export interface IndicatorRule {
  /** Only when the key is not the indicator's id (a second content under one id, `id~2`). */
  indicator?: string;
  title: Text;
  area: string;
  role: IndicatorResult['role'];
  level: Level;
  source: IndicatorResult['source'];
  file: string;
}

export interface AreaRule {
  area?: string;
  title: Text;
  indicators: string[];
  /** The per-unit rule: as written, its numbers and level, and as a sentence (for readers of the file). */
  perUnit?: {
    rule: string;
    atLeastMet: number;
    othersNotBelow: number;
    level: Level;
    levelLabel: Text;
    description: Text;
  };
}

export interface CheckRule {
  indicator: string;
  check: string;
  label: Text;
  formula: string;
  unit?: Text;
  decimals?: number;
  /** The share of the standard below which a check fails outright, when all its checks with a tolerance agree. */
  toleranceShare?: number;
  /** Keyed by the branch (the category value it applies to), `*` for a threshold that is not keyed by a category. */
  thresholds: Record<string, ThresholdRule>;
}

export interface DispersionRule {
  indicator: string;
  check: string;
  thresholds: Record<string, ThresholdRule>;
}

/** The comparison of a condition: what a check's condition states when it carries only its outcome. */
export type ConditionHead = Pick<ConditionRecord, 'role' | 'operator' | 'value'>;

/** A threshold as written. `bound` is left out when the checks judged by it had different (computed) bounds. */
export interface ThresholdRule {
  text: string;
  operator: ThresholdUse['operator'];
  bound?: ThresholdUse['bound'];
  branch?: string;
  branchLabel?: Text;
  by?: string;
  percent: boolean;
  readAs?: string;
  at: RuleLocation;
  boundFormula?: string;
  /** The conditions the threshold compares with; a check's condition that matches one by position gives only its outcome. */
  conditions?: ConditionHead[];
}

export interface InputRule {
  name?: string;
  label: Text;
  unit?: Text;
}

export interface ChoiceRule {
  id?: string;
  label: Text;
  /** The label of each option. */
  options: Record<string, Text>;
}

/**
 * A subject of a county's table. `county` and `countyName` default to the county's own, `schoolName` to the name of
 * the school with key `school` in the table; `null` says the field is absent although it has a default.
 */
export interface CompactSubject {
  key?: string;
  level: Level;
  name: string;
  county?: string;
  countyName?: string | null;
  school?: string;
  schoolName?: string | null;
  group?: string;
}

/** Where cell sources are: a file, and in it a sheet and a column when the source has them. */
export type Place = Pick<CellSource, 'file' | 'sheet' | 'column'>;

/** A cell source whose file, sheet and column are the result's `places[place]`. */
export type CompactSource = Omit<CellSource, 'file' | 'sheet' | 'column'> & { place: number };

/** An input as a check read it; `name` is its key in `rules.inputs`, which holds its label and unit. */
export interface CompactInput {
  name: string;
  value: InputUse['value'];
  source?: CompactSource;
  note?: Text;
  members?: number;
  missing?: boolean;
}

/** A condition in full, or only its outcome when its threshold's `conditions` states the rest at the same position. */
export type CompactCondition = ConditionRecord | Pick<ConditionRecord, 'factResult' | 'result'>;

export interface CompactChoice {
  /** Key in `rules.choices`. */
  id: string;
  option: string;
  chosenBy: 'dataset' | 'default';
  source?: CompactSource;
  alternatives: { option: string; value: number | null; verdict: Verdict }[];
}

/** `input` is a key in `rules.inputs`, which holds its label and unit. */
/** What it would take; `text` is the change in words, for readers of the file. */
export type CompactToPass = Omit<ToPass, 'label' | 'unit'> & { text: Text };

export interface CompactCheck {
  /** Key in `rules.checks`. */
  ref: string;
  /** Key in the county's `subjects`; only when it is not the subject of the member result that holds the check. */
  subject?: string;
  verdict: Verdict;
  value: number | boolean | null;
  inputs: CompactInput[];
  /** Key of the threshold that applied in the rule's `thresholds`. */
  threshold?: string;
  /** The bound, when the threshold's rule has none or another (a bound computed from inputs). */
  bound?: ThresholdUse['bound'];
  boundInputs?: CompactInput[];
  /** The tolerance bound (not below this share of the standard); the share is the rule's `toleranceShare`. */
  tolerance?: number;
  /** Only when the checks of the rule had different shares. */
  toleranceShare?: number;
  margin?: number;
  shareOfStandard?: number;
  conditions: CompactCondition[];
  reason?: Worded<CheckReason>;
  choice?: CompactChoice;
  asReported?: boolean;
  toPass?: CompactToPass;
}

export interface CompactSubjectResult {
  subject: string;
  verdict: Verdict;
  checks: CompactCheck[];
}

export type CompactGroupSummary = Omit<GroupSummary, 'countyInputs'> & { countyInputs?: CompactInput[] };

export interface CompactIndicator {
  /** Key in `rules.indicators`. */
  indicator: string;
  verdict: Verdict;
  county?: CompactSubjectResult;
  members: CompactSubjectResult[];
  failing: string[];
  withinTolerance: string[];
  undecided: string[];
  notApplicable: number;
  groups: CompactGroupSummary[];
  reason?: Worded<CheckReason>;
  asReported?: boolean;
}

/** A unit under its area's per-unit rule; `reason` is how it fared, in words, for readers of the file. */
export type CompactUnitArea = Omit<UnitAreaResult, 'subject'> & { subject: string; reason: Text };

export type CompactContribution = Omit<CvContribution, 'subject'> & { subject: string };

export type CompactDispersion = Omit<
  DispersionResult,
  'indicator' | 'check' | 'threshold' | 'conditions' | 'top' | 'reason'
> & {
  reason?: Worded<CheckReason>;
  /** Key in `rules.dispersion`. */
  ref: string;
  threshold?: string;
  bound?: ThresholdUse['bound'];
  boundInputs?: CompactInput[];
  conditions: CompactCondition[];
  top: CompactContribution[];
};

export interface CompactArea {
  /** Key in `rules.areas`. */
  area: string;
  verdict: Verdict;
  perUnit?: { results: CompactUnitArea[]; failing: string[] };
  dispersion: CompactDispersion[];
  reasons: Worded<AreaReason>[];
}

/** A finding with its sentence (`message`) beside its reason's code and data; reading it back drops the sentence. */
export type CompactFinding = Omit<Finding, 'source'> & { message: Text; source: CompactSource };

export interface CompactCounty {
  /** Key of the county's own subject in `subjects`. */
  county: string;
  /** Every subject the county's results name, by key. */
  subjects: Record<string, CompactSubject>;
  verdict: CountyVerdict;
  reasons: Worded<CountyReason>[];
  areas: CompactArea[];
  indicators: CompactIndicator[];
  findings: CompactFinding[];
}
