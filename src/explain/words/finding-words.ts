import type { CarriedFrom } from '../../model/dataset.ts';
import type { FailingName, FindingReason, ShownNumber } from '../../model/finding-reason.ts';
import type { Text } from '../../model/text.ts';

function show(n: ShownNumber): string {
  return n.decimals === undefined ? String(n.value) : n.value.toFixed(n.decimals);
}

/** What the report check found about one published figure, as a sentence. */
export function describeFindingReason(reason: FindingReason): Text {
  const said = sentence(reason);
  return 'carried' in reason && reason.carried ? carriedNote(reason.carried, said) : said;
}

/** A carried figure's sentence says where it came from, and whether the correspondence is verified. */
function carriedNote(from: CarriedFrom, message: Text): Text {
  const verified = from.verified
    ? { zh: '', en: '' }
    : { zh: '，对应关系未核实', en: '; the correspondence is unverified' };
  return {
    zh: `${message.zh}；此数为 ${from.ruleset} 的 ${from.indicator} 公布值，按对应关系带入${verified.zh}`,
    en: `${message.en}; carried from ${from.indicator} of ${from.ruleset} by a declared correspondence${verified.en}`,
  };
}

function sentence(reason: FindingReason): Text {
  switch (reason.code) {
    case 'INDICATOR_UNKNOWN':
      return {
        zh: `报告数字涉及的指标 ${reason.indicator} 不在本规则集中`,
        en: `the published figure names indicator ${reason.indicator}, which this rule set does not have`,
      };
    case 'CLAIM_NOT_A_VERDICT':
      return {
        zh: `报告的说法“${reason.claim}”不是可核对的结论：claim 的 value 应写 达标 或 未达标（原文放在 quote）`,
        en: `the report's statement "${reason.claim}" is not a verdict that can be checked: a claim's value must be met or not_met (the wording goes in quote)`,
      };
    case 'CLAIM_UNVERIFIABLE':
      return {
        zh: `报告称“${reason.claim}”，但数据不足以核实`,
        en: `the report claims "${reason.claim}", which the data cannot verify`,
      };
    case 'CLAIM_CONTRADICTED':
      return {
        zh: `报告称“${reason.claim}”，但按规则计算 ${reason.indicator} 为“${reason.actual === 'met' ? '达标' : '未达标'}”${failingNote(reason.failing, reason.examples)}`,
        en: `the report claims "${reason.claim}", but by the rules ${reason.indicator} is ${reason.actual.replace('_', ' ')}${failingNoteEn(reason.failing, reason.examples)}`,
      };
    case 'CLAIM_CONFIRMED':
      return {
        zh: `报告称“${reason.claim}”，与计算一致`,
        en: `the report's claim "${reason.claim}" agrees with the rules`,
      };
    case 'FIGURE_UNREADABLE':
      return { zh: '报告数字无法读取', en: 'the published figure cannot be read' };
    case 'DATA_MISSING':
      return {
        zh: `缺少复算所需的数据，无法核对 ${reason.shown}`,
        en: `data needed to recompute ${reason.shown} is missing`,
      };
    case 'AS_REPORTED':
      return asReported(reason.kind, reason.shown);
    case 'RECOMPUTED_AGREES':
      return {
        zh: `复算为 ${show(reason.recomputed)}，与报告的 ${reason.published} 一致`,
        en: `recomputed ${show(reason.recomputed)}, agrees with the published ${reason.published}`,
      };
    case 'RECOMPUTED_DIFFERS':
      return {
        zh: `复算为 ${show(reason.recomputed)}，与报告的 ${reason.published} 不符（差 ${reason.difference.toPrecision(3)}，超出报告精度）`,
        en: `recomputed ${show(reason.recomputed)}, which differs from the published ${reason.published} by ${reason.difference.toPrecision(3)}, beyond its rounding`,
      };
    case 'SHARE_NOT_ALL':
      return {
        zh: `报告为 ${reason.text ?? (reason.all ? '100%' : '0%')}，但复算为 ${(reason.share * 100).toFixed(2)}%：${reason.all ? '并非全部达标' : '并非全部未达标'}`,
        en: `the report says ${reason.all ? '100%' : '0%'}, but the recomputed share is ${(reason.share * 100).toFixed(2)}%: ${reason.all ? 'not every member meets the standard' : 'some members do meet it'}`,
      };
    case 'OWN_FIGURE_AGREES':
      return {
        zh: `与本规则集指标的公布值 ${reason.own} 一致（两者都是报告数，未复算）`,
        en: `agrees with the figure published for this rule set's indicator, ${reason.own} (both as reported, not recomputed)`,
      };
    case 'OWN_FIGURE_DIFFERS':
      return {
        zh: `与本规则集指标的公布值 ${reason.own} 不符（${reason.shown} 与 ${reason.own} 之差超出两者的公布精度）；评判用的是 ${reason.own}`,
        en: `differs from the figure published for this rule set's indicator, ${reason.own}, beyond both roundings; the rules used ${reason.own}`,
      };
    case 'NO_COMPOSITE':
      return {
        zh: '本规则集不计算综合差异系数，无法核对',
        en: 'this rule set has no composite coefficient of variation to check it against',
      };
    case 'COMPOSITE_AGREES':
    case 'COMPOSITE_DIFFERS':
      return composite(reason);
    case 'TABLE_AGREES':
    case 'TABLE_DIFFERS':
      return table(reason);
    case 'MEAN_SHORT':
    case 'MEAN_MEETS':
    case 'MEAN_WITHIN_ROUNDING':
      return meanAgainstStandard(reason);
  }
}

