import type { Operator } from '../model/index.ts';

const SYMBOLS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

// What a failed comparison reads as: a value that is not ≥ the bound is < it.
const NEGATED: Record<string, string> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥', '==': '≠', '!=': '=' };

/** The printed sign of an operator: `>=` → ≥. */
export function operatorSymbol(operator: Operator | string): string {
  return SYMBOLS[operator] ?? operator;
}

/** The sign that holds between value and bound when the comparison failed: `>=` → <. */
export function negatedOperatorSymbol(operator: Operator | string): string {
  return NEGATED[operator] ?? `not ${operator}`;
}
