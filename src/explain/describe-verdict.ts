import { COUNTY_VERDICT_LABELS, VERDICT_LABELS } from '../model/index.ts';
import type { CountyVerdict, Lang, Verdict } from '../model/index.ts';
import { localize } from './localize.ts';

/** The label of a verdict: met → 达标. */
export function describeVerdict(verdict: Verdict, lang: Lang): string {
  return localize(VERDICT_LABELS[verdict], lang);
}

/**
 * The label of an indicator's verdict. A measure (an indicator with no standard of its own, which only feeds its
 * area's coefficient of variation) is said to be that, not "met", once its values are all there.
 */
export function describeIndicatorVerdict(indicator: { role: string; verdict: Verdict }, lang: Lang): string {
  if (indicator.role === 'measure' && indicator.verdict === 'met') {
    return lang === 'zh' ? '不设单项标准（计入差异系数）' : 'no standard of its own (feeds the CV)';
  }
  return describeVerdict(indicator.verdict, lang);
}

/** The label of a county's overall verdict: recognised → 认定. */
export function describeCountyVerdict(verdict: CountyVerdict, lang: Lang): string {
  return localize(COUNTY_VERDICT_LABELS[verdict], lang);
}

/** True for the verdicts that keep a requirement from holding now (not met, or undecided). */
export function isFailing(verdict: Verdict): boolean {
  return verdict === 'not_met';
}

/** Verdicts that leave a requirement open: pending or insufficient data. */
export function isUndecided(verdict: Verdict): boolean {
  return verdict === 'pending' || verdict === 'insufficient_data';
}
