import type { ChangeLevel, Comparison, VerdictChange } from '../model/comparison.ts';
import type { Lang, Text } from '../model/text.ts';
import { verdictWord } from './compare-evaluations.ts';

/** The level of a change in words; a member is named by its own level (school, unit, class). */
export function levelWord(change: VerdictChange): Text {
  if (change.level === 'member' && change.subject)
    return MEMBER_WORDS[change.subject.level] ?? LEVEL_WORDS.member;
  return LEVEL_WORDS[change.level];
}

const LEVEL_WORDS: Record<ChangeLevel, Text> = {
  county: { zh: '县域', en: 'county' },
  area: { zh: '方面', en: 'area' },
  indicator: { zh: '指标', en: 'indicator' },
  dispersion: { zh: '差异系数', en: 'CV' },
  per_unit: { zh: '逐学部规则', en: 'per-unit rule' },
  member: { zh: '成员', en: 'member' },
};

const MEMBER_WORDS: Record<string, Text> = {
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'unit' },
  class: { zh: '班级', en: 'class' },
  county: { zh: '县域', en: 'county' },
};

/** A number as a person reads it: at most six significant digits, no float noise. */
export function formatValue(value: number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(Number(value.toPrecision(6)));
}

export function formatDelta(delta: number | undefined): string {
  if (delta === undefined || delta === 0) return delta === 0 ? '0' : '';
  return `${delta > 0 ? '+' : ''}${formatValue(delta)}`;
}

/** One row per verdict change, the same columns in Markdown, XLSX and JSON consumers. */
export interface ComparisonRow {
  county: string;
  level: string;
  area: string;
  indicator: string;
  subject: string;
  name: string;
  from: string;
  to: string;
  valueFrom: string;
  valueTo: string;
  delta: string;
  thresholds: string;
  causes: string;
}

/** The changes of a comparison as flat rows, in the order county, area, indicator, CV, per-unit rule, members. */
export function comparisonRows(comparison: Comparison, lang: Lang): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const county of comparison.counties) {
    for (const c of county.changes) {
      const check = c.checks?.length === 1 ? c.checks[0] : undefined;
      const thresholds =
        c.checks
          ?.filter((x) => x.thresholdFrom !== x.thresholdTo)
          .map(
            (x) =>
              `${x.thresholdWords?.from?.[lang] ?? x.thresholdFrom ?? '—'} → ${x.thresholdWords?.to?.[lang] ?? x.thresholdTo ?? '—'}`,
          )
          .join('; ') ?? '';
      rows.push({
        county: county.name,
        level: levelWord(c)[lang],
        area: c.area ?? '',
        indicator: c.indicator ?? '',
        subject: c.subject?.key ?? c.group ?? '',
        name: c.title[lang],
        from: verdictWord(c.from)[lang],
        to: verdictWord(c.to)[lang],
        valueFrom: formatValue(c.valueFrom ?? (check ? numeric(check.valueFrom) : undefined)),
        valueTo: formatValue(c.valueTo ?? (check ? numeric(check.valueTo) : undefined)),
        delta: formatDelta(c.delta),
        thresholds,
        causes: c.causes.map((x) => x.text[lang]).join(lang === 'zh' ? '；' : '; '),
      });
    }
  }
  return rows;
}

function numeric(v: number | boolean | null): number | null {
  return typeof v === 'number' ? v : null;
}

export const ROW_HEADERS: Record<keyof ComparisonRow, Text> = {
  county: { zh: '县（区）', en: 'County' },
  level: { zh: '层级', en: 'Level' },
  area: { zh: '方面', en: 'Area' },
  indicator: { zh: '指标', en: 'Indicator' },
  subject: { zh: '对象代码/学段', en: 'Key / group' },
  name: { zh: '对象', en: 'What' },
  from: { zh: '结论 A', en: 'Verdict A' },
  to: { zh: '结论 B', en: 'Verdict B' },
  valueFrom: { zh: '值 A', en: 'Value A' },
  valueTo: { zh: '值 B', en: 'Value B' },
  delta: { zh: '变化', en: 'Change' },
  thresholds: { zh: '标准 A → B', en: 'Threshold A → B' },
  causes: { zh: '原因', en: 'Why' },
};

/** “一个数据集、两个规则集” and the two sides, for every rendering's header. */
export function comparisonHeading(comparison: Comparison, lang: Lang): string[] {
  const mode: Record<Comparison['mode'], Text> = {
    rules: {
      zh: `同一数据集 ${comparison.a.dataset.id}，两个规则集`,
      en: `one dataset (${comparison.a.dataset.id}) under two rule sets`,
    },
    data: {
      zh: `同一规则集 ${comparison.a.ruleset.id}，两个数据集`,
      en: `two datasets under one rule set (${comparison.a.ruleset.id})`,
    },
    both: { zh: '规则集和数据集都不同', en: 'different rule sets and datasets' },
  };
  const side = (tag: string, s: Comparison['a']) =>
    `${tag} ${s.label}  (${s.ruleset.id} ${s.ruleset.hash.slice(0, 8)} · ${s.dataset.id} ${s.dataset.hash.slice(0, 8)})`;
  const lines = [
    lang === 'zh'
      ? `结论比较：${comparison.a.label} → ${comparison.b.label}（${mode[comparison.mode].zh}）`
      : `Verdict comparison: ${comparison.a.label} → ${comparison.b.label} (${mode[comparison.mode].en})`,
    side('A', comparison.a),
    side('B', comparison.b),
  ];
  if (comparison.ruleDiff && !comparison.ruleDiff.identical) {
    const n = comparison.ruleDiff.changes.length;
    lines.push(
      lang === 'zh'
        ? `规则变化 ${n} 处（详见 junheng diff ${comparison.ruleDiff.a.id} ${comparison.ruleDiff.b.id}）`
        : `${n} rule changes (see junheng diff ${comparison.ruleDiff.a.id} ${comparison.ruleDiff.b.id})`,
    );
  }
  return lines;
}
