import type {
  AreaResult,
  CountyResult,
  DispersionResult,
  Finding,
  IndicatorResult,
  Lang,
} from '../model/index.ts';
import { describeCountyVerdict, describeVerdict } from './describe-verdict.ts';
import { describeSubject } from './describe-subject.ts';
import { explainDispersion, describeCvValue } from './explain-dispersion.ts';
import { countPublishedFigures } from './describe-finding-figures.ts';
import { describeFindingKind, explainFinding } from './explain-finding.ts';
import { countLevel } from './count-level.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { listNames, summarizeIndicator } from './summarize-indicator.ts';
import { localize, say } from './localize.ts';
import { sectionTitle } from './section-title.ts';
import { describeAreaReason, describeCountyReason, describePerUnitRule } from './words/index.ts';

const ROLE_HEADINGS = {
  precondition: { zh: '前提条件', en: 'Precondition' },
  veto: { zh: '一票否决事项', en: 'Vetoes' },
  indicator: { zh: '其他指标', en: 'Other indicators' },
} as const;

/**
 * Why a county got its verdict, from the top down: the verdict, its reasons, then each area, then the report check.
 * `groups` are the evaluation's group labels (`evaluation.groupLabels`); without them group keys are shown as they are.
 */
export function explainCounty(county: CountyResult, lang: Lang, groups: GroupLabels = {}): string {
  const lines: string[] = [];
  const name = describeSubject(county.county, lang);
  lines.push(
    say(
      lang,
      `${name}：${describeCountyVerdict(county.verdict, lang)}。`,
      `${name}: ${describeCountyVerdict(county.verdict, lang)}.`,
    ),
  );
  for (const reason of county.reasons) lines.push(`· ${localize(describeCountyReason(reason), lang)}`);

  for (const area of county.areas) {
    lines.push('');
    lines.push(
      ...explainArea(
        area,
        county.indicators.filter(
          (indicator) =>
            indicator.area === area.area && (indicator.role === 'indicator' || indicator.role === 'measure'),
        ),
        lang,
        groups,
      ),
    );
  }
  const others = county.indicators.filter(
    (indicator) =>
      (indicator.role !== 'indicator' && indicator.role !== 'measure') ||
      !county.areas.some((area) => area.area === indicator.area),
  );
  for (const role of ['precondition', 'veto', 'indicator'] as const) {
    const group = others.filter((indicator) => indicator.role === role);
    if (group.length === 0) continue;
    lines.push('');
    lines.push(sectionTitle(localize(ROLE_HEADINGS[role], lang), lang));
    for (const indicator of group) lines.push(`· ${summarizeIndicator(indicator, lang, groups)}`);
  }

  if (county.findings.length > 0) {
    lines.push('');
    lines.push(...explainFindings(county, lang, groups));
  }
  return lines.join('\n');
}

