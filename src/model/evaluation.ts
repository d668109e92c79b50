import type { Level } from './level.ts';
import type { CarriedFrom } from './dataset.ts';
import type { FindingReason } from './finding-reason.ts';
import type { Operator, IndicatorRole } from './ruleset.ts';
import type { CellSource, RuleLocation } from './source.ts';
import type { AreaReason, CheckReason, CountyReason } from './reason.ts';
import type { Text } from './text.ts';
import type { CountyVerdict, Verdict } from './verdict.ts';

/** What was judged. */
export interface Subject {
  level: Level;
  key: string;
  name: string;
  /** Key and name of the county it belongs to. */
  county: string;
  countyName?: string;
  /** Key and name of its school (for units and classes). */
  school?: string;
  schoolName?: string;
  /** Its group (e.g. stage `primary`), when its level has one. */
  group?: string;
}

/** An input as a check read it. */
export interface InputUse {
  name: string;
  label: Text;
  unit?: Text;
  /** A single value, or for an aggregate the list of member values is summarised by `count` and `total`. */
  value: number | boolean | string | null;
  source?: CellSource;
  note?: Text;
  /** For inputs aggregated over members: how many members and where they are. */
  members?: number;
  missing?: boolean;
}

/** One json-rules-engine condition as it was evaluated: the raw material of the trail. */
export interface ConditionRecord {
  /** `standard`: the threshold; `tolerance`: not below the given share of the standard. */
  role: 'standard' | 'tolerance';
  operator: string;
  /** The bound the fact was compared with. */
  value: number | boolean | string;
  factResult: number | boolean | string | null;
  result: boolean;
}

export interface ThresholdUse {
  text: string;
  operator: Operator;
  bound: number | boolean | string;
  /** The branch key (e.g. `primary`) when the threshold is keyed by a category. */
  branch?: string;
  /** The label of the branch's category value (school type `nine_year` → 九年一贯制学校). */
  branchLabel?: Text;
  by?: string;
  percent: boolean;
  /** How the threshold as written was read, when it used a form like `≥` or full-width digits. */
  readAs?: string;
  at: RuleLocation;
  /** Inputs the bound was computed from, for comparisons between two inputs. */
  boundInputs?: InputUse[];
  boundFormula?: string;
}

/** Why a check, an indicator or a coefficient has its verdict: a code and its data (sentences: src/explain/words/). */
export type ReasonNote = CheckReason;

export interface ChoiceUse {
  id: string;
  label: Text;
  option: string;
  optionLabel: Text;
  /** Where the option was chosen: the dataset, or the rule's default. */
  chosenBy: 'dataset' | 'default';
  source?: CellSource;
  /** What the other options would give. */
  alternatives: { option: string; label: Text; value: number | null; verdict: Verdict }[];
}

/** The smallest change of one input that would make a check met (issue: "what it would take"). */
export interface ToPass {
  input: string;
  label: Text;
  unit?: Text;
  from: number;
  to: number;
  delta: number;
  /** True when the input counts whole things (teachers, classes): the change is said in whole steps. */
  integer: boolean;
}

/** The trail of one check on one subject. */
export interface CheckResult {
  indicator: string;
  check: string;
  checkLabel: Text;
  subject: Subject;
  verdict: Verdict;
  value: number | boolean | null;
  unit?: Text;
  decimals?: number;
  formula: string;
  inputs: InputUse[];
  threshold?: ThresholdUse;
  tolerance?: { share: number; bound: number };
  /** value − bound (numbers only). */
  margin?: number;
  /** value / bound, for `>=` thresholds. */
  shareOfStandard?: number;
  conditions: ConditionRecord[];
  reason?: ReasonNote;
  choice?: ChoiceUse;
  /** True when the value is a published figure that could not be recomputed. */
  asReported?: boolean;
  toPass?: ToPass;
}

/** One indicator judged on one member (a unit, a school, a class) or on the county. */
export interface SubjectResult {
  subject: Subject;
  verdict: Verdict;
  checks: CheckResult[];
}

/** Per group (e.g. stage): the county figure and how many members met. */
export interface GroupSummary {
  group: string;
  check: string;
  countyValue?: number | null;
  countyInputs?: InputUse[];
  members: number;
  met: number;
  withinTolerance: number;
  notMet: number;
  undecided: number;
}

export interface IndicatorResult {
  indicator: string;
  title: Text;
  area: string;
  role: IndicatorRole;
  level: Level;
  verdict: Verdict;
  source: { document: string; clause: string; verified: boolean };
  file: string;
  /** The county's own result, for county-level indicators. */
  county?: SubjectResult;
  /** Member results, for indicators judged below the county. */
  members: SubjectResult[];
  /** Members that did not meet (never only a count). */
  failing: Subject[];
  withinTolerance: Subject[];
  undecided: Subject[];
  /** Members left out by the indicator's `applies_when`. */
  notApplicable: number;
  groups: GroupSummary[];
  reason?: ReasonNote;
  /** True when there were no member rows and the verdict rests on the published counts (not recomputed). */
  asReported?: boolean;
}

