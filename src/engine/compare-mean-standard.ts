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
    const reason = {
      ...(figure.group ? { label: groupLabel(figure.group) } : {}),
      mean: String(figure.text ?? figure.value),
      operator: op,
      bound,
      percent: threshold.percent,
      unit: dictionary.levels[rule.level]?.label ?? { zh: rule.level, en: rule.level },
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
      findings.push({ ...base, kind: 'mean_short_of_standard', reason: { code: 'MEAN_SHORT', ...reason } });
    } else if (meets(atWorst)) {
      findings.push({ ...base, kind: 'mean_meets_standard', reason: { code: 'MEAN_MEETS', ...reason } });
    } else {
      findings.push({ ...base, kind: 'unverifiable', reason: { code: 'MEAN_WITHIN_ROUNDING', ...reason } });
    }
  }
  return findings;
}
