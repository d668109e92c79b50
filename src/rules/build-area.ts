import type { Problem } from '../model/problem.ts';
import type { Area, InputDictionary, RuleSourceRef } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { nearestName } from '../text/nearest-name.ts';
import { buildThresholdSpec } from './build-threshold.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

interface RawArea {
  id: string;
  title: Text;
  description?: Text;
  source?: RuleSourceRef;
  indicators: string[];
  per_unit?: { level?: 'school' | 'unit'; at_least_met: number; others_not_below: string };
  dispersion?: { statistic: 'weighted_cv'; weight: string; composite?: 'mean'; threshold: unknown };
}

/** Builds an area from its area.yaml: which indicators it holds, its per-unit rule and its dispersion rule. */
export function buildArea(yaml: YamlFile, folder: string, dictionary: InputDictionary): { area?: Area; problems: Problem[] } {
  const problems: Problem[] = [];
  const raw = yaml.data as RawArea;
  if (raw.id !== folder) {
    problems.push(
      ruleProblem('RULE_ID_MISMATCH', yaml, ['id'], {
        zh: `领域 id“${raw.id}”与文件夹名“${folder}”不一致`,
        en: `area id '${raw.id}' does not match its folder '${folder}'`,
      }),
    );
  }
  const pos = yaml.locate([]);
  const area: Area = {
    id: raw.id,
    title: raw.title,
    indicators: raw.indicators,
    file: yaml.file,
    at: { file: yaml.file, line: pos.line, column: pos.column },
  };
  if (raw.description) area.description = raw.description;
  if (raw.source) area.source = raw.source;
  if (raw.per_unit) {
    const level = raw.per_unit.level ?? 'unit';
    const share = Number(raw.per_unit.others_not_below.replace(/[%％\s]/g, '')) / 100;
    if (raw.per_unit.at_least_met > raw.indicators.length) {
      problems.push(
        ruleProblem('AREA_PER_UNIT_INVALID', yaml, ['per_unit', 'at_least_met'], {
          zh: `at_least_met 为 ${raw.per_unit.at_least_met}，超过本领域的指标数 ${raw.indicators.length}`,
          en: `at_least_met is ${raw.per_unit.at_least_met}, more than the area's ${raw.indicators.length} indicators`,
        }),
      );
    }
    if (!(share > 0 && share <= 1)) {
      problems.push(
        ruleProblem('AREA_PER_UNIT_INVALID', yaml, ['per_unit', 'others_not_below'], {
          zh: `others_not_below 应为 0% 到 100% 之间的比例，如 "85%"`,
          en: `others_not_below must be a share between 0% and 100%, e.g. "85%"`,
        }),
      );
    }
    const at = yaml.locate(['per_unit']);
    area.perUnit = {
      level,
      atLeastMet: raw.per_unit.at_least_met,
      othersNotBelow: share,
      text: `${raw.per_unit.at_least_met}/${raw.indicators.length}, ${raw.per_unit.others_not_below}`,
      at: { file: yaml.file, line: at.line, column: at.column, path: '/per_unit' },
    };
  }
  if (raw.dispersion) {
    const weight = dictionary.inputs[raw.dispersion.weight];
    const level = area.perUnit?.level ?? 'unit';
    if (!weight || weight.level !== level || (weight.type !== 'number' && weight.type !== 'integer')) {
      const near = nearestName(
        raw.dispersion.weight,
        Object.values(dictionary.inputs)
          .filter((i) => i.level === level)
          .map((i) => i.name),
      );
      problems.push(
        ruleProblem('AREA_WEIGHT_UNKNOWN', yaml, ['dispersion', 'weight'], {
          zh: `权重“${raw.dispersion.weight}”不是 ${level} 层级的数值输入${near ? `；是否应为“${near}”？` : ''}`,
          en: `weight '${raw.dispersion.weight}' is not a numeric input of level ${level}${near ? `; did you mean '${near}'?` : ''}`,
        }),
      );
    }
    const threshold = buildThresholdSpec(
      raw.dispersion.threshold,
      yaml,
      ['dispersion', 'threshold'],
      level,
      dictionary,
      problems,
    );
    const at = yaml.locate(['dispersion']);
    if (threshold) {
      area.dispersion = {
        statistic: raw.dispersion.statistic,
        weight: raw.dispersion.weight,
        threshold,
        at: { file: yaml.file, line: at.line, column: at.column, path: '/dispersion' },
      };
      if (raw.dispersion.composite) area.dispersion.composite = raw.dispersion.composite;
    }
  }
  return problems.some((p) => p.severity === 'error') ? { problems } : { area, problems };
}
