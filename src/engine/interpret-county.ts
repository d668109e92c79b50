import { recordValue, type CountyData, type DataRecord, type ReportedFigure } from '../model/dataset.ts';
import type {
  AreaResult,
  CheckResult,
  ConditionRecord,
  DispersionResult,
  UnitAreaResult,
} from '../model/evaluation.ts';
import type { Threshold } from '../model/ruleset.ts';
import type { Verdict } from '../model/verdict.ts';
import { worseVerdict } from '../model/verdict.ts';
import { carryFigures } from './carry-figures.ts';
import {
  selectionOf,
  type Plan,
  type PlanArea,
  type PlanCheck,
  type PlanIndicator,
  type Selection,
} from './compile-plan.ts';
import type { CompiledComparison } from './compiled-evaluator.ts';
import { CountyContext } from './county-context.ts';
import { judgeAsReported } from './decide/as-reported.ts';
import { decideWithoutRecords, verdictOfConditions } from './decide/decide-check.ts';
import { decidePerUnitAsReported } from './decide/per-unit-rule.ts';
import { decideArea, decideCounty } from './decide/roll-up.ts';
import { evaluateDispersion, type Compare } from './evaluate-dispersion.ts';
import { evaluateFormula, type FormulaOutcome } from './evaluate-formula.ts';
import { evaluatePerUnit } from './evaluate-per-unit.ts';
import { RowJudge } from './judge-rows.ts';
import type { PlanFormula } from './plan-formula.ts';
import { attestedValue, readAttestation } from './read-attestation.ts';
import {
  NULL_RECORDER,
  publishedValue,
  type CheckFacts,
  type CountyRun,
  type IndicatorOutcome,
  type Judged,
  type MemberOutcome,
  type Outcome,
  type Recorder,
} from './recorder.ts';
import { selectOption } from './select-option.ts';

const INSUFFICIENT: Outcome = { state: 'insufficient_data', value: null };

/** A measure's check: no threshold applies. */
const NO_THRESHOLD: Selection = Object.freeze({
  threshold: undefined,
  branch: '*',
  comparison: undefined,
  numbers: undefined,
});

/** The state of a described formula outcome. */
function stateOf(outcome: FormulaOutcome): Outcome['state'] {
  return outcome.reason ? (outcome.pending ? 'pending' : 'insufficient_data') : 'ok';
}

/**
 * The one interpreter of a plan: runs a county's indicators, areas (per-unit rule, dispersion, composite CV, the
 * as-reported judging of published counts), preconditions, vetoes and the overall verdict, synchronously, and
 * hands what it finds to a recorder. Every decision is a pure function of decide/; the trail recorder and the null
 * recorder see the same decisions. With the null recorder, the members of the outcomes returned are valid until the
 * next county is interpreted with the same plan (judge-rows.ts reuses their objects): read them before that.
 */
export function interpretCounty(
  plan: Plan,
  published: CountyData,
  recorder: Recorder = NULL_RECORDER,
): CountyRun {
  return new Interpreter(plan, published, recorder).run();
}

class Interpreter {
  readonly ctx: CountyContext;
  private readonly records: boolean;
  /** The value of the last check run (null when there is none), read by the caller right after. */
  private checkValue: number | boolean | null = null;
  /** Judges records held in columns from their columns (indicators judged by row, without a trail). */
  private readonly rows = new RowJudge();
  /** The last judgement, when recording. */
  private judged: Judged | undefined;

  constructor(
    private readonly plan: Plan,
    published: CountyData,
    private readonly recorder: Recorder,
  ) {
    // A figure published for a corresponding indicator of another rule set is read as this rule set's.
    this.ctx = new CountyContext(carryFigures(published, plan.ruleset), plan.ruleset.inputs);
    this.records = recorder.records;
    recorder.begin(this.ctx);
  }

  run(): CountyRun {
    const outcomes = new Map<string, IndicatorOutcome>();
    for (const plan of this.plan.indicators) outcomes.set(plan.indicator.id, this.indicator(plan));
    const areas = this.plan.areas.map((area) => this.area(area, outcomes));
    const verdictsOf = (role: string) =>
      this.plan.indicators
        .filter((p) => p.indicator.role === role)
        .map((p) => (outcomes.get(p.indicator.id) as IndicatorOutcome).verdict);
    const verdict = decideCounty(
      areas.map((a) => a.verdict),
      verdictsOf('precondition'),
      verdictsOf('veto'),
    );
    return { ctx: this.ctx, verdict, indicators: outcomes, areas };
  }

