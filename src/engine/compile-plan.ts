import type { Level } from '../model/level.ts';
import type { Area, Check, Formula, Indicator, RuleSet, Threshold } from '../model/ruleset.ts';
import {
  areaComparisonId,
  comparisonId,
  compileRuleSet,
  PER_UNIT_FAILED,
  PER_UNIT_MET,
  type CompiledRuleSet,
} from './compile-ruleset.ts';
import { CompiledEvaluator, type CompiledComparison } from './compiled-evaluator.ts';
import { BoundColumns, PlanFormula } from './plan-formula.ts';
import { prepareNumberDecision, type NumberDecision } from './decide/decide-check.ts';
import { pickBranch } from './threshold-branch.ts';
import type { ThresholdEvaluator } from './threshold-evaluator.ts';

/** The threshold that applies to a category value, its branch, and that branch's comparison. */
export type Selection = Readonly<{
  threshold: Threshold | undefined;
  branch: string;
  comparison: CompiledComparison | undefined;
  /** The comparison made ready for numbers, when the threshold's bound is a finite number. */
  numbers: NumberDecision | undefined;
}>;

/** The threshold selected for a category value: pickBranch is pure, so one selection per value, made once per plan. */
export function selectionOf(entry: PlanCheck, category: string | undefined): Selection {
  let selected = entry.selections.get(category);
  if (!selected) {
    const { threshold, branch } = pickBranch(entry.check.threshold, category);
    const comparison = entry.comparisons.get(branch);
    // Every selection has the same fields, so that a loop over rows of several categories reads them in one way.
    selected = {
      threshold,
      branch,
      comparison,
      numbers: comparison && prepareNumberDecision(comparison, threshold?.bound),
    };
    // A category has a handful of values; a column of stray ones is not kept.
    if (entry.selections.size < 64) entry.selections.set(category, selected);
  }
  return selected;
}

/** One check of the plan: its formulas and its comparisons, one per threshold branch. */
export interface PlanCheck {
  check: Check;
  value?: PlanFormula;
  /** The formula of each definition option, when the check's value is a choice. */
  options?: Map<string, PlanFormula>;
  bounds: Map<Threshold, PlanFormula>;
  comparisons: Map<string, CompiledComparison>;
  /** The threshold selected for each value of the category it is keyed by (`undefined`: missing, or not keyed). */
  selections: Map<string | undefined, Selection>;
  /** The input the threshold is keyed by, resolved against the dictionary once: its level, and whether it is the key. */
  category?: { name: string; level: Level | undefined; isKey: boolean };
  /** The category's column, when the category is a plain input of the indicator's own level. */
  categoryColumn?: BoundColumns;
}

/** One indicator of the plan. */
export interface PlanIndicator {
  indicator: Indicator;
  appliesWhen?: PlanFormula;
  checks: PlanCheck[];
  /** Whether an area's per-unit rule or dispersion reads its members' outcomes; otherwise only verdicts are folded. */
  keepMembers: boolean;
  /** The per-unit tolerance share of its area (the 85%), when the area has a per-unit rule. */
  toleranceShare?: number;
  /**
   * Whether a record held in columns can be judged from its chunk's columns alone (a run without a trail): every
   * check's value is a formula of the level's own inputs run as JavaScript, its bound a constant and its category
   * (if any) an input of the level; the applies-when formula (if any) likewise.
   */
  byRow: boolean;
}

/** One area of the plan: its indicators in rule order and its rules' comparisons. */
export interface PlanArea {
  area: Area;
  indicators: PlanIndicator[];
  perUnitMet?: CompiledComparison;
  perUnitFailed?: CompiledComparison;
  /** Dispersion comparison per threshold branch. */
  dispersion: Map<string, CompiledComparison>;
}

/**
 * A rule set compiled once into what the interpreter runs: every formula compiled (to JavaScript where it can be),
 * every comparison compiled from its json-rules-engine rule JSON, the indicators and areas in rule order.
 * `evaluator` is the evaluator a trail names and, when it is not the compiled one, the reference every comparison
 * of a trail is checked against.
 */
