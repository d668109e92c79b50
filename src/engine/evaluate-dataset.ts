import type { CountyData, Dataset } from '../model/dataset.ts';
import type {
  AreaResult,
  ConditionRecord,
  CountyResult,
  Evaluation,
  IndicatorResult,
} from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { ENGINE_VERSION } from '../version.ts';
import { factKey } from './fact-key.ts';
import { checkReported } from './check-reported.ts';
import { compilePlan, type Plan } from './compile-plan.ts';
import { countyReasons } from './reasons/county-reasons.ts';
import { interpretCounty } from './interpret-county.ts';
import { JsonRulesEvaluator } from './json-rules-evaluator.ts';
import { TrailRecorder } from './trail-recorder.ts';
import type { ThresholdEvaluator } from './threshold-evaluator.ts';

export interface EvaluateOptions {
  /** The threshold evaluator; json-rules-engine (the reference) by default. */
  evaluator?: ThresholdEvaluator;
  /** Called after each county, e.g. to stream its result to disk or move a progress bar. */
  onCounty?: (result: CountyResult, index: number, total: number) => void | Promise<void>;
  /** Keep county results in the returned Evaluation (default true; false when they are streamed). */
  keepResults?: boolean;
}

/** Evaluates every county of a dataset under a rule set; every verdict carries its trail. */
export async function evaluateDataset(
  ruleset: RuleSet,
  dataset: Dataset,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const plan = compilePlan(ruleset, options.evaluator ?? new JsonRulesEvaluator());
  const evaluation: Evaluation = {
    format: 'junheng-result',
    formatVersion: 3,
    engine: { name: 'junheng', version: ENGINE_VERSION, evaluator: plan.evaluator.name },
    ruleset: { id: ruleset.id, title: ruleset.title, hash: ruleset.hash },
    dataset: { id: dataset.id, hash: dataset.hash },
    groupLabels: groupLabels(ruleset),
    counties: [],
  };
  if (ruleset.extends) evaluation.ruleset.extends = ruleset.extends;
  if (ruleset.document?.title)
    evaluation.ruleset.document = { number: ruleset.document.number, title: ruleset.document.title };
  if (dataset.title) evaluation.dataset.title = dataset.title;
  if (dataset.synthetic) evaluation.dataset.synthetic = true;
  let index = 0;
  for (const county of dataset.counties) {
    const result = await evaluateCounty(county, plan);
    if (options.keepResults !== false) evaluation.counties.push(result);
    await options.onCounty?.(result, index++, dataset.counties.length);
  }
  return evaluation;
}

/** The labels of every value of the inputs that group a level's records (stage → 小学, 初中). */
export function groupLabels(ruleset: RuleSet): Record<string, Text> {
  const labels: Record<string, Text> = {};
  for (const level of Object.values(ruleset.inputs.levels)) {
    const values = level?.group ? ruleset.inputs.inputs[level.group]?.values : undefined;
    for (const [key, label] of Object.entries(values ?? {})) labels[key] = label;
  }
  return labels;
}

/**
 * Evaluates one county with its trail: the plan's interpreter with the trail recorder. When the plan's evaluator is
 * not the compiled one (json-rules-engine, the reference), every comparison of the trail is run by it as well and
 * must give the same condition records; the trail then holds the reference's records.
 */
export async function evaluateCounty(county: CountyData, plan: Plan): Promise<CountyResult> {
  const recorder = new TrailRecorder(plan);
  const run = interpretCounty(plan, county, recorder);
  if (plan.evaluator !== plan.comparisons) {
    // A comparison is a pure function of its id and facts: each distinct one is run by the reference and checked
    // once, and every subject with the same facts gets a copy of the reference's records.
    const checked = new Map<string, ConditionRecord[]>();
    for (const { id, facts, conditions } of recorder.comparisons) {
      const key = `${id}\u0000${factKey(facts.value)}\u0000${factKey(facts.bound)}`;
      let reference = checked.get(key);
      if (!reference) {
        reference = await plan.evaluator.compare(id, facts);
        if (JSON.stringify(reference) !== JSON.stringify(conditions))
          throw new Error(
            `comparison ${id}: the compiled conditions ${JSON.stringify(conditions)} differ from ${plan.evaluator.name}'s ${JSON.stringify(reference)}`,
          );
        checked.set(key, reference);
      }
      conditions.splice(0, conditions.length, ...reference.map((record) => ({ ...record })));
    }
  }
  const ctx = run.ctx;
  const indicators = new Map<string, IndicatorResult>();
  for (const [id, outcome] of run.indicators) indicators.set(id, outcome.trail as IndicatorResult);
  const areas = run.areas.map((a) => a.trail as AreaResult);
  const all = [...indicators.values()];
  return {
    county: ctx.subject(ctx.data.record),
    verdict: run.verdict,
    reasons: countyReasons(
      run.verdict,
      areas,
      all.filter((i) => i.role === 'precondition'),
      all.filter((i) => i.role === 'veto'),
    ),
    areas,
    indicators: all,
    findings: checkReported(ctx.data.reported, indicators, areas, plan.ruleset),
  };
}
