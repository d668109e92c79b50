import type { DataRecord, ReportedFigure } from '../model/dataset.ts';
import type { GroupSummary, IndicatorResult, SubjectResult } from '../model/evaluation.ts';
import type { Indicator } from '../model/ruleset.ts';
import { combineVerdicts } from './combine-verdicts.ts';
import type { CompiledRuleSet } from './compile-ruleset.ts';
import type { CountyContext } from './county-context.ts';
import { evaluateCheck, type CheckEnv } from './evaluate-check.ts';
import { evaluateFormula } from './evaluate-formula.ts';
import { reasons } from './reasons.ts';

/** Judges one indicator in one county: on the county itself, or on every member of its level, then rolled up. */
export async function evaluateIndicator(
  indicator: Indicator,
  ctx: CountyContext,
  compiled: CompiledRuleSet,
): Promise<IndicatorResult> {
  const env: CheckEnv = { formulas: compiled.formulas, evaluator: compiled.evaluator };
  const share = compiled.tolerance.get(indicator.id);
  if (share !== undefined) env.toleranceShare = share;
  const result: IndicatorResult = {
    indicator: indicator.id,
    title: indicator.title,
    area: indicator.area,
    role: indicator.role,
    level: indicator.level,
    verdict: 'insufficient_data',
    source: {
      document: indicator.source.document,
      clause: indicator.source.clause,
      verified: indicator.source.verified,
    },
    file: indicator.file,
    members: [],
    failing: [],
    withinTolerance: [],
    undecided: [],
    notApplicable: 0,
    groups: [],
  };

  if (indicator.level === 'county') {
    const county = await judgeRecord(indicator, ctx, ctx.data.record, env, ctx.data.reported);
    result.county = county;
    result.verdict = county.verdict;
    return result;
  }

  const members = ctx.members(indicator.level);
  for (const record of members) {
    if (indicator.appliesWhen) {
      const applies = evaluateFormula(indicator.appliesWhen, compiled.formulas, ctx, record);
      if (!applies.reason && applies.value === false) {
        result.notApplicable++;
        continue;
      }
      if (applies.reason) {
        const subject = ctx.subject(record);
        const undecided: SubjectResult = {
          subject,
          verdict: applies.pending ? 'pending' : 'insufficient_data',
          checks: [
            {
              indicator: indicator.id,
              check: 'applies_when',
              checkLabel: { zh: '适用条件', en: 'applies when' },
              subject,
              verdict: applies.pending ? 'pending' : 'insufficient_data',
              value: null,
              formula: indicator.appliesWhen.text,
              inputs: applies.inputs,
              conditions: [],
              reason: applies.reason,
            },
          ],
        };
        result.members.push(undecided);
        result.undecided.push(subject);
        continue;
      }
    }
    const judged = await judgeRecord(indicator, ctx, record, env, []);
    result.members.push(judged);
    if (judged.verdict === 'not_met') result.failing.push(judged.subject);
    else if (judged.verdict === 'within_tolerance') result.withinTolerance.push(judged.subject);
    else if (judged.verdict !== 'met') result.undecided.push(judged.subject);
  }
  result.groups = summariseGroups(indicator, ctx, compiled, result.members);
  if (members.length === 0) {
    const levelLabel = ctx.dictionary.levels[indicator.level]?.label ?? {
      zh: indicator.level,
      en: indicator.level,
    };
    const published = judgeAsReported(indicator, ctx.data.reported, (group) =>
      groupLabel(ctx, indicator, group),
    );
    if (published) {
      result.verdict = published.verdict;
      result.reason = published.reason;
      result.asReported = true;
    } else {
      result.verdict = 'insufficient_data';
      result.reason = reasons.noMembers(levelLabel);
    }
  } else {
    result.verdict = combineVerdicts(result.members.map((m) => m.verdict));
  }
  return result;
}

/**
 * With no member rows (a report that publishes only counts), an indicator judged per member is judged on the
 * published counts: any member failing decides; all members meeting (or 100%) is met; the rest within tolerance.
 */
