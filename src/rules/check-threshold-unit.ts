import type { Problem } from '../model/problem.ts';
import type { Check } from '../model/ruleset.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

/** A unit that is a share: its values are ratios, written as percentages in thresholds. */
const RATIO_UNIT = /^\s*[%％]\s*$|百分|比例|percent|ratio|share/i;

/**
 * A percent threshold on an indicator whose unit is not a ratio (">= 4.5%" on teachers per 100 students reads as
 * 0.045), or a plain number on one that is (">= 95" on a percentage), is a mistake the numbers would hide.
 */
export function checkThresholdUnit(check: Check, yaml: YamlFile, path: (string | number)[], problems: Problem[]): void {
  const unit = check.unit;
  if (!unit) return;
  const ratio = RATIO_UNIT.test(unit.zh) || RATIO_UNIT.test(unit.en);
  const branches = [
    ...Object.entries(check.threshold.branches),
    ...(check.threshold.default ? [['default', check.threshold.default] as const] : []),
  ];
  for (const [key, threshold] of branches) {
    if (typeof threshold.bound !== 'number') continue;
    if (threshold.percent === ratio) continue;
    const at = check.threshold.by ? [...path, 'threshold', key] : [...path, 'threshold'];
    const fixed = threshold.percent ? threshold.text.replace(/\s*[%％]\s*$/, '') : `${threshold.text.trim()}%`;
    const pos = yaml.locate(at);
    const written = (yaml.lineAt?.(pos.line, pos.file) ?? threshold.text).trim();
    problems.push(
      ruleProblem(
        'THRESHOLD_UNIT_MISMATCH',
        yaml,
        at,
        threshold.percent
          ? {
              zh: `第 ${pos.line} 行「${written}」：阈值“${threshold.text}”是百分数，但“${check.label.zh}”的单位是“${unit.zh}”，不是比例；百分号会把标准值变成百分之一，应写成 "${fixed}"`,
              en: `line ${pos.line} (${written}): threshold "${threshold.text}" is a percentage, but the unit of '${check.label.en}' is '${unit.en}', not a ratio; % would make the bound a hundredth; write "${fixed}"`,
            }
          : {
              zh: `第 ${pos.line} 行「${written}」：“${check.label.zh}”的单位是“${unit.zh}”（比例），阈值“${threshold.text}”却不是百分数；应写成 "${fixed}"`,
              en: `line ${pos.line} (${written}): the unit of '${check.label.en}' is '${unit.en}' (a ratio), but threshold "${threshold.text}" is not a percentage; write "${fixed}"`,
            },
      ),
    );
  }
}
