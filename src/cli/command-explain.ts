import { Argument, type Command } from 'commander';
import { checkChoice } from './check-choice.ts';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import { DEFAULT_DATASET, DEFAULT_DATASET_NAME, DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';
import { showControls } from '../text/safe-text.ts';

/** `junheng explain [dataset] --subject X [--indicator Y]`: why a school, unit, class or county got its verdict. */
export function registerExplain(program: Command, io: CliIo, say: Say): void {
  program
    .command('explain')
    .description(
      say(
        '用平实的语言解释一个县、学校、学部或班级的结论：依据哪些数字、哪条规定，差多少才能达标',
        'explain in plain language why a county, school, unit or class got its verdict: which figures, which rule, and what it would take to pass',
      ),
    )
    .addArgument(
      new Argument(
        '[dataset]',
        say(
          '数据集文件夹（含 dataset.yaml）或填报工作簿 .xlsx',
          'dataset folder (with dataset.yaml) or filled-in .xlsx workbook',
        ),
      ).default(
        DEFAULT_DATASET,
        say(`随附的示例 ${DEFAULT_DATASET_NAME}`, `the bundled sample ${DEFAULT_DATASET_NAME}`),
      ),
    )
    .option(
      '-r, --rules <ruleset>',
      say(
        `规则集：rules/ 下的 id 或一个规则集文件夹（默认：数据集指定的规则集，否则 ${DEFAULT_RULES}）`,
        `rule set: an id under rules/ or a rule set folder (default: the one the dataset names, else ${DEFAULT_RULES})`,
      ),
    )
    .option(
      '-s, --subject <key>',
      say(
        '要解释的对象：学校、学部、班级的代码或名称，或县代码；不写则解释全县',
        'what to explain: the key or name of a school, unit or class, or the county code; the whole county when left out',
      ),
    )
    .option('-i, --indicator <id>', say('只看一个指标（如 G5）', 'one indicator only (e.g. G5)'))
    .option(
      '--lang <lang>',
      say(
        '输出语言：zh（中文，默认）或 en（英文）',
        'output language: zh (Chinese, default) or en (English)',
      ),
    )
    .action(
      async (
        dataset: string,
        options: { rules?: string; subject?: string; indicator?: string; lang?: string },
      ) => {
        const lang = parseLang(options.lang);
        const [
          { evaluateDataset },
          { explainCounty },
          { explainSubject },
          { resolveSubject },
          { chooseRules, loadDataOrReport, loadRulesOrReport },
        ] = await Promise.all([
          import('../engine/evaluate-dataset.ts'),
          import('../explain/explain-county.ts'),
          import('../explain/explain-subject.ts'),
          import('../explain/find-subject.ts'),
          import('./load-inputs.ts'),
        ]);
        const chosen = await chooseRules(options.rules, dataset, io, lang);
        const ruleset = await loadRulesOrReport(chosen.ref, io, lang);
        if (!ruleset) return;
        // An unknown indicator id is a usage error (exit 2) with the nearest id, before anything is evaluated.
        if (options.indicator !== undefined)
          checkChoice(
            '--indicator',
            options.indicator,
            ruleset.indicators.map((i) => i.id),
          );
        const data = await loadDataOrReport(dataset, ruleset, io, lang);
        if (!data) return;
        const evaluation = await evaluateDataset(ruleset, data);
        if (!options.subject) {
          for (const county of evaluation.counties)
            io.out(`${showControls(explainCounty(county, lang, evaluation.groupLabels))}\n`);
          return;
        }
        if (!resolveSubject(evaluation, options.subject).found) process.exitCode = EXIT.invalid;
        io.out(`${showControls(explainSubject(evaluation, options.subject, options.indicator, lang))}\n`);
      },
    );
}
