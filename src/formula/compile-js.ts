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
  const emitted = emitFormula(node, names, (slot) => `v[${slot}]`);
  if (emitted === undefined) return undefined;
  // The source is built from fixed templates and slot indexes only (see emitFormula).
  const factory = new Function(
    'k',
    'm',
    'h',
    `'use strict'; return function formula(v) { return ${emitted.body}; };`,
  ) as (k: readonly unknown[], m: Runtime, h: Record<string, unknown>) => (v: readonly unknown[]) => unknown;
  const run = factory(Object.freeze(emitted.constants), mathRuntime, HELPERS);
  return { names, run };
}

/** What a formula gave for each row of a range (compileJsRows). */
export interface RowOutcomes {
  /** Per row: ROW_NUMBER (the number in `numbers`), ROW_FALSE, ROW_TRUE, ROW_TEXT (the text in `texts`), ROW_PENDING or ROW_INSUFFICIENT. */
  states: Uint8Array;
  numbers: Float64Array;
  texts: unknown[];
}
export const ROW_NUMBER = 0;
export const ROW_FALSE = 1;
export const ROW_TRUE = 2;
export const ROW_TEXT = 3;
export const ROW_PENDING = 4;
export const ROW_INSUFFICIENT = 5;

/**
 * A formula run over rows of columns: `run(columns, from, count, out)` evaluates rows `from` … `from + count - 1`,
 * `columns[i]` holding the values of `names[i]` by row, into `out` (its first `count` places).
 */
export interface JsRows {
  run(columns: readonly ArrayLike<unknown>[], from: number, count: number, out: RowOutcomes): void;
}

/**
 * The formula of compileJs compiled to a loop over rows of columns, with what PlanFormula.evaluate does around it
 * inlined: an input lacking (undefined; NaN too in a number column) leaves the row pending when every input lacking
 * is external, else short of data; an error, or a value that is not a finite number, a yes/no or a text, is short
 * of data. `inputs[i]` says whether `names[i]` is held as numbers and whether it is external.
 */
export function compileJsRows(
  node: MathNode,
  names: readonly string[],
  inputs: readonly { numbers: boolean; external: boolean }[],
): JsRows | undefined {
  const emitted = emitFormula(node, names, (slot) => `x${slot}`);
  if (emitted === undefined || inputs.length !== names.length) return undefined;
  const read: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const lacking = (inputs[i] as (typeof inputs)[number]).numbers
      ? `x${i} === undefined || x${i} !== x${i}`
      : `x${i} === undefined`;
    const mark = (inputs[i] as (typeof inputs)[number]).external ? 1 : 2;
    read.push(`const x${i} = c${i}[row]; if (${lacking}) lack |= ${mark};`);
  }
  const source = [
    `'use strict'; return function rows(c, from, count, out) {`,
    ...names.map((_, i) => `const c${i} = c[${i}];`),
    `const s = out.states, n = out.numbers, t = out.texts;`,
    `for (let j = 0; j < count; j++) {`,
    `const row = from + j; let lack = 0;`,
    ...read,
    `if (lack !== 0) { s[j] = lack === 1 ? ${ROW_PENDING} : ${ROW_INSUFFICIENT}; continue; }`,
    `let r; try { r = ${emitted.body}; } catch { s[j] = ${ROW_INSUFFICIENT}; continue; }`,
    `if (typeof r === 'number') { if (r - r === 0) { s[j] = ${ROW_NUMBER}; n[j] = r; } else s[j] = ${ROW_INSUFFICIENT}; }`,
    `else if (typeof r === 'boolean') s[j] = r ? ${ROW_TRUE} : ${ROW_FALSE};`,
    `else if (typeof r === 'string') { s[j] = ${ROW_TEXT}; t[j] = r; }`,
    `else s[j] = ${ROW_INSUFFICIENT};`,
    `} };`,
  ].join('\n');
  // Built from fixed templates, slot indexes and constants' places only, as compileJs.
  const factory = new Function('k', 'm', 'h', source) as (
    k: readonly unknown[],
    m: Runtime,
    h: Record<string, unknown>,
  ) => JsRows['run'];
  return { run: factory(Object.freeze(emitted.constants), mathRuntime, HELPERS) };
}

/**
 * The body of a formula as a JavaScript expression, generated from the validated tree, never from the formula's
 * text: a name becomes `symbol(i)` (its slot), a constant `k[i]`, an operator or function a call of a fixed helper.
 * Undefined for a node outside that language.
 */
function emitFormula(
  node: MathNode,
  names: readonly string[],
  symbol: (slot: number) => string,
): { body: string; constants: unknown[] } | undefined {
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
        return slot === undefined ? undefined : symbol(slot);
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
  return body === undefined ? undefined : { body, constants };
}

const HELPERS = Object.freeze(helpers(mathRuntime));
