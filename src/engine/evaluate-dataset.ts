import type { Dataset } from '../model/dataset.ts';
import type { AreaResult, CountyResult, Evaluation, IndicatorResult } from '../model/evaluation.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import type { CountyVerdict } from '../model/verdict.ts';
import { ENGINE_VERSION } from '../version.ts';
import { carryFigures } from './carry-figures.ts';
import { checkReported } from './check-reported.ts';
import { compileRuleSet, type CompiledRuleSet } from './compile-ruleset.ts';
import { CountyContext } from './county-context.ts';
import { evaluateArea } from './evaluate-area.ts';
import { evaluateIndicator } from './evaluate-indicator.ts';
import { JsonRulesEvaluator } from './json-rules-evaluator.ts';
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
  const compiled = compileRuleSet(ruleset, options.evaluator ?? new JsonRulesEvaluator());
  const evaluation: Evaluation = {
    format: 'junheng-result',
    formatVersion: 2,
    engine: { name: 'junheng', version: ENGINE_VERSION, evaluator: compiled.evaluator.name },
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
    const result = await evaluateCounty(new CountyContext(county, ruleset.inputs), compiled);
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

/** Evaluates one county: indicators, areas, precondition, vetoes, the overall verdict and the report check. */
export async function evaluateCounty(given: CountyContext, compiled: CompiledRuleSet): Promise<CountyResult> {
  const ruleset = compiled.ruleset;
  // A figure published for a corresponding indicator of another rule set is read as this rule set's.
  const carried = carryFigures(given.data, ruleset);
  const ctx = carried === given.data ? given : new CountyContext(carried, given.dictionary);
  const indicators = new Map<string, IndicatorResult>();
  for (const indicator of ruleset.indicators) {
    indicators.set(indicator.id, await evaluateIndicator(indicator, ctx, compiled));
  }
  const areas: AreaResult[] = [];
  for (const area of ruleset.areas) areas.push(await evaluateArea(area, indicators, ctx, compiled));
  const all = [...indicators.values()];
  const { verdict, reasons } = overallVerdict(
    areas,
    all.filter((i) => i.role === 'precondition'),
    all.filter((i) => i.role === 'veto'),
  );
  return {
    county: ctx.subject(ctx.data.record),
    verdict,
    reasons,
    areas,
    indicators: all,
    findings: checkReported(ctx.data.reported, indicators, areas, ruleset),
  };
}

/**
 * 认定 when every area is met, every precondition holds and no veto applies; 不予认定 when any of them fails;
 * otherwise 待定 (something is pending or missing, and nothing has failed).
 */
function overallVerdict(
  areas: AreaResult[],
  preconditions: IndicatorResult[],
  vetoes: IndicatorResult[],
): { verdict: CountyVerdict; reasons: Text[] } {
  const reasons: Text[] = [];
  for (const veto of vetoes.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ zh: `一票否决：${veto.title.zh}`, en: `veto: ${veto.title.en}` });
  }
  for (const p of preconditions.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ zh: `前提条件未满足：${p.title.zh}`, en: `precondition not met: ${p.title.en}` });
  }
  for (const area of areas.filter((a) => a.verdict === 'not_met')) {
    reasons.push({ zh: `${area.title.zh}未达标`, en: `${area.title.en} not met` });
  }
  if (reasons.length > 0) return { verdict: 'not_recognised', reasons };
  const open = [
    ...areas.map((a) => ({ title: a.title, verdict: a.verdict })),
    ...preconditions,
    ...vetoes,
  ].filter((x) => x.verdict !== 'met');
  if (open.length === 0) {
    return {
      verdict: 'recognised',
      reasons: [
        {
          zh: '各领域均达标，前提条件满足，无一票否决情形',
          en: 'every area met, the precondition holds, no veto applies',
        },
      ],
    };
  }
  for (const x of open) {
    reasons.push({
      zh: `${x.title.zh}${x.verdict === 'pending' ? '待评估' : '数据不足'}`,
      en: `${x.title.en} ${x.verdict === 'pending' ? 'pending' : 'lacks data'}`,
    });
  }
  return { verdict: 'undetermined', reasons };
}
