import type { Check, Indicator, InputDictionary, RuleSet, ThresholdSpec } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';

/** The branches of a threshold as written: `{ primary: ">= 4.2", junior: ">= 5.3" }`, `{ '*': ">= 1" }`. */
export function thresholdTexts(spec: ThresholdSpec | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const [branch, threshold] of Object.entries(spec.branches)) out[branch] = threshold.text;
  if (spec.default) out['default'] = spec.default.text;
  return out;
}

/** A threshold branch in words: the category value's label (小学), 其他 for the default, nothing for a single one. */
export function branchLabel(
  branch: string | undefined,
  by: string | undefined,
  dictionary: InputDictionary,
): Text {
  if (branch === undefined || branch === '*') return { zh: '', en: '' };
  if (branch === 'default') return { zh: '其他', en: 'other' };
  const label = by ? dictionary.inputs[by]?.values?.[branch] : undefined;
  return label ?? { zh: branch, en: branch };
}

/** “R3 每百名学生拥有体育、艺术专任教师数” / “G3 音乐、美术专用教室 · 最小音乐专用教室面积”. */
export function indicatorName(indicator: Indicator, check?: Check): Text {
  const own = check && indicator.checks.length > 1 ? check.label : undefined;
  return {
    zh: `${indicator.id} ${indicator.title.zh}${own ? ` · ${own.zh}` : ''}`,
    en: `${indicator.id} ${indicator.title.en}${own ? ` · ${own.en}` : ''}`,
  };
}

/** The formula a check computes: its value, or the options of its definition choice, or its attestation. */
export function checkFormula(check: Check): string {
  if (check.value) return check.value.text;
  if (check.attestation) return check.attestation;
  if (check.choice)
    return Object.entries(check.choice.options)
      .map(([name, option]) => `${name}: ${option.value.text}`)
      .join('; ');
  return '';
}

/** Role words, for added indicators and role changes. */
export const ROLE_WORDS: Record<Indicator['role'], Text> = {
  indicator: { zh: '指标', en: 'indicator' },
  precondition: { zh: '前提条件', en: 'precondition' },
  veto: { zh: '一票否决事项', en: 'veto' },
  measure: { zh: '不设单项标准、只计入差异系数', en: 'no standard of its own, feeds the dispersion only' },
};

export const LEVEL_WORDS: Record<Indicator['level'], Text> = {
  county: { zh: '县级', en: 'county' },
  school: { zh: '逐校', en: 'per school' },
  unit: { zh: '逐学部', en: 'per school unit' },
  class: { zh: '逐班', en: 'per class' },
};

/** The title of an area, or its id. */
export function areaTitle(ruleset: RuleSet, id: string): Text {
  return ruleset.areas.find((a) => a.id === id)?.title ?? { zh: id, en: id };
}

/** `(无)` / `(none)` for a missing side. */
export const NONE: Text = { zh: '（无）', en: '(none)' };

/** Normalises a formula for comparison: spacing does not change its meaning. */
export function sameFormula(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').replace(/\s+/g, '') === (b ?? '').replace(/\s+/g, '');
}

/**
 * A formula or threshold as written, for a reader: each input name in it replaced by its label from the dictionary
 * (`<= (built_year <= 2010 ? 2400 : 2000)` → `<= (建成年份 <= 2010 ? 2400 : 2000)`); the structured diff keeps the text
 * as written.
 */
export function labelNames(
  text: string | undefined,
  label: (name: string) => Text | undefined,
  lang: 'zh' | 'en',
): string | undefined {
  if (text === undefined) return undefined;
  return text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*\b/gu, (name) => label(name)?.[lang] || name);
}
