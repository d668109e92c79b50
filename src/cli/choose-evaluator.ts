import type { Dataset } from '../model/dataset.ts';
import { CompiledEvaluator } from '../engine/compiled-evaluator.ts';
import { JsonRulesEvaluator } from '../engine/json-rules-evaluator.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import { checkChoice } from './check-choice.ts';

/** Above these sizes a dataset is evaluated with the compiled evaluator unless another is asked for. */
export const LARGE_DATASET = { counties: 50, units: 20_000 } as const;

/** A Map, so that a name such as `constructor` or `__proto__` is just an unknown evaluator. */
const EVALUATORS = new Map<string, () => ThresholdEvaluator>([
  ['json-rules-engine', () => new JsonRulesEvaluator()],
  ['compiled', () => new CompiledEvaluator()],
]);

/** The evaluator names `--evaluator` accepts. */
export const EVALUATOR_NAMES: readonly string[] = [...EVALUATORS.keys()];

/** True when a dataset is large enough that json-rules-engine's per-comparison cost dominates a run. */
export function isLargeDataset(dataset: Dataset): boolean {
  if (dataset.counties.length > LARGE_DATASET.counties) return true;
  let units = 0;
  for (const county of dataset.counties) units += county.units.length;
  return units > LARGE_DATASET.units;
}

/**
 * The threshold evaluator a command uses: the one asked for; otherwise json-rules-engine, the reference, for an
 * ordinary dataset, and the compiled evaluator (the same rule JSON compiled to functions, held to identical
 * results by the differential test) for a large one.
 */
export function chooseEvaluator(name: string | undefined, dataset?: Dataset): ThresholdEvaluator {
  const chosen = name ?? (dataset && isLargeDataset(dataset) ? 'compiled' : 'json-rules-engine');
  const make = EVALUATORS.get(checkChoice('--evaluator', chosen, EVALUATOR_NAMES));
  if (!make) throw new Error(`evaluator table out of step: ${chosen}`);
  return make();
}
