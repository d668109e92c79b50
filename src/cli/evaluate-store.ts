import { resolve } from 'node:path';
import type { Lang } from '../model/text.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { StoreTarget } from '../store/store-writer.ts';
import type { PreparedStoreCounty } from '../store/prepare-store-county.ts';
import { inShard, parseShard, type Shard } from '../store/shard.ts';
import { EXIT, UsageError, type CliIo } from './cli-context.ts';

interface StoreOptions {
  store?: string;
  shard?: string;
  runId?: string;
  runLabel?: string;
  evaluator?: string;
  quiet?: boolean;
  workers?: number;
}

/**
 * Where `evaluate` writes a results store, from its options: `--store <file>` (DuckDB), `--format parquet` (a
 * Parquet data set in the --out folder), or nowhere (the reports). A mix the command cannot honour is a usage error.
 */
export function storeTarget(
  options: Pick<StoreOptions, 'store' | 'shard' | 'runId' | 'runLabel'>,
  formats: string[],
  outDir: string,
): StoreTarget | undefined {
  const parquet = formats.includes('parquet');
  if (parquet && formats.length > 1)
    throw new UsageError({
      zh: '--format parquet 只能单独使用（不能和报告格式一起写）',
      en: '--format parquet stands alone (it cannot be written together with the reports)',
    });
  if (parquet && options.store !== undefined)
    throw new UsageError({
      zh: '--store 写 DuckDB 结果库文件，--format parquet 写 Parquet 文件夹（用 --out 指定），请二选一',
      en: '--store writes a DuckDB store file and --format parquet a Parquet folder (named by --out): choose one',
    });
  if (!parquet && options.store === undefined) {
    const stray = (['shard', 'runId', 'runLabel'] as const).find((name) => options[name] !== undefined);
    if (stray !== undefined) {
      const flag = { shard: '--shard', runId: '--run-id', runLabel: '--run-label' }[stray];
      throw new UsageError({
        zh: `${flag} 只能与 --store 或 --format parquet 一起使用`,
        en: `${flag} needs --store or --format parquet`,
      });
    }
    return undefined;
  }
  if (options.shard !== undefined) {
    const shard = parseShard(options.shard);
    if ('error' in shard) throw new UsageError(shard.error);
  }
  if (options.runId !== undefined && !/^[^\s'"]{1,200}$/.test(options.runId))
    throw new UsageError({
      zh: `--run-id 的值“${options.runId}”无效：应为 1–200 个字符，不含空白和引号`,
      en: `--run-id: '${options.runId}' is not allowed: give 1–200 characters without spaces or quotes`,
    });
  return parquet
    ? { kind: 'parquet', dir: outDir }
    : { kind: 'duckdb', file: resolve(options.store as string) };
}

/**
 * `evaluate --store` / `--format parquet`: the dataset's counties (a shard of them with --shard) evaluated one after
 * another and written into the store as they are judged; the summary is printed, no report is written.
 */
export async function evaluateIntoStore(
  dataset: string,
  ruleset: RuleSet,
  target: StoreTarget,
  options: StoreOptions & { lang: Lang; io: CliIo; failOn: string[] },
): Promise<void> {
  const { lang, io } = options;
  const [
    { StoreWriter },
    { DatasetRefusedError },
    { loadDataOrReport, openLargeDataset, reportStreamProblems },
    { chooseEvaluator, LARGE_DATASET },
    { evaluateMany },
    { renderSummaryText },
    { showControls },
  ] = await Promise.all([
    import('../store/store-writer.ts'),
    import('../data/read-counties-one-by-one.ts'),
    import('./load-inputs.ts'),
    import('./choose-evaluator.ts'),
    import('./evaluate-many.ts'),
    import('../report/render-summary.ts'),
    import('../text/safe-text.ts'),
  ]);
  const shard = options.shard === undefined ? undefined : (parseShard(options.shard) as Shard);
  const only = shard && ((county: { key: string }) => inShard(county.key, shard));
  const quiet = options.quiet === true;
  const run = async (
    data: Parameters<typeof evaluateMany>[1],
    evaluator: Parameters<typeof evaluateMany>[2]['evaluator'],
    counties?: Iterable<Parameters<typeof evaluateMany>[1]['counties'][number]>,
    total?: number,
  ) =>
    evaluateMany(
      ruleset,
      data,
      {
        evaluator,
        outDir: target.kind === 'parquet' ? target.dir : '.',
        lang,
        io,
        quiet,
        ...(only ? { only } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        sink: async (header) => {
          const writer = await StoreWriter.open(target, {
            header,
            ruleset,
            ...(data.schoolYear !== undefined ? { schoolYear: data.schoolYear } : {}),
            ...(options.runId !== undefined ? { runId: options.runId } : {}),
            ...(options.runLabel !== undefined ? { label: options.runLabel } : {}),
            ...(shard ? { shard } : {}),
          });
          return {
            plan: { kind: 'store' },
            writePrepared: (payload, position) =>
              writer.writePrepared(payload as PreparedStoreCounty, position),
            close: () => writer.close(),
            abort: () => writer.abort(),
          };
        },
      },
      counties,
      total,
    );
  let many: Awaited<ReturnType<typeof evaluateMany>>;
  const large = await openLargeDataset(dataset, ruleset, LARGE_DATASET.counties + 1);
  if (large) {
    try {
      many = await run(
        large.dataset,
        chooseEvaluator(options.evaluator ?? 'compiled'),
        large.counties(),
        large.heads.length,
      );
    } catch (error) {
      if (!(error instanceof DatasetRefusedError)) throw error;
      reportStreamProblems(large.problems, io, lang);
      io.err(
        lang === 'zh'
          ? `数据集有结构性问题，未评估（结果库未改动）。\n`
          : `the dataset has a structural problem; nothing was evaluated (the store is unchanged).\n`,
      );
      return;
    }
    reportStreamProblems(large.problems, io, lang);
  } else {
    const data = await loadDataOrReport(dataset, ruleset, io, lang);
    if (!data) return;
    many = await run(data, chooseEvaluator(options.evaluator, data));
  }
  if (!quiet) {
    io.out(showControls(renderSummaryText(many.summary, lang)));
    io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${many.written.join(', ')}\n`);
  }
  if (process.exitCode === undefined && many.summary.counties.some((c) => options.failOn.includes(c.verdict)))
    process.exitCode = EXIT.checkFailed;
}
