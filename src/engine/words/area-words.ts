import type { DispersionResult, IndicatorResult, ReasonNote } from '../../model/evaluation.ts';
import type { Area, InputDictionary } from '../../model/ruleset.ts';
import type { Text } from '../../model/text.ts';
import type { ReportedGroup } from '../decide/as-reported.ts';

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

type PerUnit = NonNullable<Area['perUnit']>;

/** The sentences of an area's trail. */
export const describeArea = {
  perUnitRule(rule: PerUnit, levelLabel: Text): Text {
    return {
      zh: `每个${levelLabel.zh}至少 ${rule.atLeastMet} 项指标达标，其余不低于标准的 ${pct(rule.othersNotBelow)}`,
      en: `every ${levelLabel.en}: at least ${rule.atLeastMet} indicators met, the rest not below ${pct(rule.othersNotBelow)} of the standard`,
    };
  },

  /** Why an area is not met: the units that fail its per-unit rule, its indicators not met, its CVs over the limit. */
  reasons(
    area: Area,
    facts: {
      judged: IndicatorResult[];
      failingUnits: number;
      perUnitAsReported: number | undefined;
      dispersion: DispersionResult[];
      dictionary: InputDictionary;
    },
  ): Text[] {
    const out: Text[] = [];
    if (area.perUnit) {
      const rule = area.perUnit;
      if (facts.failingUnits > 0) {
        out.push({
          zh: `${facts.failingUnits} 个学部未达到“至少 ${rule.atLeastMet} 项达标、其余不低于标准 ${pct(rule.othersNotBelow)}”的要求`,
          en: `${facts.failingUnits} units fail the rule "at least ${rule.atLeastMet} met, the rest not below ${pct(rule.othersNotBelow)} of the standard"`,
        });
      }
      if (facts.perUnitAsReported !== undefined) {
        out.push({
          zh: `没有逐校数据：按报告公布的达标数推断每校规则成立（${facts.perUnitAsReported} 项指标有学部低于标准但不低于 ${pct(rule.othersNotBelow)}，未复算）`,
          en: `no per-school rows: the per-unit rule follows from the published counts (${facts.perUnitAsReported} indicators have units within tolerance; not recomputed)`,
        });
      }
    } else {
      for (const r of facts.judged.filter((i) => i.verdict === 'not_met')) {
        out.push({
          zh: `${r.indicator} ${r.title.zh} 未达标`,
          en: `${r.indicator} ${r.title.en} is not met`,
        });
      }
    }
    if (area.dispersion) {
      const groupInput = facts.dictionary.levels[area.perUnit?.level ?? 'unit']?.group;
      const groupValues: Record<string, Text> =
        (groupInput ? facts.dictionary.inputs[groupInput]?.values : undefined) ?? {};
      for (const d of facts.dispersion.filter((x) => !x.inComposite && x.verdict === 'not_met')) {
        const label = groupValues[d.group] ?? { zh: d.group, en: d.group };
        const limit = `${d.threshold?.operator === '<' ? '<' : '≤'} ${String(d.threshold?.bound)}`;
        const name =
          d.statistic === 'composite_weighted_cv'
            ? { zh: `${label.zh}综合差异系数`, en: `${label.en} composite coefficient of variation` }
            : {
                zh: `${d.indicator}（${label.zh}）校际差异系数`,
                en: `${d.indicator} (${label.en}) coefficient of variation`,
              };
        out.push({
          zh: `${name.zh} ${d.value?.toFixed(3)}，超过上限 ${limit}`,
          en: `${name.en} ${d.value?.toFixed(3)} exceeds the limit ${limit}`,
        });
      }
    }
    return out;
  },
};

/** How one unit fared under the per-unit rule; `share` gives an indicator's share of its standard, if known. */
export function describeUnit(
  rule: PerUnit,
  ids: { met: string[]; within: string[]; notMet: string[]; undecided: string[] },
  share: (id: string) => number | undefined,
): Text {
  const { met, within, notMet, undecided } = ids;
  const shares = (list: string[]) =>
    list
      .map((id) => {
        const s = share(id);
        return s === undefined ? id : `${id}（${(s * 100).toFixed(1)}%）`;
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

/** The reason of an indicator judged on published counts: what each group's counts say. */
export function describeAsReported(
  judged: { verdict: IndicatorResult['verdict']; groups: ReportedGroup[] },
  label: (group: string) => Text,
): ReasonNote {
  const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
  for (const g of judged.groups) {
    const names = g.group === '*' ? { zh: '', en: '' } : label(g.group);
    const zh = names.zh;
    const en = names.en ? `${names.en}: ` : '';
    if (g.basis === 'failing') {
      parts.zh.push(`${zh}报告 ${g.notMet} 个未达标`);
      parts.en.push(`${en}${g.notMet} failing as published`);
    } else if (g.basis === 'all_met') {
      parts.zh.push(`${zh}报告全部达标`);
      parts.en.push(`${en}all meeting as published`);
    } else if (g.basis === 'counted') {
      const within = g.within as number;
      parts.zh.push(
        within > 0
          ? `${zh}报告 ${g.met} 个达标、${within} 个低于标准但在容许范围内`
          : `${zh}报告 ${g.met} 个全部达标`,
      );
      parts.en.push(
        within > 0
          ? `${en}${g.met} meeting and ${within} within tolerance as published`
          : `${en}all ${g.met} meeting as published`,
      );
    } else {
      parts.zh.push(
        `${zh}只公布了${[g.met !== undefined ? '达标数' : '', g.total !== undefined ? '总数' : '', g.within !== undefined ? '容许范围内的数量' : '', g.share !== undefined ? '达标比例' : ''].filter(Boolean).join('、')}`,
      );
      parts.en.push(
        `${en}only ${[g.met !== undefined ? 'the number meeting it' : '', g.total !== undefined ? 'the total' : '', g.within !== undefined ? 'the number within tolerance' : '', g.share !== undefined ? 'the share meeting it' : ''].filter(Boolean).join(', ')} published`,
      );
    }
  }
  const decided = judged.verdict !== 'insufficient_data' && judged.verdict !== 'pending';
  return {
    code: 'AS_REPORTED',
    message: decided
      ? {
          zh: `没有逐校数据，按报告公布的达标数评判（未复算）：${parts.zh.join('；')}`,
          en: `no per-school rows; judged on the published counts, as reported, not recomputed: ${parts.en.join('; ')}`,
        }
      : {
          zh: `没有逐校数据，报告公布的达标数不足以判断：${parts.zh.join('；')}`,
          en: `no per-school rows, and the published counts do not decide it: ${parts.en.join('; ')}`,
        },
  };
}
