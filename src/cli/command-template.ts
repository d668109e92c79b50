import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseLang, type CliIo } from './cli-context.ts';
import { checkOutputPath } from './check-output-path.ts';
import { DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

/** `junheng template --out file.xlsx`: a blank data-entry workbook generated from the rule set's data dictionary. */
export function registerTemplate(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('template')
    .description(
      say(
        '按规则集的数据字典生成空白的数据填报表（Excel），每张表一页、中文表头',
        "write a blank data-entry workbook (Excel) from the rule set's data dictionary, a sheet per table",
      ),
    )
    .requiredOption('-o, --out <file>', say('要写出的 .xlsx 文件', 'the .xlsx file to write'))
    .option('-r, --rules <ruleset>', words.rules, DEFAULT_RULES)
    .option('--lang <lang>', words.lang)
    .action(async (options: { out: string; rules: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      const [{ writeTemplate }, { declaredChoices }, { loadRulesOrReport }] = await Promise.all([
        import('../data/write-template.ts'),
        import('../data/workbook-layout.ts'),
        import('./load-inputs.ts'),
      ]);
      const file = resolve(options.out);
      await checkOutputPath(file, 'file');
      const ruleset = await loadRulesOrReport(options.rules, io, lang);
      if (!ruleset) return;
      await writeTemplate(ruleset.inputs, file, { choices: declaredChoices(ruleset), rules: ruleset.id });
      io.err(`${lang === 'zh' ? '已写出模板' : 'template written'}: ${file}\n`);
    });
}
