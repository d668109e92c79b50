import type { Text } from './text.ts';

/** The one verdict vocabulary used everywhere (DESIGN.md §4). */
export type Verdict = 'met' | 'within_tolerance' | 'not_met' | 'pending' | 'insufficient_data';

/** A county's overall verdict. */
export type CountyVerdict = 'recognised' | 'not_recognised' | 'undetermined';

export const VERDICT_LABELS: Record<Verdict, Text> = {
  met: { zh: '达标', en: 'met' },
  within_tolerance: { zh: '未达标（不低于标准85%）', en: 'below the standard, within tolerance' },
  not_met: { zh: '未达标', en: 'not met' },
  pending: { zh: '待评估', en: 'pending' },
  insufficient_data: { zh: '数据不足', en: 'insufficient data' },
};

export const COUNTY_VERDICT_LABELS: Record<CountyVerdict, Text> = {
  recognised: { zh: '认定', en: 'recognised' },
  not_recognised: { zh: '不予认定', en: 'not recognised' },
  undetermined: { zh: '待定', en: 'undetermined' },
};

/**
 * The one order of verdicts, worst first: a failure decides; then missing data; then a pending external result;
 * then a shortfall within tolerance; only when all are met is the whole met. Every ranking of verdicts reads it.
 */
export const VERDICT_PRECEDENCE: readonly Verdict[] = [
  'not_met',
  'insufficient_data',
  'pending',
  'within_tolerance',
  'met',
];

/** A verdict's place in VERDICT_PRECEDENCE: 0 for the worst. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  not_met: 0,
  insufficient_data: 1,
  pending: 2,
  within_tolerance: 3,
  met: 4,
};

/** The worse of two verdicts. */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  // Most verdicts folded are met: they need no lookup.
  if (b === 'met' || a === b) return a;
  if (a === 'met') return b;
  return VERDICT_RANK[b] < VERDICT_RANK[a] ? b : a;
}

/** The verdict of several requirements that must all hold (met when there are none). */
export function combineVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'met';
  for (const verdict of verdicts) worst = worseVerdict(worst, verdict);
  return worst;
}
