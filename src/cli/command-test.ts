import type { Command } from 'commander';
import { EXIT, parseLang, type CliIo } from './cli-context.ts';
import { DEFAULT_RULES } from './defaults.ts';
import type { Say } from './help-language.ts';
import { sharedWords } from './shared-options.ts';

/** `junheng test`: run a rule set's YAML cases; a failing case prints expected vs actual and the trail. */
export function registerTest(program: Command, io: CliIo, say: Say): void {
  const words = sharedWords(say);
  program
    .command('test')
    .description(
      say(
        '运行规则集自带的测试用例（cases/ 下的 YAML），列出不符合预期的结论及其依据',
        "run the rule set's own test cases (the YAML under cases/) and show each verdict that differs from the expected one, with its trail",
      ),
    )
    .option('-r, --rules <ruleset>', words.rules, DEFAULT_RULES)
    .option(
      '--filter <text>',
      say('只运行名称含此文字的用例', 'run only the cases whose name contains this text'),
    )
    .option('--lang <lang>', words.lang)
    .action(async (options: { rules: string; filter?: string; lang?: string }) => {
      const lang = parseLang(options.lang);
      const [{ runCases }, { groupLabels }, { explainCheck }, { formatProblems }, { loadRulesOrReport }] =
        await Promise.all([
          import('../cases/run-cases.ts'),
          import('../engine/evaluate-dataset.ts'),
          import('../explain/explain-check.ts'),
          import('./format-problems.ts'),
          import('./load-inputs.ts'),
        ]);
      const ruleset = await loadRulesOrReport(options.rules, io, lang);
      if (!ruleset) return;
      const run = await runCases(ruleset, options.filter ? { filter: options.filter } : {});
      if (options.filter !== undefined && run.cases.length === 0) {
        io.err(
          lang === 'zh'
            ? `没有名称或文件名含“${options.filter}”的用例（${ruleset.id}）；不写 --filter 可运行全部用例\n`
            : `no case of ${ruleset.id} has '${options.filter}' in its name or file name; leave out --filter to run them all\n`,
        );
        process.exitCode = EXIT.invalid;
        return;
      }
      const labels = groupLabels(ruleset);
      let failed = 0;
      let broken = 0;
      for (const c of run.cases) {
        if (c.problems.length > 0) {
          broken++;
          io.out(`✗ ${c.name}  (${c.file})\n${formatProblems(c.problems, lang)}\n`);
          continue;
        }
        if (c.failures.length === 0) {
          io.out(`✓ ${c.name}\n`);
          continue;
        }
        failed++;
        io.out(`✗ ${c.name}  (${c.file})\n`);
        for (const f of c.failures) {
          io.out(
            lang === 'zh'
              ? `    ${f.what.zh}：期望 ${f.expected.zh}，实际 ${f.actual.zh}\n`
              : `    ${f.what.en}: expected ${f.expected.en}, actual ${f.actual.en}\n`,
          );
          for (const check of f.trail ?? [])
            io.out(`      ${explainCheck(check, lang, { groups: labels }).replace(/\n/g, '\n      ')}\n`);
        }
      }
      if (run.uncovered.length > 0) {
        io.out(
          lang === 'zh'
            ? `✗ 以下指标没有任何测试用例：${run.uncovered.join('、')}\n`
            : `✗ these indicators have no test case: ${run.uncovered.join(', ')}\n`,
        );
      }
      const passed = run.cases.length - failed - broken;
      io.out(
        lang === 'zh'
          ? `${passed} 个用例通过，${failed + broken} 个未通过${broken > 0 ? `（其中 ${broken} 个读不进来）` : ''}\n`
          : `${passed} passed, ${failed + broken} failed${broken > 0 ? ` (${broken} did not load)` : ''}\n`,
      );
      if (broken > 0) process.exitCode = EXIT.invalid;
      else if (failed > 0 || run.uncovered.length > 0) process.exitCode = EXIT.checkFailed;
    });
}
