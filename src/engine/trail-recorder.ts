import type { DataRecord } from '../model/dataset.ts';
import type {
  AreaResult,
  CheckResult,
  ChoiceUse,
  ConditionRecord,
  DispersionResult,
  GroupSummary,
  IndicatorResult,
  SubjectResult,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Verdict } from '../model/verdict.ts';
import { areaReasons, asReportedReason, unitShares } from './reasons/area-reasons.ts';
import type { Plan, PlanArea, PlanIndicator } from './compile-plan.ts';
import type { CountyContext } from './county-context.ts';
import { evaluateFormula } from './evaluate-formula.ts';
import type { CheckFacts, IndicatorOutcome, MemberOutcome, Recorder } from './recorder.ts';
import { reasons } from './reasons/check-reasons.ts';
import { thresholdUse } from './threshold-branch.ts';
import { findToPass } from './to-pass.ts';

/** A comparison a trail holds, to check against the reference evaluator. */
export interface RecordedComparison {
  id: string;
  facts: { value: number | boolean | string; bound: number | boolean | string };
  conditions: ConditionRecord[];
}

/** The recorder that builds the trail: every check, member, indicator, unit and area result, as data. */
export class TrailRecorder implements Recorder {
  readonly records = true;
  readonly comparisons: RecordedComparison[] = [];
  private ctx!: CountyContext;

  constructor(private readonly plan: Plan) {}

  begin(ctx: CountyContext): void {
    this.ctx = ctx;
  }

  comparison(id: string, facts: RecordedComparison['facts'], conditions: ConditionRecord[]): void {
    this.comparisons.push({ id, facts, conditions });
  }

  check(f: CheckFacts): CheckResult {
    const { check, record } = f;
    const indicator = f.plan.indicator;
    const ctx = this.ctx;
    const result: CheckResult = {
      indicator: indicator.id,
      check: check.id,
      checkLabel: check.label,
      subject: ctx.subject(record),
      verdict: 'insufficient_data',
      value: null,
      formula: '',
      inputs: [],
      conditions: [],
    };
    if (check.unit) result.unit = check.unit;
    if (check.decimals !== undefined) result.decimals = check.decimals;
    if (check.kind === 'attestation') result.formula = check.attestation as string;
    else {
      if (f.choice && check.choice) {
        const option = f.choice.option;
        const use: ChoiceUse = {
          id: check.choice.id,
          label: check.choice.label,
          option,
          optionLabel: check.choice.options[option]?.label ?? { zh: option, en: option },
          chosenBy: f.choice.chosenBy,
          alternatives: [],
        };
        if (f.choice.chosen?.source) use.source = f.choice.chosen.source;
        result.choice = use;
      }
      result.formula = f.formula?.text ?? '';
    }
    result.inputs = f.outcome.inputs;
    let outcome = f.outcome;
    if (f.published) {
      outcome = { value: f.published.value, inputs: outcome.inputs };
      result.asReported = true;
      result.inputs = [...outcome.inputs.filter((i) => !i.missing)];
      result.inputs.push({
        name: `${indicator.id}.${check.id}`,
        label: { zh: '报告公布值', en: 'published figure' },
        value: f.published.value,
        source: f.published.source,
      });
    }
    if (indicator.role === 'measure') {
      result.verdict = f.verdict;
      if (outcome.reason) result.reason = outcome.reason;
      else {
        result.value = outcome.value as number | boolean;
        result.reason = reasons.notJudged();
      }
      return result;
    }
    const { threshold, branch } = f.selected;
    if (threshold) {
      result.threshold = thresholdUse(threshold, branch, check.threshold.by);
      const label = check.threshold.by
        ? ctx.dictionary.inputs[check.threshold.by]?.values?.[branch]
        : undefined;
      if (label) result.threshold.branchLabel = label;
    }
    result.verdict = f.verdict;
    if (outcome.reason) {
      result.reason = outcome.reason;
      return result;
    }
    if (!threshold) {
      if (check.threshold.by) {
        const value = ctx.value(record, check.threshold.by);
        const label = ctx.dictionary.inputs[check.threshold.by]?.label ?? {
          zh: check.threshold.by,
          en: check.threshold.by,
        };
        result.reason = reasons.noThreshold(label, typeof value === 'string' ? value : undefined);
      }
      return result;
    }
    result.value = outcome.value as number | boolean;
    const judged = f.judged;
    if (judged) {
      result.conditions = judged.conditions;
      if (judged.reason) result.reason = judged.reason;
      if (judged.boundInputs && result.threshold) {
        result.threshold.boundInputs = judged.boundInputs;
        result.threshold.bound = judged.bound ?? result.threshold.bound;
      }
    }
    const bound = judged?.bound;
    if (typeof result.value === 'number' && typeof bound === 'number') {
      result.margin = result.value - bound;
      const op = threshold.operator;
      if ((op === '>=' || op === '>') && bound !== 0) result.shareOfStandard = result.value / bound;
      if (f.toleranceShare !== undefined && (op === '>=' || op === '>')) {
        result.tolerance = { share: f.toleranceShare, bound: bound * f.toleranceShare };
      }
    }
    if (result.choice && check.choice) {
      for (const alt of f.alternatives) {
        const def = check.choice.options[alt.option];
        if (def)
          result.choice.alternatives.push({
            option: alt.option,
            label: def.label,
            value: alt.value,
            verdict: alt.verdict,
          });
      }
    }
    if (
      (result.verdict === 'not_met' || result.verdict === 'within_tolerance') &&
      f.formula &&
      !result.asReported
    ) {
      const toPass = findToPass(
        f.formula,
        this.plan.compiled.formulas,
        ctx,
        record,
        threshold,
        typeof bound === 'number' ? bound : undefined,
      );
      if (toPass) result.toPass = toPass;
    }
    return result;
  }

