import type { Level } from '../model/level.ts';
import type { Problem } from '../model/problem.ts';
import type { InputDictionary, Threshold, ThresholdSpec } from '../model/ruleset.ts';
import { nearestName } from '../text/nearest-name.ts';
import { formulaType } from '../formula/formula-type.ts';
import { parseMath } from '../formula/restricted-math.ts';
import { buildFormula } from './build-formula.ts';
import { levelChain, namesInScope } from './level-scope.ts';
import { parseThreshold } from './parse-threshold.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

/** The key of the single branch of a threshold that is not keyed by a category. */
export const ALL_BRANCH = '*';

/** Builds a threshold, or thresholds keyed by a category (`by: stage`), from a rule file. */
export function buildThresholdSpec(
  raw: unknown,
  yaml: YamlFile,
  path: (string | number)[],
  level: Level,
  dictionary: InputDictionary,
  problems: Problem[],
): ThresholdSpec | undefined {
  if (typeof raw === 'string') {
    const threshold = buildThreshold(raw, yaml, path, level, dictionary, problems);
    return threshold ? { branches: { [ALL_BRANCH]: threshold } } : undefined;
  }
  const object = raw as Record<string, string>;
  const by = object['by'] as string;
  const input = dictionary.inputs[by];
  const inChain = input && levelChain(dictionary, level).includes(input.level);
  if (!input || input.type !== 'category' || !inChain) {
    const candidates = Object.values(dictionary.inputs)
      .filter((i) => i.type === 'category' && levelChain(dictionary, level).includes(i.level))
      .map((i) => i.name);
    const near = nearestName(by, candidates);
    problems.push(
      ruleProblem('THRESHOLD_BY_UNKNOWN', yaml, [...path, 'by'], {
        zh: `阈值按“${by}”分类，但它不是本层级（${level}）可用的分类输入${near ? `；是否应为“${near}”？` : ''}可用：${candidates.join('、') || '无'}`,
        en: `threshold is keyed by '${by}', which is not a category input available at level ${level}${near ? `; did you mean '${near}'?` : ''} Available: ${candidates.join(', ') || 'none'}`,
      }),
    );
    return undefined;
  }
  const values = Object.keys(input.values ?? {});
  const spec: ThresholdSpec = { by, branches: {} };
  let ok = true;
  for (const [key, text] of Object.entries(object)) {
    if (key === 'by') continue;
    if (key !== 'default' && !values.includes(key)) {
      const near = nearestName(key, values);
      problems.push(
        ruleProblem(
          'THRESHOLD_BRANCH_UNKNOWN',
          yaml,
          [...path, key],
          {
            zh: `“${key}”不是“${by}”的取值${near ? `；是否应为“${near}”？` : ''}可选：${values.join('、')}`,
            en: `'${key}' is not a value of '${by}'${near ? `; did you mean '${near}'?` : ''} Allowed: ${values.join(', ')}`,
          },
          { key: true },
        ),
      );
      ok = false;
      continue;
    }
    const threshold = buildThreshold(text, yaml, [...path, key], level, dictionary, problems);
    if (!threshold) {
      ok = false;
      continue;
    }
    if (key === 'default') spec.default = threshold;
    else spec.branches[key] = threshold;
  }
  return ok ? spec : undefined;
}

function buildThreshold(
  text: string,
  yaml: YamlFile,
  path: (string | number)[],
  level: Level,
  dictionary: InputDictionary,
  problems: Problem[],
): Threshold | undefined {
  const parts = parseThreshold(text);
  const pos = yaml.locate(path);
  const at = { file: pos.file ?? yaml.file, line: pos.line, column: pos.column, path: `/${path.join('/')}` };
  if (!parts) {
    problems.push(
      ruleProblem('THRESHOLD_MALFORMED', yaml, path, {
        zh: `阈值“${text}”写法不对：应写成比较符号加数值，如 ">= 4.2"、"<= 45"、">= 95%"、"== true"，或比较另一项输入，如 ">= civil_servant_avg_pay"`,
        en: `threshold "${text}" is malformed; write a comparison and a bound: ">= 4.2", "<= 45", ">= 95%", "== true", or another input: ">= civil_servant_avg_pay"`,
      }),
    );
    return undefined;
  }
  if (typeof parts.bound === 'object') {
    const formula = buildFormula(parts.bound.formula, yaml, path, namesInScope(dictionary, level), problems, dictionary);
    if (!formula) return undefined;
    // A bound compared by size must be a number: ">= 4.2 or true" parses, but no value can be at least a boolean.
    const type = formulaType(parseMath(parts.bound.formula), dictionary);
    const ordering = parts.operator !== '==' && parts.operator !== '!=';
    if ((ordering && type !== 'number' && type !== 'unknown') || (!ordering && type === 'boolean' && /\b(and|or|not)\b/.test(parts.bound.formula))) {
      const words = { boolean: { zh: '是/否', en: 'a yes/no value' }, string: { zh: '文字或类别', en: 'text or a category' } };
      const got = type === 'string' ? words.string : words.boolean;
      problems.push(
        ruleProblem('THRESHOLD_TYPE_MISMATCH', yaml, path, {
          zh: `阈值“${text}”的比较对象“${parts.bound.formula}”得到的是${got.zh}，不能用 ${parts.operator} 比较；阈值右边应是数值、数值输入或数值公式（and、or、not 不能写在阈值里）`,
          en: `threshold "${text}" compares with "${parts.bound.formula}", which gives ${got.en}; ${parts.operator} needs a number, a numeric input or a numeric formula (and, or, not have no place in a threshold)`,
        }),
      );
      return undefined;
    }
    const threshold: Threshold = { text, operator: parts.operator, boundFormula: formula, percent: false, at };
    if (parts.normalised) threshold.readAs = parts.normalised;
    return threshold;
  }
  const threshold: Threshold = { text, operator: parts.operator, bound: parts.bound, percent: parts.percent, at };
  if (parts.normalised) threshold.readAs = parts.normalised;
  return threshold;
}
