import type { ReportedFigure } from '../model/dataset.ts';
import type { AreaResult, DispersionResult, Finding, IndicatorResult } from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import type { Verdict } from '../model/verdict.ts';
import { checkPublishedTables, halfUnit } from './check-published-table.ts';
import { compareMeansWithStandard } from './compare-mean-standard.ts';
import { COMPOSITE } from './evaluate-composite-cv.ts';
import { readPublished } from './read-published.ts';

export { readPublished } from './read-published.ts';

const VERDICT_WORDS: Record<string, Verdict> = {
  met: 'met',
  达标: 'met',
  符合: 'met',
  not_met: 'not_met',
  未达标: 'not_met',
  不符合: 'not_met',
};

/**
 * Checks every figure the county published against what the engine recomputed from the inputs: a difference
 * beyond the published rounding is a finding; a figure that could not be recomputed is marked "as reported".
 */
export function checkReported(
  reported: ReportedFigure[],
  indicators: Map<string, IndicatorResult>,
  areas: AreaResult[],
  ruleset: RuleSet,
): Finding[] {
  const findings: Finding[] = [];
  const groupLabel = groupLabeller(ruleset);
  for (const figure of reported) {
    if (figure.indicator === COMPOSITE && figure.figure === 'cv') {
      findings.push(checkComposite(figure, reported, areas));
      continue;
    }
    const area = areas.find((a) => a.area === figure.indicator);
    const indicator =
      indicators.get(figure.indicator) ??
      (area && figure.figure === 'claim' ? areaAsIndicator(area) : undefined);
    const base = {
      indicator: figure.indicator,
      figure: figure.figure,
      reported: figure.text ?? figure.value,
      source: figure.source,
      ...(figure.carriedFrom ? { carriedFrom: figure.carriedFrom } : {}),
    };
    const withGroup = <T extends object>(f: T): T => (figure.group ? { ...f, group: figure.group } : f);
    const withCheck = <T extends object>(f: T): T => (figure.check ? { ...f, check: figure.check } : f);
    if (!indicator) {
      findings.push(
        withGroup({
          ...base,
          kind: 'unverifiable',
          message: {
            zh: `报告数字涉及的指标 ${figure.indicator} 不在本规则集中`,
            en: `the published figure names indicator ${figure.indicator}, which this rule set does not have`,
          },
        }),
      );
      continue;
    }
    if (figure.figure === 'claim') {
      const claimed = VERDICT_WORDS[String(figure.value).trim()];
      const actual = indicator.verdict;
      if (claimed === undefined) {
        findings.push(
          withGroup({
            ...base,
            kind: 'unverifiable',
            message: {
              zh: `报告的说法“${figure.value}”不是可核对的结论：claim 的 value 应写 达标 或 未达标（原文放在 quote）`,
              en: `the report's statement "${figure.value}" is not a verdict that can be checked: a claim's value must be met or not_met (the wording goes in quote)`,
            },
          }),
        );
        continue;
      }
      const decided = actual === 'met' || actual === 'not_met' || actual === 'within_tolerance';
      const contradicted = claimed !== undefined && decided && (claimed === 'met') !== (actual === 'met');
      findings.push(
        withGroup({
          ...base,
          recomputed: actual,
          kind: !decided ? 'unverifiable' : contradicted ? 'claim_contradicted' : 'claim_confirmed',
          message: !decided
            ? {
                zh: `报告称“${figure.value}”，但数据不足以核实`,
                en: `the report claims "${figure.value}", which the data cannot verify`,
              }
            : contradicted
              ? {
                  zh: `报告称“${figure.value}”，但按规则计算 ${figure.indicator} 为“${actual === 'met' ? '达标' : '未达标'}”${failingNote(indicator)}`,
                  en: `the report claims "${figure.value}", but by the rules ${figure.indicator} is ${actual.replace('_', ' ')}${failingNoteEn(indicator)}`,
                }
              : {
                  zh: `报告称“${figure.value}”，与计算一致`,
                  en: `the report's claim "${figure.value}" agrees with the rules`,
                },
        }),
      );
      continue;
    }
    const published = readPublished(figure);
    if (!published) {
      findings.push(
        withGroup({
          ...base,
          kind: 'unverifiable',
          message: { zh: '报告数字无法读取', en: 'the published figure cannot be read' },
        }),
      );
      continue;
    }
    const own = figure.carriedFrom ? ownFigureBeside(figure, reported) : undefined;
    if (own) {
      findings.push(withCheck(withGroup({ ...base, ...compareWithOwn(figure, published, own) })));
      continue;
    }
    const recomputed = indicator.asReported ? { asReported: true } : recompute(figure, indicator, areas);
    if (recomputed.asReported) {
      findings.push(
        withCheck(
          withGroup({
            ...base,
            kind: 'as_reported',
            message: carriedNote(figure, asReportedMessage(figure, indicator, areas)),
          }),
        ),
      );
      continue;
    }
    if (recomputed.value === null || recomputed.value === undefined) {
      findings.push(
        withCheck(
          withGroup({
            ...base,
            kind: 'unverifiable',
            recomputed: null,
            message: {
              zh: `缺少复算所需的数据，无法核对 ${figure.value}`,
              en: `data needed to recompute ${figure.value} is missing`,
            },
          }),
        ),
      );
      continue;
    }
    const allowed = recomputed.exact ? 0 : 0.5 * 10 ** -published.decimals + 1e-12;
    const difference = recomputed.value - published.value;
    // "100% 达标" means every member: a share that merely rounds to 100% does not bear it out.
    const allOrNone = figure.figure === 'share_met' && (published.value === 1 || published.value === 0);
    const ok = allOrNone ? difference === 0 : Math.abs(difference) <= allowed;
    const shown = recomputed.exact
      ? String(recomputed.value)
      : recomputed.value.toFixed(Math.min(published.decimals + 2, 8));
    findings.push(
      withCheck(
        withGroup({
          ...base,
          kind: ok ? 'confirmed' : 'mismatch',
          recomputed: recomputed.value,
          difference,
          allowed,
          message: carriedNote(
            figure,
            ok
              ? {
                  zh: `复算为 ${shown}，与报告的 ${figure.value} 一致`,
                  en: `recomputed ${shown}, agrees with the published ${figure.value}`,
                }
              : allOrNone
                ? {
                    zh: `报告为 ${figure.text ?? (figure.value === 1 ? '100%' : '0%')}，但复算为 ${(recomputed.value * 100).toFixed(2)}%：${figure.value === 1 ? '并非全部达标' : '并非全部未达标'}`,
                    en: `the report says ${figure.value === 1 ? '100%' : '0%'}, but the recomputed share is ${(recomputed.value * 100).toFixed(2)}%: ${figure.value === 1 ? 'not every member meets the standard' : 'some members do meet it'}`,
                  }
                : {
                    zh: `复算为 ${shown}，与报告的 ${figure.value} 不符（差 ${difference.toPrecision(3)}，超出报告精度）`,
                    en: `recomputed ${shown}, which differs from the published ${figure.value} by ${difference.toPrecision(3)}, beyond its rounding`,
                  },
          ),
        }),
      ),
    );
  }
  findings.push(...checkPublishedTables(reported, groupLabel));
  findings.push(
    ...compareMeansWithStandard(reported, indicators, ruleset.indicators, ruleset.inputs, groupLabel),
  );
  return findings;
}