  /** A formula's outcome: the plan's fast function, or the described evaluation when recording. */
  private formula(formula: PlanFormula, record: DataRecord): Outcome {
    if (!this.records) return formula.evaluate(this.ctx, record);
    const described = evaluateFormula(formula.formula, this.plan.compiled.formulas, this.ctx, record);
    return { state: stateOf(described), value: described.value, described };
  }

  private indicator(plan: PlanIndicator): IndicatorOutcome {
    const { indicator } = plan;
    const ctx = this.ctx;
    if (indicator.level === 'county') {
      const member = this.member(plan, ctx.data.record, ctx.data.reported);
      const outcome: IndicatorOutcome = { verdict: member.verdict, members: [member], failing: 0 };
      return this.recordIndicator(plan, outcome, 0);
    }
    const records = ctx.members(indicator.level);
    const keep = this.records || plan.keepMembers;
    const members: MemberOutcome[] = [];
    let verdict: Verdict = 'met';
    let failing = 0;
    let notApplicable = 0;
    // Records held in columns are judged from their chunk's columns when every check can be (no trail).
    const byRow = !this.records && plan.byRow;
    if (byRow) this.rows.start(plan);
    // An indexed loop: the array iterator's result objects are not always optimised away in a function this size.
    for (let r = 0; r < records.length; r++) {
      const record = records[r] as DataRecord;
      // A record held in columns reads its values from them (readValue); a copy of one reads its own.
      const chunk = byRow && record.readValue !== undefined ? record.chunk : undefined;
      // Consecutive rows of one chunk (most often all of a level's records): each formula runs as a loop.
      const run = chunk && this.rows.run(plan, chunk, records, r, keep ? members : undefined);
      if (run) {
        verdict = worseVerdict(verdict, run.verdict);
        failing += run.failing;
        notApplicable += run.notApplicable;
        r = run.end - 1;
        continue;
      }
      if (plan.appliesWhen) {
        const applies: Outcome =
          chunk !== undefined
            ? plan.appliesWhen.evaluateRow(chunk, record.index as number)
            : this.formula(plan.appliesWhen, record);
        if (applies.state === 'ok' && applies.value === false) {
          notApplicable++;
          continue;
        }
        if (applies.state !== 'ok') {
          verdict = worseVerdict(verdict, applies.state);
          if (keep) {
            const member: MemberOutcome = { record, verdict: applies.state, values: [], unapplied: true };
            if (this.records) {
              const trail = this.recorder.unapplied(plan, record, applies.described as FormulaOutcome);
              if (trail) member.trail = trail;
            }
            members.push(member);
          }
          continue;
        }
      }
      if (keep) {
        const member =
          chunk !== undefined ? this.rows.member(plan, record, chunk) : this.member(plan, record, undefined);
        if (member.verdict === 'not_met') failing++;
        verdict = worseVerdict(verdict, member.verdict);
        members.push(member);
      } else {
        let member: Verdict = 'met';
        if (chunk !== undefined) {
          const index = record.index as number;
          for (const check of plan.checks)
            member = worseVerdict(member, this.rows.check(plan, check, chunk, index));
        } else
          for (const check of plan.checks)
            member = worseVerdict(member, this.check(plan, check, record, undefined));
        if (member === 'not_met') failing++;
        verdict = worseVerdict(verdict, member);
      }
    }
    const outcome: IndicatorOutcome = { verdict, members, failing };
    if (records.length === 0) {
      const reported = judgeAsReported(indicator.id, ctx.data.reported);
      if (reported) outcome.asReported = reported;
      outcome.verdict = reported ? reported.verdict : 'insufficient_data';
    }
    return this.recordIndicator(plan, outcome, notApplicable);
  }

  private recordIndicator(
    plan: PlanIndicator,
    outcome: IndicatorOutcome,
    notApplicable: number,
  ): IndicatorOutcome {
    if (this.records) {
      const trail = this.recorder.indicator(plan, outcome, notApplicable);
      if (trail) outcome.trail = trail;
    }
    return outcome;
  }

  /** One record's outcome of an indicator; `reported` is the county's published figures, for a county indicator. */
  private member(
    plan: PlanIndicator,
    record: DataRecord,
    reported: ReportedFigure[] | undefined,
  ): MemberOutcome {
    // Sized once: an array grown by push from empty gets room for 17 values, most of a member's bytes.
    const values = new Array<number | boolean | null>(plan.checks.length);
    const checks: CheckResult[] | undefined = this.records ? [] : undefined;
    let verdict: Verdict = 'met';
    for (let i = 0; i < plan.checks.length; i++) {
      verdict = worseVerdict(
        verdict,
        this.check(plan, plan.checks[i] as PlanCheck, record, reported, checks),
      );
      values[i] = this.checkValue;
    }
    const member: MemberOutcome = { record, verdict, values };
    if (checks) {
      const trail = this.recorder.member(record, verdict, checks);
      if (trail) member.trail = trail;
    }
    return member;
  }

