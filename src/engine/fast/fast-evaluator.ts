import { carryFigures } from '../carry-figures.ts';
import type { CountyData, DataRecord } from '../../model/dataset.ts';
import type { Area, Check, Indicator, RuleSet, Threshold } from '../../model/ruleset.ts';
import type { CountyVerdict, Verdict } from '../../model/verdict.ts';
import { combineVerdicts } from '../combine-verdicts.ts';
import { areaComparisonId, compileRuleSet, PER_UNIT_FAILED, PER_UNIT_MET } from '../compile-ruleset.ts';
import { CompiledEvaluator, type CompiledComparison } from '../compiled-evaluator.ts';
import { comparisonId } from '../evaluate-check.ts';
import { weightedCv } from '../weighted-cv.ts';
import { FastFormula, type FastOutcome } from './fast-formula.ts';
import { decideComparison } from './decide-comparison.ts';
import { RecordReader } from './record-reader.ts';
import { pickBranch } from '../threshold-branch.ts';

/** One indicator of a county that is not met or not decided, with how many members did not meet it. */
export interface OpenVerdict {
  indicator: string;
  verdict: Verdict;
  failing?: number;
}

/** The verdicts of one county, without trails: what a summary across counties needs. */
export interface CountyVerdicts {
  county: string;
  name: string;
  verdict: CountyVerdict;
  areas: Record<string, Verdict>;
  indicators: Record<string, Verdict>;
  /** Indicators not met, pending or lacking data, in rule-set order. */
  open: OpenVerdict[];
}

interface FastCheck {
  check: Check;
  value?: FastFormula;
  options?: Map<string, FastFormula>;
  bounds: Map<Threshold, FastFormula>;
  comparisons: Map<string, CompiledComparison>;
}

interface FastIndicator {
  indicator: Indicator;
  appliesWhen?: FastFormula;
  checks: FastCheck[];
  /** Whether an area's per-unit rule or dispersion reads its members' outcomes; otherwise only verdicts are folded. */
  keepMembers: boolean;
}

/** One member's outcome of one indicator: its verdict and, per check, the value the trail would hold. */
interface MemberOutcome {
  record: DataRecord;
  verdict: Verdict;
  values: (number | boolean | null)[];
  /** Left undecided by `applies_when`: the full path records one `applies_when` check for it. */
  unapplied?: true;
}

interface IndicatorOutcome {
  verdict: Verdict;
  members: MemberOutcome[];
  failing: number;
}

/** Rule features the verdict-only path does not cover; a rule set that uses one is evaluated by the full path. */
export function fastPathGaps(ruleset: RuleSet): string[] {
  const gaps: string[] = [];
  for (const area of ruleset.areas) {
    if (area.dispersion?.composite) gaps.push(`${area.id}: composite dispersion`);
  }
  for (const indicator of ruleset.indicators) {
    if (indicator.level !== 'county' && indicator.checks.some((c) => c.kind === 'attestation'))
      gaps.push(`${indicator.id}: attestation below the county`);
  }
  return gaps;
}

/**
 * The verdict-only, synchronous path: the same verdicts as evaluateCounty (indicators, per-unit rule, weighted CV,
 * precondition, vetoes, the county) without building a trail. It reuses the compiled formulas and the compiled
 * comparisons (the json-rules-engine rule JSON compiled to functions), so comparisons have the same 12-digit
 * semantics and tolerance; verdicts combine in combine-verdicts.ts's order. The differential test holds it to the
 * full path's verdicts.
 */
export class FastEvaluator {
  private readonly indicators: FastIndicator[] = [];
  private readonly comparisons: CompiledEvaluator;
  /** The value the trail would record for the last check (null when it records none): check() returns the verdict. */
  private checkValue: number | boolean | null = null;

