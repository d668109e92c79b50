import type { Evaluation } from '../model/evaluation.ts';
import { serializeJson } from '../report/serialize-json.ts';
import { compactEvaluation } from './compact.ts';

/**
 * The bytes of result.json: the evaluation in format version 2 (compactEvaluation), keys sorted at every level, so
 * that the same evaluation always gives the same bytes; on one line unless `pretty` (two-space indent).
 */
export function serializeResult(evaluation: Evaluation, options: { pretty?: boolean } = {}): string {
  return serializeJson(compactEvaluation(evaluation), { pretty: options.pretty === true });
}