/** One member's result under an area's per-unit rule. */
export interface UnitAreaResult {
  subject: Subject;
  verdict: Verdict;
  met: string[];
  withinTolerance: string[];
  notMet: string[];
  undecided: string[];
  /** The share of its standard each indicator within tolerance or not met reached, where it is known. */
  shares: Record<string, number>;
}

/** Contribution of one member to a coefficient of variation. */
export interface CvContribution {
  subject: Subject;
  /** The member's indicator value; for a composite, its level relative to the indicators' means (1 = average). */
  value: number;
  weight: number;
  /** Share of the weighted sum of squared deviations this member accounts for. */
  share: number;
}

/**
 * One coefficient of variation of one group. Under a composite rule the single CVs carry no threshold (they are
 * computed and shown, `inComposite`), and one more result per group, with indicator and check `composite`, holds
 * their mean and its verdict.
 */
export interface DispersionResult {
  indicator: string;
  check: string;
  group: string;
  statistic: 'weighted_cv' | 'composite_weighted_cv';
  verdict: Verdict;
  value: number | null;
  mean: number | null;
  sd: number | null;
  weightTotal: number;
  members: number;
  threshold?: ThresholdUse;
  conditions: ConditionRecord[];
  margin?: number;
  asReported?: boolean;
  reason?: ReasonNote;
  /** The members that contribute most to the dispersion, largest first (at most 10). */
  top: CvContribution[];
  /** A single CV that is judged only through its area's composite. */
  inComposite?: boolean;
  /** For a composite: the single CVs it is the mean of. */
  parts?: { indicator: string; check: string; value: number | null }[];
  /** A published CV carried from another rule set's indicator (see `corresponds_to`). */
  carriedFrom?: CarriedFrom;
}

export interface AreaResult {
  area: string;
  title: Text;
  verdict: Verdict;
  indicators: string[];
  perUnit?: {
    rule: string;
    /** The rule's numbers: at least `atLeastMet` indicators met, the rest not below `othersNotBelow` of the standard. */
    atLeastMet: number;
    othersNotBelow: number;
    /** The level the rule applies to, and its label (学部). */
    level: Level;
    levelLabel: Text;
    results: UnitAreaResult[];
    failing: Subject[];
  };
  dispersion: DispersionResult[];
  reasons: AreaReason[];
}

/** A figure the county published that the engine checked. */
export interface Finding {
  /**
   * consistent / inconsistent: published figures checked against each other (cv = sd / mean, a composite against
   * the mean of the single CVs); mean_short_of_standard / mean_meets_standard: without member rows, a published
   * county mean compared with the indicator's standard (said as a finding, not a verdict).
   */
  kind:
    | 'mismatch'
    | 'confirmed'
    | 'as_reported'
    | 'claim_contradicted'
    | 'claim_confirmed'
    | 'unverifiable'
    | 'consistent'
    | 'inconsistent'
    | 'mean_short_of_standard'
    | 'mean_meets_standard';
  indicator: string;
  check?: string;
  group?: string;
  figure: string;
  reported: number | string;
  recomputed?: number | string | null;
  difference?: number;
  /** The largest difference explained by the published rounding. */
  allowed?: number;
  /** What was found, as a code and the data its sentence needs (src/explain/words/finding-words.ts says it). */
  reason: FindingReason;
  source: CellSource;
  /** The figure was published for another rule set's indicator and carried here by a declared correspondence. */
  carriedFrom?: CarriedFrom;
  /** Set on a figure of the rule set's composite CV (`indicator` is then `composite`). */
  statistic?: 'composite';
}

export interface CountyResult {
  county: Subject;
  verdict: CountyVerdict;
  /** Why: the vetoes, preconditions and areas that failed, or what is still open. */
  reasons: CountyReason[];
  areas: AreaResult[];
  indicators: IndicatorResult[];
  findings: Finding[];
}

export interface Evaluation {
  format: 'junheng-result';
  /** The version of the result.json format this evaluation is written in (see src/result/compact-result.ts). */
  formatVersion: 3;
  engine: { name: string; version: string; evaluator: string };
  /**
   * `chosenBy`: why this rule set was used (--rules, the dataset's own `rules:`, or the default), set by the CLI;
   * `document`: the document the rule set encodes (its number and title), which names the reports.
   */
  ruleset: {
    id: string;
    title: Text;
    hash: string;
    extends?: string;
    chosenBy?: Text;
    document?: { number: string; title: Text };
  };
  dataset: { id: string; title?: string; hash: string; synthetic?: boolean };
  /** Labels of the group keys used in the result (e.g. stage `primary` → 小学), from the rule set's dictionary. */
  groupLabels: Record<string, Text>;
  counties: CountyResult[];
}
