import {
  ALL_GROUPS,
  describeBound,
  describeCheckValue,
  describeGroup,
  localize,
  operatorSymbol,
} from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import { LEVEL_LABELS } from '../model/index.ts';
import type { CheckResult, GroupSummary, IndicatorResult, Lang, ThresholdUse } from '../model/index.ts';
import { word } from './report-words.ts';

// The branch a keyed threshold falls back to for every category it does not name (`default: "<= 2000"`).
const DEFAULT_BRANCH = 'default';

/** One figure of an indicator as a report table shows it: a county check, or the county ratio of one group. */
export interface IndicatorFigure {
  check: string;
  /** The group (stage) for figures of members, absent for county checks. */
  group?: string;
  groupLabel: string;
  value: number | boolean | null;
  valueText: string;
  /** The threshold of the first member, for its number format. */
  threshold?: ThresholdUse;
  /** Every threshold that applied to the members, each with the categories it applied to when there are several. */
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
export function listIndicatorFigures(
  indicator: IndicatorResult,
  lang: Lang,
  groups: GroupLabels,
): IndicatorFigure[] {
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
    const checks = groupChecks(indicator, group);
    const sample = checks[0];
    const value = group.countyValue ?? null;
    const valueText = value === null || !sample ? '—' : describeCheckValue({ ...sample, value }, lang);
    const figure: IndicatorFigure = {
      check: group.check,
      group: group.group,
      groupLabel: group.group === ALL_GROUPS ? '' : describeGroup(group.group, lang, groups),
      value,
      valueText,
      thresholdText: describeThresholds(checks, lang, groups),
    };
    // A measure has no standard: how many members "met" it says nothing.
    if (indicator.role !== 'measure') figure.counts = group;
    if (sample?.threshold) figure.threshold = sample.threshold;
    if (sample?.decimals !== undefined) figure.decimals = sample.decimals;
    return figure;
  });
}

/** The members' checks of this group, to read the group's thresholds and decimals from. */
function groupChecks(indicator: IndicatorResult, group: GroupSummary): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const member of indicator.members) {
    if ((member.subject.group ?? ALL_GROUPS) !== group.group) continue;
    const check = member.checks.find((candidate) => candidate.check === group.check);
    if (check) checks.push(check);
  }
  return checks;
}

/**
 * The thresholds that applied to a group's members: one alone as it is ("≤ 2000"); several, as a threshold keyed by
 * school type gives, each with the categories it applied to ("九年一贯制学校、十二年一贯制学校 ≤ 2500；其他 ≤ 2000"), named by
 * the label the trail carries for the branch.
 */
function describeThresholds(checks: CheckResult[], lang: Lang, groups: GroupLabels): string {
  const byText = new Map<string, Set<string>>();
  for (const check of checks) {
    const text = describeThreshold(check.threshold, lang);
    if (!text) continue;
    const branches = byText.get(text) ?? new Set<string>();
    const branch = check.threshold?.branch;
    if (branch !== undefined) {
      branches.add(
        branch === DEFAULT_BRANCH
          ? DEFAULT_BRANCH
          : check.threshold?.branchLabel
            ? check.threshold.branchLabel[lang]
            : branch === check.subject.group
              ? describeGroup(branch, lang, groups)
              : branch,
      );
    }
    byText.set(text, branches);
  }
  if (byText.size <= 1) return [...byText.keys()].join('');
  const entries = [...byText].map(([text, branches]) => {
    const named = [...branches].filter((branch) => branch !== DEFAULT_BRANCH);
    const others = branches.has(DEFAULT_BRANCH) ? [lang === 'zh' ? '其他' : 'others'] : [];
    const label = [...named, ...others].join(lang === 'zh' ? '、' : ', ');
    return { text: label ? `${label} ${text}` : text, fallback: named.length === 0 };
  });
  // The threshold for every other category reads last, after the ones it is the exception to.
  entries.sort((a, b) => Number(a.fallback) - Number(b.fallback));
  return entries.map((entry) => entry.text).join(lang === 'zh' ? '；' : '; ');
}

/** Every check of a county in report order: each indicator's county checks, then its members' checks. */
export function listChecks(indicators: IndicatorResult[]): CheckResult[] {
  return indicators.flatMap((indicator) => [
    ...(indicator.county?.checks ?? []),
    ...indicator.members.flatMap((member) => member.checks),
  ]);
}

/**
 * For an indicator judged member by member with no county figure (every school's size, every class's size), what
 * the county-value column says instead of nothing: "逐学校判定" / "judged per school". Undefined when it has one.
 */
export function describePerMember(
  indicator: IndicatorResult,
  figures: IndicatorFigure[],
  lang: Lang,
): string | undefined {
  if (figures.length === 0 || !figures.every((figure) => figure.value === null && figure.counts))
    return undefined;
  return word('perMember', lang).replace('{level}', localize(LEVEL_LABELS[indicator.level], lang));
}
