import {
  describeAreaReason,
  describeCheckReason,
  describeCountyReason,
  describeFindingReason,
  describePerUnitRule,
  describeUnitResult,
} from '../explain/words/index.ts';
import type { AreaResult, Finding, UnitAreaResult } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import type { AreaReason, CheckReason, CountyReason } from '../model/reason.ts';
import type { AreaRule, CompactUnitArea, Worded } from './compact-result.ts';

// result.json carries every reason's sentence beside its code and data, for whoever reads the file without junheng;
// junheng itself reads back the code and data only and makes the sentence again where it shows one.

/** A check's, an indicator's or a coefficient's reason with its sentence. */
export function wordCheckReason(reason: CheckReason | undefined): Worded<CheckReason> | undefined {
  return reason && { ...reason, message: describeCheckReason(reason) };
}

export function wordAreaReasons(reasons: AreaReason[]): Worded<AreaReason>[] {
  return reasons.map((reason) => ({ ...reason, message: describeAreaReason(reason) }));
}

export function wordCountyReasons(reasons: CountyReason[]): Worded<CountyReason>[] {
  return reasons.map((reason) => ({ ...reason, message: describeCountyReason(reason) }));
}

/** An area's per-unit rule as result.json states it once: as written, its numbers and as a sentence. */
export function wordPerUnitRule(
  perUnit: NonNullable<AreaResult['perUnit']>,
): NonNullable<AreaRule['perUnit']> {
  const { rule, atLeastMet, othersNotBelow, level, levelLabel } = perUnit;
  return { rule, atLeastMet, othersNotBelow, level, levelLabel, description: describePerUnitRule(perUnit) };
}

/** A unit's result under its area's per-unit rule, with how it fared in words. */
export function wordUnit(
  unit: Omit<UnitAreaResult, 'subject'>,
  perUnit: NonNullable<AreaResult['perUnit']>,
  subject: string,
): CompactUnitArea {
  return { ...unit, subject, reason: describeUnitResult(unit, perUnit) };
}

/** A finding with its sentence beside its reason (in the place the sentence held before the reason was data). */
export function wordFinding(finding: Finding): Finding & { message: Text } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(finding)) {
    out[key] = value;
    if (key === 'reason') out.message = describeFindingReason(finding.reason);
  }
  return out as unknown as Finding & { message: Text };
}

/** A reason read back from result.json: its code and data, without the sentence. */
export function unword<R>(reason: Worded<R>): R;
export function unword<R>(reason: Worded<R> | undefined): R | undefined;
export function unword<R>(reason: Worded<R> | undefined): R | undefined {
  if (!reason) return undefined;
  const { message: _message, ...rest } = reason;
  return rest as R;
}