  constructor(readonly ruleset: RuleSet) {
    const gaps = fastPathGaps(ruleset);
    if (gaps.length > 0) throw new Error(`the verdict-only path does not cover: ${gaps.join('; ')}`);
    this.comparisons = new CompiledEvaluator();
    const compiled = compileRuleSet(ruleset, this.comparisons);
    const make = (formula: NonNullable<Check['value']>) =>
      new FastFormula(formula, compiled.formulas, ruleset.inputs);
    const readMembers = new Set(
      ruleset.areas.filter((a) => a.perUnit || a.dispersion).flatMap((a) => a.indicators),
    );
    for (const indicator of ruleset.indicators) {
      const fast: FastIndicator = { indicator, checks: [], keepMembers: readMembers.has(indicator.id) };
      if (indicator.appliesWhen) fast.appliesWhen = make(indicator.appliesWhen);
      for (const check of indicator.checks) {
        const entry: FastCheck = { check, bounds: new Map(), comparisons: new Map() };
        if (check.value) entry.value = make(check.value);
        if (check.choice) {
          entry.options = new Map();
          for (const [option, def] of Object.entries(check.choice.options))
            entry.options.set(option, make(def.value));
        }
        const branches = Object.entries(check.threshold.branches);
        if (check.threshold.default) branches.push(['default', check.threshold.default]);
        for (const [branch, threshold] of branches) {
          if (threshold.boundFormula) entry.bounds.set(threshold, make(threshold.boundFormula));
          entry.comparisons.set(branch, this.comparisons.comparison(comparisonId(indicator, check, branch)));
        }
        fast.checks.push(entry);
      }
      this.indicators.push(fast);
    }
  }

  /** The verdicts of one county. */
  evaluateCounty(published: CountyData): CountyVerdicts {
    const county = carryFigures(published, this.ruleset);
    const reader = new RecordReader(county, this.ruleset.inputs);
    const outcomes = new Map<string, IndicatorOutcome>();
    for (const fast of this.indicators) outcomes.set(fast.indicator.id, this.indicator(fast, reader));
    const areas: Record<string, Verdict> = {};
    for (const area of this.ruleset.areas) areas[area.id] = this.area(area, outcomes, reader);
    const indicators: Record<string, Verdict> = {};
    const open: OpenVerdict[] = [];
    for (const { indicator } of this.indicators) {
      const outcome = outcomes.get(indicator.id) as IndicatorOutcome;
      indicators[indicator.id] = outcome.verdict;
      if (outcome.verdict === 'met' || outcome.verdict === 'within_tolerance') continue;
      const entry: OpenVerdict = { indicator: indicator.id, verdict: outcome.verdict };
      if (indicator.level !== 'county') entry.failing = outcome.failing;
      open.push(entry);
    }
    return {
      county: county.key,
      name: county.name,
      verdict: this.overall(areas, indicators),
      areas,
      indicators,
      open,
    };
  }

  private indicator(fast: FastIndicator, reader: RecordReader): IndicatorOutcome {
    const { indicator } = fast;
    if (indicator.level === 'county') {
      const member = this.member(fast, reader, reader.county.record, true);
      return { verdict: member.verdict, members: [member], failing: 0 };
    }
    const records = reader.members(indicator.level);
    if (!fast.keepMembers) return this.verdictsOnly(fast, reader, records);
    const members: MemberOutcome[] = [];
    let failing = 0;
    for (const record of records) {
      if (fast.appliesWhen) {
        const applies = fast.appliesWhen.evaluate(reader, record);
        if (applies.state === 'ok' && applies.value === false) continue;
        if (applies.state !== 'ok') {
          members.push({ record, verdict: applies.state, values: [], unapplied: true });
          continue;
        }
      }
      const member = this.member(fast, reader, record, false);
      if (member.verdict === 'not_met') failing++;
      members.push(member);
    }
    let verdict: Verdict = records.length === 0 ? 'insufficient_data' : 'met';
    for (const m of members) verdict = worse(verdict, m.verdict);
    return { verdict, members, failing };
  }

