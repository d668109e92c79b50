import type { MathNode } from 'mathjs';
import { MATH_TOLERANCE, mathRuntime } from './restricted-math.ts';

/**
 * A formula compiled to a plain JavaScript function: `values[i]` is the value of `names[i]` (a number, boolean or
 * string, or an array of numbers for an aggregated input), and the result is what the mathjs evaluation of the same
 * formula gives, or the same error thrown.
 */
export interface JsFormula {
  names: readonly string[];
  run(values: readonly unknown[]): unknown;
}

type Runtime = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/**
 * Helpers of the generated code. Each handles numbers (and, where mathjs's answer is the same, booleans) inline, with
 * the arithmetic mathjs's `number, number` signatures perform, and hands every other case to the restricted mathjs
 * function itself, so that booleans, strings, arrays and errors behave exactly as under mathjs.
 */
function helpers(m: Runtime): Record<string, (...args: never[]) => unknown> {
  const { relTol, absTol } = MATH_TOLERANCE;
  // mathjs's nearlyEqual (utils/number.js), which its comparisons of two numbers use.
  const near = (a: number, b: number): boolean => {
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
    if (a === b) return true;
    return Math.abs(a - b) <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), absTol);
  };
  // Each of mathjs's functions is read at its first use, the slow path of a helper: most runs never take it.
  const call = (name: string): ((...args: unknown[]) => unknown) => {
    let fn: ((...args: unknown[]) => unknown) | undefined;
    return (...args: unknown[]) => (fn ??= m[name] as (...args: unknown[]) => unknown)(...args);
  };
  const add = call('add');
  const subtract = call('subtract');
  const multiply = call('multiply');
  const divide = call('divide');
  const unaryMinus = call('unaryMinus');
  const equal = call('equal');
  const unequal = call('unequal');
  const larger = call('larger');
  const largerEq = call('largerEq');
  const smaller = call('smaller');
  const smallerEq = call('smallerEq');
  const and = call('and');
  const or = call('or');
  const not = call('not');
  const abs = call('abs');
  const sum = call('sum');
  const mean = call('mean');
  const count = call('count');
  /** A flat array of numbers: what an aggregated input holds. */
  const numbers = (v: unknown): v is number[] => {
    if (!Array.isArray(v)) return false;
    for (const x of v) if (typeof x !== 'number') return false;
    return true;
  };
  return {
    add: (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a + b : add(a, b)),
    subtract: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : subtract(a, b),
    multiply: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a * b : multiply(a, b),
    divide: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a / b : divide(a, b),
    unaryMinus: (a: unknown) => (typeof a === 'number' ? -a : unaryMinus(a)),
    equal: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? near(a, b) : equal(a, b),
    unequal: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? !near(a, b) : unequal(a, b),
    larger: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a > b && !near(a, b) : larger(a, b),
    largerEq: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a >= b || near(a, b) : largerEq(a, b),
    smaller: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a < b && !near(a, b) : smaller(a, b),
    smallerEq: (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number' ? a <= b || near(a, b) : smallerEq(a, b),
    and: (a: unknown, b: unknown) =>
      (typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean')
        ? !!(a && b)
        : and(a, b),
    or: (a: unknown, b: unknown) =>
      (typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean')
        ? !!(a || b)
        : or(a, b),
    not: (a: unknown) => (typeof a === 'number' || typeof a === 'boolean' ? !a : not(a)),
    abs: (a: unknown) => (typeof a === 'number' ? Math.abs(a) : abs(a)),
    // A condition as mathjs's ConditionalNode tests it.
    test: (c: unknown) => {
      if (typeof c === 'number' || typeof c === 'boolean' || typeof c === 'string') return !!c;
      if (c === null || c === undefined) return false;
      throw new TypeError(`Unsupported type of condition "${Array.isArray(c) ? 'Array' : typeof c}"`);
    },
    // mathjs sums left to right starting from the first member (so sum([-0]) is -0), and refuses an empty mean.
    sum: (a: unknown) => {
      if (!numbers(a) || a.length === 0) return sum(a);
      let s = a[0] as number;
      for (let i = 1; i < a.length; i++) s += a[i] as number;
      return s;
    },
    mean: (a: unknown) => {
      if (!numbers(a) || a.length === 0) return mean(a);
      let s = a[0] as number;
      for (let i = 1; i < a.length; i++) s += a[i] as number;
      return s / a.length;
    },
    count: (a: unknown) => (Array.isArray(a) ? a.length : count(a)),
  };
}

const INLINE_OPERATORS = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'unaryMinus',
  'equal',
  'unequal',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
  'and',
  'or',
  'not',
]);
const INLINE_FUNCTIONS = new Set(['abs', 'sum', 'mean', 'count']);

