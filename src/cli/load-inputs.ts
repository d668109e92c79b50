import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDataset } from '../data/load-dataset.ts';
import { isWorkbookPath, loadWorkbookDataset, readWorkbookInfo } from '../data/load-workbook-dataset.ts';
import { declaredChoices } from '../data/workbook-layout.ts';
import { readCountiesOneByOne, type CountyStream } from '../data/read-counties-one-by-one.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Problem } from '../model/problem.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Lang, Text } from '../model/text.ts';
import { unionDictionary } from '../compare/union-dictionary.ts';
import { loadRuleSet } from '../rules/load-ruleset.ts';
import { readYamlFile } from '../rules/read-yaml.ts';
import { EXIT, type CliIo } from './cli-context.ts';
import { formatProblems } from './format-problems.ts';

import { DEFAULT_DATASET, DEFAULT_RULES } from './defaults.ts';

export { DEFAULT_DATASET, DEFAULT_RULES } from './defaults.ts';

/** Loads the rule set, printing its problems; sets exit code 2 and returns nothing when it cannot be used. */
export async function loadRulesOrReport(
  ref: string,
  io: CliIo,
  lang: Lang,
  purpose: 'run' | 'validate' = 'run',
): Promise<RuleSet | undefined> {
  const { ruleset, problems } = await loadRuleSet(ref);
  report(problems, io, lang);
  if (!ruleset || problems.some((p) => p.severity === 'error')) {
    // validate runs nothing: its verdict on a broken rule set is that it is not valid, not that nothing ran.
    io.err(
      purpose === 'validate'
        ? lang === 'zh'
          ? `规则集 ${ref} 校验未通过：${problems.length} 处问题（见上）。\n`
          : `rule set ${ref} is not valid: ${problems.length} problems (above).\n`
        : lang === 'zh'
          ? `规则集 ${ref} 有 ${problems.length} 处问题，未执行。\n`
          : `rule set ${ref} has ${problems.length} problems; nothing was run.\n`,
    );
    process.exitCode = EXIT.invalid;
    return undefined;
  }
  return ruleset;
}

/** True when a dataset argument names something that exists: a folder with dataset.yaml, or a workbook file. */
function datasetExists(path: string): boolean {
  return isWorkbookPath(path) ? existsSync(path) : existsSync(join(path, 'dataset.yaml'));
}

/**
 * Loads a dataset, a folder with dataset.yaml or one filled-in workbook, against a rule set's dictionary.
 * Structural problems stop the command; unreadable values are reported (exit code 2) and evaluated as
 * insufficient data, never as a pass or a fail.
 */
export async function loadDataOrReport(
  dir: string | undefined,
  ruleset: RuleSet,
  io: CliIo,
  lang: Lang,
): Promise<Dataset | undefined> {
  const path = resolve(dir ?? DEFAULT_DATASET);
  if (!datasetExists(path)) {
    io.err(
      lang === 'zh'
        ? `错误 DATASET_NOT_FOUND: 找不到数据集 ${path}（数据集是含 dataset.yaml 的文件夹，或一个 .xlsx 填报工作簿）\n`
        : `error DATASET_NOT_FOUND: no dataset at ${path} (a dataset is a folder with dataset.yaml, or one .xlsx workbook)\n`,
    );
    process.exitCode = EXIT.invalid;
    return undefined;
  }
  const dict = await dictionaryFor(path, ruleset, io, lang);
  const { dataset, problems } = isWorkbookPath(path)
    ? await loadWorkbookDataset(path, dict, declaredChoices(ruleset))
    : await loadDataset(path, dict);
  report(problems, io, lang);
  if (problems.some((p) => p.severity === 'error')) process.exitCode = EXIT.invalid;
  if (!dataset) {
    io.err(
      lang === 'zh'
        ? `数据集有 ${problems.length} 处问题，未评估。\n`
        : `the dataset has ${problems.length} problems; nothing was evaluated.\n`,
    );
    return undefined;
  }
  return dataset;
}

