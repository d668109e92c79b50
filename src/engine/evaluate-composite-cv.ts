import type { CvContribution, DispersionResult } from '../model/evaluation.ts';
import type { PlanArea } from './compile-plan.ts';
import type { CompiledComparison } from './compiled-evaluator.ts';
import type { CountyContext } from './county-context.ts';
import { dispersionReasons } from './reasons/dispersion-reasons.ts';
import { judgeDispersion, reportedCv, type Compare } from './evaluate-dispersion.ts';
import { orderGroups } from './order-groups.ts';
import { pickBranch, thresholdUse } from './threshold-branch.ts';

/** The indicator and check id of a composite dispersion result. */
export const COMPOSITE = 'composite';

/**
 * The composite coefficient of variation of each group (综合差异系数): the arithmetic mean of the group's single
 * CVs, judged against the area's threshold. A unit's share of it is its share of each single CV weighted by that
 * CV's size, so the units named first are those that pull the mean up most.
 */
export function compositeCvs(
  area: PlanArea,
  indicators: string[],
  singles: DispersionResult[],
  allShares: Map<DispersionResult, CvContribution[]>,
  ctx: CountyContext,
  compare: Compare,
  records: boolean,
): DispersionResult[] {
  const rule = area.area.dispersion as NonNullable<PlanArea['area']['dispersion']>;
  const level = area.area.perUnit?.level ?? 'unit';
  const out: DispersionResult[] = [];
  const groups = new Set(singles.map((d) => d.group));
  for (const figure of ctx.data.reported) {
    if (figure.indicator === COMPOSITE && figure.figure === 'cv' && figure.group) groups.add(figure.group);
  }
  for (const group of orderGroups(groups, ctx.dictionary, level)) {
    const parts = singles.filter((d) => d.group === group);
    // Every indicator of the area enters the mean: one without a CV in this group leaves the composite unknown.
    const absent = indicators
      .filter((id) => !parts.some((p) => p.indicator === id))
      .map((id) => ({ indicator: id, check: id, value: null }));
    const result: DispersionResult = {
      indicator: COMPOSITE,
      check: COMPOSITE,
      group,
      statistic: 'composite_weighted_cv',
      verdict: 'insufficient_data',
      value: null,
      mean: null,
      sd: null,
      weightTotal: Math.max(0, ...parts.map((p) => p.weightTotal)),
      members: Math.max(0, ...parts.map((p) => p.members)),
      conditions: [],
      top: [],
      parts: [...parts.map((p) => ({ indicator: p.indicator, check: p.check, value: p.value })), ...absent],
    };
    const { threshold, branch } = pickBranch(rule.threshold, group);
    if (threshold && records) result.threshold = thresholdUse(threshold, branch, rule.threshold.by);
    const lacking = [...parts.filter((p) => p.value === null), ...absent];
    const published = reportedCv(ctx.data.reported, COMPOSITE, group);
    if ((lacking.length > 0 || parts.length === 0) && published) {
      // Only the composite is published (or not every single CV): the rule is judged on it, as reported.
      result.value = Number(published.value);
      result.asReported = true;
    } else if (lacking.length > 0 || parts.length === 0) {
      if (records) result.reason = dispersionReasons.compositeLacking(lacking.map((p) => p.indicator));
      out.push(result);
      continue;
    } else {
      const values = parts.map((p) => p.value as number);
      result.value = values.reduce((a, b) => a + b, 0) / values.length;
      if (parts.some((p) => p.asReported)) result.asReported = true;
    }
    if (records) result.top = contributors(parts, allShares);
    if (!threshold) {
      if (records) result.reason = dispersionReasons.noLimit(ctx.dictionary, level, group, true);
      out.push(result);
      continue;
    }
    judgeDispersion(
      result,
      result.value,
      compare,
      area.dispersion.get(branch) as CompiledComparison,
      threshold.bound as number,
      records,
    );
    out.push(result);
  }
  return out;
}

/** The ten members that pull a composite up most. */
function contributors(
  parts: DispersionResult[],
  allShares: Map<DispersionResult, CvContribution[]>,
): CvContribution[] {
  const values = parts.map((p) => p.value ?? 0);
  const sizes = values.reduce((a, b) => a + b, 0);
  const byMember = new Map<string, CvContribution>();
  for (const part of parts) {
    for (const c of allShares.get(part) ?? []) {
      // A composite has no single value per member: its `value` is the member's level relative to each
      // indicator's weighted mean, averaged over the indicators (1 = average, 0.35 = a third of it).
      const entry = byMember.get(c.subject.key) ?? { ...c, value: 0, share: 0 };
      entry.share += sizes === 0 ? 0 : (c.share * (part.value as number)) / sizes;
      entry.value += part.mean ? c.value / part.mean / parts.length : 0;
      byMember.set(c.subject.key, entry);
    }
  }
  return [...byMember.values()].sort((a, b) => b.share - a.share).slice(0, 10);
}