function judgeAsReported(
  indicator: Indicator,
  reported: ReportedFigure[],
  label: (group: string) => { zh: string; en: string },
): { verdict: IndicatorResult['verdict']; reason: NonNullable<IndicatorResult['reason']> } | undefined {
  // Only the published counts decide; a CV, mean or standard deviation says nothing about how many units meet.
  const own = reported.filter(
    (r) => r.indicator === indicator.id && typeof r.value === 'number' && COUNT_FIGURES.has(r.figure),
  );
  if (own.length === 0) return undefined;
  const groups = [...new Set(own.map((r) => r.group ?? '*'))];
  const verdicts: IndicatorResult['verdict'][] = [];
  const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
  for (const group of groups) {
    const figure = (kind: ReportedFigure['figure']) =>
      own.find((r) => (r.group ?? '*') === group && r.figure === kind)?.value as number | undefined;
    const met = figure('members_met');
    const total = figure('members_total');
    const notMet = figure('members_not_met');
    const within = figure('members_within_tolerance');
    const share = figure('share_met');
    const names = group === '*' ? { zh: '', en: '' } : label(group);
    const zh = names.zh;
    const en = names.en ? `${names.en}: ` : '';
    if (notMet !== undefined && notMet > 0) {
      verdicts.push('not_met');
      parts.zh.push(`${zh}报告 ${notMet} 个未达标`);
      parts.en.push(`${en}${notMet} failing as published`);
    } else if ((met !== undefined && total !== undefined && met === total) || share === 1) {
      verdicts.push('met');
      parts.zh.push(`${zh}报告全部达标`);
      parts.en.push(`${en}all meeting as published`);
    } else if (met !== undefined && within !== undefined && (total === undefined || met + within === total)) {
      verdicts.push(within > 0 ? 'within_tolerance' : 'met');
      parts.zh.push(
        within > 0
          ? `${zh}报告 ${met} 个达标、${within} 个低于标准但在容许范围内`
          : `${zh}报告 ${met} 个全部达标`,
      );
      parts.en.push(
        within > 0
          ? `${en}${met} meeting and ${within} within tolerance as published`
          : `${en}all ${met} meeting as published`,
      );
    } else {
      verdicts.push('insufficient_data');
      parts.zh.push(
        `${zh}只公布了${[met !== undefined ? '达标数' : '', total !== undefined ? '总数' : '', within !== undefined ? '容许范围内的数量' : '', share !== undefined ? '达标比例' : ''].filter(Boolean).join('、')}`,
      );
      parts.en.push(
        `${en}only ${[met !== undefined ? 'the number meeting it' : '', total !== undefined ? 'the total' : '', within !== undefined ? 'the number within tolerance' : '', share !== undefined ? 'the share meeting it' : ''].filter(Boolean).join(', ')} published`,
      );
    }
  }
  const verdict = combineVerdicts(verdicts);
  const decided = verdict !== 'insufficient_data' && verdict !== 'pending';
  return {
    verdict,
    reason: {
      code: 'AS_REPORTED',
      message: decided
        ? {
            zh: `没有逐校数据，按报告公布的达标数评判（未复算）：${parts.zh.join('；')}`,
            en: `no per-school rows; judged on the published counts, as reported, not recomputed: ${parts.en.join('; ')}`,
          }
        : {
            zh: `没有逐校数据，报告公布的达标数不足以判断：${parts.zh.join('；')}`,
            en: `no per-school rows, and the published counts do not decide it: ${parts.en.join('; ')}`,
          },
    },
  };
}

const COUNT_FIGURES: ReadonlySet<ReportedFigure['figure']> = new Set([
  'members_met',
  'members_within_tolerance',
  'members_not_met',
  'members_total',
  'share_met',
]);

/** The dictionary's label of a group of the indicator's level (stage `primary` → 小学). */
function groupLabel(ctx: CountyContext, indicator: Indicator, group: string): { zh: string; en: string } {
  const by = ctx.dictionary.levels[indicator.level]?.group;
  return (by ? ctx.dictionary.inputs[by]?.values?.[group] : undefined) ?? { zh: group, en: group };
}

async function judgeRecord(
  indicator: Indicator,
  ctx: CountyContext,
  record: DataRecord,
  env: CheckEnv,
  reported: ReportedFigure[],
): Promise<SubjectResult> {
  const checks = [];
  for (const check of indicator.checks) {
    const figure = reported.find(
      (r) =>
        r.indicator === indicator.id &&
        r.figure === 'value' &&
        (r.check ?? indicator.checks[0]?.id) === check.id,
    );
    checks.push(await evaluateCheck(indicator, check, ctx, record, env, figure));
  }
  return { subject: ctx.subject(record), verdict: combineVerdicts(checks.map((c) => c.verdict)), checks };
}

function summariseGroups(
  indicator: Indicator,
  ctx: CountyContext,
  compiled: CompiledRuleSet,
  members: SubjectResult[],
): GroupSummary[] {
  const groups = [...new Set(ctx.members(indicator.level).map((r) => r.group ?? '*'))];
  const summaries: GroupSummary[] = [];
  for (const check of indicator.checks) {
    for (const group of groups) {
      const inGroup = members.filter((m) => (m.subject.group ?? '*') === group);
      const verdicts = inGroup.map((m) => m.checks.find((c) => c.check === check.id)?.verdict ?? m.verdict);
      const summary: GroupSummary = {
        group,
        check: check.id,
        members: inGroup.length,
        met: verdicts.filter((v) => v === 'met').length,
        withinTolerance: verdicts.filter((v) => v === 'within_tolerance').length,
        notMet: verdicts.filter((v) => v === 'not_met').length,
        undecided: verdicts.filter((v) => v === 'pending' || v === 'insufficient_data').length,
      };
      if (check.countyValue) {
        const scope = group === '*' ? { level: indicator.level } : { level: indicator.level, group };
        const value = evaluateFormula(check.countyValue, compiled.formulas, ctx, ctx.data.record, scope);
        summary.countyValue = typeof value.value === 'number' ? value.value : null;
        summary.countyInputs = value.inputs;
      }
      summaries.push(summary);
    }
  }
  return summaries;
}