function asReported(kind: Extract<FindingReason, { code: 'AS_REPORTED' }>['kind'], shown: string): Text {
  switch (kind) {
    case 'value':
      return {
        zh: `没有可据以复算的明细数据，按报告公布值 ${shown} 评判（未复算）`,
        en: `no detailed data to recompute from; judged on the published figure ${shown}, as reported, not recomputed`,
      };
    case 'cv_in_composite':
      return {
        zh: `没有逐校数据，按报告公布值 ${shown} 计入综合差异系数（未复算；单项差异系数本身不设上限）`,
        en: `no per-school rows; the published ${shown} enters the composite as reported, not recomputed (a single CV has no limit of its own)`,
      };
    case 'cv':
      return {
        zh: `没有逐校数据，差异系数按报告公布值 ${shown} 评判（未复算）`,
        en: `no per-school rows; the coefficient of variation is judged on the published ${shown}, as reported, not recomputed`,
      };
    case 'counts':
      return {
        zh: `没有逐校数据，指标按报告公布的达标数评判（未复算）`,
        en: `no per-school rows; the indicator is judged on the published counts, as reported, not recomputed`,
      };
    case 'recorded':
      return {
        zh: `没有可据以复算的明细数据，报告数 ${shown} 只作记录，未复算，也不据以评判`,
        en: `no detailed data to recompute from; the published ${shown} is recorded only, not recomputed and not judged on`,
      };
    case 'composite':
      return {
        zh: `单项差异系数未全部公布，综合差异系数规则按报告公布值 ${shown} 评判（未复算）`,
        en: `not every single CV is published; the composite rule is judged on the published ${shown}, as reported, not recomputed`,
      };
  }
}

function failingNote(failing: number, examples: FailingName[]): string {
  if (failing === 0) return '';
  const names = examples.map((s) => (s.school !== undefined ? `${s.school} ${s.name}` : s.name));
  return `（未达标 ${failing} 个：${names.join('、')}${failing > 5 ? ' 等' : ''}）`;
}

function failingNoteEn(failing: number, examples: FailingName[]): string {
  if (failing === 0) return '';
  return ` (${failing} failing: ${examples.map((s) => s.name).join(', ')})`;
}

