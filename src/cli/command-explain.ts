import type { Command } from 'commander';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import { explainCounty } from '../explain/explain-county.ts';
import { explainSubject } from '../explain/explain-subject.ts';
import { findSubject } from '../explain/find-subject.ts';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import {
  chooseRules,
  DEFAULT_DATASET,
  DEFAULT_RULES,
  loadDataOrReport,
  loadRulesOrReport,
} from './load-inputs.ts';

/** `junheng explain [dataset] --subject X [--indicator Y]`: why a school, unit, class or county got its verdict. */
export function registerExplain(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description('用平实的语言解释一个对象的结论 / explain a verdict in plain language')
    .argument(
      '[dataset]',
      '数据集文件夹或填报工作簿 .xlsx / dataset folder or .xlsx workbook',
      DEFAULT_DATASET,
    )
    .option(
      '-r, --rules <ruleset>',
      `规则集（默认：数据集指定的规则集，否则 ${DEFAULT_RULES}）/ rule set (default: the one the dataset names, else ${DEFAULT_RULES})`,
    )
    .option(
      '-s, --subject <key>',
      '学校、学部、班级的代码或名称，或县代码 / key or name of a school, unit, class or county',
    )
    .option('-i, --indicator <id>', '只看一个指标 / one indicator only')
    .option('--lang <lang>', 'zh | en')
    .action(
      async (
        dataset: string,
        options: { rules?: string; subject?: string; indicator?: string; lang?: string },
      ) => {
        const lang = parseLang(options.lang);
        const chosen = await chooseRules(options.rules, dataset, io, lang);
        const ruleset = await loadRulesOrReport(chosen.ref, io, lang);
        if (!ruleset) return;
        const data = await loadDataOrReport(dataset, ruleset, io, lang);
        if (!data) return;
        const evaluation = await evaluateDataset(ruleset, data);
        if (!options.subject) {
          for (const county of evaluation.counties)
            io.out(`${explainCounty(county, lang, evaluation.groupLabels)}\n`);
          return;
        }
        if (!findSubject(evaluation, options.subject)) process.exitCode = EXIT.invalid;
        io.out(`${explainSubject(evaluation, options.subject, options.indicator, lang)}\n`);
      },
    );
}
