import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkChoice } from './check-choice.ts';
import { parseLang, type CliIo } from './cli-context.ts';
import { checkOutputPath } from './check-output-path.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

const FORMATS = ['text', 'md', 'json'] as const;

/** `junheng diff <a> <b>`: what changed from one rule set to another, in plain language. */
export function registerDiff(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('diff')
    .description(
      say(
        '比较两个规则集：用平实的语言列出改动的阈值、公式、指标和出处',
        'what changed between two rule sets (thresholds, formulas, indicators, sources), in plain language',
      ),
    )
    .argument('<ruleset-a>', say('原规则集：id 或文件夹', 'the earlier rule set: id or folder'))
    .argument('<ruleset-b>', say('新规则集：id 或文件夹', 'the later rule set: id or folder'))
    .option(
      '-f, --format <format>',
      say(
        '输出格式：text（终端）、md（Markdown）或 json',
        'output format: text (terminal), md (Markdown) or json',
      ),
      'text',
    )
    .option(
      '-o, --out <file>',
      say('写入这个文件，而不是打印到终端', 'write to this file instead of the terminal'),
    )
    .option('--lang <lang>', words.lang)
    .action(async (refA: string, refB: string, options: { format: string; out?: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      const [
        { diffRuleSets },
        { renderDiffMarkdown, renderDiffText },
        { writeFileAtomic },
        { loadRulesOrReport },
      ] = await Promise.all([
        import('../compare/diff-rulesets.ts'),
        import('../compare/render-diff.ts'),
        import('../files/write-atomic.ts'),
        import('./load-inputs.ts'),
      ]);
      checkChoice('--format', options.format, FORMATS);
      if (options.out) await checkOutputPath(resolve(options.out), 'file');
      const a = await loadRulesOrReport(refA, io, lang);
      if (!a) return;
      const b = await loadRulesOrReport(refB, io, lang);
      if (!b) return;
      const diff = diffRuleSets(a, b);
      const text =
        options.format === 'json'
          ? `${JSON.stringify(diff, null, 2)}\n`
          : options.format === 'md'
            ? renderDiffMarkdown(diff, lang)
            : renderDiffText(diff, lang);
      if (options.out) {
        await writeFileAtomic(resolve(options.out), text);
        io.err(`${lang === 'zh' ? '已写出' : 'written'}: ${options.out}\n`);
      } else io.out(text);
    });
}