  /** An indicator whose members' outcomes nothing reads (3.7 million classes for G5): its verdict and failures. */
  private verdictsOnly(fast: FastIndicator, reader: RecordReader, records: DataRecord[]): IndicatorOutcome {
    let verdict: Verdict = records.length === 0 ? 'insufficient_data' : 'met';
    let failing = 0;
    for (const record of records) {
      if (fast.appliesWhen) {
        const applies = fast.appliesWhen.evaluate(reader, record);
        if (applies.state === 'ok' && applies.value === false) continue;
        if (applies.state !== 'ok') {
          verdict = worse(verdict, applies.state);
          continue;
        }
      }
      let member: Verdict = 'met';
      for (const check of fast.checks)
        member = worse(member, this.check(fast.indicator, check, reader, record, false));
      if (member === 'not_met') failing++;
      verdict = worse(verdict, member);
    }
    return { verdict, members: [], failing };
  }

  private member(
    fast: FastIndicator,
    reader: RecordReader,
    record: DataRecord,
    county: boolean,
  ): MemberOutcome {
    const values: (number | boolean | null)[] = [];
    let verdict: Verdict = 'met';
    for (const check of fast.checks) {
      verdict = worse(verdict, this.check(fast.indicator, check, reader, record, county));
      values.push(this.checkValue);
    }
    return { record, verdict, values };
  }

  /** One check: its verdict, and in `checkValue` the value the trail would record (null when it records none). */
  private check(
    indicator: Indicator,
    fast: FastCheck,
    reader: RecordReader,
    record: DataRecord,
    county: boolean,
  ): Verdict {
    const { check } = fast;
    let outcome: FastOutcome;
    if (check.kind === 'attestation') {
      const attestation = reader.county.attestations[check.attestation as string];
      if (
        !attestation ||
        attestation.attested === null ||
        (attestation.attested && attestation.evidence.length === 0)
      )
        outcome = { state: 'insufficient_data', value: null };
      else outcome = { state: 'ok', value: attestation.attested };
    } else {
      let formula = fast.value;
      if (check.choice && fast.options) {
        const chosen = reader.county.choices[check.choice.id];
        const option = chosen && check.choice.options[chosen.option] ? chosen.option : check.choice.default;
        formula = fast.options.get(option);
      }
      outcome = formula ? formula.evaluate(reader, record) : { state: 'insufficient_data', value: null };
    }
    if (outcome.state !== 'ok' && county) {
      // No inputs to recompute from: the full path judges on a published figure (evaluate-indicator.ts).
      const figure = reader.county.reported.find(
        (r) =>
          r.indicator === indicator.id &&
          r.figure === 'value' &&
          (r.check ?? indicator.checks[0]?.id) === check.id,
      );
      if (figure && typeof figure.value === 'number') outcome = { state: 'ok', value: figure.value };
    }
    if (indicator.role === 'measure') {
      return outcome.state === 'ok'
        ? this.out('met', outcome.value as number | boolean)
        : this.out(outcome.state, null);
    }
    const spec = check.threshold;
    let threshold: Threshold | undefined;
    let branch = '*';
    if (!spec.by) threshold = spec.branches['*'];
    else {
      const category = reader.cell(record, spec.by)?.value;
      if (typeof category === 'string') {
        threshold = spec.branches[category] ?? spec.default;
        branch = spec.branches[category] ? category : 'default';
      }
    }
    if (outcome.state !== 'ok') return this.out(outcome.state, null);
    if (!threshold) return this.out('insufficient_data', null);
    const value = outcome.value;
    let bound = threshold.bound;
    const boundFormula = fast.bounds.get(threshold);
    if (boundFormula) {
      const b = boundFormula.evaluate(reader, record);
      if (b.state !== 'ok') return this.out(b.state, value as number | boolean);
      bound = b.value;
    }
    if (bound === undefined) return this.out('insufficient_data', value as number | boolean);
    const comparison = fast.comparisons.get(branch) as CompiledComparison;
    const decided = decide(comparison, value, bound);
    if (decided !== undefined) return this.out(decided, value as number | boolean);
    const conditions = comparison.run({ value, bound });
    let verdict: Verdict = 'not_met';
    for (const c of conditions) if (c.role === 'standard' && c.result) verdict = 'met';
    if (verdict !== 'met')
      for (const c of conditions) if (c.role === 'tolerance' && c.result) verdict = 'within_tolerance';
    return this.out(verdict, value as number | boolean);
  }

