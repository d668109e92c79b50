import type { ReportedFigure } from '../model/dataset.ts';
import type { AreaResult, Finding, IndicatorResult } from '../model/evaluation.ts';
import type { Verdict } from '../model/verdict.ts';

/** A published figure read as a number: "98.20%" is 0.982 with 4 decimals, "5.36" is 5.36 with 2. */
export function readPublished(figure: ReportedFigure): { value: number; decimals: number } | undefined {
  if (typeof figure.value === 'number') {
    const decimals = figure.decimals ?? String(figure.value).split('.')[1]?.length ?? 0;
    return { value: figure.value, decimals };
  }
  const text = figure.value.trim().replace(/[％]/g, '%').replace(/,/g, '');
  const match = /^([+-]?\d+(?:\.(\d+))?)\s*(%?)$/.exec(text);
  if (!match) return undefined;
  const percent = match[3] === '%';
  const decimals = figure.decimals ?? (match[2]?.length ?? 0) + (percent ? 2 : 0);
  return { value: Number(match[1]) / (percent ? 100 : 1), decimals };
}

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
): Finding[] {
  const findings: Finding[] = [];
  for (const figure of reported) {
    const area = areas.find((a) => a.area === figure.indicator);
    const indicator =
      indicators.get(figure.indicator) ??
      (area && figure.figure === 'claim' ? areaAsIndicator(area) : undefined);
    const base = {
      indicator: figure.indicator,
      figure: figure.figure,
      reported: figure.text ?? figure.value,
      source: figure.source,
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
    const recomputed = indicator.asReported ? { asReported: true } : recompute(figure, indicator, areas);
    if (recomputed.asReported) {
      findings.push(
        withCheck(
          withGroup({
            ...base,
            kind: 'as_reported',
            message: {
              zh: `没有可据以复算的明细数据，按报告公布值 ${figure.value} 评判`,
              en: `no detailed data to recompute from; judged on the published figure ${figure.value}`,
            },
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
          message: ok
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
        }),
      ),
    );
  }
  return findings;
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
      return { value: summary?.countyValue ?? null };
    case 'cv': {
      const d = areas
        .flatMap((a) => a.dispersion)
        .find((x) => x.indicator === indicator.indicator && x.group === group);
      if (d?.asReported) return { asReported: true };
      return { value: d?.value ?? null };
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