function explainArea(
  area: AreaResult,
  indicators: IndicatorResult[],
  lang: Lang,
  groups: GroupLabels,
): string[] {
  const lines = [
    `${sectionTitle(localize(area.title, lang), lang)}${say(lang, '', ' ')}${describeVerdict(area.verdict, lang)}`,
  ];
  const notMet = indicators.filter((indicator) => indicator.verdict !== 'met');
  // A single CV under a composite rule is not judged on its own: it is listed apart, never as "met".
  const open = area.dispersion.filter(
    (dispersion) => dispersion.verdict !== 'met' && !dispersion.inComposite,
  );
  const perUnitResults = area.perUnit?.results.length ?? 0;
  // The area's reasons name, in a line each, the failing per-unit rule, CVs and indicators that are explained
  // below; they are shown only when there is nothing below to say it (e.g. a per-unit rule taken as reported).
  if (perUnitResults === 0 && open.length === 0 && notMet.length === 0) {
    for (const reason of area.reasons) lines.push(`· ${localize(describeAreaReason(reason), lang)}`);
  }

  if (area.perUnit && perUnitResults > 0) {
    const results = area.perUnit.results;
    const failing = area.perUnit.failing;
    const tolerated = results
      .filter((result) => result.verdict === 'met' && result.withinTolerance.length > 0)
      .map((result) => result.subject);
    const rule = localize(describePerUnitRule(area.perUnit), lang);
    const level = results[0]?.subject.level ?? 'unit';
    let text = say(
      lang,
      `每校规则（${rule}）：${countLevel(results.length, level, lang)}中 ${results.length - failing.length} 个符合`,
      `Per-unit rule (${rule}): ${results.length - failing.length} of ${countLevel(results.length, level, lang)} comply`,
    );
    if (failing.length > 0)
      text += say(
        lang,
        `，${failing.length} 个不符合：${listNames(failing, lang, groups)}`,
        `; ${failing.length} do not: ${listNames(failing, lang, groups)}`,
      );
    if (tolerated.length > 0)
      text += say(
        lang,
        `；${tolerated.length} 个有一项低于标准但不低于85%，仍符合：${listNames(tolerated, lang, groups)}`,
        `; ${tolerated.length} comply with an indicator within tolerance: ${listNames(tolerated, lang, groups)}`,
      );
    lines.push(`· ${text}${say(lang, '。', '.')}`);
  }

  if (area.dispersion.length > 0) {
    const titles = new Map(indicators.map((indicator) => [indicator.indicator, indicator.title]));
    for (const dispersion of open)
      lines.push(`· ${explainDispersion(dispersion, lang, groups, titles.get(dispersion.indicator))}`);
    const stages = [...new Set(area.dispersion.map((dispersion) => dispersion.group))];
    const metRanges = stages.flatMap((group) => {
      const met = area.dispersion.filter(
        (dispersion) =>
          dispersion.group === group &&
          dispersion.verdict === 'met' &&
          dispersion.value !== null &&
          !dispersion.inComposite,
      );
      if (met.length === 0) return [];
      const sorted = [...met].sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
      const low = sorted[0];
      const high = sorted[sorted.length - 1];
      if (!low || !high) return [];
      const range =
        met.length === 1
          ? describeCvValue(low, lang)
          : `${describeCvValue(low, lang)}–${describeCvValue(high, lang)}`;
      const what =
        low.statistic === 'composite_weighted_cv' ? say(lang, '综合差异系数', 'composite') : low.indicator;
      return [
        met.length === 1
          ? say(
              lang,
              `${describeGroup(group, lang, groups)}${what ? ` ${what}` : ''} ${range}${low.asReported ? '（按报告数，未复算）' : ''}`,
              `${describeGroup(group, lang, groups)}${what ? ` ${what}` : ''} ${range}${low.asReported ? ' (as reported, not recomputed)' : ''}`,
            )
          : say(
              lang,
              `${describeGroup(group, lang, groups)} ${met.length} 项在 ${range} 之间${reportedNote(met, lang)}`,
              `${describeGroup(group, lang, groups)}: ${met.length} within limits, ${range}${reportedNote(met, lang)}`,
            ),
      ];
    });
    const singles = area.dispersion.filter(
      (dispersion) => dispersion.inComposite && dispersion.value !== null,
    );
    if (singles.length > 0) {
      const listed = singles.map(
        (dispersion) =>
          `${describeGroup(dispersion.group, lang, groups)} ${dispersion.indicator} ${describeCvValue(dispersion, lang)}${dispersion.asReported ? say(lang, '（报告数）', ' (reported)') : ''}`,
      );
      lines.push(
        `· ${say(lang, `单项差异系数不单独判定，只计入综合差异系数：${listed.join('、')}。`, `Single coefficients of variation, not judged on their own, only entering the composite: ${listed.join(', ')}.`)}`,
      );
    }
    if (metRanges.length > 0) {
      lines.push(
        `· ${say(lang, `校际差异系数达标：${metRanges.join('；')}。`, `Coefficients of variation met: ${metRanges.join('; ')}.`)}`,
      );
    }
  }

  for (const indicator of notMet) lines.push(`· ${summarizeIndicator(indicator, lang, groups)}`);
  const tolerated = indicators.filter(
    (indicator) => indicator.verdict === 'met' && indicator.withinTolerance.length > 0,
  );
  for (const indicator of tolerated) lines.push(`· ${summarizeIndicator(indicator, lang, groups)}`);
  const met = indicators.filter(
    (indicator) => indicator.verdict === 'met' && indicator.withinTolerance.length === 0,
  );
  if (met.length > 0) {
    const ids = met.map((indicator) => indicator.indicator);
    lines.push(
      `· ${say(lang, `${notMet.length > 0 || tolerated.length > 0 ? '其余' : ''}达标：${ids.join('、')}。`, `${notMet.length > 0 || tolerated.length > 0 ? 'The others are met' : 'Met'}: ${ids.join(', ')}.`)}`,
    );
  }
  return lines;
}

/** Which of several CVs were taken as published: all of them, or how many. */
function reportedNote(cvs: DispersionResult[], lang: Lang): string {
  const reported = cvs.filter((dispersion) => dispersion.asReported).length;
  if (reported === 0) return '';
  if (reported === cvs.length) return say(lang, '（按报告数，未复算）', ' (as reported, not recomputed)');
  return say(
    lang,
    `（其中 ${reported} 项按报告数，未复算）`,
    ` (${reported} of them as reported, not recomputed)`,
  );
}

/** Findings said one by one: what contradicts the report, and what a published mean shows about the units. */
export const LISTED_FINDINGS: ReadonlySet<Finding['kind']> = new Set([
  'mismatch',
  'claim_contradicted',
  'inconsistent',
  'mean_short_of_standard',
]);

function explainFindings(county: CountyResult, lang: Lang, groups: GroupLabels): string[] {
  const lines = [sectionTitle(say(lang, '报告核查', 'Report check'), lang)];
  const serious = county.findings.filter((finding) => LISTED_FINDINGS.has(finding.kind));
  const counts = new Map<Finding['kind'], number>();
  for (const finding of county.findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, count]) =>
    say(
      lang,
      `${describeFindingKind(kind, lang)} ${count} 处`,
      `${describeFindingKind(kind, lang)}: ${count}`,
    ),
  );
  lines.push(
    say(
      lang,
      `核查了报告中的 ${countPublishedFigures(county.findings)} 个数字：${summary.join('，')}。`,
      `${countPublishedFigures(county.findings)} published figures checked: ${summary.join(', ')}.`,
    ),
  );
  for (const finding of serious) lines.push(`· ${explainFinding(finding, lang, groups, county)}`);
  return lines;
}