  /** Records the check's value and returns its verdict. */
  private out(verdict: Verdict, value: number | boolean | null): Verdict {
    this.checkValue = value;
    return verdict;
  }

  private area(area: Area, outcomes: Map<string, IndicatorOutcome>, reader: RecordReader): Verdict {
    const own: { indicator: Indicator; outcome: IndicatorOutcome }[] = [];
    for (const id of area.indicators) {
      const outcome = outcomes.get(id);
      const indicator = this.ruleset.indicators.find((i) => i.id === id);
      if (outcome && indicator) own.push({ indicator, outcome });
    }
    const judged = own.filter((o) => o.indicator.role !== 'measure');
    const verdicts: Verdict[] = [];
    if (area.perUnit) {
      const perUnit = this.perUnit(area, judged);
      verdicts.push(...perUnit);
      if (perUnit.length === 0) verdicts.push('insufficient_data');
    } else {
      for (const o of judged) verdicts.push(o.outcome.verdict);
    }
    if (area.dispersion) verdicts.push(...this.dispersion(area, own, reader));
    const verdict = verdicts.length === 0 ? 'insufficient_data' : combineVerdicts(verdicts);
    return verdict === 'within_tolerance' ? 'met' : verdict;
  }

  private perUnit(area: Area, judged: { indicator: Indicator; outcome: IndicatorOutcome }[]): Verdict[] {
    const rule = area.perUnit as NonNullable<Area['perUnit']>;
    const byMember = new Map<string, Verdict[]>();
    for (const { outcome } of judged) {
      for (const member of outcome.members) {
        let list = byMember.get(member.record.key);
        if (!list) byMember.set(member.record.key, (list = []));
        list.push(member.verdict);
      }
    }
    const enough = this.comparisons.comparison(areaComparisonId(area.id, PER_UNIT_MET));
    const noneBelow = this.comparisons.comparison(areaComparisonId(area.id, PER_UNIT_FAILED));
    const out: Verdict[] = [];
    for (const list of byMember.values()) {
      let met = 0;
      let notMet = 0;
      const undecided: Verdict[] = [];
      for (const v of list) {
        if (v === 'met') met++;
        else if (v === 'not_met') notMet++;
        else if (v !== 'within_tolerance') undecided.push(v);
      }
      const isEnough = enough.run({ value: met, bound: rule.atLeastMet })[0]?.result;
      const isNoneBelow = noneBelow.run({ value: notMet, bound: 0 })[0]?.result;
      if (!isNoneBelow) out.push('not_met');
      else if (undecided.length > 0 && met + undecided.length >= rule.atLeastMet)
        out.push(combineVerdicts(undecided));
      else out.push(isEnough ? 'met' : 'not_met');
    }
    return out;
  }

