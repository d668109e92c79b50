import {
  describeCountyVerdict,
  describeCvValue,
  describeGroup,
  describeIndicatorVerdict,
  describeVerdict,
  explainDispersion,
  explainFinding,
  explainObstacles,
  LISTED_FINDINGS,
  explainUnitArea,
  localize,
  summarizeIndicator,
} from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import type { AreaResult, CountyResult, Evaluation, IndicatorResult, Lang } from '../model/index.ts';
import { padDisplay, displayWidth } from './display-width.ts';
import { describeThreshold, listChecks, listIndicatorFigures } from './indicator-figures.ts';
import { bold, paint } from './paint.ts';
import { terminalText } from '../text/safe-text.ts';
import { perUnitTally, reportTitle, word } from './report-words.ts';
import { describeFindingCounts } from './finding-counts.ts';
import { describeChecksGrouped } from './group-checks.ts';
import { groupByArea } from './group-by-area.ts';
import { describeCountyReason, describePerUnitRule } from '../explain/words/index.ts';

/** Failing checks explained in full per indicator check in the terminal; the rest are named in one line. */
const DETAILED = 5;

export interface TextOptions {
  lang: Lang;
  /** ANSI colours; the CLI passes `isTTY && !NO_COLOR`. */
  color: boolean;
}

/**
 * The terminal summary: the county verdict first, then each area and indicator with verdict, value and threshold,
 * then what failed and why, what is within tolerance, what is pending, and the report check.
 */
export function renderText(evaluation: Evaluation, options: TextOptions): string {
  const { lang, color } = options;
  const lines: string[] = [];
  lines.push(bold(reportTitle(evaluation, lang), color));
  lines.push(describeBasis(evaluation, lang));
  for (const county of evaluation.counties) {
    lines.push('', ...renderCounty(county, lang, color, evaluation.groupLabels));
  }
  return terminalText(`${lines.join('\n')}\n`);
}

/** "规则集 national-2017（sha256:3f1c9a0e…）· 数据集 fixture-huadu（sha256:9b2e4d6f…）· junheng 0.1.0" */
export function describeBasis(evaluation: Evaluation, lang: Lang): string {
  const short = (hash: string) => hash.replace(/^(sha256:)?(.{12}).*$/u, '$1$2…');
  const dataset = evaluation.dataset.title ?? evaluation.dataset.id;
  const synthetic = evaluation.dataset.synthetic ? `，${word('synthetic', lang)}` : '';
  // Why this rule set: --rules, the dataset's own choice, or the default (set by the command line).
  const why = evaluation.ruleset.chosenBy ? localize(evaluation.ruleset.chosenBy, lang) : undefined;
  return lang === 'zh'
    ? `${word('ruleset', lang)} ${evaluation.ruleset.id}（${why ? `${why}；` : ''}${short(evaluation.ruleset.hash)}）· ${word('dataset', lang)} ${dataset}（${short(evaluation.dataset.hash)}${synthetic}）· ${evaluation.engine.name} ${evaluation.engine.version}`
    : `${word('ruleset', lang)} ${evaluation.ruleset.id} (${why ? `${why}; ` : ''}${short(evaluation.ruleset.hash)}) · ${word('dataset', lang)} ${dataset} (${short(evaluation.dataset.hash)}${evaluation.dataset.synthetic ? `, ${word('synthetic', lang)}` : ''}) · ${evaluation.engine.name} ${evaluation.engine.version}`;
}

function renderCounty(county: CountyResult, lang: Lang, color: boolean, groups: GroupLabels): string[] {
  const lines: string[] = [];
  const verdict = describeCountyVerdict(county.verdict, lang);
  const rule = '═'.repeat(60);
  lines.push(rule);
  lines.push(
    bold(
      `${county.county.name}${lang === 'zh' ? '：' : ': '}${paint(verdict, county.verdict, color)}`,
      color,
    ),
  );
  for (const reason of county.reasons) lines.push(`  · ${localize(describeCountyReason(reason), lang)}`);
  const obstacles = explainObstacles(county, lang, groups);
  lines.push(`  ${bold(obstacles.lead, color)}`);
  obstacles.steps.forEach((step, index) => lines.push(`    ${index + 1}. ${step}`));
  lines.push(rule);

  const grouped = groupByArea(county);
  for (const { area, indicators } of grouped.areas) {
    lines.push('', ...renderArea(area, indicators, lang, color, groups));
  }
  const others = grouped.others;
  if (others.length > 0) {
    lines.push('', bold(word('others', lang), color), ...renderIndicatorTable(others, lang, color, groups));
  }

  lines.push('', ...renderFailures(county, lang, color, groups));
  const tolerated = renderTolerated(county, lang, groups);
  if (tolerated.length > 0) lines.push('', bold(word('tolerance', lang), color), ...tolerated);
  const pending = renderPending(county, lang, color, groups);
  if (pending.length > 0) lines.push('', bold(word('pending', lang), color), ...pending);
  if (county.findings.length > 0) {
    lines.push('', bold(word('findings', lang), color), `  ${describeFindingCounts(county.findings, lang)}`);
    for (const finding of county.findings.filter((candidate) => LISTED_FINDINGS.has(candidate.kind))) {
      lines.push(`  · ${explainFinding(finding, lang, groups, county)}`);
    }
  }
  return lines;
}

