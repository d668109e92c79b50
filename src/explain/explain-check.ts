import type { CheckResult, ChoiceUse, Lang, ToPass } from '../model/index.ts';
import type { GroupLabels } from './describe-group.ts';
import { describeSource } from './describe-source.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { negatedOperatorSymbol, operatorSymbol } from './describe-operator.ts';
import {
  describeBoolean,
  describeBound,
  describeCheckValue,
  describeFormula,
  describeInput,
} from './describe-value.ts';
import { distinctDecimals, formatPercent, formatPercentPlain, formatPlain } from './format-number.ts';
import { localize, say } from './localize.ts';
import { describeCheckReason, describeToPassChange } from './words/index.ts';

export interface ExplainCheckOptions {
  /** Start with the subject's name (default true); off when the subject is already the heading. */
  subject?: boolean;
  /** Add the inputs with their cells, the threshold's rule file, the definition choice and what it would take (default true). */
  detail?: boolean;
  /** The evaluation's group labels, to name a unit's group (`evaluation.groupLabels`). */
  groups?: GroupLabels;
}

/**
 * One check in plain words: what was judged, value against the standard, the verdict and why, then the inputs
 * down to their cells, where the threshold is written, the definition choice applied and what it would take.
 */
export function explainCheck(check: CheckResult, lang: Lang, options: ExplainCheckOptions = {}): string {
  // The same check is explained by several reports of one run (text, Markdown, XLSX, HTML): say it once.
  const key = `${lang}|${options.subject ?? true}|${options.detail ?? true}`;
  let said = SAID.get(check);
  const known = said?.get(key);
  if (known && known.groups === options.groups) return known.text;
  const text = composeExplanation(check, lang, options);
  if (!said) SAID.set(check, (said = new Map()));
  said.set(key, { groups: options.groups, text });
  return text;
}

const SAID = new WeakMap<CheckResult, Map<string, { groups: GroupLabels | undefined; text: string }>>();

function composeExplanation(check: CheckResult, lang: Lang, options: ExplainCheckOptions): string {
  const sentences = [judgement(check, lang, options.subject ?? true, options.groups ?? {})];
  if (options.detail ?? true) {
    const basis = describeBasis(check, lang);
    if (basis) sentences.push(basis);
    if (check.threshold) sentences.push(describeThresholdOrigin(check, lang));
    if (check.choice) sentences.push(describeChoice(check.choice, check, lang));
    if (check.toPass && check.verdict !== 'met') sentences.push(describeToPass(check.toPass, lang));
  }
  return sentences.join(lang === 'zh' ? '' : ' ');
}

/** The first sentence: "石岗小学（小学部）R3 每百名学生拥有体育、艺术专任教师数 0.82 < 0.9，达到标准的 91%（不低于85%），属容差内。" */
function judgement(check: CheckResult, lang: Lang, withSubject: boolean, groups: GroupLabels): string {
  const who = withSubject ? describeSubject(check.subject, lang, groups) : '';
  const what = `${check.indicator} ${localize(check.checkLabel, lang)}`;
  const head = who
    ? lang === 'zh'
      ? `${who}${who.endsWith('）') ? '' : ' '}${what}`
      : `${who}: ${what}`
    : what;
  const reason = localize(check.reason && describeCheckReason(check.reason), lang);
  const reported = check.asReported
    ? say(lang, '（按报告数，未重新计算）', ' (as reported, not recomputed)')
    : '';

  if (check.verdict === 'pending' || check.verdict === 'insufficient_data') {
    const verdict = describeVerdict(check.verdict, lang);
    const why = reason || say(lang, '缺少所需数据', 'an input it needs is missing');
    return lang === 'zh'
      ? `${head}：${verdict}，${trimEnd(why)}。`
      : `${head}: ${verdict}, ${lowerFirst(trimEnd(why))}.`;
  }

  if (typeof check.value === 'boolean') {
    const required = typeof check.threshold?.bound === 'boolean' ? check.threshold.bound : undefined;
    const wanted =
      required === undefined
        ? ''
        : say(
            lang,
            `（应为“${describeBoolean(required, lang)}”）`,
            ` (required: ${describeBoolean(required, lang)})`,
          );
    const clauses = [
      `${describeBoolean(check.value, lang)}${wanted}${reported}`,
      describeVerdict(check.verdict, lang),
    ];
    if (reason && check.verdict !== 'met') clauses.push(trimEnd(reason));
    return lang === 'zh' ? `${head}：${clauses.join('，')}。` : `${head}: ${clauses.join(', ')}.`;
  }
  const comparison = describeComparison(check, lang);
  const clauses = [`${comparison}${reported}`, ...verdictClauses(check, lang)];
  if (reason && check.verdict !== 'met') clauses.push(trimEnd(reason));
  return lang === 'zh' ? `${head} ${clauses.join('，')}。` : `${head} ${clauses.join(', ')}.`;
}

/** "0.82 < 0.9", "是 = 是", or the value alone when there is no threshold. */
function describeComparison(check: CheckResult, lang: Lang): string {
  const value = describeCheckValue(check, lang);
  const { threshold } = check;
  if (!threshold) return value;
  const holds = check.verdict === 'met';
  const sign = holds ? operatorSymbol(threshold.operator) : negatedOperatorSymbol(threshold.operator);
  const bound = describeBound(threshold, lang, check.decimals);
  const named =
    threshold.boundInputs?.length === 1 ? `${localize(threshold.boundInputs[0]?.label, lang)} ` : '';
  return `${value} ${sign} ${named}${bound}`;
}

