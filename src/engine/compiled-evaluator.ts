import { COMPARISON_OPERATORS } from '../model/comparison-operator.ts';
import type { ConditionRecord } from '../model/evaluation.ts';
import { comparisonRule } from './json-rules-evaluator.ts';
import { toComparable } from './significant.ts';
import type { ComparisonFacts, ComparisonSpec, ThresholdEvaluator } from './threshold-evaluator.ts';

type Fact = number | boolean | string;
type Facts = Record<string, Fact | undefined>;

/** json-rules-engine's `numberValidator`: the operators that compare sizes refuse a fact that is not number-like. */
function numberLike(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

/**
 * json-rules-engine's default operators (engine-default-operators.js), from the one operator table, with the same
 * fact validation, so that a compiled condition gives the result the engine would.
 */
const OPERATORS: ReadonlyMap<string, (a: Fact, b: Fact) => boolean> = new Map(
  Object.values(COMPARISON_OPERATORS).map(({ engine, holds, orders }) => [
    engine,
    orders ? (a: Fact, b: Fact) => numberLike(a) && holds(a, b) : holds,
  ]),
);

interface ConditionJson {
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, string>;
}

/** One condition of a rule, compiled: reads its fact and its value (a constant or another fact) and compares. */
type CompiledCondition = (facts: Facts) => ConditionRecord;

/** One comparison compiled to plain functions: the facts it is given, then its conditions in rule order. */
export interface CompiledComparison {
  spec: ComparisonSpec;
  run: (facts: ComparisonFacts) => ConditionRecord[];
}

function readFact(facts: Facts, name: string): Fact {
  const value = facts[name];
  // allowUndefinedFacts: false in the reference evaluator: an absent fact is an error there too.
  if (value === undefined) throw new Error(`Undefined fact: ${name}`);
  return value;
}

function compileCondition(json: ConditionJson): CompiledCondition {
  const op = OPERATORS.get(json.operator);
  if (!op) throw new Error(`Unknown operator: ${json.operator}`);
  const operator = json.operator;
  const role: ConditionRecord['role'] = json.params?.['role'] === 'tolerance' ? 'tolerance' : 'standard';
  const fact = json.fact;
  const value = json.value;
  const boundFact =
    value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')
      ? (value as { fact: string }).fact
      : undefined;
  const constant = value as Fact;
  return (facts) => {
    const bound = boundFact === undefined ? constant : readFact(facts, boundFact);
    const factResult = readFact(facts, fact);
    return { role, operator, value: bound, factResult, result: op(factResult, bound) };
  };
}

/**
 * Compiles the json-rules-engine rule of one comparison (the JSON of `comparisonRule`) into plain functions:
 * the same facts (12 significant digits, the tolerance bound), the same conditions in the same order, the same
 * operator semantics, run synchronously.
 */
export function compileComparison(spec: ComparisonSpec): CompiledComparison {
  const rule = comparisonRule(spec) as unknown as { conditions: { any?: ConditionJson[]; all?: unknown } };
  const any = rule.conditions.any;
  if (!any || rule.conditions.all !== undefined)
    throw new Error(`comparison ${spec.id}: only an 'any' of plain conditions can be compiled`);
  const conditions = any.map(compileCondition);
  const share = spec.toleranceShare;
  return {
    spec,
    run: (given) => {
      const facts: Facts = { value: toComparable(given.value), bound: toComparable(given.bound) };
      if (share !== undefined && typeof given.bound === 'number')
        facts['toleranceBound'] = toComparable(given.bound * share);
      const out: ConditionRecord[] = new Array<ConditionRecord>(conditions.length);
      for (let i = 0; i < conditions.length; i++) out[i] = (conditions[i] as CompiledCondition)(facts);
      return out;
    },
  };
}

/**
 * The compiled evaluator: every comparison's json-rules-engine rule JSON compiled once into plain functions.
 * It gives the same condition records as the reference evaluator (the differential test holds it to that), without
 * an engine run, an almanac or a promise per comparison.
 */
export class CompiledEvaluator implements ThresholdEvaluator {
  readonly name = 'compiled';
  private readonly comparisons = new Map<string, CompiledComparison>();

  prepare(specs: readonly ComparisonSpec[]): void {
    for (const spec of specs) {
      if (!this.comparisons.has(spec.id)) this.comparisons.set(spec.id, compileComparison(spec));
    }
  }

  /** The compiled comparison of an id, for callers that run it synchronously. */
  comparison(id: string): CompiledComparison {
    const compiled = this.comparisons.get(id);
    if (!compiled) throw new Error(`comparison ${id} was not prepared`);
    return compiled;
  }

  compareSync(id: string, facts: ComparisonFacts): ConditionRecord[] {
    return this.comparison(id).run(facts);
  }

  compare(id: string, facts: ComparisonFacts): Promise<ConditionRecord[]> {
    try {
      return Promise.resolve(this.compareSync(id, facts));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
