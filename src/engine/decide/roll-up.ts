import type { CountyVerdict, Verdict } from '../../model/verdict.ts';
import { combineVerdicts } from '../../model/verdict.ts';

/**
 * An area's verdict from its requirements (indicators, or units under a per-unit rule, and dispersion limits):
 * insufficient data when there are none; within tolerance is a unit's state, so under the per-unit rule the area
 * itself is either met or not.
 */
export function decideArea(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'insufficient_data';
  const verdict = combineVerdicts(verdicts);
  return verdict === 'within_tolerance' ? 'met' : verdict;
}

/** A single or composite dispersion limit: met when its one condition holds. */
export function decideDispersion(standardHolds: boolean | undefined): Verdict {
  return standardHolds ? 'met' : 'not_met';
}

/**
 * 认定 when every area is met, every precondition holds and no veto applies; 不予认定 when any of them fails;
 * otherwise 待定 (something is pending or missing, and nothing has failed).
 */
export function decideCounty(
  areas: readonly Verdict[],
  preconditions: readonly Verdict[],
  vetoes: readonly Verdict[],
): CountyVerdict {
  const all = [...vetoes, ...preconditions, ...areas];
  if (all.some((v) => v === 'not_met')) return 'not_recognised';
  if (all.some((v) => v !== 'met')) return 'undetermined';
  return 'recognised';
}
