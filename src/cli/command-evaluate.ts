import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import { renderText } from '../report/render-text.ts';
import { writeReports, isReportFormat, REPORT_FILES } from '../report/write-reports.ts';
import { EXIT, parseLang, UsageError, useColor, type CliIo } from './cli-context.ts';
import { DatasetRefusedError } from '../data/read-counties-one-by-one.ts';
import {
  chooseRules,
  DEFAULT_DATASET,
  DEFAULT_RULES,
  loadDataOrReport,
  loadRulesOrReport,
  openLargeDataset,
  reportStreamProblems,
} from './load-inputs.ts';
import { chooseEvaluator, LARGE_DATASET } from './choose-evaluator.ts';
import { evaluateMany } from './evaluate-many.ts';
import { renderSummaryText } from '../report/render-summary.ts';

interface EvaluateOptions {
  rules?: string;
  out?: string;
  format: string;
  lang?: string;
  evaluator?: string;
  quiet?: boolean;
  failOn?: string;
}

/** `junheng evaluate [dataset]`: judge a dataset under a rule set, print the summary and write the reports. */
export function registerEvaluate(program: Command, io: CliIo): void {
  program
    .command('evaluate')
    .description('评估数据集并写出报告 / evaluate a dataset and write the reports')
    .argument(
      '[dataset]',
      '数据集文件夹或填报工作簿 .xlsx / dataset folder or filled-in .xlsx workbook',
      DEFAULT_DATASET,
    )
    .option(
      '-r, --rules <ruleset>',
      `规则集 id 或文件夹（默认：数据集指定的规则集，否则 ${DEFAULT_RULES}）/ rule set id or folder (default: the one the dataset names, else ${DEFAULT_RULES})`,
    )
    .option('-o, --out <dir>', '报告输出文件夹 / output folder (default out/<dataset>)')
    .option(
      '-f, --format <list>',
      `报告格式 / formats: ${Object.keys(REPORT_FILES).join(',')}`,
      'text,json,md,xlsx,html',
    )
    .option('--lang <lang>', 'zh | en')
    .option('--evaluator <name>', 'json-rules-engine | compiled')
    .option('-q, --quiet', '不在终端打印摘要 / do not print the summary')
    .option(
      '--fail-on <verdicts>',
      '县域结论为其中之一时以 1 退出 / exit 1 when the county verdict is one of these (e.g. not_recognised,undetermined)',
    )
    .action(async (dataset: string, options: EvaluateOptions) => {
      const lang = parseLang(options.lang);
      const formats = options.format
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const unknown = formats.filter((f) => !isReportFormat(f));
      if (unknown.length > 0) {
        throw new UsageError({
          zh: `未知的报告格式：${unknown.join('、')}；可用：${Object.keys(REPORT_FILES).join('、')}`,
          en: `unknown report format: ${unknown.join(', ')}; allowed: ${Object.keys(REPORT_FILES).join(', ')}`,
        });
      }
      const chosen = await chooseRules(options.rules, dataset, io, lang);
      const ruleset = await loadRulesOrReport(chosen.ref, io, lang);
      if (!ruleset) return;
      const outDir = resolve(options.out ?? join('out', basename(resolve(dataset)).replace(/\.xlsx$/i, '')));
      const finishMany = ({ summary, written }: Awaited<ReturnType<typeof evaluateMany>>): void => {
        if (!options.quiet) io.out(renderSummaryText(summary, lang));
        io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${written.join(', ')}\n`);
        const failOnMany = (options.failOn ?? '').split(',').filter(Boolean);
        if (process.exitCode === undefined && summary.counties.some((c) => failOnMany.includes(c.verdict)))
          process.exitCode = EXIT.checkFailed;
      };
      // A large dataset with its rows grouped by county is read one county at a time: memory holds one county.
      const large = await openLargeDataset(dataset, ruleset, LARGE_DATASET.counties + 1);
      if (large) {
        const evaluator = chooseEvaluator(options.evaluator ?? 'compiled');
        try {
          const many = await evaluateMany(
            ruleset,
            large.dataset,
            { evaluator, outDir, lang, io },
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
      if (data.counties.length > 1) {
        // Many counties: results stream to disk county by county, with a summary across them.
        finishMany(await evaluateMany(ruleset, data, { evaluator, outDir, lang, io }));
        return;
      }
      const evaluation = await evaluateDataset(ruleset, data, {
        evaluator,
        onCounty: (_r, i, total) => {
          if (total > 1 && io.isTTY) io.err(`\r${lang === 'zh' ? '评估中' : 'evaluating'} ${i + 1}/${total}`);
        },
      });
      evaluation.ruleset.chosenBy = chosen.why;
      const written = await writeReports(evaluation, formats, outDir, lang);
      if (!options.quiet) io.out(renderText(evaluation, { lang, color: useColor(io) }));
      io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${written.join(', ')}\n`);
      const failOn = (options.failOn ?? '').split(',').filter(Boolean);
      if (process.exitCode === undefined && evaluation.counties.some((c) => failOn.includes(c.verdict)))
        process.exitCode = EXIT.checkFailed;
    });
}
