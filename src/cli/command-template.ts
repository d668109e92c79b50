import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeTemplate } from '../data/write-template.ts';
import { declaredChoices } from '../data/workbook-layout.ts';
import { parseLang, type CliIo } from './cli-context.ts';
import { DEFAULT_RULES, loadRulesOrReport } from './load-inputs.ts';

/** `junheng template --out file.xlsx`: a blank data-entry workbook generated from the rule set's data dictionary. */
export function registerTemplate(program: Command, io: CliIo): void {
  program
    .command('template')
    .description('生成空白数据填报模板（Excel）/ write a blank data-entry workbook')
    .requiredOption('-o, --out <file>', '输出文件 / output .xlsx file')
    .option('-r, --rules <ruleset>', '规则集 / rule set', DEFAULT_RULES)
    .option('--lang <lang>', 'zh | en')
    .action(async (options: { out: string; rules: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      const ruleset = await loadRulesOrReport(options.rules, io, lang);
      if (!ruleset) return;
      const file = resolve(options.out);
      await writeTemplate(ruleset.inputs, file, { choices: declaredChoices(ruleset), rules: ruleset.id });
      io.err(`${lang === 'zh' ? '已写出模板' : 'template written'}: ${file}\n`);
    });
}
