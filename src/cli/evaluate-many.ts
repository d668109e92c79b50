import { join } from 'node:path';
import { compilePlan } from '../engine/compile-plan.ts';
import { evaluateCounty, evaluateDataset } from '../engine/evaluate-dataset.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import type { CountyData, Dataset, Lang, RuleSet } from '../model/index.ts';
import { SummaryCollector, type DatasetSummary } from '../report/county-summary.ts';
import { writeSummary } from '../report/render-summary.ts';
import { COUNTY_STREAM_FILE, CountyStreamWriter } from '../report/write-county-stream.ts';
import type { CliIo } from './cli-context.ts';
import { ProgressBar } from './progress-bar.ts';

/**
 * Evaluates a dataset of many counties without keeping their results: each county's result, trail included, is
 * streamed to counties.ndjson as soon as it is judged, and only a small summary row per county is kept, for
 * summary.csv, summary.md and summary.json. `counties` may be read one at a time (readCountiesOneByOne), so that
 * memory holds one county; it is the dataset's own list otherwise.
 */
export async function evaluateMany(
  ruleset: RuleSet,
  dataset: Dataset,
  options: { evaluator: ThresholdEvaluator; outDir: string; lang: Lang; io: CliIo; quiet?: boolean },
  counties: Iterable<CountyData> = dataset.counties,
  total: number = dataset.counties.length,
): Promise<{ summary: DatasetSummary; written: string[] }> {
  const progress = new ProgressBar(options.io, options.lang === 'zh' ? '评估中' : 'evaluating');
  let stream: CountyStreamWriter | undefined;
  let collector: SummaryCollector | undefined;
  const header = await evaluateDataset(
    ruleset,
    { ...dataset, counties: [] },
    { evaluator: options.evaluator },
  );
  try {
    stream = await CountyStreamWriter.open(join(options.outDir, COUNTY_STREAM_FILE), header);
    collector = new SummaryCollector(header);
    // As evaluateDataset does, one county after another, each result written and dropped before the next.
    const plan = compilePlan(ruleset, options.evaluator);
    let index = 0;
    for (const county of counties) {
      const result = await evaluateCounty(county, plan);
      collector.add(result);
      await stream.write(result);
      index++;
      if (!options.quiet) progress.update(index, total);
    }
    await stream.close();
  } catch (error) {
    await stream?.abort();
    throw error;
  }
  const summary = collector.summary();
  const written = [stream.file, ...(await writeSummary(summary, options.outDir, options.lang))];
  return { summary, written };
}
