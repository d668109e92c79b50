import type { ConditionRecord } from '../model/evaluation.ts';
import { COMPARISON_OPERATORS } from '../model/comparison-operator.ts';
import type { Operator } from '../model/ruleset.ts';

/** One comparison site of a rule set: a check's threshold branch, a per-unit rule, a dispersion limit. */
export interface ComparisonSpec {
  /** Stable id, e.g. `R1/R1/primary`, `resource/per_unit`, `resource/cv/R1/primary`. */
  id: string;
  operator: Operator;
  /** When set, a second condition: the value is not below this share of the bound. */
  toleranceShare?: number;
  params: Record<string, string>;
}

/** What a comparison is asked: the fact's value and the bound it is compared with. */
export interface ComparisonFacts {
  value: number | boolean | string;
  bound: number | boolean | string;
}

/**
 * Evaluates threshold comparisons. json-rules-engine is the reference implementation; a compiled evaluator of the
 * same rule JSON may stand in for it and is tested against it.
 */
export interface ThresholdEvaluator {
  readonly name: string;
  /** Prepares every comparison once per rule set. */
  prepare(specs: readonly ComparisonSpec[]): void;
  /** The conditions as evaluated: the standard first, then the tolerance when the spec has one. */
  compare(id: string, facts: ComparisonFacts): Promise<ConditionRecord[]>;
}

/** json-rules-engine's operator for each comparison written in a rule. */
export function engineOperator(operator: Operator): string {
  return COMPARISON_OPERATORS[operator].engine;
}
