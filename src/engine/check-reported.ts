import type { ReportedFigure } from '../model/dataset.ts';
import type { AreaResult, DispersionResult, Finding, IndicatorResult } from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { FindingReason } from '../model/finding-reason.ts';
import type { Text } from '../model/text.ts';
import type { Verdict } from '../model/verdict.ts';
import { checkPublishedTables, halfUnit } from './check-published-table.ts';
import { compareMeansWithStandard } from './compare-mean-standard.ts';
import { COMPOSITE } from './evaluate-composite-cv.ts';
import { readPublished } from './read-published.ts';
import { COUNT_FIGURES } from './decide/as-reported.ts';

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
          reason: { code: 'INDICATOR_UNKNOWN', indicator: figure.indicator },
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
            reason: { code: 'CLAIM_NOT_A_VERDICT', claim: String(figure.value) },
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
          reason: !decided
            ? { code: 'CLAIM_UNVERIFIABLE', claim: String(figure.value) }
            : contradicted
              ? {
                  code: 'CLAIM_CONTRADICTED',
                  claim: String(figure.value),
                  indicator: figure.indicator,
                  actual,
                  failing: indicator.failing.length,
                  examples: indicator.failing
                    .slice(0, 5)
                    .map((s) =>
                      s.schoolName && s.level === 'class'
                        ? { name: s.name, school: s.schoolName }
                        : { name: s.name },
                    ),
                }
              : { code: 'CLAIM_CONFIRMED', claim: String(figure.value) },
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
          reason: { code: 'FIGURE_UNREADABLE' },
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
            reason: carried(figure, {
              code: 'AS_REPORTED',
              kind: asReportedKind(figure, indicator, areas),
              shown: String(figure.text ?? figure.value),
            }),
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
            reason: { code: 'DATA_MISSING', shown: String(figure.value) },
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
      ? { value: recomputed.value }
      : { value: recomputed.value, decimals: Math.min(published.decimals + 2, 8) };
    findings.push(
      withCheck(
        withGroup({
          ...base,
          kind: ok ? 'confirmed' : 'mismatch',
          recomputed: recomputed.value,
          difference,
          allowed,
          reason: carried(
            figure,
            ok
              ? { code: 'RECOMPUTED_AGREES', recomputed: shown, published: figure.value }
              : allOrNone
                ? {
                    code: 'SHARE_NOT_ALL',
                    all: figure.value === 1,
                    ...(figure.text !== undefined ? { text: figure.text } : {}),
                    share: recomputed.value,
                  }
                : { code: 'RECOMPUTED_DIFFERS', recomputed: shown, published: figure.value, difference },
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
function asReportedKind(
  figure: ReportedFigure,
  indicator: IndicatorResult,
  areas: AreaResult[],
): 'value' | 'cv_in_composite' | 'cv' | 'counts' | 'recorded' {
  if (figure.figure === 'value' && indicator.county?.checks.some((c) => c.asReported)) return 'value';
  if (figure.figure === 'cv') {
    const d = findCv(areas, indicator.indicator, figure.group ?? '*');
    if (d?.inComposite) return 'cv_in_composite';
    if (d && (d.verdict === 'met' || d.verdict === 'not_met')) return 'cv';
  }
  if (indicator.asReported && COUNT_FIGURES.has(figure.figure)) return 'counts';
  return 'recorded';
}

/** A carried figure's reason says where it came from (its sentence then says so, and whether it is verified). */
function carried(figure: ReportedFigure, reason: FindingReason): FindingReason {
  return figure.carriedFrom ? ({ ...reason, carried: figure.carriedFrom } as FindingReason) : reason;
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
): Pick<Finding, 'kind' | 'recomputed' | 'difference' | 'allowed' | 'reason'> {
  const mine = readPublished(own);
  const shown = String(figure.text ?? figure.value);
  const ownShown = String(own.text ?? own.value);
  if (!mine) {
    return {
      kind: 'unverifiable',
      reason: carried(figure, { code: 'FIGURE_UNREADABLE' }),
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
    reason: carried(
      figure,
      ok
        ? { code: 'OWN_FIGURE_AGREES', own: ownShown }
        : { code: 'OWN_FIGURE_DIFFERS', shown, own: ownShown },
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
    reason: { code: 'FIGURE_UNREADABLE' },
    statistic: 'composite',
  };
  if (figure.group) base.group = figure.group;
  const shown = String(figure.text ?? figure.value);
  const d = areas
    .flatMap((a) => a.dispersion)
    .find((x) => x.statistic === 'composite_weighted_cv' && x.group === (figure.group ?? '*'));
  const published = readPublished(figure);
  if (!d || !published) {
    base.reason = !published ? { code: 'FIGURE_UNREADABLE' } : { code: 'NO_COMPOSITE' };
    return base;
  }
  const parts = d.parts ?? [];
  const fromParts = parts.length > 0 && parts.every((p) => p.value !== null);
  if (!fromParts) {
    base.kind = 'as_reported';
    base.reason =
      d.asReported && d.value !== null
        ? { code: 'AS_REPORTED', kind: 'composite', shown }
        : { code: 'DATA_MISSING', shown };
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
  return {
    ...base,
    kind: publishedParts.length > 0 ? (ok ? 'consistent' : 'inconsistent') : ok ? 'confirmed' : 'mismatch',
    recomputed: mean,
    difference,
    allowed,
    reason: {
      code: ok ? 'COMPOSITE_AGREES' : 'COMPOSITE_DIFFERS',
      parts: parts.length,
      publishedParts: publishedParts.length,
      average: { value: mean, decimals: Math.min(published.decimals + 2, 8) },
      shown,
      difference,
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
