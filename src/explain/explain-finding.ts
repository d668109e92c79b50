import type { CountyResult, Finding, Lang, Text } from '../model/index.ts';
import { describeFindingFigures, type FindingFigures } from './describe-finding-figures.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { describeSource } from './describe-source.ts';
import { localize, say } from './localize.ts';
import { describeFindingReason } from './words/index.ts';

const FIGURE_WORDS: Record<string, Text> = {
  value: { zh: '数值', en: 'value' },
  county_value: { zh: '全县（区）比值', en: 'county ratio' },
  cv: { zh: '校际差异系数', en: 'coefficient of variation' },
  members_met: { zh: '达标学校数', en: 'schools meeting it' },
  members_not_met: { zh: '未达标学校数', en: 'schools not meeting it' },
  members_total: { zh: '学校总数', en: 'schools in all' },
  members_within_tolerance: { zh: '容差内学校数', en: 'schools within tolerance' },
  share_met: { zh: '达标学校比例', en: 'share of schools meeting it' },
  claim: { zh: '报告结论', en: 'stated verdict' },
  mean: { zh: '均值', en: 'mean' },
  sd: { zh: '标准差', en: 'standard deviation' },
  n: { zh: '参与计算的学部数', en: 'units counted' },
};

const COMPOSITE_WORDS: Text = { zh: '综合差异系数', en: 'composite coefficient of variation' };

const KIND_WORDS: Record<Finding['kind'], Text> = {
  mismatch: { zh: '不一致', en: 'mismatch' },
  confirmed: { zh: '一致', en: 'confirmed' },
  as_reported: { zh: '按报告数（无法重算）', en: 'as reported (not recomputable)' },
  claim_contradicted: { zh: '结论与重算不符', en: 'claim contradicted' },
  claim_confirmed: { zh: '结论属实', en: 'claim confirmed' },
  unverifiable: { zh: '无法核实', en: 'unverifiable' },
  consistent: { zh: '公布数字相互一致', en: 'published figures consistent' },
  inconsistent: { zh: '公布数字相互矛盾', en: 'published figures inconsistent' },
  mean_short_of_standard: { zh: '均值未达标准', en: 'mean short of the standard' },
  mean_meets_standard: { zh: '均值达到标准', en: 'mean meets the standard' },
};

/** The label of a finding's kind: mismatch → 不一致. */
export function describeFindingKind(kind: Finding['kind'], lang: Lang): string {
  return localize(KIND_WORDS[kind], lang);
}

/** Which published figure a finding is about: "R3 小学 校际差异系数". */
export function describeFigure(
  finding: Finding,
  lang: Lang,
  groups: GroupLabels,
  county?: CountyResult,
): string {
  // A composite CV is a figure of the rule set's composite, not of an indicator: "小学 综合差异系数".
  const composite = finding.statistic === 'composite';
  const label = finding.check && county ? checkLabel(county, finding.indicator, finding.check) : undefined;
  const parts = composite
    ? []
    : [
        finding.check && finding.check !== finding.indicator
          ? label
            ? `${finding.indicator} ${localize(label, lang)}`
            : `${finding.indicator}/${finding.check}`
          : finding.indicator,
      ];
  if (finding.group) parts.push(describeGroup(finding.group, lang, groups));
  const figure = composite ? COMPOSITE_WORDS : FIGURE_WORDS[finding.figure];
  parts.push(figure ? localize(figure, lang) : finding.figure);
  return parts.join(' ');
}

const CHECK_LABELS = new WeakMap<CountyResult, Map<string, Text>>();

/**
 * The label of an indicator's check from the county's trail (its dictionary label, not its id), through a map
 * built once per county from the county's checks and each indicator's first members.
 */
function checkLabel(county: CountyResult, indicator: string, check: string): Text | undefined {
  let labels = CHECK_LABELS.get(county);
  if (!labels) {
    labels = new Map();
    for (const result of county.indicators) {
      const checks = [
        ...(result.county?.checks ?? []),
        ...result.members.slice(0, 50).flatMap((member) => member.checks),
      ];
      for (const candidate of checks) {
        const key = `${result.indicator}/${candidate.check}`;
        if (!labels.has(key)) labels.set(key, candidate.checkLabel);
      }
    }
    CHECK_LABELS.set(county, labels);
  }
  return labels.get(`${indicator}/${check}`);
}

/**
 * A published figure or claim in one sentence: "R6 小学 全县（区）比值：不一致。报告 2534.79，复算 2534.7752，相差
 * -0.0148，超出报告精度允许的 ±0.005。出处：…". When the published figure, the recomputed one and the difference do
 * not by themselves tell why (a claim, a figure that could not be recomputed, "100%" that rounds right but is not
 * every member), the engine's own message says it instead.
 */
export function explainFinding(
  finding: Finding,
  lang: Lang,
  groups: GroupLabels,
  county?: CountyResult,
): string {
  const head = `${describeFigure(finding, lang, groups, county)}${say(lang, '：', ': ')}${describeFindingKind(finding.kind, lang)}`;
  const message = localize(describeFindingReason(finding.reason), lang)
    .trim()
    .replace(/[。.]$/u, '');
  const figures = describeFindingFigures(finding, lang);
  const numeric = typeof finding.recomputed === 'number' && finding.difference !== undefined;
  const speaksForItself =
    numeric &&
    ((finding.kind === 'mismatch' && figures.beyondRounding) ||
      (finding.kind === 'confirmed' && !figures.beyondRounding));
  const body = speaksForItself || !message ? compareFigures(figures, lang) : upperFirst(message, lang);
  const source = describeSource(finding.source, lang);
  const quoted = finding.source.quote?.trim() ?? '';
  const quote = quoted ? say(lang, `：“${quoted}”`, `: "${quoted}"`) : '';
  // A quotation that ends its own sentence needs no second full stop after it.
  const end = /[。.！？!?]$/u.test(quoted) ? '' : say(lang, '。', '.');
  return lang === 'zh'
    ? `${head}。${body}。出处：${source}${quote}${end}`
    : `${head}. ${body}. Source: ${source}${quote}${end}`;
}

/** "报告 3，复算 0，相差 -3", with the allowance of the published rounding when there is one. */
function compareFigures(figures: FindingFigures, lang: Lang): string {
  const parts = [say(lang, `报告 ${figures.reported}`, `Reported ${figures.reported}`)];
  if (figures.recomputed)
    parts.push(say(lang, `复算 ${figures.recomputed}`, `recomputed ${figures.recomputed}`));
  if (figures.difference) {
    const allowance = figures.allowed
      ? figures.beyondRounding
        ? say(
            lang,
            `，超出报告精度允许的 ${figures.allowed}`,
            `, beyond the ${figures.allowed} its rounding allows`,
          )
        : say(
            lang,
            `，在报告精度允许的 ${figures.allowed} 以内`,
            `, within the ${figures.allowed} its rounding allows`,
          )
      : '';
    parts.push(
      say(
        lang,
        `相差 ${figures.difference}${allowance}`,
        `a difference of ${figures.difference}${allowance}`,
      ),
    );
  }
  return parts.join(say(lang, '，', ', '));
}

function upperFirst(text: string, lang: Lang): string {
  return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
