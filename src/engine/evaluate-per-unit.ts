import type { DataRecord } from '../model/dataset.ts';
import type { UnitAreaResult } from '../model/evaluation.ts';
import type { Verdict } from '../model/verdict.ts';
import type { PlanArea, PlanIndicator } from './compile-plan.ts';
import type { CompiledComparison } from './compiled-evaluator.ts';
import { decidePerUnit } from './decide/per-unit-rule.ts';
import type { Compare } from './evaluate-dispersion.ts';
import type { IndicatorOutcome, MemberOutcome, Recorder } from './recorder.ts';

/**
 * The per-unit rule of an area on every member its indicators were judged on: one verdict per member, decided by
 * decidePerUnit from the rule's two comparisons; each member's result is handed to the recorder (into `units`).
 */
export function evaluatePerUnit(
  area: PlanArea,
  judged: { plan: PlanIndicator; outcome: IndicatorOutcome }[],
  compare: Compare,
  recorder: Recorder,
  units: UnitAreaResult[],
): Verdict[] {
  const rule = area.area.perUnit as NonNullable<PlanArea['area']['perUnit']>;
  // Each member's outcomes by indicator (the trail names them; without one, the verdicts are enough).
  const byMember = new Map<
    string,
    { record: DataRecord; verdicts: Verdict[]; results?: Map<string, MemberOutcome> }
  >();
  for (const { plan, outcome } of judged) {
    for (const member of outcome.members) {
      let entry = byMember.get(member.record.key);
      if (!entry) {
        entry = { record: member.record, verdicts: [] };
        if (recorder.records) entry.results = new Map();
        byMember.set(member.record.key, entry);
      }
      entry.verdicts.push(member.verdict);
      entry.results?.set(plan.indicator.id, member);
    }
  }
  const out: Verdict[] = [];
  for (const { record, verdicts, results } of byMember.values()) {
    let met = 0;
    let notMet = 0;
    const undecided: Verdict[] = [];
    for (const v of verdicts) {
      if (v === 'met') met++;
      else if (v === 'not_met') notMet++;
      else if (v !== 'within_tolerance') undecided.push(v);
    }
    const enough = compare(area.perUnitMet as CompiledComparison, met, rule.atLeastMet)[0]?.result;
    const noneBelow = compare(area.perUnitFailed as CompiledComparison, notMet, 0)[0]?.result;
    const verdict = decidePerUnit(met, undecided, rule.atLeastMet, enough === true, noneBelow === true);
    out.push(verdict);
    if (results) {
      const unit = recorder.unit(area, record, verdict, results);
      if (unit) units.push(unit);
    }
  }
  return out;
}
