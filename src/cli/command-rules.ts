import type { Command } from 'commander';
import { renderResolvedText, resolvedValues } from '../compare/show-ruleset.ts';
import { nearestName } from '../text/nearest-name.ts';
import { EXIT, parseLang, UsageError, type CliIo } from './cli-context.ts';
import { loadRulesOrReport } from './load-inputs.ts';

/** `junheng rules show <ruleset> [indicator]`: the resolved rules, each value with the file and line it came from. */
export function registerRules(program: Command, io: CliIo): void {
  const rules = program.command('rules').description('查看规则集 / inspect rule sets');
  rules
    .command('show')
    .description(
      '显示合并后的规则及每个值的出处（基础规则集或叠加规则集的文件和行号）/ the resolved rules and where each value came from',
    )
    .argument('<ruleset>', '规则集 id 或文件夹 / rule set id or folder')
    .argument('[indicator]', '只看一个指标 / one indicator only')
    .option('-f, --format <format>', 'text | json', 'text')
    .option('--lang <lang>', 'zh | en')
    .action(
      async (ref: string, indicator: string | undefined, options: { format: string; lang?: string }) => {
        const lang = parseLang(options.lang);
        if (options.format !== 'text' && options.format !== 'json')
          throw new UsageError({ zh: '--format 只能是 text 或 json', en: '--format must be text or json' });
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