/** The label of a group key from the rule set's dictionary (stage `primary` → 小学). */
function groupLabeller(ruleset: RuleSet): (group: string) => Text {
  const labels: Record<string, Text> = {};
  for (const level of Object.values(ruleset.inputs.levels)) {
    const values = level?.group ? ruleset.inputs.inputs[level.group]?.values : undefined;
    for (const [key, label] of Object.entries(values ?? {})) labels[key] ??= label;
  }
  return (group) => labels[group] ?? { zh: group, en: group };
}

/** What was done with a figure that could not be recomputed, said exactly: judged on it, or only recorded. */
function asReportedMessage(figure: ReportedFigure, indicator: IndicatorResult, areas: AreaResult[]): Text {
  const shown = String(figure.text ?? figure.value);
  if (figure.figure === 'value' && indicator.county?.checks.some((c) => c.asReported)) {
    return {
      zh: `没有可据以复算的明细数据，按报告公布值 ${shown} 评判（未复算）`,
      en: `no detailed data to recompute from; judged on the published figure ${shown}, as reported, not recomputed`,
    };
  }
  if (figure.figure === 'cv') {
    const d = findCv(areas, indicator.indicator, figure.group ?? '*');
    if (d?.inComposite) {
      return {
        zh: `没有逐校数据，按报告公布值 ${shown} 计入综合差异系数（未复算；单项差异系数本身不设上限）`,
        en: `no per-school rows; the published ${shown} enters the composite as reported, not recomputed (a single CV has no limit of its own)`,
      };
    }
    if (d && (d.verdict === 'met' || d.verdict === 'not_met')) {
      return {
        zh: `没有逐校数据，差异系数按报告公布值 ${shown} 评判（未复算）`,
        en: `no per-school rows; the coefficient of variation is judged on the published ${shown}, as reported, not recomputed`,
      };
    }
  }
  if (indicator.asReported && COUNT_FIGURES.has(figure.figure)) {
    return {
      zh: `没有逐校数据，指标按报告公布的达标数评判（未复算）`,
      en: `no per-school rows; the indicator is judged on the published counts, as reported, not recomputed`,
    };
  }
  return {
    zh: `没有可据以复算的明细数据，报告数 ${shown} 只作记录，未复算，也不据以评判`,
    en: `no detailed data to recompute from; the published ${shown} is recorded only, not recomputed and not judged on`,
  };
}