/**
 * Compiles a formula that parseFormula has already proven safe (constants, declared names, the allowed operators and
 * functions) to JavaScript. The code is generated from the validated tree, never from the formula's text: a name
 * becomes `v[i]`, a constant `k[i]`, an operator or function a call of a fixed helper, so nothing the rule writer
 * typed reaches the generated source. Returns undefined for a node outside that language.
 */
export function compileJs(node: MathNode, names: readonly string[]): JsFormula | undefined {
  const slots = new Map(names.map((name, i) => [name, i]));
  const constants: unknown[] = [];

  const emit = (current: MathNode): string | undefined => {
    switch (current.type) {
      case 'ConstantNode': {
        const value = (current as unknown as { value: unknown }).value;
        if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string')
          return undefined;
        constants.push(value);
        return `k[${constants.length - 1}]`;
      }
      case 'SymbolNode': {
        const slot = slots.get((current as unknown as { name: string }).name);
        return slot === undefined ? undefined : `v[${slot}]`;
      }
      case 'ParenthesisNode':
        return emit((current as unknown as { content: MathNode }).content);
      case 'ConditionalNode': {
        const c = current as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const condition = emit(c.condition);
        const yes = emit(c.trueExpr);
        const no = emit(c.falseExpr);
        if (condition === undefined || yes === undefined || no === undefined) return undefined;
        // Lazy, as mathjs's ConditionalNode: only the chosen branch is evaluated.
        return `(h.test(${condition}) ? ${yes} : ${no})`;
      }
      case 'OperatorNode': {
        const op = current as unknown as { fn: string; args: MathNode[] };
        return callOf(op.fn, op.args, INLINE_OPERATORS.has(op.fn));
      }
      case 'FunctionNode': {
        const fn = current as unknown as { fn: MathNode; args: MathNode[] };
        if (fn.fn.type !== 'SymbolNode') return undefined;
        const name = (fn.fn as unknown as { name: string }).name;
        // An inline helper takes one argument; other arities keep mathjs's own checks and errors.
        return callOf(name, fn.args, INLINE_FUNCTIONS.has(name) && fn.args.length === 1);
      }
      default:
        return undefined;
    }
  };

  const callOf = (name: string, args: MathNode[], inline: boolean): string | undefined => {
    if (!Object.hasOwn(mathRuntime, name) || !/^[a-zA-Z]+$/.test(name)) return undefined;
    const code: string[] = [];
    for (const arg of args) {
      const c = emit(arg);
      if (c === undefined) return undefined;
      code.push(c);
    }
    if (inline) {
      return `h.${name}(${code.join(', ')})`;
    }
    return `m.${name}(${code.join(', ')})`;
  };

  const body = emit(node);
  if (body === undefined) return undefined;
  // The source is built from fixed templates and slot indexes only (see above).
  const factory = new Function(
    'k',
    'm',
    'h',
    `'use strict'; return function formula(v) { return ${body}; };`,
  ) as (k: readonly unknown[], m: Runtime, h: Record<string, unknown>) => (v: readonly unknown[]) => unknown;
  const run = factory(Object.freeze(constants), mathRuntime, HELPERS);
  return { names, run };
}

const HELPERS = Object.freeze(helpers(mathRuntime));
