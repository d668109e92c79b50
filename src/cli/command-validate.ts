import type { Command } from 'commander';
import { listBundledRuleSets } from '../rules/load-ruleset.ts';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import { chooseRules, DEFAULT_RULES, loadDataOrReport, loadRulesOrReport } from './load-inputs.ts';

/** `junheng validate [dataset]`: check rule files (and a dataset) and report every problem with its location. */
export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('校验规则集（及数据集）/ validate a rule set (and a dataset)')
    .argument(
      '[dataset]',
      '数据集文件夹或填报工作簿 .xlsx（可选）/ dataset folder or .xlsx workbook (optional)',
    )
    .option(
      '-r, --rules <ruleset>',
      `规则集（默认：数据集指定的规则集，否则 ${DEFAULT_RULES}）/ rule set (default: the one the dataset names, else ${DEFAULT_RULES})`,
    )
    .option('--all-rules', '校验 rules/ 下所有规则集 / validate every bundled rule set')
    .option('--lang <lang>', 'zh | en')
    .action(
      async (dataset: string | undefined, options: { rules?: string; allRules?: boolean; lang?: string }) => {
        const lang = parseLang(options.lang);
        const refs = options.allRules
          ? await listBundledRuleSets()
          : [
              dataset !== undefined
                ? (await chooseRules(options.rules, dataset, io, lang)).ref
                : (options.rules ?? DEFAULT_RULES),
            ];
        for (const ref of refs) {
          const ruleset = await loadRulesOrReport(ref, io, lang);
          if (!ruleset) continue;
          io.out(
            lang === 'zh'
              ? `规则集 ${ruleset.id}：${ruleset.indicators.length} 个指标、${Object.keys(ruleset.inputs.inputs).length} 项输入，校验通过（sha256 ${ruleset.hash.slice(0, 12)}）\n`
              : `rule set ${ruleset.id}: ${ruleset.indicators.length} indicators, ${Object.keys(ruleset.inputs.inputs).length} inputs, valid (sha256 ${ruleset.hash.slice(0, 12)})\n`,
          );
          if (dataset && !options.allRules) {
            const data = await loadDataOrReport(dataset, ruleset, io, lang);
            if (data && process.exitCode !== EXIT.invalid) {
              const counts = data.counties
                .map((c) => `${c.name}: ${c.schools.length}/${c.units.length}/${c.classes.length}`)
                .join('; ');
              io.out(
                lang === 'zh'
                  ? `数据集 ${data.id} 校验通过（学校/学部/班级 ${counts}）\n`
                  : `dataset ${data.id} is valid (schools/units/classes ${counts})\n`,
              );
            }
          }
        }
      },
    );
}
