import { Engine, Rule } from 'json-rules-engine';
import type { ConditionRecord } from '../model/evaluation.ts';
import {
  engineOperator,
  type ComparisonFacts,
  type ComparisonSpec,
  type ThresholdEvaluator,
} from './threshold-evaluator.ts';
import { factKey } from './fact-key.ts';
import { toComparable } from './significant.ts';

interface ConditionResultJson {
  fact: string;
  operator: string;
  value: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
  params?: Record<string, string>;
}

/** The json-rules-engine rule of one comparison: the standard and, when asked, the tolerance condition. */
export function comparisonRule(spec: ComparisonSpec): ConstructorParameters<typeof Rule>[0] {
  const conditions: object[] = [
    {
      fact: 'value',
      operator: engineOperator(spec.operator),
      value: { fact: 'bound' },
      params: { ...spec.params, role: 'standard' },
    },
  ];
  if (spec.toleranceShare !== undefined) {
    conditions.push({
      fact: 'value',
      operator: engineOperator(spec.operator === '>' ? '>' : '>='),
      value: { fact: 'toleranceBound' },
      params: { ...spec.params, role: 'tolerance' },
    });
  }
  // One priority for every condition: json-rules-engine then evaluates them all, so each has a result
  // (conditions short-circuited between priorities get none).
  return { conditions: { any: conditions } as never, event: { type: spec.id }, name: spec.id, priority: 1 };
}

/** How many distinct facts of one comparison keep their answer (a county has far fewer; a nation is streamed). */
const ANSWERS_KEPT = 10_000;

interface Prepared {
  engine: Engine;
  spec: ComparisonSpec;
  /** json-rules-engine's conditions for facts already run, by the facts: an engine run is a pure function of them. */
  answers: Map<string, ConditionRecord[]>;
}

/**
 * The reference evaluator: every comparison is a json-rules-engine rule, run on the facts of each subject. A
 * county repeats the same facts many times (classes of 45 against a bound of 45, a school's 是 against true):
 * json-rules-engine decides each distinct set of facts of a comparison once, and its conditions are copied to
 * every subject with those facts.
 */
export class JsonRulesEvaluator implements ThresholdEvaluator {
  readonly name = 'json-rules-engine';
  private readonly engines = new Map<string, Prepared>();

  prepare(specs: readonly ComparisonSpec[]): void {
    for (const spec of specs) {
      if (this.engines.has(spec.id)) continue;
      const engine = new Engine([], { allowUndefinedFacts: false });
      engine.addRule(new Rule(comparisonRule(spec)));
      this.engines.set(spec.id, { engine, spec, answers: new Map() });
    }
  }

  async compare(id: string, facts: ComparisonFacts): Promise<ConditionRecord[]> {
    const entry = this.engines.get(id);
    if (!entry) throw new Error(`comparison ${id} was not prepared`);
    const runFacts: Record<string, unknown> = {
      value: toComparable(facts.value),
      bound: toComparable(facts.bound),
    };
    if (entry.spec.toleranceShare !== undefined && typeof facts.bound === 'number') {
      runFacts['toleranceBound'] = toComparable(facts.bound * entry.spec.toleranceShare);
    }
    const key = factsKey(runFacts);
    let answer = entry.answers.get(key);
    if (!answer) {
      answer = await this.run(entry, runFacts);
      if (entry.answers.size >= ANSWERS_KEPT) entry.answers.clear();
      entry.answers.set(key, answer);
    }
    return answer.map((condition) => ({ ...condition }));
  }

  private async run(entry: Prepared, runFacts: Record<string, unknown>): Promise<ConditionRecord[]> {
    const { results, failureResults } = await entry.engine.run(runFacts);
    const ruleResult = results[0] ?? failureResults[0];
    const conditions = (
      (ruleResult?.conditions as unknown as { any?: ConditionResultJson[] })?.any ?? []
    ).map((c): ConditionRecord => ({
      role: c.params?.['role'] === 'tolerance' ? 'tolerance' : 'standard',
      operator: c.operator,
      value: c.valueResult as number | boolean | string,
      factResult: (c.factResult ?? null) as number | boolean | string | null,
      result: c.result === true,
    }));
    return conditions;
  }
}

/** The facts of one run as a key (see factKey). */
function factsKey(facts: Record<string, unknown>): string {
  return `${factKey(facts['value'])}\u0000${factKey(facts['bound'])}\u0000${factKey(facts['toleranceBound'])}`;
}
