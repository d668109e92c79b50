import { describe, expect, it } from 'vitest';
import {
  compileJs,
  compileJsRows,
  ROW_FALSE,
  ROW_INSUFFICIENT,
  ROW_NUMBER,
  ROW_PENDING,
  ROW_TEXT,
  ROW_TRUE,
  type RowOutcomes,
} from '../../src/formula/compile-js.ts';
import { parseFormula } from '../../src/formula/parse-formula.ts';
import { listBundledRuleSets } from '../../src/rules/locate-ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import type { Formula, InputDef, RuleSet } from '../../src/model/ruleset.ts';

/** mulberry32: a seeded generator, so every run draws the same formulas and values. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = { value: unknown } | { threw: true };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch {
    return { threw: true };
  }
}

/** Evaluates one formula both ways on the same inputs: mathjs (as evaluate-formula.ts does) and the compiled JS. */
function both(text: string, names: string[], values: unknown[]): { mathjs: Outcome; js: Outcome } {
  const parsed = parseFormula(text, new Set(names));
  if (!parsed.formula) throw new Error(`${text}: ${parsed.issues[0]?.message.en}`);
  const compiled = compileJs(parsed.formula.node, names);
  if (!compiled) throw new Error(`${text} did not compile to JavaScript`);
  const scope = new Map(names.map((n, i) => [n, values[i]]));
  const evaluate = parsed.formula.node.compile();
  return { mathjs: outcome(() => evaluate.evaluate(scope)), js: outcome(() => compiled.run(values)) };
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  2,
  3,
  0.5,
  -7.5,
  100,
  1e-13,
  1 + 1e-13,
  0.1 + 0.2,
  0.3,
  1e300,
  -1e300,
  4.2,
  0.85,
  45,
];
const STRINGS = ['', 'a', '3', 'primary', 'teaching_point'];
const ARRAYS = [[], [1], [1, 2, 3], [0.5, -2], [0, 0], [4.2, 4.2 * 0.85, 5]];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function scalar(rand: () => number): unknown {
  const r = rand();
  if (r < 0.55) return pick(rand, NUMBERS);
  if (r < 0.75) return Math.round((rand() * 200 - 100) * 1000) / 1000;
  if (r < 0.87) return rand() < 0.5;
  return pick(rand, STRINGS);
}

const OPERATORS = ['+', '-', '*', '/', '^', 'mod', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];
const UNARY = ['-', '+', 'not '];
const SCALAR_FUNCTIONS = ['abs', 'round', 'sqrt'];
const AGGREGATES = ['sum', 'mean', 'min', 'max', 'count'];

/** A random formula of the restricted language over scalars a, b, c and lists xs, ys. */
function formula(rand: () => number, depth: number): string {
  const r = rand();
  if (depth <= 0 || r < 0.2) {
    const leaf = rand();
    if (leaf < 0.45) return pick(rand, ['a', 'b', 'c']);
    if (leaf < 0.8) return String(pick(rand, [0, 1, 2, 0.5, 3, 85, 4.2, 100, 1e-3]));
    if (leaf < 0.9) return pick(rand, ['true', 'false']);
    return JSON.stringify(pick(rand, STRINGS));
  }
  if (r < 0.55) return `(${formula(rand, depth - 1)} ${pick(rand, OPERATORS)} ${formula(rand, depth - 1)})`;
  if (r < 0.62) return `${pick(rand, UNARY)}(${formula(rand, depth - 1)})`;
  if (r < 0.72)
    return `(${formula(rand, depth - 1)} ? ${formula(rand, depth - 1)} : ${formula(rand, depth - 1)})`;
  if (r < 0.8) {
    const fn = pick(rand, SCALAR_FUNCTIONS);
    return fn === 'round' && rand() < 0.4
      ? `round(${formula(rand, depth - 1)}, ${pick(rand, ['0', '1', '2', 'a'])})`
      : `${fn}(${formula(rand, depth - 1)})`;
  }
  const fn = pick(rand, AGGREGATES);
  const arg =
    rand() < 0.7
      ? pick(rand, ['xs', 'ys', 'a'])
      : `${pick(rand, ['xs', 'ys'])} ${pick(rand, ['*', '/', '+'])} 2`;
  return rand() < 0.15 ? `${fn}(${arg}, ${formula(rand, depth - 1)})` : `${fn}(${arg})`;
}

