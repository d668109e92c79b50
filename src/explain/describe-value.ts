import type { CheckResult, InputUse, Lang, ThresholdUse } from '../model/index.ts';
import { describeSource } from './describe-source.ts';
import {
  distinctDecimals,
  formatNumber,
  formatPercentPlain,
  formatPlain,
  formatQuantity,
} from './format-number.ts';
import { localize, say } from './localize.ts';

const DEFAULT_DECIMALS = 2;

// Aggregation functions of the formula language, as a report names them.
const FUNCTION_WORDS: Record<string, { zh: string; en: string }> = {
  sum: { zh: '合计', en: 'total' },
  count: { zh: '个数', en: 'count' },
  mean: { zh: '平均', en: 'mean' },
  min: { zh: '最小值', en: 'min' },
  max: { zh: '最大值', en: 'max' },
  share: { zh: '占比', en: 'share' },
  weighted_cv: { zh: '加权差异系数', en: 'weighted CV' },
};

/** A yes/no value in words. */
export function describeBoolean(value: boolean, lang: Lang): string {
  return value ? say(lang, '是', 'yes') : say(lang, '否', 'no');
}

/**
 * The value of a check as a report prints it: its decimals (2 unless the rule says), a percentage when the
 * threshold is one, and enough decimals that a value just short of its bound does not print as the bound.
 */
export function describeCheckValue(
  check: Pick<CheckResult, 'value' | 'decimals' | 'threshold'>,
  lang: Lang,
): string {
  const { value, threshold } = check;
  if (value === null) return say(lang, '（无值）', '(no value)');
  if (typeof value === 'boolean') return describeBoolean(value, lang);
  const bound = typeof threshold?.bound === 'number' ? threshold.bound : undefined;
  if (threshold?.percent) {
    const decimals = bound === undefined ? 2 : distinctDecimals(value * 100, bound * 100, 2);
    return `${formatNumber(value * 100, decimals, lang)}%`;
  }
  // Counts (pupils, classes) print as whole numbers unless the rule asks for decimals.
  const wanted = check.decimals ?? (Number.isInteger(value) ? 0 : DEFAULT_DECIMALS);
  const decimals = bound === undefined ? wanted : distinctDecimals(value, bound, wanted);
  return formatNumber(value, decimals, lang);
}

/** The bound of a threshold as written: 0.9, 2000, 95%; a computed bound with the check's decimals. */
export function describeBound(threshold: ThresholdUse, lang: Lang, decimals = DEFAULT_DECIMALS): string {
  const { bound } = threshold;
  if (typeof bound === 'boolean') return describeBoolean(bound, lang);
  if (typeof bound === 'string') return bound;
  if (threshold.percent) return formatPercentPlain(bound, lang);
  return threshold.boundFormula ? formatNumber(bound, decimals, lang) : formatPlain(bound, lang);
}

/** One input with its value and cell: "体育、艺术专任教师数 5 人（schools.csv 第17行 D列）". */
export function describeInput(input: InputUse, lang: Lang): string {
  const label = localize(input.label, lang) || input.name;
  let value: string;
  if (input.missing || input.value === null) value = say(lang, '缺失', 'missing');
  else if (typeof input.value === 'number') value = formatQuantity(input.value, input.unit, lang);
  else if (typeof input.value === 'boolean') value = describeBoolean(input.value, lang);
  else value = `“${input.value}”`;
  const where: string[] = [];
  if (input.members !== undefined) {
    where.push(say(lang, `${input.members} 个成员合计`, `over ${input.members} members`));
  }
  if (input.source) where.push(describeSource(input.source, lang));
  const note = localize(input.note, lang);
  if (note) where.push(note);
  if (where.length === 0) return `${label} ${value}`;
  return lang === 'zh'
    ? `${label} ${value}（${where.join('；')}）`
    : `${label} ${value} (${where.join('; ')})`;
}

/** A formula with input names replaced by their labels and × ÷ for * /: "体育、艺术专任教师数 ÷ 学生数 × 100". */
export function describeFormula(formula: string, inputs: InputUse[], lang: Lang): string {
  const labels = new Map(inputs.map((input) => [input.name, localize(input.label, lang) || input.name]));
  return formula
    .replace(/[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/g, (name) => {
      const word = FUNCTION_WORDS[name];
      return word ? localize(word, lang) : name;
    })
    .replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => labels.get(name) ?? name)
    .replace(/\s*\*\s*/g, ' × ')
    .replace(/\s*\/\s*/g, ' ÷ ');
}
