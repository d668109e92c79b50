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
  return decideWith(OPERATOR_CODE[operator], value, bound);
}

/**
 * Each operator by its small number (COMPARISON_OPERATORS' `code`), for code that decides many numbers against one
 * prepared comparison: a loop that switches on a number it read calls no function it was handed (such a call,
 * reached with every operator's relation in turn, is one V8 cannot inline).
 */
export const OPERATOR_CODE = Object.fromEntries(
  Object.entries(COMPARISON_OPERATORS).map(([operator, { code }]) => [operator, code]),
) as Readonly<Record<Operator, number>>;

/** Whether `value` stands in the relation of operator `code` (OPERATOR_CODE) to `bound`: COMPARISON_OPERATORS' holds. */
export function holdsCode(code: number, value: number, bound: number): boolean {
  switch (code) {
    case 0:
      return value >= bound;
    case 1:
      return value > bound;
    case 2:
      return value <= bound;
    case 3:
      return value < bound;
    case 4:
      return value === bound;
    default:
      return value !== bound;
  }
}

/** decideComparison with the operator given by its code (OPERATOR_CODE). */
export function decideWith(code: number, value: number, bound: number): boolean | undefined {
  const gap = value - bound;
  // Equal numbers round to equal numbers (counts compared with a whole-number bound are often equal).
  if (gap === 0) return holdsCode(code, value, bound);
  const scale = Math.max(Math.abs(value), Math.abs(bound));
  if (!(Math.abs(gap) > scale * 1e-10)) return undefined;
  // So far apart, the raw numbers stand in the relation exactly when the rounded ones do.
  return holdsCode(code, value, bound);
}
