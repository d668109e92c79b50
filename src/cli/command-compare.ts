import type { Command } from 'commander';
import type { CliIo } from './cli-context.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

export interface CompareOptions {
  rules: string[];
  format: string;
  out?: string;
  lang?: string;
  store?: string;
  run: string[];
}

/**
 * `junheng compare [dataset] --rules a --rules b`: one dataset under two rule sets;
 * `junheng compare <dataset-a> <dataset-b> [--rules r]`: two datasets (years) under one rule set.
 * Lists every verdict that changed, with value deltas and the rule or input changes that caused it.
 */
export function registerCompare(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('compare')
    .description(
      say(
        '比较两次评估的结论：同一数据集在两个规则集下（--rules 写两次），或两个数据集（年度）在同一规则集下；列出每个变化的结论及原因',
        'compare the verdicts of two evaluations: one dataset under two rule sets (--rules twice), or two datasets (years) under one rule set; lists each changed verdict and its cause',
      ),
    )
    .argument(
      '[datasets...]',
      say('一个或两个数据集（文件夹或 .xlsx 工作簿）', 'one or two datasets (folders or .xlsx workbooks)'),
    )
    .option(
      '-r, --rules <ruleset>',
      say(
        '规则集（id 或文件夹）；比较两个规则集时写两次',
        'rule set (id or folder); give it twice to compare two rule sets',
      ),
      collect,
      [],
    )
    .option(
      '-f, --format <list>',
      say(
        '输出格式，逗号分隔：text（终端）、md、xlsx、json',
        'output formats, comma-separated: text (terminal), md, xlsx, json',
      ),
      'text',
    )
    .option(
      '-o, --out <dir>',
      say(
        'md、xlsx、json 的输出文件夹（默认 out/compare）',
        'folder for md, xlsx, json (default out/compare)',
      ),
    )
    .option(
      '--store <path>',
      say(
        '比较结果库中的两次运行（--run 写两次），不重新评估：DuckDB 文件或 Parquet 文件夹',
        'compare two runs of a results store (--run twice) instead of evaluating: a DuckDB file or a Parquet folder',
      ),
    )
    .option('--run <id>', say('结果库中的运行；写两次', 'a run of the store; give it twice'), collect, [])
    .option('--lang <lang>', words.lang)
    .action(async (datasets: string[], options: CompareOptions) =>
      (await import('./compare-run.ts')).runCompare(datasets, options, io),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