  private dispersion(
    area: Area,
    own: { indicator: Indicator; outcome: IndicatorOutcome }[],
    reader: RecordReader,
  ): Verdict[] {
    const rule = area.dispersion as NonNullable<Area['dispersion']>;
    const level = area.perUnit?.level ?? 'unit';
    const out: Verdict[] = [];
    const levelGroups = new Set<string>(reader.members(level).map((r) => r.group ?? '*'));
    for (const { indicator, outcome } of own) {
      const groups = new Set(levelGroups);
      for (const figure of reader.county.reported) {
        if (figure.indicator === indicator.id && figure.figure === 'cv' && figure.group)
          groups.add(figure.group);
      }
      // The full path takes the checks its members were judged on; a member left undecided by applies_when has none.
      const checkIds = new Set<number>();
      for (const m of outcome.members) for (let i = 0; i < m.values.length; i++) checkIds.add(i);
      // A member left undecided by applies_when brings an `applies_when` check without a value (index -1).
      if (outcome.members.some((m) => m.unapplied)) checkIds.add(-1);
      const checks: (number | undefined)[] = [...checkIds];
      if (outcome.members.length === 0) checks.push(undefined);
      const sortedGroups = [...groups].sort();
      for (const checkIndex of checks) {
        for (const group of sortedGroups) {
          const values: number[] = [];
          const weights: number[] = [];
          let members = 0;
          let lacking = false;
          for (const member of outcome.members) {
            if ((member.record.group ?? '*') !== group) continue;
            members++;
            const value = checkIndex === undefined ? undefined : member.values[checkIndex];
            const weight = reader.cell(member.record, rule.weight)?.value;
            if (typeof value === 'number' && typeof weight === 'number') {
              values.push(value);
              weights.push(weight);
            } else lacking = true;
          }
          const { threshold, branch } = pickBranch(rule.threshold, group);
          let value: number | null;
          if (members === 0) {
            const figure = reader.county.reported.find(
              (r) =>
                r.indicator === indicator.id &&
                r.figure === 'cv' &&
                r.group === group &&
                Number.isFinite(Number(r.value)),
            );
            if (!figure) continue;
            value = Number(figure.value);
          } else if (lacking) {
            out.push('insufficient_data');
            continue;
          } else {
            value = weightedCv(values, weights).cv;
            if (value === null) {
              out.push('insufficient_data');
              continue;
            }
          }
          if (!threshold) {
            out.push('insufficient_data');
            continue;
          }
          const conditions = this.comparisons
            .comparison(areaComparisonId(area.id, 'dispersion', branch))
            .run({ value, bound: threshold.bound as number });
          out.push(conditions[0]?.result ? 'met' : 'not_met');
        }
      }
    }
    return out;
  }

  /** As evaluate-dataset.ts: vetoes, preconditions and areas decide; otherwise anything open leaves it undetermined. */
  private overall(areas: Record<string, Verdict>, indicators: Record<string, Verdict>): CountyVerdict {
    const roles = this.ruleset.indicators;
    const vetoes = roles.filter((i) => i.role === 'veto').map((i) => indicators[i.id]);
    const preconditions = roles.filter((i) => i.role === 'precondition').map((i) => indicators[i.id]);
    const areaVerdicts = Object.values(areas);
    if ([...vetoes, ...preconditions, ...areaVerdicts].some((v) => v === 'not_met')) return 'not_recognised';
    if ([...areaVerdicts, ...preconditions, ...vetoes].some((v) => v !== 'met')) return 'undetermined';
    return 'recognised';
  }
}

/**
 * The verdict of a comparison of two numbers when rounding to 12 digits cannot change it (decide-comparison.ts):
 * met when the standard holds, else within tolerance when the tolerance condition holds, else not met.
 */
function decide(comparison: CompiledComparison, value: unknown, bound: unknown): Verdict | undefined {
  if (typeof value !== 'number' || typeof bound !== 'number' || !Number.isFinite(bound)) return undefined;
  const { operator, toleranceShare } = comparison.spec;
  const standard = decideComparison(operator, value, bound);
  if (standard === undefined) return undefined;
  if (standard) return 'met';
  if (toleranceShare === undefined) return 'not_met';
  // The tolerance condition is `>=` (or `>` under a strict standard) against the share of the bound.
  const tolerance = decideComparison(operator === '>' ? '>' : '>=', value, bound * toleranceShare);
  if (tolerance === undefined) return undefined;
  return tolerance ? 'within_tolerance' : 'not_met';
}

const RANK: Record<Verdict, number> = {
  not_met: 0,
  insufficient_data: 1,
  pending: 2,
  within_tolerance: 3,
  met: 4,
};

/** The worse of two verdicts, in combineVerdicts's order (a fold of it, without an array). */
function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[b] < RANK[a] ? b : a;
}
