import type { Subject } from './evaluation.ts';
import type { RuleLocation } from './source.ts';
import type { Text } from './text.ts';
import type { CountyVerdict, Verdict } from './verdict.ts';

/** What part of a rule a change touches; the words a diff and a comparison use for it. */
export type RuleAspect =
  | 'document'
  | 'area'
  | 'area_indicators'
  | 'per_unit'
  | 'tolerance'
  | 'dispersion'
  | 'indicator'
  | 'title'
  | 'role'
  | 'level'
  | 'applies_when'
  | 'rollup'
  | 'check'
  | 'formula'
  | 'threshold'
  | 'county_value'
  | 'unit'
  | 'choice'
  | 'source'
  | 'input';

/** One difference between two rule sets, in plain language. */
export interface RuleChange {
  /** `added` and `removed` for whole indicators, areas, checks, branches and inputs; `changed` otherwise. */
  kind: 'added' | 'removed' | 'changed';
  aspect: RuleAspect;
  area?: string;
  indicator?: string;
  check?: string;
  /** The threshold branch (a category value such as `primary`; `*` for a single threshold). */
  branch?: string;
  input?: string;
  /** The value as written in each rule set (absent on the side where it does not exist). */
  from?: string;
  to?: string;
  text: Text;
  /** Where each side is written. */
  at?: { a?: RuleLocation; b?: RuleLocation };
}

/** The plain-language diff of two resolved rule sets. */
export interface RuleSetDiff {
  format: 'junheng-ruleset-diff';
  a: { id: string; title: Text; hash: string; document: string };
  b: { id: string; title: Text; hash: string; document: string };
  identical: boolean;
  changes: RuleChange[];
}

/** Why a verdict changed: a rule change, an input that differs, or a change below it. */
export type ChangeCause =
  | { kind: 'rule'; change: RuleChange; text: Text }
  | {
      kind: 'input';
      input: string;
      label: Text;
      /** Whose value it is (a unit, a school, the county). */
      owner?: string;
      from: number | boolean | string | null;
      to: number | boolean | string | null;
      where?: string;
      text: Text;
    }
  | { kind: 'below'; text: Text; of: BelowChange };

/**
 * What a change found below is, by code and ids: what compare tells two such causes apart by (never their words).
 * comparison.json writes such a cause as its sentence only (src/compare/comparison-json.ts).
 */
export type BelowChange =
  | {
      /** A verdict change one level down (an indicator, a CV, a unit's per-unit rule, a member). */
      code: 'CHANGE_BELOW';
      level: ChangeLevel;
      area?: string;
      indicator?: string;
      group?: string;
      subject?: string;
      from: string;
      to: string;
    }
  | { code: 'MORE_CHANGES_BELOW'; count: number }
  /** How many members of an indicator went from which verdict to which. */
  | {
      code: 'MEMBERS_CHANGED';
      indicator: string;
      level: string;
      counts: [from: string, to: string, n: number][];
    }
  | { code: 'APPLICABILITY_CHANGED'; indicator: string; subject: string; now: 'applies' | 'absent' }
  | { code: 'VALUE_MOVED'; indicator: string; check: string; subject: string; from: number; to: number }
  | { code: 'MORE_VALUES_MOVED'; count: number }
  | { code: 'CV_MEMBERS_CHANGED'; from: number; to: number }
  | { code: 'CV_CARRIED'; ruleset: string; indicator: string; verified: boolean };

/** The level a verdict change was found at. */
export type ChangeLevel = 'county' | 'area' | 'indicator' | 'dispersion' | 'per_unit' | 'member';

/** One verdict that differs between the two evaluations. */
export interface VerdictChange {
  level: ChangeLevel;
  county: string;
  area?: string;
  indicator?: string;
  /** For a member: the checks whose verdicts differ, with their values. */
  checks?: {
    check: string;
    label: Text;
    from: Verdict | 'absent';
    to: Verdict | 'absent';
    valueFrom: number | boolean | null;
    valueTo: number | boolean | null;
    delta?: number;
    thresholdFrom?: string;
    thresholdTo?: string;
    /** The two thresholds for a reader, the inputs named by their labels. */
    thresholdWords?: { from?: Text; to?: Text };
  }[];
  group?: string;
  subject?: Subject;
  /** `absent`: not judged on that side (the indicator does not exist, or does not apply to the member). */
  from: Verdict | CountyVerdict | 'absent';
  to: Verdict | CountyVerdict | 'absent';
  valueFrom?: number | null;
  valueTo?: number | null;
  delta?: number;
  title: Text;
  causes: ChangeCause[];
}

/** One county judged twice. */
export interface CountyComparison {
  county: string;
  name: string;
  from: CountyVerdict | 'absent';
  to: CountyVerdict | 'absent';
  changes: VerdictChange[];
  /** Checks whose value moved without changing a verdict. */
  valueChanges: number;
  /** Why the county verdict did or did not change, said after the changes. */
  why?: Text;
}

/** Two evaluations compared: one dataset under two rule sets, or two datasets under one rule set. */
export interface Comparison {
  format: 'junheng-comparison';
  mode: 'rules' | 'data' | 'both';
  a: { label: string; ruleset: { id: string; hash: string }; dataset: { id: string; hash: string } };
  b: { label: string; ruleset: { id: string; hash: string }; dataset: { id: string; hash: string } };
  ruleDiff?: RuleSetDiff;
  counties: CountyComparison[];
}
