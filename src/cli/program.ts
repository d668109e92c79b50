import { CommanderError } from 'commander';
import { readLimitsFile, setLimits, type Limits } from '../limits.ts';
import { ENGINE_VERSION } from '../version.ts';
import { EXIT, parseLang, processIo, UsageError, type CliIo } from './cli-context.ts';
import { registerCompare } from './command-compare.ts';
import { registerDiff } from './command-diff.ts';
import { registerEvaluate } from './command-evaluate.ts';
import { registerExplain } from './command-explain.ts';
import { registerRules } from './command-rules.ts';
import { registerServe } from './command-serve.ts';
import { registerTemplate } from './command-template.ts';
import { registerTest } from './command-test.ts';
import { registerValidate } from './command-validate.ts';
import { describeFsError } from './describe-fs-error.ts';
import { helpLanguage, LocalizedCommand, localizeProgram, sayIn } from './help-language.ts';
import type { Lang } from '../model/text.ts';

/**
 * The commander program with every subcommand, its help in `lang`. Declaring the commands loads nothing heavy: each
 * command imports the engine, the readers and the writers it needs when it runs, so `--help` starts at once.
 */
export function buildProgram(io: CliIo = processIo, lang: Lang = helpLanguage([])): LocalizedCommand {
  const say = sayIn(lang);
  const program = new LocalizedCommand('junheng', lang);
  localizeProgram(program, io);
  program
    .description(
      say(
        '均衡 — 县域义务教育优质均衡督导评估规则引擎：按规则集评估县域数据，说明每个结论的依据和怎样才能达标',
        'junheng — rules engine for county high-quality balanced compulsory education: judges a county under a rule set and explains every verdict and what it would take to pass',
      ),
    )
    .version(ENGINE_VERSION, '-V, --version', say('显示版本号', 'show the version number'))
    .option('--verbose', say('出错时显示技术细节', 'show technical details on errors'))
    .option(
      '--limits <file>',
      say(
        '输入大小上限文件（YAML，例如 tableRows: 3000000），用来放宽或收紧默认上限',
        'a limits file (YAML, e.g. tableRows: 3000000) that raises or lowers the default input limits',
      ),
    )
    .hook('preAction', () => {
      const file = program.opts<{ limits?: string }>().limits;
      if (file === undefined) return;
      const read = readLimitsFile(file);
      if ('error' in read && read.error !== undefined) throw new UsageError(read.error);
      setLimits(read as Partial<Limits>);
    })
    .addHelpText(
      'after',
      say(
        '\n说明：--lang en 或英文环境（LANG=en_US.UTF-8）显示英文帮助。退出码：0 完成，1 要求的检查未通过，2 输入或用法有误。\n',
        '\nHelp is in Chinese unless --lang en or an English locale (LANG=en_US.UTF-8) is given. Exit codes: 0 done, 1 a check you asked for failed, 2 invalid input or usage.\n',
      ),
    )
    .exitOverride();
  registerEvaluate(program, io, say);
  registerExplain(program, io, say);
  registerValidate(program, io, say);
  registerTest(program, io, say);
  registerTemplate(program, io, say);
  registerDiff(program, io, say);
  registerCompare(program, io, say);
  registerRules(program, io, say);
  registerServe(program, io, say);
  return program;
}

/**
 * Runs the program on argv (without node and script), setting process.exitCode, never calling process.exit:
 * tests call it directly. A usage mistake exits 2; an unexpected failure prints a message (its stack only with --verbose).
 */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const lang = helpLanguage(argv);
  const program = buildProgram(io, lang);
  process.exitCode = undefined;
  setLimits({});
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const said = messageLang(argv, lang);
    if (error instanceof CommanderError) {
      if (error.exitCode !== 0) process.exitCode = EXIT.invalid;
    } else if (error instanceof UsageError) {
      io.err(`${said === 'zh' ? '用法错误' : 'usage error'}: ${error.text[said]}\n`);
      process.exitCode = EXIT.invalid;
    } else if (hasText(error)) {
      // A failure that says itself in both languages (another run writing into the same folder, say).
      io.err(`${said === 'zh' ? '出错了' : 'failed'}: ${error.text[said]}\n`);
      process.exitCode = EXIT.invalid;
    } else if (describeFsError(error, said) !== undefined) {
      io.err(`${describeFsError(error, said)}\n`);
      if (argv.includes('--verbose') && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      process.exitCode = EXIT.invalid;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.err(`${said === 'zh' ? '出错了' : 'failed'}: ${message}\n`);
      if (argv.includes('--verbose') && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
      process.exitCode = EXIT.invalid;
    }
  }
  return Number(process.exitCode ?? EXIT.ok);
}

function hasText(error: unknown): error is Error & { text: { zh: string; en: string } } {
  const text = error instanceof Error ? (error as { text?: unknown }).text : undefined;
  return (
    typeof text === 'object' &&
    text !== null &&
    typeof (text as { zh?: unknown }).zh === 'string' &&
    typeof (text as { en?: unknown }).en === 'string'
  );
}

/** The language of a command's own messages: `--lang`, else JUNHENG_LANG, else Chinese (the locale chooses only the help's). */
function messageLang(argv: string[], fallback: Lang): Lang {
  const i = argv.indexOf('--lang');
  try {
    return parseLang(i >= 0 ? argv[i + 1] : undefined);
  } catch {
    return fallback;
  }
}
