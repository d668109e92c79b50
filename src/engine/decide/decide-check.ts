import { COMPARISON_OPERATORS } from '../../model/comparison-operator.ts';
import type { ConditionRecord } from '../../model/evaluation.ts';
import type { Verdict } from '../../model/verdict.ts';
import type { CompiledComparison } from '../compiled-evaluator.ts';
import { decideComparison } from './decide-comparison.ts';

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
  const standard = decideComparison(operator, value, bound);
  if (standard === undefined) return undefined;
  if (standard) return 'met';
  if (toleranceShare === undefined) return 'not_met';
  // The tolerance condition is `>=` (or `>` under a strict standard) against the share of the bound.
  const tolerance = decideComparison(operator === '>' ? '>' : '>=', value, bound * toleranceShare);
  if (tolerance === undefined) return undefined;
  return tolerance ? 'within_tolerance' : 'not_met';
}
