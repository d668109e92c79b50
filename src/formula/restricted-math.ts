import {
  absDependencies,
  addDependencies,
  andDependencies,
  countDependencies,
  create,
  divideDependencies,
  equalDependencies,
  largerDependencies,
  largerEqDependencies,
  maxDependencies,
  meanDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  notDependencies,
  orDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  sumDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
  type FactoryFunctionMap,
  type MathNode,
} from 'mathjs';
import { ARITHMETIC_OPERATORS, COMPARISON_OPERATORS, LOGICAL_OPERATORS } from './operators.ts';

/**
 * A mathjs instance built from an allow-list of factories: it has arithmetic, comparisons, logic and the
 * aggregation functions rules may call, and nothing else. `import`, `createUnit`, `evaluate`, `parse`, `simplify`
 * and friends are not part of it, and are also overridden to throw, as mathjs's security notes advise.
 */
const math = create(
  {
    parseDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    modDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    equalDependencies,
    unequalDependencies,
    largerDependencies,
    largerEqDependencies,
    smallerDependencies,
    smallerEqDependencies,
    andDependencies,
    orDependencies,
    notDependencies,
    absDependencies,
    roundDependencies,
    sqrtDependencies,
    sumDependencies,
    meanDependencies,
    minDependencies,
    maxDependencies,
    countDependencies,
  } as unknown as FactoryFunctionMap,
  { number: 'number', predictable: true },
);

// Category inputs hold strings (stage, school_type); mathjs's `==` would convert them to numbers and throw, so
// rules could not say `school_type == "teaching_point"`. Importing a typed function of the same name merges its
// signature into the existing one: numbers and booleans compare as before, two strings compare as text.
const typed = (math as unknown as { typed: (name: string, signatures: Record<string, unknown>) => unknown })
  .typed;
math.import({
  equal: typed('equal', { 'string, string': (a: string, b: string) => a === b }),
  unequal: typed('unequal', { 'string, string': (a: string, b: string) => a !== b }),
});

const parseExpression = math.parse;

/** An object whose member `name` is `math[name]`, read from the instance at first use and kept. */
function lazyFunctions(names: readonly string[]): Readonly<Record<string, (...args: unknown[]) => unknown>> {
  const runtime: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of names) {
    Object.defineProperty(runtime, name, {
      configurable: true,
      enumerable: true,
      get() {
        const fn = (math as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
        Object.defineProperty(runtime, name, { value: fn, enumerable: true });
        return fn;
      },
    });
  }
  return runtime;
}

/** The tolerances mathjs compares numbers with (`nearlyEqual`), read from the instance's configuration. */
export const MATH_TOLERANCE: { relTol: number; absTol: number } = (() => {
  const config = (math.config as unknown as () => unknown)() as {
    relTol?: number;
    absTol?: number;
    epsilon?: number;
  };
  return { relTol: config.relTol ?? config.epsilon ?? 1e-12, absTol: config.absTol ?? 0 };
})();

function refuse(name: string): () => never {
  return () => {
    throw new Error(`${name} is disabled in rule formulas`);
  };
}

math.import(
  {
    import: refuse('import'),
    createUnit: refuse('createUnit'),
    evaluate: refuse('evaluate'),
    parse: refuse('parse'),
    simplify: refuse('simplify'),
    derivative: refuse('derivative'),
    resolve: refuse('resolve'),
    reviver: refuse('reviver'),
    compile: refuse('compile'),
  },
  { override: true },
);

/** Parses an expression with the restricted instance. Callers must still walk the tree (see parse-formula.ts). */
export function parseMath(text: string): MathNode {
  return parseExpression(text);
}

/** Functions a formula may call, and whether each aggregates a list of member values. */
export const ALLOWED_FUNCTIONS: Readonly<Record<string, { aggregate: boolean }>> = {
  sum: { aggregate: true },
  mean: { aggregate: true },
  min: { aggregate: true },
  max: { aggregate: true },
  count: { aggregate: true },
  abs: { aggregate: false },
  round: { aggregate: false },
  sqrt: { aggregate: false },
};

/** Operators a formula may use (mathjs operator function names). */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  ...ARITHMETIC_OPERATORS,
  ...COMPARISON_OPERATORS,
  ...LOGICAL_OPERATORS,
]);

/**
 * The restricted instance's own functions, for code compiled from a validated formula (compile-js.ts): whatever the
 * generated code does not handle inline goes to the very function the mathjs evaluation would call. mathjs builds
 * each function when it is first read, so each is read here only when first used: a run whose formulas never
 * call `pow` never builds it.
 */
export const mathRuntime = lazyFunctions([...ALLOWED_OPERATORS, ...Object.keys(ALLOWED_FUNCTIONS)]);
