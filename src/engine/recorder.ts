import type { DataRecord, ReportedFigure } from '../model/dataset.ts';
import type {
  AreaResult,
  CheckResult,
  ConditionRecord,
  DispersionResult,
  IndicatorResult,
  SubjectResult,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Check, Threshold } from '../model/ruleset.ts';
import type { CountyVerdict, Verdict } from '../model/verdict.ts';
import type { PlanArea, PlanIndicator } from './compile-plan.ts';
import type { CountyContext } from './county-context.ts';
import type { ReportedGroup } from './decide/as-reported.ts';
import type { FormulaOutcome } from './evaluate-formula.ts';
import type { selectOption } from './select-option.ts';

/** A value and its state; `described` holds the formula's trail (inputs, reason) when a recorder asks for it. */
export interface Outcome {
  state: 'ok' | 'pending' | 'insufficient_data';
  value: number | boolean | string | null;
  described?: FormulaOutcome;
}

/** One member's outcome of one indicator: its verdict and, per check, the value a dispersion reads. */
export interface MemberOutcome {
  record: DataRecord;
  verdict: Verdict;
  values: (number | boolean | null)[];
  /** Left undecided by `applies_when`: its trail holds one `applies_when` check. */
  unapplied?: true;
  trail?: SubjectResult;
}

/** One indicator's outcome in one county. */
export interface IndicatorOutcome {
  verdict: Verdict;
  /** The members an area reads (all of them when recording, none when nothing reads them). */
  members: MemberOutcome[];
  failing: number;
  /** Set when there were no member rows and the verdict rests on the published counts. */
  asReported?: { verdict: Verdict; groups: ReportedGroup[] };
  trail?: IndicatorResult;
}

/** How a check was judged against its threshold, as a trail records it. */
export interface Judged {
  verdict: Verdict;
  conditions: ConditionRecord[];
  bound?: number | boolean | string;
  boundInputs?: FormulaOutcome['inputs'];
  reason?: CheckResult['reason'];
}

/** Everything the interpreter found about one check of one record, for a recorder to write down. */
export interface CheckFacts {
  plan: PlanIndicator;
  check: Check;
  record: DataRecord;
  outcome: FormulaOutcome;
  /** The formula in force (the chosen option's under a choice). */
  formula?: Check['value'];
  choice?: ReturnType<typeof selectOption>;
  /** The published figure judged on when the value could not be recomputed. */
  published?: ReportedFigure & { value: number };
  selected: { threshold?: Threshold | undefined; branch: string };
  judged?: Judged;
  verdict: Verdict;
  alternatives: { option: string; value: number | null; verdict: Verdict }[];
  toleranceShare?: number;
}

/**
 * What a run records. The trail recorder builds the trail (trail-recorder.ts); the null recorder records nothing,
 * and with `records` false the interpreter does not even gather what a recorder would be given.
 */
export interface Recorder {
  readonly records: boolean;
  /** Called once, with the county as the interpreter reads it (its published figures carried). */
  begin(ctx: CountyContext): void;
  check(facts: CheckFacts): CheckResult | undefined;
  unapplied(plan: PlanIndicator, record: DataRecord, outcome: FormulaOutcome): SubjectResult | undefined;
  member(record: DataRecord, verdict: Verdict, checks: CheckResult[]): SubjectResult | undefined;
  indicator(
    plan: PlanIndicator,
    outcome: IndicatorOutcome,
    notApplicable: number,
  ): IndicatorResult | undefined;
  unit(
    area: PlanArea,
    record: DataRecord,
    verdict: Verdict,
    results: Map<string, MemberOutcome>,
  ): UnitAreaResult | undefined;
  area(
    area: PlanArea,
    verdict: Verdict,
    own: IndicatorOutcome[],
    units: UnitAreaResult[],
    dispersion: DispersionResult[],
    perUnitAsReported: number | undefined,
  ): AreaResult | undefined;
  /** A comparison run for the trail: the facts it was given and the records it gave. */
  comparison(
    id: string,
    facts: { value: number | boolean | string; bound: number | boolean | string },
    conditions: ConditionRecord[],
  ): void;
}

/** The recorder that records nothing. */
export const NULL_RECORDER: Recorder = {
  records: false,
  begin: () => undefined,
  check: () => undefined,
  unapplied: () => undefined,
  member: () => undefined,
  indicator: () => undefined,
  unit: () => undefined,
  area: () => undefined,
  comparison: () => undefined,
};

/** One county run through the plan. */
export interface CountyRun {
  ctx: CountyContext;
  verdict: CountyVerdict;
  indicators: Map<string, IndicatorOutcome>;
  areas: { area: PlanArea; verdict: Verdict; trail?: AreaResult }[];
}

/** The published value of one check of a county indicator, when it is a number. */
export function publishedValue(
  reported: readonly ReportedFigure[],
  indicator: string,
  check: string,
  firstCheck: string | undefined,
): (ReportedFigure & { value: number }) | undefined {
  const figure = reported.find(
    (r) => r.indicator === indicator && r.figure === 'value' && (r.check ?? firstCheck) === check,
  );
  return figure && typeof figure.value === 'number'
    ? (figure as ReportedFigure & { value: number })
    : undefined;
}
