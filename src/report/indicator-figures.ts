import {
  describeBound,
  describeCheckValue,
  describeGroup,
  localize,
  operatorSymbol,
} from '../explain/index.ts';
import type { CheckResult, GroupSummary, IndicatorResult, Lang, ThresholdUse } from '../model/index.ts';

/** One figure of an indicator as a report table shows it: a county check, or the county ratio of one group. */
export interface IndicatorFigure {
  check: string;
  /** The group (stage) for figures of members, absent for county checks. */
  group?: string;
  groupLabel: string;
  value: number | boolean | null;
  valueText: string;
  threshold?: ThresholdUse;
  thresholdText: string;
  decimals?: number;
  /** Member counts, for indicators judged on members. */
  counts?: GroupSummary;
}

/** A threshold as a table prints it: ≥ 0.9, ≤ 45, ≥ 95%. */
export function describeThreshold(threshold: ThresholdUse | undefined, lang: Lang): string {
  if (!threshold) return '';
  const bound =
    threshold.boundInputs?.length === 1
      ? localize(threshold.boundInputs[0]?.label, lang)
      : threshold.boundFormula
        ? threshold.boundFormula
        : describeBound(threshold, lang);
  return `${operatorSymbol(threshold.operator)} ${bound}`;
}

/**
 * The figures of an indicator: for a county-level indicator each check's value and threshold; for one judged on
 * members, per group the county ratio (when the rule defines one), the group's threshold and the member counts.
 */
export function listIndicatorFigures(indicator: IndicatorResult, lang: Lang): IndicatorFigure[] {
  if (indicator.county) {
    return indicator.county.checks.map((check) => ({
      check: check.check,
      groupLabel:
        indicator.county && indicator.county.checks.length > 1 ? localize(check.checkLabel, lang) : '',
      value: check.value,
      valueText: check.value === null ? '—' : describeCheckValue(check, lang),
      ...(check.threshold ? { threshold: check.threshold } : {}),
      thresholdText: describeThreshold(check.threshold, lang),
      ...(check.decimals !== undefined ? { decimals: check.decimals } : {}),
    }));
  }
  return indicator.groups.map((group) => {
    const sample = sampleCheck(indicator, group);
    const value = group.countyValue ?? null;
    const valueText = value === null || !sample ? '—' : describeCheckValue({ ...sample, value }, lang);
    const figure: IndicatorFigure = {
      check: group.check,
      group: group.group,
      groupLabel: group.group === '*' ? '' : describeGroup(group.group, lang),
      value,
      valueText,
      thresholdText: describeThreshold(sample?.threshold, lang),
      counts: group,
    };
    if (sample?.threshold) figure.threshold = sample.threshold;
    if (sample?.decimals !== undefined) figure.decimals = sample.decimals;
    return figure;
  });
}

/** A member's check of this group, to read the group's threshold and decimals from. */
function sampleCheck(indicator: IndicatorResult, group: GroupSummary): CheckResult | undefined {
  for (const member of indicator.members) {
    if ((member.subject.group ?? '*') !== group.group) continue;
    const check = member.checks.find((candidate) => candidate.check === group.check);
    if (check) return check;
  }
  return undefined;
}

/** Every check of a county in report order: each indicator's county checks, then its members' checks. */
export function listChecks(indicators: IndicatorResult[]): CheckResult[] {
  return indicators.flatMap((indicator) => [
    ...(indicator.county?.checks ?? []),
    ...indicator.members.flatMap((member) => member.checks),
  ]);
}
