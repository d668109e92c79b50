import { showControls } from '../text/safe-text.ts';
import {
  describeCountyVerdict,
  describeCvValue,
  describeGroup,
  describeSource,
  describeIndicatorVerdict,
  describeVerdict,
  explainCheck,
  explainFinding,
  explainObstacles,
  LISTED_FINDINGS,
  explainUnitArea,
  describeFigure,
  describeFindingFigures,
  describeFindingKind,
  localize,
} from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import type { AreaResult, CountyResult, Evaluation, IndicatorResult, Lang } from '../model/index.ts';
import { describeFindingCounts } from './finding-counts.ts';
import { orderFindings } from './order-findings.ts';
import { describeChecksGrouped } from './group-checks.ts';
import { describePerMember, listChecks, listIndicatorFigures } from './indicator-figures.ts';
import { describeBasis } from './render-text.ts';
import { cvVerdictWord, perUnitTally, reportTitle, word } from './report-words.ts';
import { groupByArea } from './group-by-area.ts';
import { describeAreaReason, describeCountyReason, describePerUnitRule } from '../explain/words/index.ts';

/** The evaluation as a Markdown document: the county verdict, a table per area, what failed and why, the report check. */
export function renderMarkdown(evaluation: Evaluation, lang: Lang): string {
  const lines: string[] = [
    `# ${escapeText(reportTitle(evaluation, lang))}`,
    '',
    `> ${escapeText(describeBasis(evaluation, lang))}`,
  ];
  for (const county of evaluation.counties)
    lines.push('', ...renderCounty(county, lang, evaluation.groupLabels));
  return `${lines.join('\n')}\n`;
}

function renderCounty(county: CountyResult, lang: Lang, groups: GroupLabels): string[] {
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [
    `## ${escapeText(county.county.name)}${colon}${describeCountyVerdict(county.verdict, lang)}`,
    '',
  ];
  for (const reason of county.reasons)
    lines.push(`- ${escapeText(localize(describeCountyReason(reason), lang))}`);
  const obstacles = explainObstacles(county, lang, groups);
  lines.push('', `**${escapeText(obstacles.lead)}**`, '');
  obstacles.steps.forEach((step, index) => lines.push(`${index + 1}. ${escapeText(step)}`));
  const grouped = groupByArea(county);
  for (const { area, indicators } of grouped.areas) {
    lines.push('', ...renderArea(area, indicators, lang, groups));
  }
  const others = grouped.others;
  if (others.length > 0)
    lines.push('', `### ${word('others', lang)}`, '', ...indicatorTable(others, lang, groups));

  const checks = listChecks(county.indicators);
  const failing = checks.filter((check) => check.verdict === 'not_met');
  const unitsFailing = county.areas.flatMap((area) =>
    (area.perUnit?.results ?? [])
      .filter((result) => result.verdict === 'not_met')
      .map((result) => `- ${escapeText(explainUnitArea(result, area, lang, groups))}`),
  );
  lines.push('', `### ${word('failed', lang)}`, '');
  if (failing.length === 0 && unitsFailing.length === 0) lines.push(word('nothing', lang));
  lines.push(
    ...unitsFailing,
    ...failing.map((check) => `- ${escapeText(explainCheck(check, lang, { groups }))}`),
  );

  const tolerated = checks.filter((check) => check.verdict === 'within_tolerance');
  if (tolerated.length > 0) {
    lines.push(
      '',
      `### ${word('tolerance', lang)}`,
      '',
      ...tolerated.map((check) => `- ${escapeText(explainCheck(check, lang, { groups }))}`),
    );
  }
  const pending = checks.filter(
    (check) => check.verdict === 'pending' || check.verdict === 'insufficient_data',
  );
  if (pending.length > 0) {
    lines.push(
      '',
      `### ${word('pending', lang)}`,
      '',
      ...describeChecksGrouped(pending, lang, groups, 3, true).map((line) => `- ${escapeText(line)}`),
    );
  }
  if (county.findings.length > 0) {
    lines.push('', `### ${word('findings', lang)}`, '', describeFindingCounts(county.findings, lang), '');
    lines.push(
      row([
        word('figure', lang),
        word('kind', lang),
        word('reported', lang),
        word('recomputed', lang),
        word('difference', lang),
        word('source', lang),
      ]),
    );
    lines.push(row(Array(6).fill('---')));
    for (const finding of orderFindings(county.findings)) {
      const figures = describeFindingFigures(finding, lang);
      lines.push(
        row([
          describeFigure(finding, lang, groups, county),
          describeFindingKind(finding.kind, lang),
          figures.reported,
          figures.recomputed,
          figures.difference,
          describeSource(finding.source, lang),
        ]),
      );
    }
    const serious = county.findings.filter((finding) => LISTED_FINDINGS.has(finding.kind));
    if (serious.length > 0)
      lines.push(
        '',
        ...serious.map((finding) => `- ${escapeText(explainFinding(finding, lang, groups, county))}`),
      );
  }
  return lines;
}

