import { join } from 'node:path';
import { compilePlan } from '../engine/compile-plan.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import type { CountyData, Dataset, Evaluation, Lang, RuleSet } from '../model/index.ts';
import { SummaryCollector, type DatasetSummary } from '../report/county-summary.ts';
import { writeSummary } from '../report/render-summary.ts';
import { COUNTY_STREAM_FILE, CountyStreamWriter } from '../report/write-county-stream.ts';
import type { CliIo } from './cli-context.ts';
import { CountyPool, type Ready } from './county-pool.ts';
import { judgeAndPrepare, type PreparedCounty, type SinkPlan } from './prepare-county.ts';
import { ProgressBar } from './progress-bar.ts';

/** Where county results go instead of counties.ndjson and the summary files (a results store, say). */
export interface CountySink {
  /** How a county is made ready for this sink (judgeAndPrepare), in this thread or a worker. */
  plan: SinkPlan;
  /** Takes one county made ready by judgeAndPrepare; `position` is the county's place in the dataset. */
  writePrepared(payload: PreparedCounty['payload'], position: number): void | Promise<void>;
  /** Finishes the writing; returns the files written. */
  close(): Promise<string[]>;
  /** Gives up, leaving what was there before. */
  abort(): Promise<void>;
}

export interface EvaluateManyOptions {
  evaluator: ThresholdEvaluator;
  outDir: string;
  lang: Lang;
  io: CliIo;
  quiet?: boolean;
  /** Opens the sink the results go to, given the evaluation's header; counties.ndjson and the summaries otherwise. */
  sink?: (header: Evaluation) => Promise<CountySink>;
  /** Only the counties this says yes to are evaluated (a shard); the others are read and passed over. */
  only?: (county: CountyData) => boolean;
  /**
   * Worker threads to judge the counties on (the data is still read here, one county at a time); 1, the default,
   * judges them in this thread. The results are written in the dataset's order either way, the same bytes.
   */
  workers?: number;
}

/**
 * Evaluates a dataset of many counties without keeping their results: each county's result, trail included, is
 * streamed to counties.ndjson (or to the sink) as soon as it is judged, and only a small summary row per county is
 * kept, for summary.csv, summary.md and summary.json. `counties` may be read one at a time (readCountiesOneByOne),
 * so that memory holds one county; it is the dataset's own list otherwise.
 */
export async function evaluateMany(
  ruleset: RuleSet,
  dataset: Dataset,
  options: EvaluateManyOptions,
  counties: Iterable<CountyData> = dataset.counties,
  total: number = dataset.counties.length,
): Promise<{ summary: DatasetSummary; written: string[] }> {
  const progress = new ProgressBar(options.io, options.lang === 'zh' ? '评估中' : 'evaluating');
  let sink: CountySink | undefined;
  let collector: SummaryCollector | undefined;
  const header = await evaluateDataset(
    ruleset,
    { ...dataset, counties: [] },
    { evaluator: options.evaluator },
  );
  let written: string[];
  try {
    sink = options.sink
      ? await options.sink(header)
      : await streamSink(join(options.outDir, COUNTY_STREAM_FILE), header);
    collector = new SummaryCollector(header);
    const take = async (prepared: PreparedCounty, position: number): Promise<void> => {
      (collector as SummaryCollector).addRow(prepared.row, prepared.titles);
      await (sink as CountySink).writePrepared(prepared.payload, position);
    };
    const takeReady = (ready: Ready) => take(ready.prepared, ready.position);
    const workers = options.workers ?? 1;
    const pool =
      workers > 1
        ? new CountyPool(workers, { ruleset, evaluator: options.evaluator.name, plan: sink.plan, header })
        : undefined;
    try {
      // As evaluateDataset does, one county after another, each result written and dropped before the next.
      const plan = pool ? undefined : compilePlan(ruleset, options.evaluator);
      let index = 0;
      for (const county of counties) {
        if (!options.only || options.only(county)) {
          if (pool) {
            await pool.submit(index, county, takeReady);
          } else {
            await take(
              await judgeAndPrepare(sink.plan, header, county, plan as ReturnType<typeof compilePlan>),
              index,
            );
          }
        }
        index++;
        if (!options.quiet) progress.update(index, total);
      }
      await pool?.drain(takeReady);
    } finally {
      await pool?.close();
    }
    written = await sink.close();
  } catch (error) {
    await sink?.abort();
    throw error;
  }
  const summary = collector.summary();
  if (!options.sink) written.push(...(await writeSummary(summary, options.outDir, options.lang)));
  return { summary, written };
}

/** counties.ndjson as a sink. */
async function streamSink(file: string, header: Evaluation): Promise<CountySink> {
  const stream = await CountyStreamWriter.open(file, header);
  return {
    plan: { kind: 'ndjson' },
    writePrepared: (line) => stream.writeLine(line as string),
    close: async () => {
      await stream.close();
      return [stream.file];
    },
    abort: () => stream.abort(),
  };
}
