import { basename, join, resolve } from 'node:path';
import { compareEvaluations } from '../compare/compare-evaluations.ts';
import { diffRuleSets } from '../compare/diff-rulesets.ts';
import { renderComparisonMarkdown, renderComparisonText } from '../compare/render-comparison.ts';
import { unionDictionary } from '../compare/union-dictionary.ts';
import { writeComparisonXlsx } from '../compare/write-comparison-xlsx.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { Comparison } from '../model/comparison.ts';
import type { Lang } from '../model/text.ts';
import { EXIT, parseLang, UsageError, type CliIo } from './cli-context.ts';
import { checkChoices } from './check-choice.ts';
import { checkOutputPath } from './check-output-path.ts';
import { chooseEvaluator } from './choose-evaluator.ts';
import { formatProblems } from './format-problems.ts';
import { chooseRules, DEFAULT_DATASET, loadDataOrReport, loadRulesOrReport } from './load-inputs.ts';
import type { CompareOptions } from './command-compare.ts';
import { serializeComparison } from '../compare/comparison-json.ts';

const FORMATS = ['text', 'md', 'xlsx', 'json'] as const;

/** The work of `junheng compare`, loaded when the command runs. */
export async function runCompare(datasets: string[], options: CompareOptions, io: CliIo): Promise<void> {
  const lang = parseLang(options.lang);
  const formats = checkChoices('--format', options.format, FORMATS);
  const outDir = resolve(options.out ?? join('out', 'compare'));
  if (formats.some((f) => f !== 'text')) await checkOutputPath(outDir);
  const pair =
    options.store !== undefined
      ? await readPair(options.store, datasets, options, lang)
      : await evaluatePair(datasets, options.rules, io, lang, options.run);
  if (!pair) return;
  const comparison = compareEvaluations(pair.a, pair.b, pair.options);
  if (formats.includes('text')) io.out(renderComparisonText(comparison, lang));
  const files = formats.filter((f) => f !== 'text');
  if (files.length > 0) await writeOutputs(comparison, files, outDir, io, lang);
}

type Pair = { a: Evaluation; b: Evaluation; options: Parameters<typeof compareEvaluations>[2] };

/**
 * Two runs of a results store, judged again from the county data they stored. Each is named as `compare` on files names it: by
 * its rule set id when the datasets are the same, else by its dataset id (a run's --run-label, when it has one).
 */
async function readPair(
  store: string,
  datasets: string[],
  options: CompareOptions,
  _lang: Lang,
): Promise<Pair> {
  if (options.run.length !== 2 || datasets.length > 0 || options.rules.length > 0)
    throw new UsageError({
      zh: '用法：compare --store 结果库 --run A --run B（不写数据集和 --rules）',
      en: 'usage: compare --store <store> --run A --run B (no dataset, no --rules)',
    });
  const { StoreReader } = await import('../store/store-reader.ts');
  const reader = await StoreReader.open(resolve(store));
  try {
    const [x, y] = [await reader.run(options.run[0]), await reader.run(options.run[1])];
    const sameData = x.datasetHash === y.datasetHash;
    const name = (run: typeof x) => run.label ?? (sameData ? run.rulesetId : run.datasetId);
    const ruleDiff =
      sameData || x.rulesetHash !== y.rulesetHash
        ? { ruleDiff: diffRuleSets(reader.ruleset(x), reader.ruleset(y)) }
        : {};
    return {
      a: await reader.evaluation(x, chooseEvaluator),
      b: await reader.evaluation(y, chooseEvaluator),
      options: { labels: [name(x), name(y)], ...ruleDiff },
    };
  } finally {
    reader.close();
  }
}

async function evaluatePair(
  datasets: string[],
  rules: string[],
  io: CliIo,
  lang: Lang,
  runs: string[],
): Promise<Pair | undefined> {
  if (runs.length > 0)
    throw new UsageError({ zh: '--run 只能与 --store 一起使用', en: '--run needs --store' });
  if (rules.length === 2 && datasets.length <= 1) {
    const a = await loadRulesOrReport(rules[0] as string, io, lang);
    const b = a && (await loadRulesOrReport(rules[1] as string, io, lang));
    if (!a || !b) return undefined;
    // One dataset read once, with the columns of both rule sets known.
    const union = unionDictionary(a.inputs, b.inputs);
    if (union.problems.length > 0) {
      io.err(`${formatProblems(union.problems, lang)}\n`);
      process.exitCode = EXIT.invalid;
      return undefined;
    }
    const data = await loadDataOrReport(
      datasets[0] ?? DEFAULT_DATASET,
      { ...a, inputs: union.dictionary },
      io,
      lang,
    );
    if (!data) return undefined;
    return {
      a: await evaluateDataset(a, data),
      b: await evaluateDataset(b, data),
      options: { labels: [a.id, b.id], ruleDiff: diffRuleSets(a, b) },
    };
  }
  if (rules.length <= 1 && datasets.length === 2) {
    const ruleset = await loadRulesOrReport(
      (await chooseRules(rules[0], datasets[0], io, lang)).ref,
      io,
      lang,
    );
    if (!ruleset) return undefined;
    const x = await loadDataOrReport(datasets[0], ruleset, io, lang);
    const y = x && (await loadDataOrReport(datasets[1], ruleset, io, lang));
    if (!x || !y) return undefined;
    return {
      a: await evaluateDataset(ruleset, x),
      b: await evaluateDataset(ruleset, y),
      options: {
        labels: [basename(resolve(datasets[0] as string)), basename(resolve(datasets[1] as string))],
      },
    };
  }
  throw new UsageError({
    zh: '用法：compare [数据集] --rules A --rules B（一个数据集、两个规则集），或 compare 数据集A 数据集B [--rules R]（两个数据集、一个规则集）',
    en: 'usage: compare [dataset] --rules A --rules B (one dataset, two rule sets), or compare <dataset-a> <dataset-b> [--rules R] (two datasets, one rule set)',
  });
}

async function writeOutputs(
  comparison: Comparison,
  formats: string[],
  dir: string,
  io: CliIo,
  lang: Lang,
): Promise<void> {
  const written: string[] = [];
  for (const format of formats) {
    const file = join(dir, `comparison.${format}`);
    if (format === 'json') await writeFileAtomic(file, serializeComparison(comparison));
    else if (format === 'md') await writeFileAtomic(file, renderComparisonMarkdown(comparison, lang));
    else if (format === 'xlsx') await writeComparisonXlsx(comparison, file, lang);
    written.push(file);
  }
  io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${written.join(', ')}\n`);
}
