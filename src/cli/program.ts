import { Command, CommanderError } from 'commander';
import { ENGINE_VERSION } from '../engine/evaluate-dataset.ts';
import { EXIT, parseLang, processIo, UsageError, type CliIo } from './cli-context.ts';
import { registerCompare } from './command-compare.ts';
import { registerDiff } from './command-diff.ts';
import { registerEvaluate } from './command-evaluate.ts';
import { registerExplain } from './command-explain.ts';
import { registerRules } from './command-rules.ts';
import { registerTemplate } from './command-template.ts';
import { registerTest } from './command-test.ts';
import { registerValidate } from './command-validate.ts';

/** The commander program with every subcommand. */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('junheng')
    .description(
      '均衡 — 县域义务教育优质均衡督导评估规则引擎 / rules engine for county high-quality balanced compulsory education',
    )
    .version(ENGINE_VERSION)
    .option('--verbose', '出错时显示技术细节 / show technical details on errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerEvaluate(program, io);
  registerExplain(program, io);
  registerValidate(program, io);
  registerTest(program, io);
  registerTemplate(program, io);
  registerDiff(program, io);
  registerCompare(program, io);
  registerRules(program, io);
  return program;
}

/**
 * Runs the program on argv (without node and script), setting process.exitCode, never calling process.exit:
 * tests call it directly. A usage mistake exits 2; an unexpected failure prints a message (its stack only with --verbose).
 */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  const lang = langOf(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode !== 0) process.exitCode = EXIT.invalid;
    } else if (error instanceof UsageError) {
      io.err(`${lang === 'zh' ? '用法错误' : 'usage error'}: ${error.text[lang]}\n`);
      process.exitCode = EXIT.invalid;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.err(`${lang === 'zh' ? '出错了' : 'failed'}: ${message}\n`);
      if (argv.includes('--verbose') && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      process.exitCode = EXIT.invalid;
    }
  }
  return Number(process.exitCode ?? EXIT.ok);
}

function langOf(argv: string[]): 'zh' | 'en' {
  const i = argv.indexOf('--lang');
  try {
    return parseLang(i >= 0 ? argv[i + 1] : undefined);
  } catch {
    return 'zh';
  }
}
