import type { Dataset } from '../model/dataset.ts';
import { JsonRulesEvaluator } from '../engine/json-rules-evaluator.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import { UsageError } from './cli-context.ts';

/** The threshold evaluator a command uses: json-rules-engine, the reference, unless another is asked for. */
export function chooseEvaluator(name: string | undefined, _dataset?: Dataset): ThresholdEvaluator {
  if (name === undefined || name === 'json-rules-engine') return new JsonRulesEvaluator();
  throw new UsageError({
    zh: `未知的评估器：${name}；可用：json-rules-engine`,
    en: `unknown evaluator: ${name}; available: json-rules-engine`,
  });
}