function verdictClauses(check: CheckResult, lang: Lang): string[] {
  const share = check.shareOfStandard;
  const tolerance = check.tolerance;
  if (check.verdict === 'within_tolerance' && share !== undefined && tolerance) {
    const decimals = distinctDecimals(share * 100, tolerance.share * 100, 0);
    const reached = formatPercent(share, lang, decimals);
    const floor = formatPercentPlain(tolerance.share, lang);
    return lang === 'zh'
      ? [`达到标准的 ${reached}（不低于${floor}）`, '属容差内']
      : [`${reached} of the standard (not below ${floor})`, 'within tolerance'];
  }
  if (check.verdict === 'not_met' && share !== undefined && tolerance) {
    const decimals = distinctDecimals(share * 100, tolerance.share * 100, 0);
    const reached = formatPercent(share, lang, decimals);
    const floor = formatPercentPlain(tolerance.share, lang);
    return lang === 'zh'
      ? [`仅达到标准的 ${reached}（低于${floor}）`, '未达标']
      : [`only ${reached} of the standard (below ${floor})`, 'not met'];
  }
  return [describeVerdict(check.verdict, lang)];
}

/** "计算：体育、艺术专任教师数 ÷ 学生数 × 100；体育、艺术专任教师数 5 人（schools.csv 第17行 D列），学生数 610 人（…）。" */
function describeBasis(check: CheckResult, lang: Lang): string {
  const inputs = check.inputs.map((input) => describeInput(input, lang));
  const bound = check.threshold?.boundInputs?.map((input) => describeInput(input, lang)) ?? [];
  const all = [...inputs, ...bound];
  const usesFormula =
    check.formula && !(check.inputs.length === 1 && check.inputs[0]?.name === check.formula.trim());
  const formula = usesFormula ? describeFormula(check.formula, check.inputs, lang) : '';
  if (all.length === 0 && !formula) return '';
  if (lang === 'zh') {
    if (!formula) return `依据：${all.join('，')}。`;
    return all.length > 0 ? `计算：${formula}；${all.join('，')}。` : `计算：${formula}。`;
  }
  if (!formula) return `Inputs: ${all.join(', ')}.`;
  return all.length > 0 ? `Computed as ${formula}; ${all.join(', ')}.` : `Computed as ${formula}.`;
}

/** "标准“>= 0.9”（小学）见 resource/R3.yaml 第16行。" */
function describeThresholdOrigin(check: CheckResult, lang: Lang): string {
  const threshold = check.threshold;
  if (!threshold) return '';
  const at =
    threshold.at.line !== undefined
      ? say(
          lang,
          `${threshold.at.file} 第${threshold.at.line}行`,
          `${threshold.at.file}, line ${threshold.at.line}`,
        )
      : threshold.at.file;
  const tolerance = check.tolerance
    ? say(
        lang,
        `，容差下限为标准的${formatPercentPlain(check.tolerance.share, lang)}即 ${formatPlain(check.tolerance.bound, lang, 4)}`,
        `; the tolerance floor is ${formatPercentPlain(check.tolerance.share, lang)} of it, ${formatPlain(check.tolerance.bound, lang, 4)}`,
      )
    : '';
  // A bound that is another input is quoted by that input's label, not its name in the rule file.
  let text = threshold.text;
  for (const input of threshold.boundInputs ?? []) {
    const label = localize(input.label, lang);
    if (label) text = text.replace(new RegExp(`\\b${input.name}\\b`, 'gu'), label);
  }
  return lang === 'zh'
    ? `标准“${text}”见 ${at}${tolerance}。`
    : `The standard "${text}" is written in ${at}${tolerance}.`;
}

/** "统计口径“残疾儿童分母”采用“剔除延缓入学”（数据集指定）；若采用“不剔除”，结果为 94.12%（未达标）。" */
function describeChoice(choice: ChoiceUse, check: CheckResult, lang: Lang): string {
  const by =
    choice.chosenBy === 'dataset'
      ? say(lang, '数据集指定', 'set by the dataset')
      : say(lang, '规则默认', 'the rule default');
  const where = choice.source
    ? say(lang, `，${describeSource(choice.source, lang)}`, `, ${describeSource(choice.source, lang)}`)
    : '';
  const alternatives = choice.alternatives.map((alternative) => {
    const value =
      alternative.value === null
        ? say(lang, '无法计算', 'not computable')
        : describeCheckValue({ ...check, value: alternative.value }, lang);
    const verdict = describeVerdict(alternative.verdict, lang);
    return lang === 'zh'
      ? `若采用“${localize(alternative.label, lang)}”，结果为 ${value}（${verdict}）`
      : `with "${localize(alternative.label, lang)}" it would be ${value} (${verdict})`;
  });
  const head =
    lang === 'zh'
      ? `统计口径“${localize(choice.label, lang)}”采用“${localize(choice.optionLabel, lang)}”（${by}${where}）`
      : `Definition "${localize(choice.label, lang)}": "${localize(choice.optionLabel, lang)}" applied (${by}${where})`;
  return lang === 'zh' ? `${[head, ...alternatives].join('；')}。` : `${[head, ...alternatives].join('; ')}.`;
}

/** "体育、艺术专任教师增加 1 人（5 → 6）即可达标。" */
export function describeToPass(toPass: ToPass, lang: Lang): string {
  const own = trimEnd(localize(describeToPassChange(toPass), lang));
  return lang === 'zh' ? `${own}。` : `${own}.`;
}

function trimEnd(text: string): string {
  return text.trim().replace(/[。；;.，,]+$/u, '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