function composite(reason: Extract<FindingReason, { code: 'COMPOSITE_AGREES' | 'COMPOSITE_DIFFERS' }>): Text {
  const meanShown = show(reason.average);
  const what =
    reason.publishedParts > 0
      ? {
          zh: `${reason.parts} 项单项差异系数（${reason.publishedParts} 项为报告数，未复算）的平均数为 ${meanShown}`,
          en: `the mean of the ${reason.parts} single CVs (${reason.publishedParts} of them as reported, not recomputed) is ${meanShown}`,
        }
      : {
          zh: `按逐校数据复算的 ${reason.parts} 项差异系数的平均数为 ${meanShown}`,
          en: `the mean of the ${reason.parts} CVs recomputed from the school rows is ${meanShown}`,
        };
  return reason.code === 'COMPOSITE_AGREES'
    ? {
        zh: `${what.zh}，与报告的综合差异系数 ${reason.shown} 一致`,
        en: `${what.en}, which agrees with the published composite ${reason.shown}`,
      }
    : {
        zh: `${what.zh}，与报告的综合差异系数 ${reason.shown} 不符（差 ${reason.difference.toPrecision(3)}，超出公布精度）`,
        en: `${what.en}, which differs from the published composite ${reason.shown} by ${reason.difference.toPrecision(3)}, beyond the published rounding`,
      };
}

function table(reason: Extract<FindingReason, { code: 'TABLE_AGREES' | 'TABLE_DIFFERS' }>): Text {
  const label = reason.label ?? { zh: '', en: '' };
  const shown = show(reason.quotient);
  const what = {
    zh: `${label.zh}标准差 ÷ 均值 = ${reason.sd} ÷ ${reason.mean} = ${shown}`,
    en: `${label.en ? `${label.en} ` : ''}sd / mean = ${reason.sd} / ${reason.mean} = ${shown}`,
  };
  return reason.code === 'TABLE_AGREES'
    ? {
        zh: `${what.zh}，与公布的差异系数 ${reason.cv} 在公布精度内一致（三个数都是报告数，未复算）`,
        en: `${what.en}, which agrees with the published CV ${reason.cv} within the published rounding (all three as reported, not recomputed)`,
      }
    : {
        zh: `${what.zh}，与公布的差异系数 ${reason.cv} 不符，超出三个数的公布精度所能解释的范围：三者至少有一个有误`,
        en: `${what.en}, which does not agree with the published CV ${reason.cv}, beyond what the rounding of the three figures explains: at least one of them is wrong`,
      };
}

function meanAgainstStandard(
  reason: Extract<FindingReason, { code: 'MEAN_SHORT' | 'MEAN_MEETS' | 'MEAN_WITHIN_ROUNDING' }>,
): Text {
  const { operator: op, bound, unit } = reason;
  const label = reason.label ?? { zh: '', en: '' };
  const upward = op === '>=' || op === '>';
  const standard = `${op.replace('>=', '≥').replace('<=', '≤')} ${reason.percent ? `${bound * 100}%` : String(bound)}`;
  const head = {
    zh: `全县${label.zh}均值 ${reason.mean}（报告数，未复算），标准 ${standard}`,
    en: `the county ${label.en ? `${label.en} ` : ''}mean ${reason.mean} (as reported, not recomputed), standard ${standard}`,
  };
  switch (reason.code) {
    case 'MEAN_SHORT':
      return {
        zh: `${head.zh}：均值${upward ? '低于' : '高于'}标准，说明至少有一个${unit.zh}${upward ? '低于' : '超过'}标准，具体几个无从得知；每校规则须容许这一项。这是推断，不是结论`,
        en: `${head.en}: the mean is ${upward ? 'below' : 'above'} the standard, so at least one ${unit.en} is ${upward ? 'below' : 'above'} it; how many is unknown, and the per-unit rule has to tolerate it. This is an inference, not a verdict`,
      };
    case 'MEAN_MEETS':
      return {
        zh: `${head.zh}：均值达到标准，但这不说明每个${unit.zh}都达到，个别${unit.zh}仍可能低于标准`,
        en: `${head.en}: the mean meets the standard, which does not show that every ${unit.en} does`,
      };
    case 'MEAN_WITHIN_ROUNDING':
      return {
        zh: `${head.zh}：均值与标准之差在公布精度之内，无法判断均值是否达到标准`,
        en: `${head.en}: the mean is within its published rounding of the standard, so whether it meets the standard cannot be told`,
      };
  }
}
