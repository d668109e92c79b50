import type { Level } from './level.ts';
import type { Operator } from './ruleset.ts';
import type { Text } from './text.ts';
import type { Verdict } from './verdict.ts';

// Why a result is what it is, as data: a code and the numbers, ids and rule-set labels a sentence needs. The engine
// fills these; every sentence is made from them in src/explain/words/. `kind` tells the sentences apart; `code` is the
// machine-readable reason code that cases, the store and scripts match (several kinds share one code).

/** A record as a reason names it. */
export interface RecordName {
  level: Level;
  key: string;
  name?: string;
}

/** What one group's published counts say about an indicator judged without member rows. */
export interface ReportedGroupCounts {
  /** `*` when the counts are not by group. */
  group: string;
  /** The dictionary's label of the group (absent for `*`). */
  label?: Text;
  /** failing: some fail; all_met: all meet (or 100%); counted: met + within tolerance make the total; partial: undecided. */
  basis: 'failing' | 'all_met' | 'counted' | 'partial';
  met?: number;
  total?: number;
  notMet?: number;
  within?: number;
  share?: number;
}

/** Why a check, an indicator or a coefficient of variation has the verdict it has (or none). */
export type CheckReason =
  | { code: 'INPUT_MISSING'; kind: 'input_missing'; label: Text; record: RecordName }
  | {
      code: 'INPUT_MISSING';
      kind: 'members_missing';
      label: Text;
      missing: number;
      total: number;
      /** The names of the first few members lacking it. */
      examples: string[];
    }
  | { code: 'INPUT_INVALID'; kind: 'input_invalid'; label: Text; why: Text; raw?: string }
  | { code: 'EXTERNAL_PENDING'; kind: 'external_pending'; label: Text }
  | { code: 'ZERO_DENOMINATOR'; kind: 'zero_denominator'; formula: string }
  | { code: 'VALUE_NOT_FINITE'; kind: 'not_finite'; formula: string }
  | { code: 'FORMULA_FAILED'; kind: 'formula_failed'; formula: string; detail: string }
  | { code: 'NOT_ATTESTED'; kind: 'not_attested'; label: Text }
  | { code: 'NO_EVIDENCE'; kind: 'no_evidence'; label: Text }
  | { code: 'INPUT_MISSING'; kind: 'category_missing'; label: Text }
  | { code: 'NO_THRESHOLD_FOR_CATEGORY'; kind: 'no_threshold'; label: Text; value: string }
  | { code: 'NO_MEMBERS'; kind: 'no_members'; level: Level; levelLabel: Text }
  | { code: 'NOT_JUDGED'; kind: 'measure' }
  | { code: 'AS_REPORTED'; kind: 'as_reported'; decided: boolean; groups: ReportedGroupCounts[] }
  | {
      code: 'INPUT_MISSING';
      kind: 'cv_inputs_missing';
      /** How many members lack the value or the weight, and the names of the first five. */
      members: number;
      examples: string[];
      weight: string;
      weightLabel: Text;
    }
  | { code: 'ZERO_DENOMINATOR'; kind: 'cv_zero_mean' }
  | { code: 'NOT_JUDGED'; kind: 'cv_in_composite' }
  | {
      code: 'NO_THRESHOLD_FOR_CATEGORY';
      kind: 'cv_no_limit';
      composite: boolean;
      group: string;
      groupLabel: Text;
    }
  | { code: 'INPUT_MISSING'; kind: 'composite_parts_missing'; indicators: string[] };

/** Why an area is not met: units failing its per-unit rule, indicators not met, coefficients over their limit. */
export type AreaReason =
  | { code: 'UNITS_FAIL_RULE'; units: number; atLeastMet: number; othersNotBelow: number }
  | { code: 'PER_UNIT_AS_REPORTED'; indicators: number; othersNotBelow: number }
  | { code: 'INDICATOR_NOT_MET'; indicator: string; title: Text }
  | {
      code: 'CV_OVER_LIMIT';
      indicator: string;
      check: string;
      group: string;
      groupLabel: Text;
      composite: boolean;
      value: number | null;
      operator?: Operator;
      bound?: number | boolean | string;
    };

/** Why a county was (not) recognised, or what is still open. */
export type CountyReason =
  | { code: 'RECOGNISED' }
  | { code: 'VETO_APPLIES'; indicator: string; title: Text }
  | { code: 'PRECONDITION_NOT_MET'; indicator: string; title: Text }
  | { code: 'AREA_NOT_MET'; area: string; title: Text }
  | { code: 'STILL_OPEN'; of: 'area' | 'indicator'; id: string; title: Text; verdict: Verdict };
