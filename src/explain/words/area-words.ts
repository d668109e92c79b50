import type { AreaResult, UnitAreaResult } from '../../model/evaluation.ts';
import type { AreaReason, CountyReason } from '../../model/reason.ts';
import type { Text } from '../../model/text.ts';

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

type PerUnit = NonNullable<AreaResult['perUnit']>;

/** An area's per-unit rule as a sentence: 每个学部至少 6 项指标达标，其余不低于标准的 85%. */
export function describePerUnitRule(
  rule: Pick<PerUnit, 'atLeastMet' | 'othersNotBelow' | 'levelLabel'>,
): Text {
  return {
    zh: `每个${rule.levelLabel.zh}至少 ${rule.atLeastMet} 项指标达标，其余不低于标准的 ${pct(rule.othersNotBelow)}`,
    en: `every ${rule.levelLabel.en}: at least ${rule.atLeastMet} indicators met, the rest not below ${pct(rule.othersNotBelow)} of the standard`,
  };
}

/** One reason an area is not met, as a sentence. */
export function describeAreaReason(reason: AreaReason): Text {
  switch (reason.code) {
    case 'UNITS_FAIL_RULE':
      return {
        zh: `${reason.units} 个学部未达到“至少 ${reason.atLeastMet} 项达标、其余不低于标准 ${pct(reason.othersNotBelow)}”的要求`,
        en: `${reason.units} units fail the rule "at least ${reason.atLeastMet} met, the rest not below ${pct(reason.othersNotBelow)} of the standard"`,
      };
    case 'PER_UNIT_AS_REPORTED':
      return {
        zh: `没有逐校数据：按报告公布的达标数推断每校规则成立（${reason.indicators} 项指标有学部低于标准但不低于 ${pct(reason.othersNotBelow)}，未复算）`,
        en: `no per-school rows: the per-unit rule follows from the published counts (${reason.indicators} indicators have units within tolerance; not recomputed)`,
      };
    case 'INDICATOR_NOT_MET':
      return {
        zh: `${reason.indicator} ${reason.title.zh} 未达标`,
        en: `${reason.indicator} ${reason.title.en} is not met`,
      };
    case 'CV_OVER_LIMIT': {
      const label = reason.groupLabel;
      const limit = `${reason.operator === '<' ? '<' : '≤'} ${String(reason.bound)}`;
      const name = reason.composite
        ? { zh: `${label.zh}综合差异系数`, en: `${label.en} composite coefficient of variation` }
        : {
            zh: `${reason.indicator}（${label.zh}）校际差异系数`,
            en: `${reason.indicator} (${label.en}) coefficient of variation`,
          };
      return {
        zh: `${name.zh} ${reason.value?.toFixed(3)}，超过上限 ${limit}`,
        en: `${name.en} ${reason.value?.toFixed(3)} exceeds the limit ${limit}`,
      };
    }
  }
}

/** How one unit fared under its area's per-unit rule. */
export function describeUnitResult(
  unit: Pick<UnitAreaResult, 'met' | 'withinTolerance' | 'notMet' | 'undecided' | 'shares'>,
  rule: Pick<PerUnit, 'atLeastMet' | 'othersNotBelow'>,
): Text {
  const { met, withinTolerance: within, notMet, undecided } = unit;
  const shares = (list: string[]) =>
    list
      .map((id) => {
        const s = unit.shares[id];
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

/** One reason of a county's verdict, as a sentence. */
export function describeCountyReason(reason: CountyReason): Text {
  switch (reason.code) {
    case 'RECOGNISED':
      return {
        zh: '各领域均达标，前提条件满足，无一票否决情形',
        en: 'every area met, the precondition holds, no veto applies',
      };
    case 'VETO_APPLIES':
      return { zh: `一票否决：${reason.title.zh}`, en: `veto: ${reason.title.en}` };
    case 'PRECONDITION_NOT_MET':
      return { zh: `前提条件未满足：${reason.title.zh}`, en: `precondition not met: ${reason.title.en}` };
    case 'AREA_NOT_MET':
      return { zh: `${reason.title.zh}未达标`, en: `${reason.title.en} not met` };
    case 'STILL_OPEN':
      return {
        zh: `${reason.title.zh}${reason.verdict === 'pending' ? '待评估' : '数据不足'}`,
        en: `${reason.title.en} ${reason.verdict === 'pending' ? 'pending' : 'lacks data'}`,
      };
  }
}
