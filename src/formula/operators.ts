/** The operators a formula may use, by mathjs operator function name, in three kinds: one table for every use. */
export const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'mod',
  'unaryMinus',
  'unaryPlus',
]);
export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set([
  'equal',
  'unequal',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
]);
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not']);
