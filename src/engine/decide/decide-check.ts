import { COMPARISON_OPERATORS } from '../../model/comparison-operator.ts';
import type { ConditionRecord } from '../../model/evaluation.ts';
import { VERDICT_PRECEDENCE, VERDICT_RANK, type Verdict } from '../../model/verdict.ts';
import type { CompiledComparison } from '../compiled-evaluator.ts';
import { decideWith, OPERATOR_CODE } from './decide-comparison.ts';
import type { Operator } from '../../model/ruleset.ts';

/** A check's verdict from its conditions: met when the standard holds, else within tolerance, else not met. */
export function verdictOfConditions(conditions: readonly ConditionRecord[]): Verdict {
  let verdict: Verdict = 'not_met';
  for (const c of conditions) {
    if (c.role === 'standard' && c.result) return 'met';
    if (c.role === 'tolerance' && c.result) verdict = 'within_tolerance';
  }
  return verdict;
}

/**
 * The verdict of a comparison of two numbers when rounding to 12 digits cannot change it (decide-comparison.ts), or
 * of two yes/no values compared for equality, undefined otherwise: the same answer as running the comparison and
 * reading its conditions, without the records.
 */
export function decideWithoutRecords(
  comparison: CompiledComparison,
  value: unknown,
  bound: unknown,
): Verdict | undefined {
  const { operator, toleranceShare } = comparison.spec;
  if (typeof value === 'boolean' && typeof bound === 'boolean') {
    // A yes/no against a yes/no: the rule compares them as they are (no rounding, no tolerance bound of a boolean).
    if (toleranceShare !== undefined || COMPARISON_OPERATORS[operator].orders) return undefined;
    return COMPARISON_OPERATORS[operator].holds(value, bound) ? 'met' : 'not_met';
  }
  if (typeof value !== 'number' || typeof bound !== 'number' || !Number.isFinite(bound)) return undefined;
  const standard = OPERATOR_CODE[operator];
  const rank =
    toleranceShare === undefined
      ? decideNumber(standard, NO_TOLERANCE, bound, 0, value)
      : decideNumber(
          standard,
          OPERATOR_CODE[toleranceOperator(operator)],
          bound,
          bound * toleranceShare,
          value,
        );
  return rank < 0 ? undefined : VERDICT_PRECEDENCE[rank];
}

/** The tolerance condition's operator: `>=` (or `>` under a strict standard), against the share of the bound. */
function toleranceOperator(operator: Operator): Operator {
  return operator === '>' ? '>' : '>=';
}

/** The tolerance operator of a comparison without a tolerance (decideNumber). */
export const NO_TOLERANCE = -1;

/** A comparison against one finite bound made ready to decide many numbers (decideNumber). */
export interface NumberDecision {
  /** The standard's operator, and the tolerance condition's (NO_TOLERANCE without one), by OPERATOR_CODE. */
  standard: number;
  tolerance: number;
  bound: number;
  toleranceBound: number;
}

/** decideWithoutRecords for numbers against `bound`, prepared once; undefined when the bound is not a finite number. */
export function prepareNumberDecision(
  comparison: CompiledComparison,
  bound: unknown,
): NumberDecision | undefined {
  if (typeof bound !== 'number' || !Number.isFinite(bound)) return undefined;
  const { operator, toleranceShare } = comparison.spec;
  return {
    standard: OPERATOR_CODE[operator],
    tolerance: toleranceShare === undefined ? NO_TOLERANCE : OPERATOR_CODE[toleranceOperator(operator)],
    bound,
    toleranceBound: toleranceShare === undefined ? 0 : bound * toleranceShare,
  };
}

/**
 * The verdict of a number against a standard (and, unless NO_TOLERANCE, the tolerance condition against its bound), as
 * decideWithoutRecords gives it, by its rank (VERDICT_RANK): -1 when rounding could change the answer.
 */
export function decideNumber(
  standard: number,
  tolerance: number,
  bound: number,
  toleranceBound: number,
  value: number,
): number {
  const met = decideWith(standard, value, bound);
  if (met === undefined) return -1;
  if (met) return MET;
  if (tolerance === NO_TOLERANCE) return NOT_MET;
  const within = decideWith(tolerance, value, toleranceBound);
  if (within === undefined) return -1;
  return within ? WITHIN_TOLERANCE : NOT_MET;
}

const MET = VERDICT_RANK.met;
const NOT_MET = VERDICT_RANK.not_met;
const WITHIN_TOLERANCE = VERDICT_RANK.within_tolerance;