  unapplied(
    plan: PlanIndicator,
    record: DataRecord,
    outcome: ReturnType<typeof evaluateFormula>,
  ): SubjectResult {
    const indicator = plan.indicator;
    const subject = this.ctx.subject(record);
    const verdict: Verdict = outcome.pending ? 'pending' : 'insufficient_data';
    const check: CheckResult = {
      indicator: indicator.id,
      check: 'applies_when',
      checkLabel: { zh: '适用条件', en: 'applies when' },
      subject,
      verdict,
      value: null,
      formula: indicator.appliesWhen?.text ?? '',
      inputs: outcome.inputs,
      conditions: [],
    };
    if (outcome.reason) check.reason = outcome.reason;
    return { subject, verdict, checks: [check] };
  }

  member(record: DataRecord, verdict: Verdict, checks: CheckResult[]): SubjectResult {
    return { subject: this.ctx.subject(record), verdict, checks };
  }

  indicator(plan: PlanIndicator, outcome: IndicatorOutcome, notApplicable: number): IndicatorResult {
    const { indicator } = plan;
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
      notApplicable,
      groups: [],
    };
    if (indicator.level === 'county') {
      const county = outcome.members[0]?.trail as SubjectResult;
      result.county = county;
      result.verdict = county.verdict;
      return result;
    }
    for (const member of outcome.members) {
      const judged = member.trail as SubjectResult;
      result.members.push(judged);
      if (member.unapplied) result.undecided.push(judged.subject);
      else if (judged.verdict === 'not_met') result.failing.push(judged.subject);
      else if (judged.verdict === 'within_tolerance') result.withinTolerance.push(judged.subject);
      else if (judged.verdict !== 'met') result.undecided.push(judged.subject);
    }
    result.groups = this.summariseGroups(plan, result.members);
    result.verdict = outcome.verdict;
    if (this.ctx.members(indicator.level).length === 0) {
      if (outcome.asReported) {
        result.reason = asReportedReason(outcome.asReported, (group) => groupLabelOf(this.ctx, plan, group));
        result.asReported = true;
      } else {
        const levelLabel = this.ctx.dictionary.levels[indicator.level]?.label ?? {
          zh: indicator.level,
          en: indicator.level,
        };
        result.reason = reasons.noMembers(indicator.level, levelLabel);
      }
    }
    return result;
  }

  private summariseGroups(plan: PlanIndicator, members: SubjectResult[]): GroupSummary[] {
    const { indicator } = plan;
    const ctx = this.ctx;
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
          const value = evaluateFormula(
            check.countyValue,
            this.plan.compiled.formulas,
            ctx,
            ctx.data.record,
            scope,
          );
          summary.countyValue = typeof value.value === 'number' ? value.value : null;
          summary.countyInputs = value.inputs;
        }
        summaries.push(summary);
      }
    }
    return summaries;
  }

  unit(
    area: PlanArea,
    record: DataRecord,
    verdict: Verdict,
    results: Map<string, MemberOutcome>,
  ): UnitAreaResult {
    const met: string[] = [];
    const within: string[] = [];
    const notMet: string[] = [];
    const undecided: string[] = [];
    for (const [id, r] of results) {
      if (r.verdict === 'met') met.push(id);
      else if (r.verdict === 'within_tolerance') within.push(id);
      else if (r.verdict === 'not_met') notMet.push(id);
      else undecided.push(id);
    }
    const share = (id: string) =>
      results.get(id)?.trail?.checks.find((c) => c.shareOfStandard !== undefined)?.shareOfStandard;
    const first = results.values().next().value as MemberOutcome;
    return {
      subject: first.trail?.subject ?? this.ctx.subject(record),
      verdict,
      met,
      withinTolerance: within,
      notMet,
      undecided,
      shares: unitShares([...within, ...notMet], share),
    };
  }

  area(
    area: PlanArea,
    verdict: Verdict,
    own: IndicatorOutcome[],
    units: UnitAreaResult[],
    dispersion: DispersionResult[],
    perUnitAsReported: number | undefined,
  ): AreaResult {
    const rule = area.area;
    const result: AreaResult = {
      area: rule.id,
      title: rule.title,
      verdict: 'insufficient_data',
      indicators: rule.indicators,
      dispersion: [],
      reasons: [],
    };
    const judged = own.map((o) => o.trail as IndicatorResult).filter((r) => r.role !== 'measure');
    if (rule.perUnit) {
      const levelLabel = this.ctx.dictionary.levels[rule.perUnit.level]?.label ?? {
        zh: rule.perUnit.level,
        en: rule.perUnit.level,
      };
      result.perUnit = {
        rule: rule.perUnit.text,
        atLeastMet: rule.perUnit.atLeastMet,
        othersNotBelow: rule.perUnit.othersNotBelow,
        level: rule.perUnit.level,
        levelLabel,
        results: units,
        failing: units.filter((r) => r.verdict === 'not_met').map((r) => r.subject),
      };
    }
    result.reasons = areaReasons(rule, {
      judged,
      failingUnits: result.perUnit?.failing.length ?? 0,
      perUnitAsReported,
      dispersion,
      dictionary: this.ctx.dictionary,
    });
    result.dispersion = dispersion;
    result.verdict = verdict;
    return result;
  }
}

/** The dictionary's label of a group of the indicator's level (stage `primary` → 小学). */
function groupLabelOf(ctx: CountyContext, plan: PlanIndicator, group: string): { zh: string; en: string } {
  const by = ctx.dictionary.levels[plan.indicator.level]?.group;
  return (by ? ctx.dictionary.inputs[by]?.values?.[group] : undefined) ?? { zh: group, en: group };
}