/** Every formula of a rule set: check values, options, bounds written as formulas and applies_when. */
function formulasOf(ruleset: RuleSet): Formula[] {
  const out: Formula[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o['text'] === 'string' && Array.isArray(o['names']) && Array.isArray(o['aggregated']))
      out.push(o as unknown as Formula);
    for (const v of Object.values(o)) walk(v);
  };
  walk(ruleset.indicators);
  walk(ruleset.areas);
  return out;
}

/** A random value of an input as the data would hold it, an array for an aggregated one. */
function valueOf(rand: () => number, def: InputDef | undefined, aggregated: boolean): unknown {
  const one = (): unknown => {
    switch (def?.type) {
      case 'boolean':
        return rand() < 0.5;
      case 'category':
      case 'text':
        return pick(rand, [
          ...STRINGS,
          ...Object.keys((def as { values?: Record<string, unknown> }).values ?? {}),
        ]);
      default: {
        const r = rand();
        if (r < 0.15) return 0;
        if (r < 0.3) return pick(rand, NUMBERS);
        return Math.round(rand() * 5000) / pick(rand, [1, 10, 100]);
      }
    }
  };
  if (!aggregated || rand() < 0.1) return one();
  const n = rand() < 0.1 ? 0 : 1 + Math.floor(rand() * 12);
  const xs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v = one();
    xs.push(typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : 0);
  }
  return xs;
}

