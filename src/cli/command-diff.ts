import { resolve } from 'node:path';
import type { Command } from 'commander';
import { diffRuleSets } from '../compare/diff-rulesets.ts';
import { renderDiffMarkdown, renderDiffText } from '../compare/render-diff.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { parseLang, UsageError, type CliIo } from './cli-context.ts';
import { loadRulesOrReport } from './load-inputs.ts';

const FORMATS = ['text', 'md', 'json'] as const;

/** `junheng diff <a> <b>`: what changed from one rule set to another, in plain language. */
export function registerDiff(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description(
      '比较两个规则集，用平实的语言列出变化 / what changed between two rule sets, in plain language',
    )
    .argument('<ruleset-a>', '原规则集 id 或文件夹 / the earlier rule set')
    .argument('<ruleset-b>', '新规则集 id 或文件夹 / the later rule set')
    .option('-f, --format <format>', `text | md | json`, 'text')
    .option('-o, --out <file>', '写入文件而不是终端 / write to a file instead of the terminal')
    .option('--lang <lang>', 'zh | en')
    .action(async (refA: string, refB: string, options: { format: string; out?: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new UsageError({
          zh: `--format 只能是 ${FORMATS.join('、')}`,
          en: `--format must be one of ${FORMATS.join(', ')}`,
        });
      }
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
