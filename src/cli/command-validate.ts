import type { Command } from 'commander';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import { DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

/** `junheng validate [dataset]`: check rule files (and a dataset) and report every problem with its location. */
export function registerValidate(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('validate')
    .description(
      say(
        '检查规则集（和数据集）有没有写错：列出每处问题所在的文件、行、列及改法；不评估',
        'check a rule set (and a dataset) for mistakes: every problem with its file, line, column and the fix; nothing is evaluated',
      ),
    )
    .argument(
      '[dataset]',
      say(
        '同时检查的数据集文件夹或填报工作簿 .xlsx（可选）',
        'a dataset folder or filled-in .xlsx workbook to check as well (optional)',
      ),
    )
    .option('-r, --rules <ruleset>', words.rulesOfDataset)
    .option('--all-rules', say('检查 rules/ 下的所有规则集', 'check every rule set under rules/'))
    .option('--lang <lang>', words.lang)
    .action(
      async (dataset: string | undefined, options: { rules?: string; allRules?: boolean; lang?: string }) => {
        const lang = parseLang(options.lang);
        const [{ listBundledRuleSets }, { chooseRules, loadDataOrReport, loadRulesOrReport }] =
          await Promise.all([import('../rules/locate-ruleset.ts'), import('./load-inputs.ts')]);
        const refs = options.allRules
          ? await listBundledRuleSets()
          : [
              dataset !== undefined
                ? (await chooseRules(options.rules, dataset, io, lang)).ref
                : (options.rules ?? DEFAULT_RULES),
            ];
        for (const ref of refs) {
          const ruleset = await loadRulesOrReport(ref, io, lang, 'validate');
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
