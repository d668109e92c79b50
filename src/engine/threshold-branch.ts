import type { ThresholdUse } from '../model/evaluation.ts';
import type { Threshold, ThresholdSpec } from '../model/ruleset.ts';

/**
 * The threshold of a spec that applies to a category value (e.g. stage `primary`): its own branch, else the
 * default; the only one when the spec is not keyed. `key` undefined means the category value is missing.
 */
export function pickBranch(
  spec: ThresholdSpec,
  key: string | undefined,
): { threshold?: Threshold; branch: string } {
  if (!spec.by) {
    const only = spec.branches['*'];
    return only ? { threshold: only, branch: '*' } : { branch: '*' };
  }
  if (key === undefined) return { branch: '?' };
  const own = spec.branches[key];
  if (own) return { threshold: own, branch: key };
  return spec.default ? { threshold: spec.default, branch: 'default' } : { branch: key };
}

/** The threshold as the trail records it: as written, as read, where it was written, and which branch applied. */
export function thresholdUse(threshold: Threshold, branch: string, by: string | undefined): ThresholdUse {
  const use: ThresholdUse = {
    text: threshold.text,
    operator: threshold.operator,
    bound: threshold.bound ?? threshold.boundFormula?.text ?? '',
    percent: threshold.percent,
    at: threshold.at,
  };
  if (threshold.readAs) use.readAs = threshold.readAs;
  if (branch !== '*') use.branch = branch;
  if (by) use.by = by;
  if (threshold.boundFormula) use.boundFormula = threshold.boundFormula.text;
  return use;
}
