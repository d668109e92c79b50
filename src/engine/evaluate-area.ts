import type { ReportedFigure } from '../model/dataset.ts';
import type {
  AreaResult,
  CvContribution,
  DispersionResult,
  IndicatorResult,
  Subject,
  SubjectResult,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Level } from '../model/level.ts';
import type { Area } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import type { Verdict } from '../model/verdict.ts';
import { combineVerdicts } from './combine-verdicts.ts';
import { areaComparisonId, PER_UNIT_FAILED, PER_UNIT_MET, type CompiledRuleSet } from './compile-ruleset.ts';
import type { CountyContext } from './county-context.ts';
import { weightedCv } from './weighted-cv.ts';
import { pickBranch, thresholdUse } from './threshold-branch.ts';

/** Judges an area: its per-unit rule and dispersion limits when it has them, otherwise all its indicators. */
export async function evaluateArea(
  area: Area,
  indicators: Map<string, IndicatorResult>,
  ctx: CountyContext,
  compiled: CompiledRuleSet,
): Promise<AreaResult> {
  const own = area.indicators
    .map((id) => indicators.get(id))
    .filter((r): r is IndicatorResult => r !== undefined);
  // Measures have no standard of their own: they count only through the dispersion.
  const judged = own.filter((r) => r.role !== 'measure');
  const result: AreaResult = {
    area: area.id,
    title: area.title,
    verdict: 'insufficient_data',
    indicators: area.indicators,
    dispersion: [],
    reasons: [],
  };
  const verdicts: Verdict[] = [];
  if (area.perUnit) {
    const results = await perUnit(area, judged, compiled);
    const failing = results.filter((r) => r.verdict === 'not_met').map((r) => r.subject);
    const levelLabel = ctx.dictionary.levels[area.perUnit.level]?.label ?? {
      zh: area.perUnit.level,
      en: area.perUnit.level,
    };
    result.perUnit = {
      rule: area.perUnit.text,
      description: {
        zh: `每个${levelLabel.zh}至少 ${area.perUnit.atLeastMet} 项指标达标，其余不低于标准的 ${pct(area.perUnit.othersNotBelow)}`,
        en: `every ${levelLabel.en}: at least ${area.perUnit.atLeastMet} indicators met, the rest not below ${pct(area.perUnit.othersNotBelow)} of the standard`,
      },
      results,
      failing,
    };
    verdicts.push(...results.map((r) => r.verdict));
    if (failing.length > 0) {
      result.reasons.push({
        zh: `${failing.length} 个学部未达到“至少 ${area.perUnit.atLeastMet} 项达标、其余不低于标准 ${pct(area.perUnit.othersNotBelow)}”的要求`,
        en: `${failing.length} units fail the rule "at least ${area.perUnit.atLeastMet} met, the rest not below ${pct(area.perUnit.othersNotBelow)} of the standard"`,
      });
    }
    if (results.length === 0) verdicts.push(perUnitAsReported(area.perUnit, own, result));
  } else {
    verdicts.push(...judged.map((r) => r.verdict));
    for (const r of judged.filter((i) => i.verdict === 'not_met')) {
      result.reasons.push({
        zh: `${r.indicator} ${r.title.zh} 未达标`,
        en: `${r.indicator} ${r.title.en} is not met`,
      });
    }
  }
  if (area.dispersion) {
    result.dispersion = await dispersion(area, own, ctx, compiled);
    // Under a composite rule only the composite is judged; the single CVs are shown.
    const judgedCvs = result.dispersion.filter((d) => !d.inComposite);
    verdicts.push(...judgedCvs.map((d) => d.verdict));
    const groupInput = ctx.dictionary.levels[area.perUnit?.level ?? 'unit']?.group;
    const groupValues: Record<string, Text> =
      (groupInput ? ctx.dictionary.inputs[groupInput]?.values : undefined) ?? {};
    for (const d of judgedCvs.filter((x) => x.verdict === 'not_met')) {
      const label = groupValues[d.group] ?? { zh: d.group, en: d.group };
      const limit = `${d.threshold?.operator === '<' ? '<' : '≤'} ${String(d.threshold?.bound)}`;
      const name =
        d.statistic === 'composite_weighted_cv'
          ? { zh: `${label.zh}综合差异系数`, en: `${label.en} composite coefficient of variation` }
          : {
              zh: `${d.indicator}（${label.zh}）校际差异系数`,
              en: `${d.indicator} (${label.en}) coefficient of variation`,
            };
      result.reasons.push({
        zh: `${name.zh} ${d.value?.toFixed(3)}，超过上限 ${limit}`,
        en: `${name.en} ${d.value?.toFixed(3)} exceeds the limit ${limit}`,
      });
    }
  }
  result.verdict = verdicts.length === 0 ? 'insufficient_data' : combineVerdicts(verdicts);
  // Within tolerance is a unit's state; under the per-unit rule the area itself is either met or not.
  if (result.verdict === 'within_tolerance') result.verdict = 'met';
  return result;
}

