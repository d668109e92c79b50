import type { ReportedFigure } from '../model/dataset.ts';
import type { Finding, IndicatorResult } from '../model/evaluation.ts';
import type { Indicator, InputDictionary } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { halfUnit } from './check-published-table.ts';
import { readPublished } from './read-published.ts';
import { pickBranch } from './threshold-branch.ts';

/**
 * Without member rows, a published county mean (`mean`, or the county ratio `county_value`, which is the same
 * student-weighted mean) compared with the indicator's standard. A mean short of the standard proves that at least
 * one member is short of it (if every member met it, so would their weighted mean), though not how many; a mean that
 * meets it proves nothing about any member. Either way it is a finding, never a verdict. A mean within its
 * published rounding of the standard decides neither.
 */
export function compareMeansWithStandard(
  reported: ReportedFigure[],
  results: Map<string, IndicatorResult>,
  rules: readonly Indicator[],
  dictionary: InputDictionary,
  groupLabel: (group: string) => Text,
): Finding[] {
  const findings: Finding[] = [];
  for (const figure of reported) {
    if (figure.figure !== 'mean' && figure.figure !== 'county_value') continue;
    const rule = rules.find((i) => i.id === figure.indicator);
    const result = results.get(figure.indicator);
    // With member rows (even rows the indicator does not apply to) the members are judged themselves.
    if (!rule || !result || rule.level === 'county' || result.members.length > 0 || result.notApplicable > 0)
      continue;
    const check = rule.checks.find((c) => c.id === (figure.check ?? rule.checks[0]?.id));
    const published = readPublished(figure);
    if (!check || !published) continue;
    const { threshold } = pickBranch(check.threshold, figure.group);
    if (!threshold || typeof threshold.bound !== 'number') continue;
    const op = threshold.operator;
    if (op !== '>=' && op !== '>' && op !== '<=' && op !== '<') continue;
    const bound = threshold.bound;
    const slack = halfUnit(published.decimals);
    const upward = op === '>=' || op === '>';
    const meets = (x: number) =>
      op === '>=' ? x >= bound : op === '>' ? x > bound : op === '<=' ? x <= bound : x < bound;
    // The published mean stands for any value within its rounding: it decides only if all of them agree.
    const atBest = upward ? published.value + slack : published.value - slack;
    const atWorst = upward ? published.value - slack : published.value + slack;
    const label = figure.group ? groupLabel(figure.group) : { zh: '', en: '' };
    const unit = dictionary.levels[rule.level]?.label ?? { zh: rule.level, en: rule.level };
    const mean = String(figure.text ?? figure.value);
    const standard = `${op.replace('>=', '≥').replace('<=', '≤')} ${threshold.percent ? `${bound * 100}%` : String(bound)}`;
    const head = {
      zh: `全县${label.zh}均值 ${mean}（报告数，未复算），标准 ${standard}`,
      en: `the county ${label.en ? `${label.en} ` : ''}mean ${mean} (as reported, not recomputed), standard ${standard}`,
    };
    const base = {
      indicator: figure.indicator,
      figure: figure.figure,
      reported: figure.text ?? figure.value,
      source: figure.source,
      ...(figure.group ? { group: figure.group } : {}),
      ...(figure.check ? { check: figure.check } : {}),
    };
    if (!meets(atBest)) {
      findings.push({
        ...base,
        kind: 'mean_short_of_standard',
        message: {
          zh: `${head.zh}：均值${upward ? '低于' : '高于'}标准，说明至少有一个${unit.zh}${upward ? '低于' : '超过'}标准，具体几个无从得知；每校规则须容许这一项。这是推断，不是结论`,
          en: `${head.en}: the mean is ${upward ? 'below' : 'above'} the standard, so at least one ${unit.en} is ${upward ? 'below' : 'above'} it; how many is unknown, and the per-unit rule has to tolerate it. This is an inference, not a verdict`,
        },
      });
    } else if (meets(atWorst)) {
      findings.push({
        ...base,
        kind: 'mean_meets_standard',
        message: {
          zh: `${head.zh}：均值达到标准，但这不说明每个${unit.zh}都达到，个别${unit.zh}仍可能低于标准`,
          en: `${head.en}: the mean meets the standard, which does not show that every ${unit.en} does`,
        },
      });
    } else {
      findings.push({
        ...base,
        kind: 'unverifiable',
        message: {
          zh: `${head.zh}：均值与标准之差在公布精度之内，无法判断均值是否达到标准`,
          en: `${head.en}: the mean is within its published rounding of the standard, so whether it meets the standard cannot be told`,
        },
      });
    }
  }
  return findings;
}
