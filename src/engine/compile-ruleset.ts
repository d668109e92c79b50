import type { Check, Indicator, RuleSet } from '../model/ruleset.ts';
import { CompiledFormulas } from './compiled-formulas.ts';
import type { ComparisonSpec, ThresholdEvaluator } from './threshold-evaluator.ts';

/** A rule set made ready to evaluate: formulas compiled and every comparison prepared, once. */
export interface CompiledRuleSet {
  ruleset: RuleSet;
  formulas: CompiledFormulas;
  evaluator: ThresholdEvaluator;
  /** indicator id → the per-unit tolerance share of its area, when the area has a per-unit rule. */
  tolerance: Map<string, number>;
  specs: ComparisonSpec[];
}

export const PER_UNIT_MET = 'per_unit_met';
export const PER_UNIT_FAILED = 'per_unit_failed';

/** The id of the comparison of one threshold branch of a check. */
export function comparisonId(indicator: Indicator, check: Check, branch: string): string {
  return `${indicator.id}/${check.id}/${branch}`;
}

/** The comparison ids of an area's rules. */
export function areaComparisonId(area: string, rule: string, branch = '*'): string {
  return `${area}/${rule}/${branch}`;
}

/** Compiles a rule set for one evaluator: every threshold comparison becomes one prepared rule of that evaluator. */
export function compileRuleSet(ruleset: RuleSet, evaluator: ThresholdEvaluator): CompiledRuleSet {
  const specs: ComparisonSpec[] = [];
  const tolerance = new Map<string, number>();
  for (const area of ruleset.areas) {
    if (area.perUnit) for (const id of area.indicators) tolerance.set(id, area.perUnit.othersNotBelow);
    if (area.perUnit) {
      specs.push({
        id: areaComparisonId(area.id, PER_UNIT_MET),
        operator: '>=',
        params: { area: area.id, rule: 'per_unit', check: 'at_least_met' },
      });
      specs.push({
        id: areaComparisonId(area.id, PER_UNIT_FAILED),
        operator: '==',
        params: { area: area.id, rule: 'per_unit', check: 'none_below_tolerance' },
      });
    }
    if (area.dispersion) {
      for (const [branch, threshold] of Object.entries(area.dispersion.threshold.branches)) {
        specs.push({
          id: areaComparisonId(area.id, 'dispersion', branch),
          operator: threshold.operator,
          params: { area: area.id, rule: 'dispersion', branch },
        });
      }
      if (area.dispersion.threshold.default) {
        specs.push({
          id: areaComparisonId(area.id, 'dispersion', 'default'),
          operator: area.dispersion.threshold.default.operator,
          params: { area: area.id, rule: 'dispersion', branch: 'default' },
        });
      }
    }
  }
  for (const indicator of ruleset.indicators) {
    for (const check of indicator.checks) {
      const branches = Object.entries(check.threshold.branches);
      if (check.threshold.default) branches.push(['default', check.threshold.default]);
      for (const [branch, threshold] of branches) {
        const spec: ComparisonSpec = {
          id: comparisonId(indicator, check, branch),
          operator: threshold.operator,
          params: { indicator: indicator.id, check: check.id, branch },
        };
        const share = tolerance.get(indicator.id);
        if (share !== undefined && (threshold.operator === '>=' || threshold.operator === '>'))
          spec.toleranceShare = share;
        specs.push(spec);
      }
    }
  }
  evaluator.prepare(specs);
  return { ruleset, formulas: new CompiledFormulas(), evaluator, tolerance, specs };
}