  /** One check: its verdict; `checkValue` holds the value it was judged on. */
  private check(
    plan: PlanIndicator,
    entry: PlanCheck,
    record: DataRecord,
    reported: ReportedFigure[] | undefined,
    trail?: CheckResult[],
  ): Verdict {
    const { check } = entry;
    const { indicator } = plan;
    const ctx = this.ctx;
    // The value: an attestation, a formula, or the formula of the definition option in force.
    let outcome: Outcome;
    let formula = check.value;
    let choice: ReturnType<typeof selectOption> | undefined;
    if (check.kind === 'attestation') {
      const name = check.attestation as string;
      const value = attestedValue(ctx.data.attestations[name]);
      outcome = { state: value === null ? 'insufficient_data' : 'ok', value };
      if (this.records) outcome.described = readAttestation(name, ctx);
    } else {
      let fn = entry.value;
      if (check.choice && entry.options) {
        choice = selectOption(check.choice, ctx.data.choices);
        fn = entry.options.get(choice.option);
        formula = check.choice.options[choice.option]?.value;
      }
      outcome = fn
        ? this.formula(fn, record)
        : this.records
          ? { state: 'insufficient_data', value: null, described: { value: null, inputs: [] } }
          : INSUFFICIENT;
    }
    let published: CheckFacts['published'];
    if (outcome.state !== 'ok' && reported) {
      // No inputs to recompute from: judge on the published figure, and say so.
      const figure = publishedValue(reported, indicator.id, check.id, indicator.checks[0]?.id);
      if (figure) {
        published = figure;
        // The trail keeps the inputs that were read, beside the published figure.
        outcome = { state: 'ok', value: figure.value, described: outcome.described as FormulaOutcome };
      }
    }
    let verdict: Verdict;
    let value: number | boolean | null = null;
    const selected = indicator.role === 'measure' ? NO_THRESHOLD : this.selectThreshold(entry, record);
    this.judged = undefined;
    if (indicator.role === 'measure') {
      // A measure has no standard: its value only feeds its area's dispersion.
      verdict = outcome.state === 'ok' ? 'met' : outcome.state;
      if (outcome.state === 'ok') value = outcome.value as number | boolean;
    } else if (outcome.state !== 'ok') verdict = outcome.state;
    else if (!selected.threshold) verdict = 'insufficient_data';
    else {
      value = outcome.value as number | boolean;
      verdict = this.judge(entry, selected.threshold, selected.branch, outcome.value, record);
    }
    this.checkValue = value;
    if (this.records) {
      const facts: CheckFacts = {
        plan,
        check,
        record,
        outcome: outcome.described as FormulaOutcome,
        selected,
        verdict,
        alternatives: [],
      };
      if (formula) facts.formula = formula;
      if (choice) facts.choice = choice;
      if (published) facts.published = published;
      this.recordCheck(entry, facts, trail);
    }
    return verdict;
  }

  /**
   * Hands a check to the recorder, with the last judgement and, under a choice, how every other definition option
   * would have fared (kept apart from check(), which a run without a trail keeps small).
   */
  private recordCheck(entry: PlanCheck, facts: CheckFacts, trail: CheckResult[] | undefined): void {
    const { check, choice, selected, record, plan } = facts;
    const judged = this.judged;
    if (choice && check.choice && selected.threshold && judged && entry.options) {
      for (const option of Object.keys(check.choice.options)) {
        if (option === choice.option) continue;
        const alt = this.formula(entry.options.get(option) as PlanFormula, record);
        const verdict =
          alt.state === 'ok'
            ? this.judge(entry, selected.threshold, selected.branch, alt.value, record)
            : alt.state;
        facts.alternatives.push({ option, value: typeof alt.value === 'number' ? alt.value : null, verdict });
      }
    }
    if (judged) facts.judged = judged;
    if (plan.toleranceShare !== undefined) facts.toleranceShare = plan.toleranceShare;
    const result = this.recorder.check(facts);
    if (result) trail?.push(result);
  }

