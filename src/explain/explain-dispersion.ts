import type { DispersionResult, Lang, Text } from '../model/index.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { negatedOperatorSymbol, operatorSymbol } from './describe-operator.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { distinctDecimals, formatNumber, formatPercent, formatPlain } from './format-number.ts';
import { localize, say } from './localize.ts';
import { describeCheckReason } from './words/index.ts';

/** Coefficients of variation print with three decimals, as the seed report does (0.139, 0.446). */
export const CV_DECIMALS = 3;

/** The CV of one indicator in one group, printed with enough decimals to differ from its limit. */
export function describeCvValue(
  dispersion: Pick<DispersionResult, 'value' | 'threshold'>,
  lang: Lang,
): string {
  if (dispersion.value === null) return '—';
  const bound = typeof dispersion.threshold?.bound === 'number' ? dispersion.threshold.bound : undefined;
  const decimals = bound === undefined ? CV_DECIMALS : distinctDecimals(dispersion.value, bound, CV_DECIMALS);
  return formatNumber(dispersion.value, decimals, lang);
}

/**
 * One coefficient of variation in plain words: "小学 R3 校际差异系数 0.157 ≤ 0.5，达标（按学生数加权，167 个学部）。
 * 偏离最大的：甲小学 1.85（占 12%）、…"
 */
export function explainDispersion(
  dispersion: DispersionResult,
  lang: Lang,
  groups: GroupLabels,
  title?: Text,
): string {
  const group = describeGroup(dispersion.group, lang, groups);
  const composite = dispersion.statistic === 'composite_weighted_cv';
  const name = title ? `${dispersion.indicator} ${localize(title, lang)}` : dispersion.indicator;
  const head = composite
    ? say(lang, `${group} 综合差异系数`, `${group}: composite coefficient of variation`)
    : lang === 'zh'
      ? `${group} ${name} 校际差异系数`
      : `${name}, ${group}: coefficient of variation`;
  // A single CV under a composite rule has no limit of its own: it is not "met", it only enters the mean.
  const verdict = dispersion.inComposite
    ? say(lang, '不单独判定，只计入综合差异系数', 'not judged on its own, only entering the composite')
    : describeVerdict(dispersion.verdict, lang);
  const reported = dispersion.asReported
    ? say(lang, '（按报告数，未重新计算）', ' (as reported, not recomputed)')
    : '';
  if (
    dispersion.value === null ||
    dispersion.verdict === 'pending' ||
    dispersion.verdict === 'insufficient_data'
  ) {
    const why =
      localize(dispersion.reason && describeCheckReason(dispersion.reason), lang) ||
      say(lang, '无法计算', 'it cannot be computed');
    return lang === 'zh' ? `${head}：${verdict}，${why}。` : `${head}: ${verdict}, ${why}.`;
  }
  const value = describeCvValue(dispersion, lang);
  const threshold = dispersion.threshold;
  const comparison = threshold
    ? `${value} ${dispersion.verdict === 'met' ? operatorSymbol(threshold.operator) : negatedOperatorSymbol(threshold.operator)} ${typeof threshold.bound === 'number' ? formatPlain(threshold.bound, lang) : String(threshold.bound)}`
    : value;
  // Without school rows there is nothing to weigh or count: no "0 units, 0 students".
  const basis =
    dispersion.members === 0
      ? ''
      : composite
        ? say(
            lang,
            `${dispersion.parts?.length ?? 0} 项差异系数的平均数`,
            `the mean of ${dispersion.parts?.length ?? 0} coefficients of variation`,
          )
        : say(
            lang,
            `按学生数加权，${dispersion.members} 个学部，学生 ${formatNumber(dispersion.weightTotal, 0, lang)} 人${dispersion.mean !== null ? `，均值 ${formatNumber(dispersion.mean, 2, lang)}` : ''}`,
            `weighted by students, ${dispersion.members} units, ${formatNumber(dispersion.weightTotal, 0, lang)} students${dispersion.mean !== null ? `, mean ${formatNumber(dispersion.mean, 2, lang)}` : ''}`,
          );
  const carried = dispersion.carriedFrom
    ? say(
        lang,
        `；此数为 ${dispersion.carriedFrom.ruleset} 的 ${dispersion.carriedFrom.indicator} 公布值，按对应关系带入${dispersion.carriedFrom.verified ? '' : '（对应关系未核实）'}`,
        `; carried from ${dispersion.carriedFrom.indicator} of ${dispersion.carriedFrom.ruleset}${dispersion.carriedFrom.verified ? '' : ' (the correspondence is unverified)'}`,
      )
    : '';
  const detail = `${basis}${basis ? carried : carried.replace(/^[；;] ?/u, '')}`;
  let text =
    lang === 'zh'
      ? `${head} ${comparison}${reported}，${verdict}${detail ? `（${detail}）` : ''}。`
      : `${head} ${comparison}${reported}, ${verdict}${detail ? ` (${detail})` : ''}.`;
  const top = dispersion.top.slice(0, 3).map((contribution) => {
    const who = describeSubject(contribution.subject, lang, groups);
    const share = formatPercent(contribution.share, lang);
    return say(
      lang,
      `${who} ${formatPlain(contribution.value, lang, 2)}（占 ${share}）`,
      `${who} ${formatPlain(contribution.value, lang, 2)} (${share})`,
    );
  });
  if (top.length > 0) {
    text += lang === 'zh' ? `偏离最大的：${top.join('、')}。` : ` Furthest from the mean: ${top.join(', ')}.`;
  }
  return text;
}
