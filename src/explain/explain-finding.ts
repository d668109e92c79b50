import type { Finding, Lang, Text } from '../model/index.ts';
import { describeGroup } from './describe-group.ts';
import { describeSource } from './describe-source.ts';
import { formatPlain } from './format-number.ts';
import { localize, say } from './localize.ts';

const FIGURE_WORDS: Record<string, Text> = {
  value: { zh: '数值', en: 'value' },
  county_value: { zh: '全县（区）比值', en: 'county ratio' },
  cv: { zh: '校际差异系数', en: 'coefficient of variation' },
  members_met: { zh: '达标学校数', en: 'schools meeting it' },
  members_not_met: { zh: '未达标学校数', en: 'members not met' },
  members_total: { zh: '学校总数', en: 'schools in all' },
  share_met: { zh: '达标学校比例', en: 'share of schools meeting it' },
  claim: { zh: '报告结论', en: 'stated verdict' },
};

const KIND_WORDS: Record<Finding['kind'], Text> = {
  mismatch: { zh: '不一致', en: 'mismatch' },
  confirmed: { zh: '一致', en: 'confirmed' },
  as_reported: { zh: '按报告数（无法重算）', en: 'as reported (not recomputable)' },
  claim_contradicted: { zh: '结论与重算不符', en: 'claim contradicted' },
  claim_confirmed: { zh: '结论属实', en: 'claim confirmed' },
  unverifiable: { zh: '无法核实', en: 'unverifiable' },
};

/** The label of a finding's kind: mismatch → 不一致. */
export function describeFindingKind(kind: Finding['kind'], lang: Lang): string {
  return localize(KIND_WORDS[kind], lang);
}

/** Which published figure a finding is about: "R3 小学 校际差异系数". */
export function describeFigure(finding: Finding, lang: Lang): string {
  const parts = [
    finding.check && finding.check !== finding.indicator
      ? `${finding.indicator}/${finding.check}`
      : finding.indicator,
  ];
  if (finding.group) parts.push(describeGroup(finding.group, lang));
  const figure = FIGURE_WORDS[finding.figure];
  parts.push(figure ? localize(figure, lang) : finding.figure);
  return parts.join(' ');
}

/** A published figure or claim: "R3 小学 校际差异系数：不一致。报告 0.157，重新计算 0.171，相差 0.014（…）。出处：…" */
export function explainFinding(finding: Finding, lang: Lang): string {
  const head = `${describeFigure(finding, lang)}${say(lang, '：', ': ')}${describeFindingKind(finding.kind, lang)}`;
  const figures: string[] = [
    say(lang, `报告 ${show(finding.reported, lang)}`, `reported ${show(finding.reported, lang)}`),
  ];
  if (finding.recomputed !== undefined) {
    figures.push(
      say(lang, `重新计算 ${show(finding.recomputed, lang)}`, `recomputed ${show(finding.recomputed, lang)}`),
    );
  }
  if (finding.difference !== undefined) {
    const allowed =
      finding.allowed !== undefined
        ? say(
            lang,
            `（报告精度允许 ±${formatPlain(finding.allowed, lang, 6)}）`,
            ` (rounding allows ±${formatPlain(finding.allowed, lang, 6)})`,
          )
        : '';
    figures.push(
      say(
        lang,
        `相差 ${formatPlain(finding.difference, lang, 4)}${allowed}`,
        `difference ${formatPlain(finding.difference, lang, 4)}${allowed}`,
      ),
    );
  }
  const message = localize(finding.message, lang)
    .trim()
    .replace(/[。.]$/u, '');
  const source = describeSource(finding.source, lang);
  const quote = finding.source.quote
    ? say(lang, `：“${finding.source.quote}”`, `: "${finding.source.quote}"`)
    : '';
  return lang === 'zh'
    ? `${head}。${figures.join('，')}。${message ? `${message}。` : ''}出处：${source}${quote}。`
    : `${head}. ${figures.join(', ')}.${message ? ` ${message}.` : ''} Source: ${source}${quote}.`;
}

function show(value: number | string | null, lang: Lang): string {
  if (value === null) return say(lang, '（无法计算）', '(not computable)');
  return typeof value === 'number' ? formatPlain(value, lang, 4) : value;
}