function renderArea(
  area: AreaResult,
  indicators: IndicatorResult[],
  lang: Lang,
  groups: GroupLabels,
): string[] {
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [
    `### ${escapeText(localize(area.title, lang))}${colon}${describeVerdict(area.verdict, lang)}`,
    '',
  ];
  for (const reason of area.reasons)
    lines.push(`- ${escapeText(localize(describeAreaReason(reason), lang))}`);
  if (area.reasons.length > 0) lines.push('');
  lines.push(...indicatorTable(indicators, lang, groups));
  if (area.perUnit) {
    const rule = escapeText(localize(describePerUnitRule(area.perUnit), lang));
    const label =
      lang === 'zh' ? `${word('perUnit', lang)}（${rule}）` : `${word('perUnit', lang)} (${rule})`;
    lines.push('', `${label}${colon}${perUnitTally(area.perUnit, lang)}`);
  }
  const stages = [...new Set(area.dispersion.map((dispersion) => dispersion.group))];
  if (stages.length > 0) {
    lines.push('', `#### ${word('dispersion', lang)}`, '');
    lines.push(row([word('indicator', lang), ...stages.map((group) => describeGroup(group, lang, groups))]));
    lines.push(row(Array(stages.length + 1).fill('---')));
    const ids = [...new Set(area.dispersion.map((dispersion) => dispersion.indicator))];
    for (const id of ids) {
      const cells = stages.map((group) => {
        const dispersion = area.dispersion.find(
          (candidate) => candidate.indicator === id && candidate.group === group,
        );
        if (!dispersion) return '';
        const limit = dispersion.threshold ? ` / ${dispersion.threshold.text.replace(/^<=\s*/u, '≤ ')}` : '';
        return `${describeCvValue(dispersion, lang)}${limit} ${cvVerdictWord(dispersion, lang)}`;
      });
      lines.push(row([id === 'composite' ? (lang === 'zh' ? '综合' : 'composite') : id, ...cells]));
    }
  }
  return lines;
}

function indicatorTable(indicators: IndicatorResult[], lang: Lang, groups: GroupLabels): string[] {
  const lines = [
    row([
      word('indicator', lang),
      word('name', lang),
      word('verdict', lang),
      word('countyValue', lang),
      word('threshold', lang),
      word('members', lang),
    ]),
    row(Array(6).fill('---')),
  ];
  for (const indicator of indicators) {
    const figures = listIndicatorFigures(indicator, lang, groups);
    const join = (parts: string[]) => parts.filter(Boolean).join('<br>');
    lines.push(
      row([
        indicator.indicator,
        localize(indicator.title, lang),
        describeIndicatorVerdict(indicator, lang),
        describePerMember(indicator, figures, lang) ??
          join(
            figures.map((figure) =>
              figure.value === null && figure.counts
                ? ''
                : [figure.groupLabel, figure.valueText].filter(Boolean).join(' '),
            ),
          ),
        join(figures.map((figure) => [figure.groupLabel, figure.thresholdText].filter(Boolean).join(' '))),
        join(
          figures.map((figure) =>
            figure.counts ? `${figure.groupLabel} ${figure.counts.met}/${figure.counts.members}`.trim() : '',
          ),
        ),
      ]),
    );
  }
  return lines;
}

function row(cells: string[]): string {
  // A cell's own line breaks are the <br> the table joins its lines with; everything else in it is text.
  return `| ${cells.map((cell) => cell.split('<br>').map(escapeText).join('<br>')).join(' | ')} |`;
}

/** Text in a list item: characters Markdown would read as markup are escaped. */
/**
 * Text made inert for Markdown: its markup characters escaped, HTML's `&` written as an entity, a line break inside
 * a name folded to a space (so that it cannot start a heading, a list or a table row), a leading `#` escaped, and
 * control and bidirectional characters shown as ⟨U+XXXX⟩.
 */
function escapeText(text: string): string {
  return showControls(text.replace(/\r\n?|\n|\u2028|\u2029/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/([*_`[\]<>|#\\])/g, '\\$1');
}
