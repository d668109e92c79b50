import { compilePlan } from '../engine/compile-plan.ts';
import { CompiledEvaluator } from '../engine/compiled-evaluator.ts';
import { countyVerdicts, type CountyVerdicts } from '../engine/county-verdicts.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import type { CountyData, Dataset, Lang, RuleSet } from '../model/index.ts';
import { SummaryCollector, type DatasetSummary } from '../report/county-summary.ts';
import { writeSummary } from '../report/render-summary.ts';
import type { CliIo } from './cli-context.ts';
import { ProgressBar } from './progress-bar.ts';
import type { CountyStream } from '../data/read-counties-one-by-one.ts';
import type { VerdictPool } from './verdict-pool.ts';

export interface VerdictsOnlyOptions {
  outDir: string;
  lang: Lang;
  io: CliIo;
  quiet?: boolean;
  /** Worker threads already started on the dataset (verdict-pool.ts), joined with `stream`. */
  pool?: { pool: VerdictPool; stream: CountyStream };
}

/**
 * `evaluate --verdicts-only`: every county's verdicts on the verdict-only path (the plan with the null recorder, no
 * trail built), written as the summary files (summary.csv, summary.md, summary.json) of a full run, byte for byte,
 * without counties.ndjson. With a pool, the counties are judged on its worker threads and this one (verdict-pool.ts)
 * and merged in the dataset's order.
 */
export async function evaluateVerdictsOnly(
  ruleset: RuleSet,
  dataset: Dataset,
  counties: Iterable<CountyData>,
  total: number,
  options: VerdictsOnlyOptions,
): Promise<{ summary: DatasetSummary; written: string[] }> {
  // The verdict-only path is the compiled plan: the header names the compiled evaluator, as a full run of many counties does.
  const header = await evaluateDataset(
    ruleset,
    { ...dataset, counties: [] },
    { evaluator: new CompiledEvaluator() },
  );
  const collector = new SummaryCollector(header);
  const titles = {
    indicators: new Map(ruleset.indicators.map((i) => [i.id, i.title] as const)),
    areas: new Map(ruleset.areas.map((a) => [a.id, a.title] as const)),
  };
  const add = (v: CountyVerdicts): void =>
    collector.addRow(
      { county: v.county, name: v.name, verdict: v.verdict, areas: v.areas, open: v.open },
      titles,
    );
  if (options.pool !== undefined) {
    for (const verdicts of await options.pool.pool.run(options.pool.stream)) add(verdicts);
  } else {
    const progress = new ProgressBar(options.io, options.lang === 'zh' ? '评估中' : 'evaluating');
    const plan = compilePlan(ruleset);
    let index = 0;
    for (const county of counties) {
      add(countyVerdicts(plan, county));
      if (!options.quiet) progress.update(++index, total);
    }
  }
  const summary = collector.summary();
  return { summary, written: await writeSummary(summary, options.outDir, options.lang) };
}
