import type { CarriedFrom } from './dataset.ts';
import type { Operator } from './ruleset.ts';
import type { Text } from './text.ts';
import type { Verdict } from './verdict.ts';

// What the report check found about one published figure, as data: a code and the numbers, ids and labels its
// sentence needs. The engine fills these (src/engine/check-reported.ts and beside it); the sentences are made in
// src/explain/words/finding-words.ts. `carried` is set where the sentence says the figure was carried from another
// rule set's indicator.

/** A recomputed value as the sentence shows it: with `decimals` decimals, or as it is when exact (a count). */
export interface ShownNumber {
  value: number;
  decimals?: number;
}

/** A failing member a contradicted claim names: its name, and its school's name for a class. */
export interface FailingName {
  name: string;
  school?: string;
}

export type FindingReason =
  | { code: 'INDICATOR_UNKNOWN'; indicator: string }
  | { code: 'CLAIM_NOT_A_VERDICT'; claim: string }
  | { code: 'CLAIM_UNVERIFIABLE'; claim: string }
  | {
      code: 'CLAIM_CONTRADICTED';
      claim: string;
      indicator: string;
      actual: Verdict;
      /** How many fail, and the first five of them. */
      failing: number;
      examples: FailingName[];
    }
  | { code: 'CLAIM_CONFIRMED'; claim: string }
  | { code: 'FIGURE_UNREADABLE'; carried?: CarriedFrom }
  | { code: 'DATA_MISSING'; shown: string; carried?: CarriedFrom }
  | {
      code: 'AS_REPORTED';
      /** value: judged on it; cv_in_composite / cv: a CV entering the composite or judged; counts: judged on the
       * published counts; recorded: recorded only; composite: the composite rule judged on it. */
      kind: 'value' | 'cv_in_composite' | 'cv' | 'counts' | 'recorded' | 'composite';
      shown: string;
      carried?: CarriedFrom;
    }
  | { code: 'RECOMPUTED_AGREES'; recomputed: ShownNumber; published: number | string; carried?: CarriedFrom }
  | {
      code: 'RECOMPUTED_DIFFERS';
      recomputed: ShownNumber;
      published: number | string;
      difference: number;
      carried?: CarriedFrom;
    }
  | {
      /** "100%" (or "0%") published, but not every member (or some member) meets the standard. */
      code: 'SHARE_NOT_ALL';
      all: boolean;
      text?: string;
      share: number;
      carried?: CarriedFrom;
    }
  | { code: 'OWN_FIGURE_AGREES'; own: string; carried?: CarriedFrom }
  | { code: 'OWN_FIGURE_DIFFERS'; shown: string; own: string; carried?: CarriedFrom }
  | { code: 'NO_COMPOSITE' }
  | {
      code: 'COMPOSITE_AGREES' | 'COMPOSITE_DIFFERS';
      /** How many single CVs, how many of them as published, and their mean. */
      parts: number;
      publishedParts: number;
      average: ShownNumber;
      shown: string;
      difference: number;
    }
  | {
      code: 'TABLE_AGREES' | 'TABLE_DIFFERS';
      label?: Text;
      sd: string;
      mean: string;
      quotient: ShownNumber;
      cv: string;
    }
  | {
      code: 'MEAN_SHORT' | 'MEAN_MEETS' | 'MEAN_WITHIN_ROUNDING';
      label?: Text;
      mean: string;
      operator: Extract<Operator, '>=' | '>' | '<=' | '<'>;
      bound: number;
      percent: boolean;
      /** The label of the level whose members the mean is of (学部). */
      unit: Text;
    };
