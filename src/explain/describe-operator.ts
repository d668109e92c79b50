import { COMPARISON_OPERATORS } from '../model/comparison-operator.ts';
import type { Operator } from '../model/index.ts';

function definition(operator: string) {
  return Object.hasOwn(COMPARISON_OPERATORS, operator)
    ? COMPARISON_OPERATORS[operator as Operator]
    : undefined;
}

/** The printed sign of an operator: `>=` → ≥. */
export function operatorSymbol(operator: Operator | string): string {
  return definition(operator)?.symbol ?? operator;
}

/** The sign that holds between value and bound when the comparison failed: `>=` → <. */
export function negatedOperatorSymbol(operator: Operator | string): string {
  return definition(operator)?.negated ?? `not ${operator}`;
}
