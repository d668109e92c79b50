import type { Operator } from './ruleset.ts';

/** What one comparison operator of a rule means, and how each part of the project names it. */
export interface ComparisonOperator {
  /** json-rules-engine's name of the operator (engine-default-operators.js). */
  engine: string;
  /** Whether the value stands in the relation to the bound. */
  holds: (value: number | boolean | string, bound: number | boolean | string) => boolean;
  /** The operator as a small number, for code that decides many numbers (decide-comparison.ts `holdsCode`). */
  code: number;
  /** A size comparison: json-rules-engine refuses a fact that is not number-like, and a value can be moved to pass. */
  orders: boolean;
  /** For a size comparison, whether a larger value helps (`>=`, `>`). */
  wantsIncrease: boolean;
  /** The printed sign (≥) and the sign that holds when the comparison failed (a value not ≥ a bound is < it). */
  symbol: string;
  negated: string;
}

/** The one table of the comparison operators a rule may use: every other use derives from it. */
export const COMPARISON_OPERATORS: Readonly<Record<Operator, ComparisonOperator>> = {
  '>=': {
    engine: 'greaterThanInclusive',
    holds: (a, b) => a >= b,
    code: 0,
    orders: true,
    wantsIncrease: true,
    symbol: '≥',
    negated: '<',
  },
  '>': {
    engine: 'greaterThan',
    holds: (a, b) => a > b,
    code: 1,
    orders: true,
    wantsIncrease: true,
    symbol: '>',
    negated: '≤',
  },
  '<=': {
    engine: 'lessThanInclusive',
    holds: (a, b) => a <= b,
    code: 2,
    orders: true,
    wantsIncrease: false,
    symbol: '≤',
    negated: '>',
  },
  '<': {
    engine: 'lessThan',
    holds: (a, b) => a < b,
    code: 3,
    orders: true,
    wantsIncrease: false,
    symbol: '<',
    negated: '≥',
  },
  '==': {
    engine: 'equal',
    holds: (a, b) => a === b,
    code: 4,
    orders: false,
    wantsIncrease: false,
    symbol: '=',
    negated: '≠',
  },
  '!=': {
    engine: 'notEqual',
    holds: (a, b) => a !== b,
    code: 5,
    orders: false,
    wantsIncrease: false,
    symbol: '≠',
    negated: '=',
  },
};