/** The rule set a dataset names (`rules:` in dataset.yaml, 规则集 on a workbook's 基本信息), if any. */
export async function declaredRules(dir: string | undefined): Promise<string | undefined> {
  const path = resolve(dir ?? DEFAULT_DATASET);
  if (!datasetExists(path)) return undefined;
  if (isWorkbookPath(path)) return (await readWorkbookInfo(path))?.rules;
  const read = await readYamlFile(join(path, 'dataset.yaml'));
  const declared = (read.yaml?.data as { rules?: unknown } | undefined)?.rules;
  return typeof declared === 'string' && declared.trim() !== '' ? declared.trim() : undefined;
}

/**
 * The rule set a command runs: the one given with --rules; else the one the dataset names; else the default.
 * Says which and why on stderr, and returns the reason for the results.
 */
export async function chooseRules(
  given: string | undefined,
  dataset: string | undefined,
  io: CliIo,
  lang: Lang,
): Promise<{ ref: string; why: Text }> {
  let choice: { ref: string; why: Text };
  if (given !== undefined) {
    choice = { ref: given, why: { zh: '命令行 --rules 指定', en: 'given with --rules' } };
  } else {
    const declared = await declaredRules(dataset);
    choice =
      declared !== undefined
        ? {
            ref: declared,
            why: {
              zh: `数据集指定（${isWorkbookPath(dataset ?? '') ? '基本信息「规则集」' : 'dataset.yaml 的 rules:'}）`,
              en: `named by the dataset (${isWorkbookPath(dataset ?? '') ? "基本信息 '规则集'" : 'rules: in dataset.yaml'})`,
            },
          }
        : {
            ref: DEFAULT_RULES,
            why: {
              zh: '默认规则集（数据集没有指定，也没有 --rules）',
              en: 'the default (the dataset names none and no --rules was given)',
            },
          };
  }
  io.err(
    lang === 'zh' ? `规则集 ${choice.ref}：${choice.why.zh}\n` : `rule set ${choice.ref}: ${choice.why.en}\n`,
  );
  return choice;
}

/**
 * A dataset of more than `minCounties` counties whose CSV rows are grouped by county, opened to be read one county at
 * a time, so that memory does not grow with the number of counties; undefined otherwise (or when its files have any
 * problem), and loadDataOrReport reads it whole and reports every problem together.
 */
export async function openLargeDataset(
  dir: string | undefined,
  ruleset: RuleSet,
  minCounties: number,
): Promise<CountyStream | undefined> {
  const path = resolve(dir ?? DEFAULT_DATASET);
  if (isWorkbookPath(path) || !existsSync(join(path, 'dataset.yaml'))) return undefined;
  return (await readCountiesOneByOne(path, ruleset.inputs, minCounties)).stream;
}

/** Prints problems found while a dataset was read one county at a time; sets exit code 2 when one is an error. */
export function reportStreamProblems(problems: Problem[], io: CliIo, lang: Lang): void {
  report(problems, io, lang);
  if (problems.some((p) => p.severity === 'error')) process.exitCode = EXIT.invalid;
}

function report(problems: Problem[], io: CliIo, lang: Lang): void {
  if (problems.length > 0) io.err(`${formatProblems(problems, lang)}\n`);
}

/**
 * The dictionary to read a dataset with: the rule set's own, joined with that of the rule set the dataset was made
 * for (`rules:` in dataset.yaml) when they differ, so that judging a 2017-shaped dataset under another rule set does
 * not refuse the columns only the other rule set defines.
 */
async function dictionaryFor(
  path: string,
  ruleset: RuleSet,
  io: CliIo,
  lang: Lang,
): Promise<RuleSet['inputs']> {
  const declared = await declaredRules(path);
  if (declared === undefined || declared === ruleset.id || declared === ruleset.extends)
    return ruleset.inputs;
  const other = await loadRuleSet(declared);
  if (!other.ruleset) return ruleset.inputs;
  const { dictionary, problems } = unionDictionary(ruleset.inputs, other.ruleset.inputs);
  if (problems.length > 0) {
    report(problems, io, lang);
    return ruleset.inputs;
  }
  return dictionary;
}
