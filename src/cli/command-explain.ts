import type { Command } from 'commander';
import { checkChoice } from './check-choice.ts';
import { EXIT, parseLang, UsageError, type CliIo } from './cli-context.ts';
import type { Say } from './help-language.ts';
import { datasetArgument, sharedWords } from './shared-options.ts';
import { showControls } from '../text/safe-text.ts';

/** `junheng explain [dataset] --subject X [--indicator Y]`: why a school, unit, class or county got its verdict. */
export function registerExplain(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('explain')
    .description(
      say(
        '用平实的语言解释一个县、学校、学部或班级的结论：依据哪些数字、哪条规定，差多少才能达标',
        'explain in plain language why a county, school, unit or class got its verdict: which figures, which rule, and what it would take to pass',
      ),
    )
    .addArgument(datasetArgument(say))
    .option('-r, --rules <ruleset>', words.rulesOfDataset)
    .option(
      '-s, --subject <key>',
      say(
        '要解释的对象：学校、学部、班级的代码或名称，或县代码；不写则解释全县',
        'what to explain: the key or name of a school, unit or class, or the county code; the whole county when left out',
      ),
    )
    .option('-i, --indicator <id>', say('只看一个指标（如 G5）', 'one indicator only (e.g. G5)'))
    .option(
      '--store <path>',
      say(
        '从结果库读回依据，不重新评估：DuckDB 文件（evaluate --store）或 Parquet 文件夹（evaluate --format parquet）；此时不读数据集',
        'read the trail back from a results store instead of evaluating: a DuckDB file (evaluate --store) or a Parquet folder (evaluate --format parquet); the dataset is not read',
      ),
    )
    .option(
      '--run <id>',
      say(
        '结果库中的哪次运行（库中只有一次时可不写）',
        'which run of the store (may be left out when the store holds one)',
      ),
    )
    .option('--lang <lang>', words.lang)
    .action(
      async (
        dataset: string,
        options: {
          rules?: string;
          subject?: string;
          indicator?: string;
          lang?: string;
          store?: string;
          run?: string;
        },
      ) => {
        const lang = parseLang(options.lang);
        if (options.store !== undefined) {
          await (await import('./explain-store.ts')).explainFromStore(options.store, options, io, lang);
          return;
        }
        if (options.run !== undefined)
          throw new UsageError({
            zh: '--run 只能与 --store 一起使用',
            en: '--run needs --store',
          });
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
