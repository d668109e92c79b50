import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { COUNTY_VERDICT_LABELS } from '../model/verdict.ts';
import { checkChoice, checkChoices } from './check-choice.ts';
import { EXIT, parseLang, UsageError, useColor, type CliIo } from './cli-context.ts';
import { checkOutputPath } from './check-output-path.ts';
import type { Say } from './help-language.ts';
import { datasetArgument, sharedWords } from './shared-options.ts';
import { showControls } from '../text/safe-text.ts';

/** The report formats and their files; kept here, light, so that declaring the command loads no writer. */
const REPORT_FILES = {
  text: 'report.txt',
  json: 'result.json',
  md: 'report.md',
  xlsx: 'report.xlsx',
  html: 'report.html',
} as const;

interface EvaluateOptions {
  rules?: string;
  out?: string;
  format: string;
  lang?: string;
  evaluator?: string;
  quiet?: boolean;
  failOn?: string;
  pretty?: boolean;
  store?: string;
  shard?: string;
  runId?: string;
  runLabel?: string;
  workers?: string;
  verdictsOnly?: boolean;
}

/** The format that writes the results store's tables as a Parquet data set instead of the reports. */
const PARQUET = 'parquet';

/** `junheng evaluate [dataset]`: judge a dataset under a rule set, print the summary and write the reports. */
export function registerEvaluate(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('evaluate')
    .description(
      say(
        '评估数据集：在终端打印摘要，并把报告（文本、JSON、Markdown、Excel、网页）写入输出文件夹',
        'evaluate a dataset: print the summary and write the reports (text, JSON, Markdown, Excel, web page)',
      ),
    )
    .addArgument(datasetArgument(say))
    .option('-r, --rules <ruleset>', words.rulesOfDataset)
    .option(
      '-o, --out <dir>',
      say('报告输出文件夹（默认 out/<数据集名>）', 'output folder (default out/<dataset name>)'),
    )
    .option(
      '-f, --format <list>',
      say(
        `要写的报告，逗号分隔：${Object.keys(REPORT_FILES).join(',')}；或 ${PARQUET}（单独使用）：把结果库各表按省分区写成 Parquet 文件，写入 --out 文件夹`,
        `reports to write, comma-separated: ${Object.keys(REPORT_FILES).join(',')}; or ${PARQUET} (alone): the results store's tables as Parquet files partitioned by province, into the --out folder`,
      ),
      'text,json,md,xlsx,html',
    )
    .option(
      '--pretty',
      say(
        'result.json 缩进排版，便于阅读（默认紧凑）',
        'indent result.json for reading (compact by default)',
      ),
    )
    .option(
      '--store <file>',
      say(
        '把评估（结论、检查、输入单元格、发现、定义选择和完整依据）写入 DuckDB 结果库文件；已有的库追加一次新运行；不写报告',
        'write the evaluation (verdicts, checks, input cells, findings, definition choices and the whole trail) into a DuckDB results store; an existing store gets one more run; no reports are written',
      ),
    )
    .option(
      '--shard <i/n>',
      say(
        '只评估第 i 份（共 n 份）县：按县代码的稳定散列分份，n 台机器各取一份，合起来是一个 Parquet 结果集（与 --store 或 --format parquet 一起用）',
        'evaluate only the i-th of n shares of the counties, chosen by a stable hash of the county code, so that n machines together write one Parquet data set (with --store or --format parquet)',
      ),
    )
    .option(
      '--run-id <id>',
      say(
        '结果库中这次运行的标识（默认 <数据集>~<规则集>，已占用时加 ~2、~3…）',
        'the id of this run in the store (default <dataset>~<rule set>, with ~2, ~3 … when taken)',
      ),
    )
    .option(
      '--run-label <text>',
      say(
        '这次运行在 compare 中的名称（默认：规则集 id；两次运行的数据集不同时为数据集 id）',
        'how compare names the run (default its rule set id, or its dataset id when the datasets differ)',
      ),
    )
    .option(
      '--workers <n>',
      say(
        '多县数据集用 n 个工作线程评估（默认 1）；结果仍按数据集中县的顺序写出，与单线程逐字节相同',
        'judge the counties of a many-county dataset on n worker threads (default 1); the results are written in the dataset order, byte for byte those of one thread',
      ),
    )
    .option(
      '--verdicts-only',
      say(
        '多县数据集只判定结论（不生成追溯链）：写出 summary.csv、summary.md、summary.json，与完整评估的汇总逐字节相同，不写 counties.ndjson；可与 --workers 同用',
        'judge a many-county dataset for its verdicts only (no trails): write summary.csv, summary.md and summary.json, byte for byte those of a full run, and no counties.ndjson; combines with --workers',
      ),
    )
    .option('--lang <lang>', words.lang)
    .option(
      '--evaluator <name>',
      say(
        '阈值比较用哪个求值器：json-rules-engine（参照实现，一般数据集的默认）或 compiled（同一规则编译成函数，结果相同，大数据集的默认）',
        'which evaluator makes the threshold comparisons: json-rules-engine (the reference, the default for an ordinary dataset) or compiled (the same rules compiled to functions, identical results, the default for a large dataset)',
      ),
    )
    .option(
      '-q, --quiet',
      say(
        '只打印错误：不打印摘要、进度和写出的文件',
        'print nothing but errors: no summary, progress or files written',
      ),
    )
    .option(
      '--fail-on <verdicts>',
      say(
        '县域结论为其中之一时以 1 退出（逗号分隔，例如 not_recognised,undetermined），供脚本使用',
        'exit 1 when the county verdict is one of these (comma-separated, e.g. not_recognised,undetermined), for scripts',
      ),
    )
    .action(async (dataset: string, options: EvaluateOptions) => {
      const [
        { evaluateDataset },
        { renderText },
        { writeReports },
        { DatasetRefusedError },
        { chooseRules, loadDataOrReport, loadRulesOrReport, openLargeDataset, reportStreamProblems },
        { chooseEvaluator, EVALUATOR_NAMES, LARGE_DATASET },
        { evaluateMany },
        { renderSummaryText },
        { evaluateVerdictsOnly },
      ] = await Promise.all([
        import('../engine/evaluate-dataset.ts'),
        import('../report/render-text.ts'),
        import('../report/write-reports.ts'),
        import('../data/read-counties-one-by-one.ts'),
        import('./load-inputs.ts'),
        import('./choose-evaluator.ts'),
        import('./evaluate-many.ts'),
        import('../report/render-summary.ts'),
        import('./evaluate-verdicts.ts'),
      ]);
      const lang = parseLang(options.lang);
      // Every enumerated option is checked before anything is read: a misspelt value is a usage error (exit 2).
      const formats = checkChoices('--format', options.format, [...Object.keys(REPORT_FILES), PARQUET]);
      const workers = parseWorkers(options.workers);
      const failOn = checkChoices('--fail-on', options.failOn ?? '', Object.keys(COUNTY_VERDICT_LABELS));
      if (options.evaluator !== undefined) checkChoice('--evaluator', options.evaluator, EVALUATOR_NAMES);
      const outDir = resolve(options.out ?? join('out', basename(resolve(dataset)).replace(/\.xlsx$/i, '')));
      const store = await import('./evaluate-store.ts');
      const target = store.storeTarget(options, formats, outDir);
      if (target?.kind === 'duckdb') await checkOutputPath(target.file, 'file');
      else await checkOutputPath(outDir);
      // --quiet: nothing but errors, not even which rule set was chosen (result.json still says it and why).
      const chosen = await chooseRules(
        options.rules,
        dataset,
        options.quiet ? { ...io, err: () => {} } : io,
        lang,
      );
      const ruleset = await loadRulesOrReport(chosen.ref, io, lang);
      if (!ruleset) return;
      if (target) {
        await store.evaluateIntoStore(dataset, ruleset, target, { ...options, workers, lang, io, failOn });
        return;
      }
      const finishMany = ({ summary, written }: Awaited<ReturnType<typeof evaluateMany>>): void => {
        if (!options.quiet) {
          io.out(showControls(renderSummaryText(summary, lang)));
          io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${written.join(', ')}\n`);
        }
        if (process.exitCode === undefined && summary.counties.some((c) => failOn.includes(c.verdict)))
          process.exitCode = EXIT.checkFailed;
      };
      // Verdicts only, on several threads: the workers start now and open the files while this thread does.
      const pool =
        options.verdictsOnly && workers > 1 && existsSync(join(resolve(dataset), 'dataset.yaml'))
          ? new (await import('./verdict-pool.ts')).VerdictPool(resolve(dataset), ruleset, workers - 1)
          : undefined;
      // A large dataset with its rows grouped by county is read one county at a time: memory holds one county.
      const large = await openLargeDataset(dataset, ruleset, pool ? 2 : LARGE_DATASET.counties + 1);
      if (pool && !large) await pool.close();
      if (large) {
        const evaluator = chooseEvaluator(options.evaluator ?? 'compiled');
        try {
          const many = options.verdictsOnly
            ? await evaluateVerdictsOnly(ruleset, large.dataset, large.counties(), large.heads.length, {
                outDir,
                lang,
                io,
                quiet: options.quiet === true,
                ...(pool ? { pool: { pool, stream: large } } : {}),
              })
            : await evaluateMany(
                ruleset,
                large.dataset,
                { evaluator, outDir, lang, io, quiet: options.quiet === true, workers },
                large.counties(),
                large.heads.length,
              );
          reportStreamProblems(large.problems, io, lang);
          finishMany(many);
        } catch (error) {
          if (!(error instanceof DatasetRefusedError)) throw error;
          reportStreamProblems(large.problems, io, lang);
          io.err(
            lang === 'zh'
              ? `数据集有结构性问题，未评估（不写出结果）。\n`
              : `the dataset has a structural problem; nothing was evaluated (no results written).\n`,
          );
        }
        return;
      }
      const data = await loadDataOrReport(dataset, ruleset, io, lang);
      if (!data) return;
      const evaluator = chooseEvaluator(options.evaluator, data);
      if (data.counties.length > 1 && options.verdictsOnly) {
        finishMany(
          await evaluateVerdictsOnly(ruleset, data, data.counties, data.counties.length, {
            outDir,
            lang,
            io,
            quiet: options.quiet === true,
          }),
        );
        return;
      }
      if (data.counties.length > 1) {
        // Many counties: results stream to disk county by county, with a summary across them.
        finishMany(
          await evaluateMany(ruleset, data, {
            evaluator,
            outDir,
            lang,
            io,
            quiet: options.quiet === true,
            workers,
          }),
        );
        return;
      }
      const evaluation = await evaluateDataset(ruleset, data, {
        evaluator,
        onCounty: (_r, i, total) => {
          if (total > 1 && io.isTTY && !options.quiet)
            io.err(`\r${lang === 'zh' ? '评估中' : 'evaluating'} ${i + 1}/${total}`);
        },
      });
      evaluation.ruleset.chosenBy = chosen.why;
      const written = await writeReports(evaluation, formats, outDir, lang, {
        pretty: options.pretty === true,
      });
      if (!options.quiet) {
        io.out(renderText(evaluation, { lang, color: useColor(io) }));
        io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${written.join(', ')}\n`);
      }
      if (process.exitCode === undefined && evaluation.counties.some((c) => failOn.includes(c.verdict)))
        process.exitCode = EXIT.checkFailed;
    });
}

/** `--workers n`: a whole number from 1 to 64; 1 when left out. */
function parseWorkers(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 64)
    throw new UsageError({
      zh: `--workers 的值“${text}”无效：应为 1 到 64 的整数`,
      en: `--workers: '${text}' is not allowed: give a whole number from 1 to 64`,
    });
  return n;
}
