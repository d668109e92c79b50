import { COMPARISON_OPERATORS } from '../../model/comparison-operator.ts';
import type { Operator } from '../../model/ruleset.ts';

/**
 * Decides a comparison of two finite numbers without rounding them when rounding cannot change the answer.
 * The engine compares values rounded to 12 significant digits (significant.ts); rounding moves a number by at most
 * 5·10⁻¹² of its size and never reverses an order, so when two numbers are further apart than 10⁻¹⁰ of the larger
 * the raw comparison gives the rounded one's answer, and two equal numbers round alike. Otherwise closer than that,
 * `undefined`: the caller rounds and compares.
 */
export function decideComparison(operator: Operator, value: number, bound: number): boolean | undefined {
  return decideWith(COMPARISON_OPERATORS[operator].holds, value, bound);
}

/** decideComparison with the operator's relation given (`holds`, of COMPARISON_OPERATORS). */
export function decideWith(
  holds: (a: number, b: number) => boolean,
  value: number,
  bound: number,
): boolean | undefined {
  const gap = value - bound;
  // Equal numbers round to equal numbers (counts compared with a whole-number bound are often equal).
  if (gap === 0) return holds(value, bound);
  const scale = Math.max(Math.abs(value), Math.abs(bound));
  if (!(Math.abs(gap) > scale * 1e-10)) return undefined;
  // So far apart, the raw numbers stand in the relation exactly when the rounded ones do.
  return holds(value, bound);
}