const COUNT_FIGURES: ReadonlySet<ReportedFigure['figure']> = new Set([
  'members_met',
  'members_within_tolerance',
  'members_not_met',
  'members_total',
  'share_met',
]);

/** A carried figure's message says where it came from, and whether the correspondence is verified. */
function carriedNote(figure: ReportedFigure, message: Text): Text {
  const from = figure.carriedFrom;
  if (!from) return message;
  const verified = from.verified
    ? { zh: '', en: '' }
    : { zh: '，对应关系未核实', en: '; the correspondence is unverified' };
  return {
    zh: `${message.zh}；此数为 ${from.ruleset} 的 ${from.indicator} 公布值，按对应关系带入${verified.zh}`,
    en: `${message.en}; carried from ${from.indicator} of ${from.ruleset} by a declared correspondence${verified.en}`,
  };
}

/** The county's own published figure of the same kind, indicator and group as a carried one, if it has one. */
function ownFigureBeside(figure: ReportedFigure, reported: ReportedFigure[]): ReportedFigure | undefined {
  return reported.find(
    (r) =>
      !r.carriedFrom &&
      r.indicator === figure.indicator &&
      r.figure === figure.figure &&
      (r.group ?? '*') === (figure.group ?? '*') &&
      r.check === figure.check,
  );
}

/**
 * A carried figure beside the county's own figure of the same indicator: the own one is what the rules used, so the
 * carried one is checked against it, within both roundings.
 */
function compareWithOwn(
  figure: ReportedFigure,
  published: { value: number; decimals: number },
  own: ReportedFigure,
): Pick<Finding, 'kind' | 'recomputed' | 'difference' | 'allowed' | 'message'> {
  const mine = readPublished(own);
  const shown = String(figure.text ?? figure.value);
  const ownShown = String(own.text ?? own.value);
  if (!mine) {
    return {
      kind: 'unverifiable',
      message: carriedNote(figure, { zh: '报告数字无法读取', en: 'the published figure cannot be read' }),
    };
  }
  const allowed = halfUnit(published.decimals) + halfUnit(mine.decimals);
  const difference = published.value - mine.value;
  const ok = Math.abs(difference) <= allowed;
  return {
    kind: ok ? 'consistent' : 'inconsistent',
    recomputed: mine.value,
    difference,
    allowed,
    message: carriedNote(
      figure,
      ok
        ? {
            zh: `与本规则集指标的公布值 ${ownShown} 一致（两者都是报告数，未复算）`,
            en: `agrees with the figure published for this rule set's indicator, ${ownShown} (both as reported, not recomputed)`,
          }
        : {
            zh: `与本规则集指标的公布值 ${ownShown} 不符（${shown} 与 ${ownShown} 之差超出两者的公布精度）；评判用的是 ${ownShown}`,
            en: `differs from the figure published for this rule set's indicator, ${ownShown}, beyond both roundings; the rules used ${ownShown}`,
          },
    ),
  };
}

