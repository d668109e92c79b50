import type { Verdict } from '../../model/verdict.ts';

/**
 * The per-unit rule (每个学部至少 n 项达标，其余不低于标准的 85%) for one unit, from how its indicators were judged:
 * not met when any indicator is below the tolerance; met only when enough are met and every other one is known to
 * be within tolerance (an undecided indicator could still fall below it, so it leaves the unit undecided).
 * `undecided` is how many indicators were left undecided and the worst of their verdicts (combineVerdicts);
 * `enough` and `noneBelow` are the outcomes of the rule's two comparisons.
 */
export function decidePerUnit(
  met: number,
  undecided: { count: number; worst: Verdict },
  atLeastMet: number,
  enough: boolean,
  noneBelow: boolean,
): Verdict {
  if (!noneBelow) return 'not_met';
  if (undecided.count > 0 && met + undecided.count >= atLeastMet) return undecided.worst;
  return enough ? 'met' : 'not_met';
}

/** What an indicator judged on published counts tells the per-unit rule. */
export interface ReportedIndicator {
  verdict: Verdict;
  asReported?: boolean;
}

/**
 * Without unit rows the per-unit rule can still be decided from published counts when every indicator of the area
 * was judged on them: if no unit fails any indicator and at most (indicators − at_least_met) indicators have units
 * within tolerance, no unit can have more shortfalls than the rule allows. `withShortfall` is set when it is met.
 */
export function decidePerUnitAsReported(
  atLeastMet: number,
  indicators: readonly ReportedIndicator[],
): { verdict: Verdict; withShortfall?: number } {
  if (indicators.length === 0 || !indicators.every((i) => i.asReported))
    return { verdict: 'insufficient_data' };
  if (indicators.some((i) => i.verdict === 'not_met')) return { verdict: 'not_met' };
  if (indicators.some((i) => i.verdict !== 'met' && i.verdict !== 'within_tolerance'))
    return { verdict: 'insufficient_data' };
  const withShortfall = indicators.filter((i) => i.verdict === 'within_tolerance').length;
  if (withShortfall > indicators.length - atLeastMet) return { verdict: 'insufficient_data' };
  return { verdict: 'met', withShortfall };
}