  /** The threshold that applies to a record: by its category (e.g. stage), or the only one. */
  private selectThreshold(entry: PlanCheck, record: DataRecord): Selection {
    const by = entry.category;
    if (!by) return entry.selections.get(undefined) as Selection;
    // As CountyContext.value, with the input resolved once by the plan.
    const holder = this.ctx.at(record, by.level);
    const value = holder === undefined ? undefined : by.isKey ? holder.key : recordValue(holder, by.name);
    return selectionOf(entry, typeof value === 'string' ? value : undefined);
  }

  /** The verdict of a value against a threshold (its bound a constant or a formula); the trail of it in `judged`. */
  private judge(
    entry: PlanCheck,
    threshold: Threshold,
    branch: string,
    value: number | boolean | string | null,
    record: DataRecord,
  ): Verdict {
    let bound = threshold.bound;
    let boundInputs: FormulaOutcome['inputs'] | undefined;
    const boundFormula = entry.bounds.get(threshold);
    if (boundFormula) {
      const b = this.formula(boundFormula, record);
      if (this.records) boundInputs = b.described?.inputs;
      if (b.state !== 'ok' || b.value === null) {
        const verdict = b.state === 'ok' ? 'insufficient_data' : b.state;
        if (this.records) {
          this.judged = { verdict, conditions: [], boundInputs: boundInputs ?? [] };
          if (b.described?.reason) this.judged.reason = b.described.reason;
        }
        return verdict;
      }
      bound = b.value;
    }
    if (value === null || bound === undefined) {
      if (this.records) this.judged = { verdict: 'insufficient_data', conditions: [] };
      return 'insufficient_data';
    }
    const comparison = entry.comparisons.get(branch) as CompiledComparison;
    if (!this.records) {
      const decided = decideWithoutRecords(comparison, value, bound);
      if (decided !== undefined) return decided;
      return verdictOfConditions(comparison.run({ value, bound }));
    }
    const conditions = this.compare(comparison, value, bound);
    const verdict = verdictOfConditions(conditions);
    this.judged = { verdict, conditions, bound };
    if (boundInputs) this.judged.boundInputs = boundInputs;
    return verdict;
  }

  private readonly compareFn: Compare = (comparison, value, bound) => this.compare(comparison, value, bound);

  /** Runs a comparison; when recording, tells the recorder (which may check it against the reference evaluator). */
  compare(
    comparison: CompiledComparison,
    value: number | boolean | string,
    bound: number | boolean | string,
  ): ConditionRecord[] {
    const facts = { value, bound };
    const conditions = comparison.run(facts);
    if (this.records) this.recorder.comparison(comparison.spec.id, facts, conditions);
    return conditions;
  }

  private area(
    area: PlanArea,
    outcomes: Map<string, IndicatorOutcome>,
  ): { area: PlanArea; verdict: Verdict; trail?: AreaResult } {
    const rule = area.area;
    const own: { plan: PlanIndicator; outcome: IndicatorOutcome }[] = area.indicators.map((plan) => ({
      plan,
      outcome: outcomes.get(plan.indicator.id) as IndicatorOutcome,
    }));
    // Measures have no standard of their own: they count only through the dispersion.
    const judged = own.filter((o) => o.plan.indicator.role !== 'measure');
    const verdicts: Verdict[] = [];
    const units: UnitAreaResult[] = [];
    let perUnitAsReported: number | undefined;
    if (rule.perUnit) {
      const unitVerdicts = evaluatePerUnit(area, judged, this.compareFn, this.recorder, units);
      verdicts.push(...unitVerdicts);
      if (unitVerdicts.length === 0) {
        const reported = decidePerUnitAsReported(
          rule.perUnit.atLeastMet,
          own.map((o) => ({ verdict: o.outcome.verdict, asReported: o.outcome.asReported !== undefined })),
        );
        verdicts.push(reported.verdict);
        perUnitAsReported = reported.withShortfall;
      }
    } else {
      for (const o of judged) verdicts.push(o.outcome.verdict);
    }
    let dispersion: DispersionResult[] = [];
    if (rule.dispersion) {
      dispersion = evaluateDispersion(area, own, this.ctx, this.compareFn, this.records);
      // Under a composite rule only the composite is judged; the single CVs are shown.
      for (const d of dispersion) if (!d.inComposite) verdicts.push(d.verdict);
    }
    const verdict = decideArea(verdicts);
    const out: { area: PlanArea; verdict: Verdict; trail?: AreaResult } = { area, verdict };
    if (this.records) {
      const trail = this.recorder.area(
        area,
        verdict,
        own.map((o) => o.outcome),
        units,
        dispersion,
        perUnitAsReported,
      );
      if (trail) out.trail = trail;
    }
    return out;
  }
}
