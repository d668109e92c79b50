import type { Command } from 'commander';
import { checkChoice } from './check-choice.ts';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

/** `junheng rules show <ruleset> [indicator]`: the resolved rules, each value with the file and line it came from. */
export function registerRules(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  const rules = program.command('rules').description(say('查看规则集', 'inspect rule sets'));
  rules
    .command('show')
    .description(
      say(
        '显示合并后的规则及每个值的出处（基础规则集或叠加规则集的文件和行号）',
        'the resolved rules and where each value came from (the file and line of the base or overlay rule set)',
      ),
    )
    .argument('<ruleset>', say('规则集：id 或文件夹', 'rule set: id or folder'))
    .argument('[indicator]', say('只看一个指标（如 R1）', 'one indicator only (e.g. R1)'))
    .option(
      '-f, --format <format>',
      say('输出格式：text（终端）或 json', 'output format: text (terminal) or json'),
      'text',
    )
    .option('--lang <lang>', words.lang)
    .action(
      async (ref: string, indicator: string | undefined, options: { format: string; lang?: string }) => {
        const lang = parseLang(options.lang);
        const [{ renderResolvedText, resolvedValues }, { nearestName }, { loadRulesOrReport }] =
          await Promise.all([
            import('../explain/show-ruleset.ts'),
            import('../text/nearest-name.ts'),
            import('./load-inputs.ts'),
          ]);
        checkChoice('--format', options.format, ['text', 'json']);
        const ruleset = await loadRulesOrReport(ref, io, lang);
        if (!ruleset) return;
        if (indicator && !ruleset.indicators.some((i) => i.id === indicator)) {
          const near = nearestName(
            indicator,
            ruleset.indicators.map((i) => i.id),
          );
          io.err(
            lang === 'zh'
              ? `规则集 ${ruleset.id} 没有指标 ${indicator}${near ? `；是否应为“${near}”？` : ''}\n`
              : `rule set ${ruleset.id} has no indicator ${indicator}${near ? `; did you mean '${near}'?` : ''}\n`,
          );
          process.exitCode = EXIT.invalid;
          return;
        }
        const values = resolvedValues(ruleset, indicator);
        if (options.format === 'json') {
          const layers = ruleset.layers ?? [];
          io.out(`${JSON.stringify({ ruleset: ruleset.id, hash: ruleset.hash, layers, values }, null, 2)}\n`);
        } else io.out(renderResolvedText(ruleset, values, lang));
      },
    );
}
