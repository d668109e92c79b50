import type { DataRecord, ReportedFigure } from '../model/dataset.ts';
import type { ConditionRecord, CvContribution, DispersionResult, Subject } from '../model/evaluation.ts';
import type { PlanArea, PlanIndicator } from './compile-plan.ts';
import type { CompiledComparison } from './compiled-evaluator.ts';
import type { CountyContext } from './county-context.ts';
import { decideComparison } from './decide/decide-comparison.ts';
import { decideDispersion } from './decide/roll-up.ts';
import { compositeCvs } from './evaluate-composite-cv.ts';
import { dispersionReasons } from './reasons/dispersion-reasons.ts';
import type { IndicatorOutcome, MemberOutcome } from './recorder.ts';
import { orderGroups } from './order-groups.ts';
import { pickBranch, thresholdUse } from './threshold-branch.ts';
import { weightedCv } from './weighted-cv.ts';

/** Runs a comparison of the plan (and records it when the run records). */
export type Compare = (
  comparison: CompiledComparison,
  value: number | boolean | string,
  bound: number | boolean | string,
) => ConditionRecord[];

/**
 * The single weighted CV (校际差异系数) of each indicator of an area, per check and per group, judged against the
 * area's limit, or only shown when the area judges a composite (evaluate-composite-cv.ts); a group without member
 * rows is judged on its published CV, as reported. `records` adds what only a trail shows (the members who pull
 * the CV most, the reasons).
 */