export interface Plan {
  ruleset: RuleSet;
  compiled: CompiledRuleSet;
  indicators: PlanIndicator[];
  byId: Map<string, PlanIndicator>;
  areas: PlanArea[];
  comparisons: CompiledEvaluator;
  evaluator: ThresholdEvaluator;
}

/** Compiles a rule set into its plan; `evaluator` (compiled by default) is prepared with the same comparisons. */
export function compilePlan(ruleset: RuleSet, evaluator: ThresholdEvaluator = new CompiledEvaluator()): Plan {
  const comparisons = evaluator instanceof CompiledEvaluator ? evaluator : new CompiledEvaluator();
  const compiled = compileRuleSet(ruleset, comparisons);
  if (evaluator !== comparisons) evaluator.prepare(compiled.specs);
  const make = (formula: Formula) => new PlanFormula(formula, compiled.formulas, ruleset.inputs);
  const readMembers = new Set(
    ruleset.areas.filter((a) => a.perUnit || a.dispersion).flatMap((a) => a.indicators),
  );
  const indicators: PlanIndicator[] = [];
  const byId = new Map<string, PlanIndicator>();
  for (const indicator of ruleset.indicators) {
    const plan: PlanIndicator = {
      indicator,
      checks: [],
      keepMembers: readMembers.has(indicator.id),
      byRow: false,
    };
    const share = compiled.tolerance.get(indicator.id);
    if (share !== undefined) plan.toleranceShare = share;
    if (indicator.appliesWhen) plan.appliesWhen = make(indicator.appliesWhen);
    for (const check of indicator.checks) {
      const entry: PlanCheck = { check, bounds: new Map(), comparisons: new Map(), selections: new Map() };
      const by = check.threshold.by;
      if (by) {
        const level = ruleset.inputs.inputs[by]?.level;
        entry.category = {
          name: by,
          level,
          isKey: level !== undefined && ruleset.inputs.levels[level]?.key === by,
        };
      }
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
        entry.comparisons.set(branch, comparisons.comparison(comparisonId(indicator, check, branch)));
      }
      selectionOf(entry, undefined);
      if (entry.category?.level === indicator.level && !entry.category.isKey)
        entry.categoryColumn = new BoundColumns([entry.category.name]);
      plan.checks.push(entry);
    }
    const level = indicator.level;
    plan.byRow =
      level !== 'county' &&
      (plan.appliesWhen === undefined || plan.appliesWhen.readsRow(level)) &&
      plan.checks.every(
        (c) =>
          c.check.kind !== 'attestation' &&
          !c.check.choice &&
          c.value !== undefined &&
          c.value.readsRow(level) &&
          c.bounds.size === 0 &&
          (c.category === undefined || c.categoryColumn !== undefined),
      );
    indicators.push(plan);
    byId.set(indicator.id, plan);
  }
  const areas: PlanArea[] = ruleset.areas.map((area) => {
    const plan: PlanArea = {
      area,
      indicators: area.indicators
        .map((id) => byId.get(id))
        .filter((i): i is PlanIndicator => i !== undefined),
      dispersion: new Map(),
    };
    if (area.perUnit) {
      plan.perUnitMet = comparisons.comparison(areaComparisonId(area.id, PER_UNIT_MET));
      plan.perUnitFailed = comparisons.comparison(areaComparisonId(area.id, PER_UNIT_FAILED));
    }
    if (area.dispersion) {
      const branches = Object.keys(area.dispersion.threshold.branches);
      if (area.dispersion.threshold.default) branches.push('default');
      for (const branch of branches)
        plan.dispersion.set(branch, comparisons.comparison(areaComparisonId(area.id, 'dispersion', branch)));
    }
    return plan;
  });
  return { ruleset, compiled, indicators, byId, areas, comparisons, evaluator };
}
