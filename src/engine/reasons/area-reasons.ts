import type { DispersionResult, IndicatorResult } from '../../model/evaluation.ts';
import type { AreaReason, CheckReason, ReportedGroupCounts } from '../../model/reason.ts';
import type { Area, InputDictionary } from '../../model/ruleset.ts';
import type { Text } from '../../model/text.ts';
import type { ReportedGroup } from '../decide/as-reported.ts';

/** Why an area is not met: the units that fail its per-unit rule, its indicators not met, its CVs over the limit. */
export function areaReasons(
  area: Area,
  facts: {
    judged: IndicatorResult[];
    failingUnits: number;
    perUnitAsReported: number | undefined;
    dispersion: DispersionResult[];
    dictionary: InputDictionary;
  },
): AreaReason[] {
  const out: AreaReason[] = [];
  if (area.perUnit) {
    const rule = area.perUnit;
    if (facts.failingUnits > 0) {
      out.push({
        code: 'UNITS_FAIL_RULE',
        units: facts.failingUnits,
        atLeastMet: rule.atLeastMet,
        othersNotBelow: rule.othersNotBelow,
      });
    }
    if (facts.perUnitAsReported !== undefined) {
      out.push({
        code: 'PER_UNIT_AS_REPORTED',
        indicators: facts.perUnitAsReported,
        othersNotBelow: rule.othersNotBelow,
      });
    }
  } else {
    for (const r of facts.judged.filter((i) => i.verdict === 'not_met')) {
      out.push({ code: 'INDICATOR_NOT_MET', indicator: r.indicator, title: r.title });
    }
  }
  if (area.dispersion) {
    const groupInput = facts.dictionary.levels[area.perUnit?.level ?? 'unit']?.group;
    const groupValues: Record<string, Text> =
      (groupInput ? facts.dictionary.inputs[groupInput]?.values : undefined) ?? {};
    for (const d of facts.dispersion.filter((x) => !x.inComposite && x.verdict === 'not_met')) {
      const reason: AreaReason = {
        code: 'CV_OVER_LIMIT',
        indicator: d.indicator,
        check: d.check,
        group: d.group,
        groupLabel: groupValues[d.group] ?? { zh: d.group, en: d.group },
        composite: d.statistic === 'composite_weighted_cv',
        value: d.value,
      };
      if (d.threshold) {
        reason.operator = d.threshold.operator;
        reason.bound = d.threshold.bound;
      }
      out.push(reason);
    }
  }
  return out;
}

/** The share of its standard each indicator a unit did not meet reached, where the trail knows it. */
export function unitShares(ids: string[], share: (id: string) => number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const s = share(id);
    if (s !== undefined) out[id] = s;
  }
  return out;
}

/** The reason of an indicator judged on published counts: what each group's counts say. */
export function asReportedReason(
  judged: { verdict: IndicatorResult['verdict']; groups: ReportedGroup[] },
  label: (group: string) => Text,
): CheckReason {
  const groups = judged.groups.map((g): ReportedGroupCounts => {
    const out: ReportedGroupCounts = { group: g.group, basis: g.basis };
    if (g.group !== '*') out.label = label(g.group);
    for (const key of ['met', 'total', 'notMet', 'within', 'share'] as const) {
      const value = g[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  });
  const decided = judged.verdict !== 'insufficient_data' && judged.verdict !== 'pending';
  return { code: 'AS_REPORTED', kind: 'as_reported', decided, groups };
}