function findCv(areas: AreaResult[], indicator: string, group: string): DispersionResult | undefined {
  return areas.flatMap((a) => a.dispersion).find((x) => x.indicator === indicator && x.group === group);
}

/**
 * A published composite CV (综合差异系数): judged on as reported when it is all there is; otherwise checked against
 * the mean of the single CVs, recomputed from school rows or, without them, as published (then within what the
 * roundings of the published single CVs and of the composite allow).
 */
function checkComposite(figure: ReportedFigure, reported: ReportedFigure[], areas: AreaResult[]): Finding {
  const base: Finding = {
    kind: 'unverifiable',
    indicator: figure.indicator,
    figure: figure.figure,
    reported: figure.text ?? figure.value,
    source: figure.source,
    message: { zh: '', en: '' },
    statistic: 'composite',
  };
  if (figure.group) base.group = figure.group;
  const shown = String(figure.text ?? figure.value);
  const d = areas
    .flatMap((a) => a.dispersion)
    .find((x) => x.statistic === 'composite_weighted_cv' && x.group === (figure.group ?? '*'));
  const published = readPublished(figure);
  if (!d || !published) {
    base.message = !published
      ? { zh: '报告数字无法读取', en: 'the published figure cannot be read' }
      : {
          zh: '本规则集不计算综合差异系数，无法核对',
          en: 'this rule set has no composite coefficient of variation to check it against',
        };
    return base;
  }
  const parts = d.parts ?? [];
  const fromParts = parts.length > 0 && parts.every((p) => p.value !== null);
  if (!fromParts) {
    base.kind = 'as_reported';
    base.message =
      d.asReported && d.value !== null
        ? {
            zh: `单项差异系数未全部公布，综合差异系数规则按报告公布值 ${shown} 评判（未复算）`,
            en: `not every single CV is published; the composite rule is judged on the published ${shown}, as reported, not recomputed`,
          }
        : { zh: `缺少复算所需的数据，无法核对 ${shown}`, en: `data needed to recompute ${shown} is missing` };
    if (!d.asReported) base.kind = 'unverifiable';
    return base;
  }
  const singles = parts.map((p) =>
    reported.find((r) => r.indicator === p.indicator && r.figure === 'cv' && (r.group ?? '*') === d.group),
  );
  const publishedParts = d.asReported ? singles.filter((r): r is ReportedFigure => r !== undefined) : [];
  const partSlack =
    publishedParts.reduce((sum, r) => sum + halfUnit(readPublished(r)?.decimals ?? 0), 0) / parts.length;
  const allowed = halfUnit(published.decimals) + partSlack;
  const mean = d.value as number;
  const difference = mean - published.value;
  const ok = Math.abs(difference) <= allowed;
  const meanShown = mean.toFixed(Math.min(published.decimals + 2, 8));
  const what =
    publishedParts.length > 0
      ? {
          zh: `${parts.length} 项单项差异系数（${publishedParts.length} 项为报告数，未复算）的平均数为 ${meanShown}`,
          en: `the mean of the ${parts.length} single CVs (${publishedParts.length} of them as reported, not recomputed) is ${meanShown}`,
        }
      : {
          zh: `按逐校数据复算的 ${parts.length} 项差异系数的平均数为 ${meanShown}`,
          en: `the mean of the ${parts.length} CVs recomputed from the school rows is ${meanShown}`,
        };
  return {
    ...base,
    kind: publishedParts.length > 0 ? (ok ? 'consistent' : 'inconsistent') : ok ? 'confirmed' : 'mismatch',
    recomputed: mean,
    difference,
    allowed,
    message: ok
      ? {
          zh: `${what.zh}，与报告的综合差异系数 ${shown} 一致`,
          en: `${what.en}, which agrees with the published composite ${shown}`,
        }
      : {
          zh: `${what.zh}，与报告的综合差异系数 ${shown} 不符（差 ${difference.toPrecision(3)}，超出公布精度）`,
          en: `${what.en}, which differs from the published composite ${shown} by ${difference.toPrecision(3)}, beyond the published rounding`,
        },
  };
}