export function evaluateDispersion(
  area: PlanArea,
  own: { plan: PlanIndicator; outcome: IndicatorOutcome }[],
  ctx: CountyContext,
  compare: Compare,
  records: boolean,
): DispersionResult[] {
  const rule = area.area.dispersion as NonNullable<PlanArea['area']['dispersion']>;
  const out: DispersionResult[] = [];
  /** Every member's share of each single CV (the result keeps only the top ten), for a composite's contributors. */
  const allShares = new Map<DispersionResult, CvContribution[]>();
  const level = area.area.perUnit?.level ?? 'unit';
  const levelRecords = ctx.members(level);
  // The places of the level's records in each group, in order (and so the groups, in the order they first appear).
  const placesOf = new Map<string, number[]>();
  for (let p = 0; p < levelRecords.length; p++) {
    const group = (levelRecords[p] as DataRecord).group ?? '*';
    const places = placesOf.get(group);
    if (places === undefined) placesOf.set(group, [p]);
    else places.push(p);
  }
  const levelGroups = new Set<string>(placesOf.keys());
  // The weight of each record of the level, read once for all the area's indicators (by the record's place).
  let levelWeights: unknown[] | undefined;
  const weightOf = (member: MemberOutcome, place: number): unknown => {
    if (member.record === levelRecords[place]) {
      levelWeights ??= levelRecords.map((r) => ctx.value(r, rule.weight));
      return levelWeights[place];
    }
    const record = member.record.level === level ? member.record : ctx.record(level, member.record.key);
    return record ? ctx.value(record, rule.weight) : undefined;
  };
  for (const { plan, outcome } of own) {
    const id = plan.indicator.id;
    // Members that are the level's records in the level's order are found by their group's places.
    const all = outcome.members;
    let aligned = all.length === levelRecords.length;
    for (let p = 0; aligned && p < all.length; p++)
      aligned = (all[p] as MemberOutcome).record === levelRecords[p];
    const groups = new Set(levelGroups);
    for (const figure of ctx.data.reported) {
      if (figure.indicator === id && figure.figure === 'cv' && figure.group) groups.add(figure.group);
    }
    // The checks its members were judged on, in the order they first appear; a member left undecided by
    // applies_when was judged on `applies_when` alone, which has no value.
    const checkIds: string[] = [];
    let seenJudged = false;
    let seenUnapplied = false;
    for (const m of outcome.members) {
      if (m.unapplied ? seenUnapplied : seenJudged) continue;
      if (m.unapplied) {
        seenUnapplied = true;
        checkIds.push('applies_when');
      } else {
        seenJudged = true;
        for (const c of plan.checks) if (!checkIds.includes(c.check.id)) checkIds.push(c.check.id);
      }
      if (seenJudged && seenUnapplied) break;
    }
    if (outcome.members.length === 0) checkIds.push(id);
    for (const checkId of checkIds) {
      const checkIndex = plan.checks.findIndex((c) => c.check.id === checkId);
      for (const group of orderGroups(groups, ctx.dictionary, level)) {
        let places = aligned ? (placesOf.get(group) ?? []) : undefined;
        if (places === undefined) {
          places = [];
          for (let p = 0; p < all.length; p++)
            if (((all[p] as MemberOutcome).record.group ?? '*') === group) places.push(p);
        }
        const count = places.length;
        const { threshold, branch } = pickBranch(rule.threshold, group);
        const result: DispersionResult = {
          indicator: id,
          check: checkId,
          group,
          statistic: 'weighted_cv',
          verdict: 'insufficient_data',
          value: null,
          mean: null,
          sd: null,
          weightTotal: 0,
          members: count,
          conditions: [],
          top: [],
        };
        if (threshold && records) result.threshold = thresholdUse(threshold, branch, rule.threshold.by);
        const values: number[] = [];
        const weights: number[] = [];
        const subjects: Subject[] = [];
        const lacking: string[] = [];
        for (let i = 0; i < count; i++) {
          const p = places[i] as number;
          const member = all[p] as MemberOutcome;
          const value = member.unapplied || checkIndex < 0 ? undefined : member.values[checkIndex];
          const weight = weightOf(member, p);
          if (typeof value === 'number' && typeof weight === 'number') {
            values.push(value);
            weights.push(weight);
            if (records) subjects.push(member.trail?.subject ?? ctx.subject(member.record));
          } else {
            lacking.push(member.record.name ?? member.record.key);
          }
        }
        if (count === 0) {
          const figure = reportedCv(ctx.data.reported, id, group);
          if (!figure) continue;
          result.value = Number(figure.value);
          result.asReported = true;
          if (figure.carriedFrom) result.carriedFrom = figure.carriedFrom;
        } else if (lacking.length > 0) {
          if (records)
            result.reason = dispersionReasons.lacking(
              lacking,
              ctx.dictionary.inputs[rule.weight]?.label,
              rule.weight,
            );
          out.push(result);
          continue;
        } else {
          const cv = weightedCv(values, weights, records);
          result.value = cv.cv;
          result.mean = cv.mean;
          result.sd = cv.sd;
          result.weightTotal = cv.weightTotal;
          if (records) {
            const shares = cv.shares
              .map((share, i) => ({
                subject: subjects[i] as Subject,
                value: values[i] as number,
                weight: weights[i] as number,
                share,
              }))
              .sort((a, b) => b.share - a.share);
            allShares.set(result, shares);
            result.top = shares.slice(0, 10);
          }
          if (cv.cv === null) {
            if (records) result.reason = dispersionReasons.zeroMean();
            out.push(result);
            continue;
          }
        }
        if (rule.composite) {
          // Judged only through the composite: shown without a threshold of its own.
          delete result.threshold;
          result.inComposite = true;
          if (result.value !== null) {
            result.verdict = 'met';
            if (records) result.reason = dispersionReasons.inComposite();
          }
          out.push(result);
          continue;
        }
        if (!threshold || result.value === null) {
          if (records) result.reason = dispersionReasons.noLimit(ctx.dictionary, level, group, false);
          out.push(result);
          continue;
        }
        judgeDispersion(
          result,
          result.value,
          compare,
          area.dispersion.get(branch) as CompiledComparison,
          threshold.bound as number,
          records,
        );
        out.push(result);
      }
    }
  }
  if (rule.composite)
    out.push(
      ...compositeCvs(
        area,
        own.map((o) => o.plan.indicator.id),
        out,
        allShares,
        ctx,
        compare,
        records,
      ),
    );
  return out;
}

/** The published CV of an indicator for a group, when it is a number. */
export function reportedCv(
  reported: readonly ReportedFigure[],
  indicator: string,
  group: string,
): ReportedFigure | undefined {
  return reported.find(
    (r) =>
      r.indicator === indicator && r.figure === 'cv' && r.group === group && Number.isFinite(Number(r.value)),
  );
}

/**
 * A dispersion value (a CV, a composite CV) judged against its limit: its conditions, verdict and margin. Without a
 * trail (`records` false) a comparison that rounding cannot change is decided without running it
 * (decide-comparison.ts), and the result keeps no conditions.
 */
export function judgeDispersion(
  result: DispersionResult,
  value: number,
  compare: Compare,
  comparison: CompiledComparison,
  bound: number,
  records: boolean,
): void {
  const decided = records ? undefined : decideComparison(comparison.spec.operator, value, bound);
  if (decided !== undefined) result.verdict = decideDispersion(decided);
  else {
    result.conditions = compare(comparison, value, bound);
    result.verdict = decideDispersion(result.conditions[0]?.result);
  }
  result.margin = value - bound;
}