/**
 * Without unit rows the per-unit rule can still be decided from published counts when every indicator of the area
 * was judged on them: if no unit fails any indicator and at most (indicators − at_least_met) indicators have units
 * within tolerance, no unit can have more shortfalls than the rule allows.
 */
function perUnitAsReported(
  rule: NonNullable<Area['perUnit']>,
  indicators: IndicatorResult[],
  result: AreaResult,
): Verdict {
  if (indicators.length === 0 || !indicators.every((i) => i.asReported)) return 'insufficient_data';
  if (indicators.some((i) => i.verdict === 'not_met')) return 'not_met';
  if (indicators.some((i) => i.verdict !== 'met' && i.verdict !== 'within_tolerance'))
    return 'insufficient_data';
  const withShortfall = indicators.filter((i) => i.verdict === 'within_tolerance').length;
  if (withShortfall > indicators.length - rule.atLeastMet) return 'insufficient_data';
  result.reasons.push({
    zh: `没有逐校数据：按报告公布的达标数推断每校规则成立（${withShortfall} 项指标有学部低于标准但不低于 ${pct(rule.othersNotBelow)}，未复算）`,
    en: `no per-school rows: the per-unit rule follows from the published counts (${withShortfall} indicators have units within tolerance; not recomputed)`,
  });
  return 'met';
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

async function perUnit(
  area: Area,
  indicators: IndicatorResult[],
  compiled: CompiledRuleSet,
): Promise<UnitAreaResult[]> {
  const rule = area.perUnit as NonNullable<Area['perUnit']>;
  const byMember = new Map<string, { subject: Subject; results: Map<string, SubjectResult> }>();
  for (const indicator of indicators) {
    for (const member of indicator.members) {
      const entry = byMember.get(member.subject.key) ?? { subject: member.subject, results: new Map() };
      entry.results.set(indicator.indicator, member);
      byMember.set(member.subject.key, entry);
    }
  }
  const out: UnitAreaResult[] = [];
  for (const { subject, results } of byMember.values()) {
    const met: string[] = [];
    const within: string[] = [];
    const notMet: string[] = [];
    const undecided: string[] = [];
    const undecidedVerdicts: Verdict[] = [];
    for (const [id, r] of results) {
      if (r.verdict === 'met') met.push(id);
      else if (r.verdict === 'within_tolerance') within.push(id);
      else if (r.verdict === 'not_met') notMet.push(id);
      else {
        undecided.push(id);
        undecidedVerdicts.push(r.verdict);
      }
    }
    const [enough] = await compiled.evaluator.compare(areaComparisonId(area.id, PER_UNIT_MET), {
      value: met.length,
      bound: rule.atLeastMet,
    });
    const [noneBelow] = await compiled.evaluator.compare(areaComparisonId(area.id, PER_UNIT_FAILED), {
      value: notMet.length,
      bound: 0,
    });
    let verdict: Verdict;
    // Met only when enough indicators are met and every other one is known to be within tolerance:
    // an undecided indicator could still fall below the tolerance, so it leaves the unit undecided.
    if (!noneBelow?.result) verdict = 'not_met';
    else if (undecided.length > 0 && met.length + undecided.length >= rule.atLeastMet)
      verdict = combineVerdicts(undecidedVerdicts);
    else if (enough?.result) verdict = 'met';
    else verdict = 'not_met';
    out.push({
      subject,
      verdict,
      met,
      withinTolerance: within,
      notMet,
      undecided,
      reason: unitReason(rule, met, within, notMet, undecided, results),
    });
  }
  return out;
}

function unitReason(
  rule: NonNullable<Area['perUnit']>,
  met: string[],
  within: string[],
  notMet: string[],
  undecided: string[],
  results: Map<string, SubjectResult>,
): Text {
  const shares = (ids: string[]) =>
    ids
      .map((id) => {
        const share = results.get(id)?.checks.find((c) => c.shareOfStandard !== undefined)?.shareOfStandard;
        return share === undefined ? id : `${id}（${(share * 100).toFixed(1)}%）`;
      })
      .join('、');
  const total = met.length + within.length + notMet.length + undecided.length;
  const zh = [`${total} 项中 ${met.length} 项达标（要求至少 ${rule.atLeastMet} 项）`];
  const en = [`${met.length} of ${total} met (at least ${rule.atLeastMet} required)`];
  if (within.length) {
    zh.push(`${shares(within)} 低于标准但不低于 ${pct(rule.othersNotBelow)}`);
    en.push(`${within.join(', ')} below the standard but not below ${pct(rule.othersNotBelow)}`);
  }
  if (notMet.length) {
    zh.push(`${shares(notMet)} 低于标准的 ${pct(rule.othersNotBelow)}`);
    en.push(`${notMet.join(', ')} below ${pct(rule.othersNotBelow)} of the standard`);
  }
  if (undecided.length) {
    zh.push(`${undecided.join('、')} 数据不足`);
    en.push(`${undecided.join(', ')} lack data`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

async function dispersion(
  area: Area,
  indicators: IndicatorResult[],
  ctx: CountyContext,
  compiled: CompiledRuleSet,
): Promise<DispersionResult[]> {
  const rule = area.dispersion as NonNullable<Area['dispersion']>;
  const out: DispersionResult[] = [];
  /** Every member's share of each single CV (the result keeps only the top ten), for a composite's contributors. */
  const allShares = new Map<DispersionResult, CvContribution[]>();
  const level = area.perUnit?.level ?? 'unit';
  const weightDef = ctx.dictionary.inputs[rule.weight];
  for (const indicator of indicators) {
    const groups = new Set<string>(ctx.members(level).map((r) => r.group ?? '*'));
    for (const figure of ctx.data.reported) {
      if (figure.indicator === indicator.indicator && figure.figure === 'cv' && figure.group)
        groups.add(figure.group);
    }
    for (const checkId of [...new Set(indicator.members.flatMap((m) => m.checks.map((c) => c.check)))].concat(
      indicator.members.length === 0 ? [indicator.indicator] : [],
    )) {
      for (const group of orderGroups(groups, ctx, level)) {
        const members = indicator.members.filter((m) => (m.subject.group ?? '*') === group);
        const { threshold, branch } = pickBranch(rule.threshold, group);
        const result: DispersionResult = {
          indicator: indicator.indicator,
          check: checkId,
          group,
          statistic: 'weighted_cv',
          verdict: 'insufficient_data',
          value: null,
          mean: null,
          sd: null,
          weightTotal: 0,
          members: members.length,
          conditions: [],
          top: [],
        };
        if (threshold) result.threshold = thresholdUse(threshold, branch, rule.threshold.by);
        const values: number[] = [];
        const weights: number[] = [];
        const subjects: Subject[] = [];
        const lacking: string[] = [];
        for (const member of members) {
          const check = member.checks.find((c) => c.check === checkId);
          const record = ctx.record(level, member.subject.key);
          const weight = record ? ctx.cell(record, rule.weight).cell?.value : undefined;
          if (check && typeof check.value === 'number' && typeof weight === 'number') {
            values.push(check.value);
            weights.push(weight);
            subjects.push(member.subject);
          } else {
            lacking.push(member.subject.name);
          }
        }
        if (members.length === 0) {
          const figure = reportedCv(ctx.data.reported, indicator.indicator, group);
          if (!figure) continue;
          result.value = Number(figure.value);
          result.asReported = true;
          if (figure.carriedFrom) result.carriedFrom = figure.carriedFrom;
        } else if (lacking.length > 0) {
          result.reason = {
            code: 'INPUT_MISSING',
            message: {
              zh: `${lacking.length} 个学部的指标值或“${weightDef?.label.zh ?? rule.weight}”缺失（如 ${lacking.slice(0, 5).join('、')}），无法计算差异系数`,
              en: `${lacking.length} units lack the indicator value or '${weightDef?.label.en ?? rule.weight}' (e.g. ${lacking.slice(0, 5).join(', ')}), so the coefficient of variation cannot be computed`,
            },
          };
          out.push(result);
          continue;
        } else {
          const cv = weightedCv(values, weights);
          result.value = cv.cv;
          result.mean = cv.mean;
          result.sd = cv.sd;
          result.weightTotal = cv.weightTotal;
          const shares = cv.shares
            .map((share, i) => ({
              subject: subjects[i] as Subject,
              value: values[i] as number,
              weight: weights[i] as number,
              share,
            }))
            .sort((a, b) => b.share - a.share);
          allShares.set(result, shares);
          result.top = shares.slice(0, 10);
          if (cv.cv === null) {
            result.reason = {
              code: 'ZERO_DENOMINATOR',
              message: {
                zh: '加权平均值为零，差异系数无定义',
                en: 'the weighted mean is zero, so the coefficient of variation is undefined',
              },
            };
            out.push(result);
            continue;
          }
        }
        if (rule.composite) {
          // Judged only through the composite: shown without a threshold of its own.
          delete result.threshold;
          result.inComposite = true;
          if (result.value !== null) {
            result.verdict = 'met';
            result.reason = {
              code: 'NOT_JUDGED',
              message: {
                zh: '单项差异系数不设上限，只计入综合差异系数',
                en: 'a single coefficient of variation has no limit; it only enters the composite',
              },
            };
          }
          out.push(result);
          continue;
        }
        if (!threshold || result.value === null) {
          result.reason = {
            code: 'NO_THRESHOLD_FOR_CATEGORY',
            message: {
              zh: `规则没有为${groupLabel(ctx, level, group).zh}规定差异系数上限`,
              en: `the rule sets no limit for ${groupLabel(ctx, level, group).en}`,
            },
          };
          out.push(result);
          continue;
        }
        result.conditions = await compiled.evaluator.compare(
          areaComparisonId(area.id, 'dispersion', branch),
          {
            value: result.value,
            bound: threshold.bound as number,
          },
        );
        result.verdict = result.conditions[0]?.result ? 'met' : 'not_met';
        result.margin = result.value - (threshold.bound as number);
        out.push(result);
      }
    }
  }
  if (rule.composite) out.push(...(await composites(area, indicators, out, allShares, ctx, compiled)));
  return out;
}

/**
 * The composite coefficient of variation of each group (综合差异系数): the arithmetic mean of the group's single
 * CVs, judged against the area's threshold. A unit's share of it is its share of each single CV weighted by that
 * CV's size, so the units named first are those that pull the mean up most.
 */
async function composites(
  area: Area,
  indicators: IndicatorResult[],
  singles: DispersionResult[],
  allShares: Map<DispersionResult, CvContribution[]>,
  ctx: CountyContext,
  compiled: CompiledRuleSet,
): Promise<DispersionResult[]> {
  const rule = area.dispersion as NonNullable<Area['dispersion']>;
  const out: DispersionResult[] = [];
  const groups = new Set(singles.map((d) => d.group));
  for (const figure of ctx.data.reported) {
    if (figure.indicator === COMPOSITE && figure.figure === 'cv' && figure.group) groups.add(figure.group);
  }
  for (const group of orderGroups(groups, ctx, area.perUnit?.level ?? 'unit')) {
    const parts = singles.filter((d) => d.group === group);
    // Every indicator of the area enters the mean: one without a CV in this group leaves the composite unknown.
    const absent = indicators
      .filter((i) => !parts.some((p) => p.indicator === i.indicator))
      .map((i) => ({ indicator: i.indicator, check: i.indicator, value: null }));
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
    if (threshold) result.threshold = thresholdUse(threshold, branch, rule.threshold.by);
    const lacking = [...parts.filter((p) => p.value === null), ...absent];
    const published = reportedCv(ctx.data.reported, COMPOSITE, group);
    if ((lacking.length > 0 || parts.length === 0) && published) {
      // Only the composite is published (or not every single CV): the rule is judged on it, as reported.
      result.value = Number(published.value);
      result.asReported = true;
    } else if (lacking.length > 0 || parts.length === 0) {
      result.reason = {
        code: 'INPUT_MISSING',
        message: {
          zh: `${lacking.map((p) => p.indicator).join('、')} 的差异系数无法计算，综合差异系数也无法计算`,
          en: `the coefficients of variation of ${lacking.map((p) => p.indicator).join(', ')} cannot be computed, so neither can the composite`,
        },
      };
      out.push(result);
      continue;
    } else {
      const values = parts.map((p) => p.value as number);
      result.value = values.reduce((a, b) => a + b, 0) / values.length;
      if (parts.some((p) => p.asReported)) result.asReported = true;
    }
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
    result.top = [...byMember.values()].sort((a, b) => b.share - a.share).slice(0, 10);
    if (!threshold) {
      result.reason = {
        code: 'NO_THRESHOLD_FOR_CATEGORY',
        message: {
          zh: `规则没有为${groupLabel(ctx, area.perUnit?.level ?? 'unit', group).zh}规定综合差异系数上限`,
          en: `the rule sets no composite limit for ${groupLabel(ctx, area.perUnit?.level ?? 'unit', group).en}`,
        },
      };
      out.push(result);
      continue;
    }
    result.conditions = await compiled.evaluator.compare(areaComparisonId(area.id, 'dispersion', branch), {
      value: result.value,
      bound: threshold.bound as number,
    });
    result.verdict = result.conditions[0]?.result ? 'met' : 'not_met';
    result.margin = result.value - (threshold.bound as number);
    out.push(result);
  }
  return out;
}

/** The indicator and check id of a composite dispersion result. */
export const COMPOSITE = 'composite';

/** The dictionary's label of a group key of a level (stage `primary` → 小学). */
function groupLabel(ctx: CountyContext, level: Level, group: string): Text {
  const by = ctx.dictionary.levels[level]?.group;
  return (by ? ctx.dictionary.inputs[by]?.values?.[group] : undefined) ?? { zh: group, en: group };
}

/** Groups in the order the dictionary lists the category's values (小学 before 初中), unknown ones last. */
function orderGroups(groups: Set<string>, ctx: CountyContext, level: Level): string[] {
  const by = ctx.dictionary.levels[level]?.group;
  const order = Object.keys((by && ctx.dictionary.inputs[by]?.values) ?? {});
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function reportedCv(
  reported: ReportedFigure[],
  indicator: string,
  group: string,
): ReportedFigure | undefined {
  return reported.find(
    (r) =>
      r.indicator === indicator && r.figure === 'cv' && r.group === group && Number.isFinite(Number(r.value)),
  );
}