function renderArea(
  area: AreaResult,
  indicators: IndicatorResult[],
  lang: Lang,
  color: boolean,
  groups: GroupLabels,
): string[] {
  const title = `${localize(area.title, lang)}  ${paint(describeVerdict(area.verdict, lang), area.verdict, color)}`;
  const lines = [bold(title, color), ...renderIndicatorTable(indicators, lang, color, groups)];
  if (area.perUnit) {
    lines.push(
      `  ${labelled(word('perUnit', lang), localize(describePerUnitRule(area.perUnit), lang), lang)}${perUnitTally(area.perUnit, lang)}`,
    );
  }
  const stages = [...new Set(area.dispersion.map((dispersion) => dispersion.group))];
  for (const group of stages) {
    const entries = area.dispersion.filter((dispersion) => dispersion.group === group);
    // Under a composite rule the single CVs carry no limit: the group's limit is the composite's.
    const limit = describeThreshold(entries.find((dispersion) => dispersion.threshold)?.threshold, lang);
    const values = entries.map(
      (dispersion) =>
        `${dispersion.statistic === 'composite_weighted_cv' ? (lang === 'zh' ? '综合' : 'composite') : dispersion.indicator} ${paint(describeCvValue(dispersion, lang), dispersion.inComposite ? 'met' : dispersion.verdict, color && !dispersion.inComposite)}`,
    );
    lines.push(
      `  ${labelled(`${word('dispersion', lang)} ${describeGroup(group, lang, groups)}`, limit, lang)}${values.join('  ')}`,
    );
  }
  return lines;
}

/** One line per indicator: id, title, verdict, then each group's county value against its threshold and the counts. */
function renderIndicatorTable(
  indicators: IndicatorResult[],
  lang: Lang,
  color: boolean,
  groups: GroupLabels,
): string[] {
  const titles = indicators.map((indicator) => truncate(localize(indicator.title, lang), 28));
  const verdicts = indicators.map((indicator) => describeIndicatorVerdict(indicator, lang));
  const titleWidth = Math.max(0, ...titles.map(displayWidth));
  const verdictWidth = Math.max(0, ...verdicts.map(displayWidth));
  return indicators.map((indicator, index) => {
    const figures = listIndicatorFigures(indicator, lang, groups).map((figure) => {
      const threshold = figure.thresholdText
        ? lang === 'zh'
          ? `（${figure.thresholdText}）`
          : `(${figure.thresholdText})`
        : '';
      const value = figure.value === null && figure.counts ? '' : figure.valueText;
      const counts = figure.counts ? `${figure.counts.met}/${figure.counts.members}` : '';
      const valueAndThreshold =
        lang === 'zh' ? `${value}${threshold}` : [value, threshold].filter(Boolean).join(' ');
      // "小学（≤ 45）", not "小学 （≤ 45）", when there is no value between them.
      const label = lang === 'zh' && !value && threshold ? `${figure.groupLabel}${valueAndThreshold}` : '';
      return (label ? [label, counts] : [figure.groupLabel, valueAndThreshold, counts])
        .filter(Boolean)
        .join(' ');
    });
    const verdict = paint(padDisplay(verdicts[index] ?? '', verdictWidth), indicator.verdict, color);
    return `  ${padDisplay(indicator.indicator, 4)}${padDisplay(titles[index] ?? '', titleWidth)}  ${verdict}  ${figures.join(lang === 'zh' ? '；' : '; ')}`.trimEnd();
  });
}

function renderFailures(county: CountyResult, lang: Lang, color: boolean, groups: GroupLabels): string[] {
  const lines = [bold(word('failed', lang), color)];
  for (const area of county.areas) {
    for (const result of area.perUnit?.results.filter((candidate) => candidate.verdict === 'not_met') ?? []) {
      lines.push(`  · ${explainUnitArea(result, area, lang, groups)}`);
    }
    for (const dispersion of area.dispersion.filter((candidate) => candidate.verdict === 'not_met')) {
      const title = county.indicators.find(
        (indicator) => indicator.indicator === dispersion.indicator,
      )?.title;
      lines.push(`  · ${explainDispersion(dispersion, lang, groups, title)}`);
    }
  }
  for (const indicator of county.indicators.filter((candidate) => candidate.verdict === 'not_met')) {
    lines.push(`  · ${summarizeIndicator(indicator, lang, groups)}`);
    const checks = [
      ...(indicator.county?.checks ?? []),
      ...indicator.members.flatMap((member) => member.checks),
    ].filter((check) => check.verdict === 'not_met');
    for (const line of describeChecksGrouped(checks, lang, groups, DETAILED, true)) lines.push(`    ${line}`);
  }
  if (lines.length === 1) lines.push(`  ${word('nothing', lang)}`);
  return lines;
}

function renderTolerated(county: CountyResult, lang: Lang, groups: GroupLabels): string[] {
  const checks = listChecks(county.indicators).filter((check) => check.verdict === 'within_tolerance');
  return describeChecksGrouped(checks, lang, groups, DETAILED * 4, false).map((line) => `  · ${line}`);
}

function renderPending(county: CountyResult, lang: Lang, color: boolean, groups: GroupLabels): string[] {
  const checks = listChecks(county.indicators).filter(
    (check) => check.verdict === 'pending' || check.verdict === 'insufficient_data',
  );
  const lines = describeChecksGrouped(checks, lang, groups, 2, false).map((line) => `  · ${line}`);
  for (const area of county.areas) {
    for (const dispersion of area.dispersion.filter(
      (candidate) => candidate.verdict === 'pending' || candidate.verdict === 'insufficient_data',
    )) {
      lines.push(`  · ${paint(explainDispersion(dispersion, lang, groups), dispersion.verdict, color)}`);
    }
  }
  return lines;
}

/** "每校规则（…）：" / "Per-unit rule (…): ", the parenthesis left out when there is nothing in it. */
function labelled(label: string, aside: string, lang: Lang): string {
  if (lang === 'zh') return aside ? `${label}（${aside}）：` : `${label}：`;
  return aside ? `${label} (${aside}): ` : `${label}: `;
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}