describe('formulas compiled to JavaScript', () => {
  it('give what mathjs gives on 20,000 random formulas and inputs', () => {
    const rand = random(20260701);
    const names = ['a', 'b', 'c', 'xs', 'ys'];
    const differences: unknown[] = [];
    for (let i = 0; i < 20_000; i++) {
      const text = formula(rand, 1 + Math.floor(rand() * 4));
      for (let j = 0; j < 3; j++) {
        const values = [scalar(rand), scalar(rand), scalar(rand), pick(rand, ARRAYS), pick(rand, ARRAYS)];
        const { mathjs, js } = both(text, names, values);
        if (!sameValue(mathjs, js)) differences.push({ text, values, mathjs, js });
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('give what mathjs gives on every formula of every bundled rule set', async () => {
    const rand = random(7);
    const differences: unknown[] = [];
    let count = 0;
    for (const name of await listBundledRuleSets()) {
      const { ruleset } = await loadRuleSet(name);
      if (!ruleset) throw new Error(`${name} did not load`);
      for (const f of formulasOf(ruleset)) {
        count++;
        const aggregated = new Set(f.aggregated);
        for (let j = 0; j < 200; j++) {
          const values = f.names.map((n) => valueOf(rand, ruleset.inputs.inputs[n], aggregated.has(n)));
          const { mathjs, js } = both(f.text, f.names, values);
          if (!sameValue(mathjs, js)) differences.push({ ruleset: name, text: f.text, values, mathjs, js });
        }
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it.each([
    { text: 'a / b', values: [1, 0], value: Infinity },
    { text: 'a / b', values: [0, 0], value: NaN },
    { text: 'a == b', values: [0.1 + 0.2, 0.3], value: true },
    { text: 'a > b', values: [1 + 1e-13, 1], value: false },
    { text: 'a == "teaching_point"', values: ['teaching_point', 0], value: true },
    { text: 'a == b', values: [true, 1], value: true },
    { text: 'sum(a)', values: [[], 0], value: 0 },
  ])('$text on $values gives $value, as under mathjs', ({ text, values, value }) => {
    const { mathjs, js } = both(text, ['a', 'b'], values);
    expect(js).toEqual({ value });
    expect(mathjs).toEqual({ value });
  });

  it('refuses to compile a name it was not given', () => {
    const parsed = parseFormula('a + b', new Set(['a', 'b']));
    expect(parsed.formula && compileJs(parsed.formula.node, ['a'])).toBeUndefined();
  });
});

/** Same outcome: both threw, or the same value (numbers by Object.is, so NaN equals NaN and 0 differs from -0). */
function sameValue(a: Outcome, b: Outcome): boolean {
  if ('threw' in a || 'threw' in b) return 'threw' in a && 'threw' in b;
  return deepSame(a.value, b.value);
}

function deepSame(x: unknown, y: unknown): boolean {
  if (Array.isArray(x) && Array.isArray(y))
    return x.length === y.length && x.every((v, i) => deepSame(v, y[i]));
  if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object')
    return JSON.stringify(x) === JSON.stringify(y);
  return Object.is(x, y);
}

/**
 * What a formula gives for one row, spelled out from PlanFormula.evaluate: an input lacking (undefined; NaN in a
 * number column) makes the row pending when every input lacking is external, else short of data; an error or a
 * value that is not a finite number, a yes/no or a text is short of data.
 */
function rowReference(
  run: (values: readonly unknown[]) => unknown,
  values: readonly unknown[],
  inputs: readonly { numbers: boolean; external: boolean }[],
): { state: number; value?: unknown } {
  let internal = false;
  let lacking = false;
  values.forEach((v, i) => {
    if (v === undefined || (inputs[i]?.numbers && Number.isNaN(v))) {
      lacking = true;
      if (!inputs[i]?.external) internal = true;
    }
  });
  if (lacking) return { state: internal ? ROW_INSUFFICIENT : ROW_PENDING };
  let value: unknown;
  try {
    value = run(values);
  } catch {
    return { state: ROW_INSUFFICIENT };
  }
  if (typeof value === 'number')
    return Number.isFinite(value) ? { state: ROW_NUMBER, value } : { state: ROW_INSUFFICIENT };
  if (typeof value === 'boolean') return { state: value ? ROW_TRUE : ROW_FALSE };
  if (typeof value === 'string') return { state: ROW_TEXT, value };
  return { state: ROW_INSUFFICIENT };
}

describe('formulas compiled to loops over rows of columns', () => {
  it('give, row by row, what the compiled formula gives one row at a time, lacking values and errors included', () => {
    const rand = random(20261203);
    const names = ['a', 'b', 'c'];
    const differences: unknown[] = [];
    let rows = 0;
    for (let i = 0; i < 4_000; i++) {
      const text = formula(rand, 1 + Math.floor(rand() * 4)).replace(/\b(xs|ys)\b/g, 'a');
      const parsed = parseFormula(text, new Set(names));
      if (!parsed.formula) continue;
      const inputs = names.map(() => ({ numbers: rand() < 0.6, external: rand() < 0.3 }));
      const one = compileJs(parsed.formula.node, names);
      const loop = compileJsRows(parsed.formula.node, names, inputs);
      if (!one || !loop) throw new Error(`${text} did not compile`);
      // A number column is a Float64Array (NaN where a row has none); any other an array with holes.
      const count = 1 + Math.floor(rand() * 12);
      const from = Math.floor(rand() * 3);
      const columns = inputs.map(({ numbers }) => {
        const size = from + count;
        if (numbers) {
          const xs = new Float64Array(size).fill(NaN);
          for (let r = 0; r < size; r++)
            if (rand() < 0.85) xs[r] = (scalar(rand) as number) * 1 || pick(rand, NUMBERS);
          return xs;
        }
        const xs: unknown[] = [];
        for (let r = 0; r < size; r++) if (rand() < 0.85) xs[r] = scalar(rand);
        return xs;
      });
      const out: RowOutcomes = { states: new Uint8Array(count), numbers: new Float64Array(count), texts: [] };
      loop.run(columns, from, count, out);
      for (let j = 0; j < count; j++) {
        rows++;
        const values = columns.map((column) => column[from + j]);
        const expected = rowReference(one.run, values, inputs);
        const state = out.states[j];
        const value = state === ROW_NUMBER ? out.numbers[j] : state === ROW_TEXT ? out.texts[j] : undefined;
        if (state !== expected.state || !Object.is(value, expected.value))
          differences.push({ text, inputs, values, expected, got: { state, value } });
      }
    }
    expect(rows).toBeGreaterThan(20_000);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
