import { describe, expect, it } from 'vitest';
import { CompiledEvaluator } from '../../src/engine/compiled-evaluator.ts';
import { JsonRulesEvaluator } from '../../src/engine/json-rules-evaluator.ts';

// json-rules-engine decides each distinct set of facts of a comparison once; a repeated set gets a copy of its
// answer. The answers must be those of a fresh run, whatever came before.
describe('json-rules-engine answers reused for repeated facts', () => {
  const specs = [
    { id: 'count', operator: '<=' as const, params: { check: 'count' } },
    { id: 'ratio', operator: '>=' as const, toleranceShare: 0.85, params: { check: 'ratio' } },
    { id: 'flag', operator: '==' as const, params: { check: 'flag' } },
  ];

  it('keeps facts of different types apart and answers as a fresh evaluator does', async () => {
    const warm = new JsonRulesEvaluator();
    warm.prepare(specs);
    const asked: [string, { value: number | boolean | string; bound: number | boolean | string }][] = [];
    for (const value of [45, 46, 45, 44.99999999999, 46, 45]) asked.push(['count', { value, bound: 45 }]);
    for (const value of [4.2, 3.57, 3.569, 4.2, 3.57, 0, -0]) asked.push(['ratio', { value, bound: 4.2 }]);
    for (const value of [true, 'true', 1, true, false, 'true'] as const)
      asked.push(['flag', { value, bound: true }]);
    for (const [id, facts] of asked) {
      const fresh = new JsonRulesEvaluator();
      fresh.prepare(specs);
      const reference = await fresh.compare(id, facts);
      expect(await warm.compare(id, facts), `${id} ${JSON.stringify(facts)}`).toEqual(reference);
      const compiled = new CompiledEvaluator();
      compiled.prepare(specs);
      expect(await compiled.compare(id, facts), `${id} ${JSON.stringify(facts)}`).toEqual(reference);
    }
  });

  it('gives each caller its own conditions', async () => {
    const evaluator = new JsonRulesEvaluator();
    evaluator.prepare(specs);
    const first = await evaluator.compare('ratio', { value: 3.6, bound: 4.2 });
    first[0]!.result = !first[0]!.result;
    first.pop();
    const second = await evaluator.compare('ratio', { value: 3.6, bound: 4.2 });
    expect(second).toHaveLength(2);
    expect(second[0]!.result).toBe(false);
    expect(second[1]!.result).toBe(true);
  });
});
