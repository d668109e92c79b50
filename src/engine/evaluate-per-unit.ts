import type { DataRecord } from '../model/dataset.ts';
import type { UnitAreaResult } from '../model/evaluation.ts';
import { worseVerdict, type Verdict } from '../model/verdict.ts';
import type { PlanArea, PlanIndicator } from './compile-plan.ts';
import type { CompiledComparison } from './compiled-evaluator.ts';
import { decideComparison } from './decide/decide-comparison.ts';
import { decidePerUnit } from './decide/per-unit-rule.ts';
import type { Compare } from './evaluate-dispersion.ts';
import type { IndicatorOutcome, MemberOutcome, Recorder } from './recorder.ts';

/**
 * The per-unit rule of an area on every member its indicators were judged on: one verdict per member (in the order
 * members first appear), decided by decidePerUnit from the rule's two comparisons; with a trail, each member's result
 * is handed to the recorder (into `units`). Each member's tally is kept in arrays by its place, so that a run without
 * a trail makes no object per member.
 */
export function evaluatePerUnit(
  area: PlanArea,
  judged: { plan: PlanIndicator; outcome: IndicatorOutcome }[],
  compare: Compare,
  recorder: Recorder,
  units: UnitAreaResult[],
): Verdict[] {
  const rule = area.area.perUnit as NonNullable<PlanArea['area']['perUnit']>;
  const records = recorder.records;
  // Each member's place, by its record's key. Most often every indicator has the same members in the same order:
  // a member whose record is the one already at its position takes that place without a lookup by key, and the map
  // of keys is made only when one is not.
  let slotOf: Map<string, number> | undefined;
  const slotRecords: DataRecord[] = [];
  const met: number[] = [];
  const notMet: number[] = [];
  const undecidedCount: number[] = [];
  const worstUndecided: Verdict[] = [];
  // With a trail: each member's record and its outcome of each indicator, which the trail names.
  const subjects: { record: DataRecord; results: Map<string, MemberOutcome> }[] = [];
  for (const { plan, outcome } of judged) {
    const members = outcome.members;
    for (let p = 0; p < members.length; p++) {
      const member = members[p] as MemberOutcome;
      let slot: number | undefined;
      if (slotRecords[p] === member.record) slot = p;
      else {
        if (slotOf === undefined) {
          slotOf = new Map();
          for (let s = slotRecords.length - 1; s >= 0; s--) slotOf.set((slotRecords[s] as DataRecord).key, s);
        }
        slot = slotOf.get(member.record.key);
      }
      if (slot === undefined) {
        slot = met.length;
        slotOf?.set(member.record.key, slot);
        slotRecords.push(member.record);
        met.push(0);
        notMet.push(0);
        undecidedCount.push(0);
        worstUndecided.push('met');
        if (records) subjects.push({ record: member.record, results: new Map() });
      }
      const v = member.verdict;
      if (v === 'met') met[slot] = (met[slot] as number) + 1;
      else if (v === 'not_met') notMet[slot] = (notMet[slot] as number) + 1;
      else if (v !== 'within_tolerance') {
        undecidedCount[slot] = (undecidedCount[slot] as number) + 1;
        worstUndecided[slot] = worseVerdict(worstUndecided[slot] as Verdict, v);
      }
      if (records) subjects[slot]?.results.set(plan.indicator.id, member);
    }
  }
  // Without a trail a comparison of equal counts, or of counts far enough apart, is decided without running it
  // (decide-comparison.ts): the same answer as its conditions give. A trail records every comparison it ran.
  const holds = (comparison: CompiledComparison, value: number, bound: number): boolean => {
    const decided = records ? undefined : decideComparison(comparison.spec.operator, value, bound);
    return decided ?? compare(comparison, value, bound)[0]?.result === true;
  };
  const out: Verdict[] = new Array<Verdict>(met.length);
  const undecided = { count: 0, worst: 'met' as Verdict };
  for (let slot = 0; slot < met.length; slot++) {
    const m = met[slot] as number;
    const enough = holds(area.perUnitMet as CompiledComparison, m, rule.atLeastMet);
    const noneBelow = holds(area.perUnitFailed as CompiledComparison, notMet[slot] as number, 0);
    undecided.count = undecidedCount[slot] as number;
    undecided.worst = worstUndecided[slot] as Verdict;
    const verdict = decidePerUnit(m, undecided, rule.atLeastMet, enough, noneBelow);
    out[slot] = verdict;
    const subject = subjects[slot];
    if (subject) {
      const unit = recorder.unit(area, subject.record, verdict, subject.results);
      if (unit) units.push(unit);
    }
  }
  return out;
}
