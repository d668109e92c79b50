import type { Verdict } from '../model/verdict.ts';

/**
 * The verdict of several requirements that must all hold: a failure decides; then missing data; then a pending
 * external result; then a shortfall within tolerance; only when all are met is the whole met.
 */
const PRECEDENCE: Verdict[] = ['not_met', 'insufficient_data', 'pending', 'within_tolerance', 'met'];

export function combineVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let worst = PRECEDENCE.length - 1;
  for (const verdict of verdicts) worst = Math.min(worst, PRECEDENCE.indexOf(verdict));
  return PRECEDENCE[worst] as Verdict;
}