/** An area, for checking a claim made about it ("7 项指标综合评估均达到国家规定标准"). */
function areaAsIndicator(area: AreaResult): IndicatorResult {
  return {
    indicator: area.area,
    title: area.title,
    area: area.area,
    role: 'indicator',
    level: 'county',
    verdict: area.verdict,
    source: { document: '', clause: '', verified: true },
    file: '',
    members: [],
    failing: area.perUnit?.failing ?? [],
    withinTolerance: [],
    undecided: [],
    notApplicable: 0,
    groups: [],
  };
}

function failingNote(indicator: IndicatorResult): string {
  if (indicator.failing.length === 0) return '';
  const names = indicator.failing
    .slice(0, 5)
    .map((s) => (s.schoolName && s.level === 'class' ? `${s.schoolName} ${s.name}` : s.name));
  return `（未达标 ${indicator.failing.length} 个：${names.join('、')}${indicator.failing.length > 5 ? ' 等' : ''}）`;
}

function failingNoteEn(indicator: IndicatorResult): string {
  if (indicator.failing.length === 0) return '';
  return ` (${indicator.failing.length} failing: ${indicator.failing
    .slice(0, 5)
    .map((s) => s.name)
    .join(', ')})`;
}

function recompute(
  figure: ReportedFigure,
  indicator: IndicatorResult,
  areas: AreaResult[],
): { value?: number | null; exact?: boolean; asReported?: boolean } {
  const group = figure.group ?? '*';
  const check = figure.check;
  const summary = indicator.groups.find(
    (g) => g.group === group && (check === undefined || g.check === check),
  );
  switch (figure.figure) {
    case 'value': {
      const result = indicator.county?.checks.find((c) => check === undefined || c.check === check);
      if (result?.asReported) return { asReported: true };
      return { value: typeof result?.value === 'number' ? result.value : null };
    }
    case 'county_value':
      if (!summary && indicator.members.length === 0) return { asReported: true };
      return { value: summary?.countyValue ?? null };
    case 'cv': {
      const d = findCv(areas, indicator.indicator, group);
      if (d?.asReported) return { asReported: true };
      return { value: d?.value ?? null };
    }
    case 'mean':
    case 'sd':
    case 'n': {
      const d = findCv(areas, indicator.indicator, group);
      if (d?.asReported || (!d && indicator.members.length === 0)) return { asReported: true };
      if (figure.figure === 'n') return d ? { value: d.members, exact: true } : { value: null };
      return { value: (figure.figure === 'mean' ? d?.mean : d?.sd) ?? null };
    }
    case 'members_met':
      return summary && summary.undecided === 0 ? { value: summary.met, exact: true } : { value: null };
    case 'members_within_tolerance':
      return summary && summary.undecided === 0
        ? { value: summary.withinTolerance, exact: true }
        : { value: null };
    case 'members_not_met':
      return summary && summary.undecided === 0 ? { value: summary.notMet, exact: true } : { value: null };
    case 'members_total':
      return summary ? { value: summary.members, exact: true } : { value: null };
    case 'share_met':
      return summary && summary.members > 0 && summary.undecided === 0
        ? { value: summary.met / summary.members }
        : { value: null };
    default:
      return { value: null };
  }
}
