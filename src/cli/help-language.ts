import { Command, Help, type Argument, type Option } from 'commander';
import type { Lang } from '../model/text.ts';
import { displayWidth } from '../report/display-width.ts';
import { wordTable } from '../text/word-table.ts';

/** A sentence in the help's language: `say('中文', 'English')`. */
export type Say = (zh: string, en: string) => string;

/**
 * The language of the help and of commander's own messages: `--lang` when the command line has it, else
 * JUNHENG_LANG, else English when the locale (LC_ALL, LC_MESSAGES, LANG) is an English one, else Chinese.
 */
export function helpLanguage(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) {
    const value = argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
    if (value === 'en' || value === 'zh') return value;
  }
  if (env['JUNHENG_LANG'] === 'en' || env['JUNHENG_LANG'] === 'zh') return env['JUNHENG_LANG'];
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^en([_.@-]|$)/i.test(locale) ? 'en' : 'zh';
}

export function sayIn(lang: Lang): Say {
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const TITLES: Readonly<Record<string, string>> = wordTable({
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
});

/** Words commander puts in a usage line. */
const USAGE_WORDS: [RegExp, string][] = [
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
];

/** commander's help, with columns lined up by terminal width (a Chinese character takes two columns). */
class AlignedHelp extends Help {
  override displayWidth(str: string): number {
    // eslint-disable-next-line no-control-regex
    return displayWidth(str.replace(/\x1b\[[0-9;]*m/g, ''));
  }
}

/** commander's help in Chinese: titles, usage words and the "(default: …)" notes. English is commander's own. */
class ChineseHelp extends AlignedHelp {
  override styleTitle(str: string): string {
    return TITLES[str] ?? str;
  }

  override commandUsage(cmd: Command): string {
    let usage = super.commandUsage(cmd);
    for (const [pattern, word] of USAGE_WORDS) usage = usage.replace(pattern, word);
    return usage;
  }

  override subcommandTerm(cmd: Command): string {
    let term = super.subcommandTerm(cmd);
    for (const [pattern, word] of USAGE_WORDS) term = term.replace(pattern, word);
    return term;
  }

  override optionDescription(option: Option): string {
    return translateExtras(super.optionDescription(option));
  }

  override argumentDescription(argument: Argument): string {
    return translateExtras(super.argumentDescription(argument));
  }
}

function translateExtras(text: string): string {
  return text
    .replace(/\(default: /g, '（默认：')
    .replace(/\(choices: /g, '（可选：')
    .replace(/\(env: /g, '（环境变量：')
    .replace(/\(preset: /g, '（预设：')
    .replace(/(（(?:默认|可选|环境变量|预设)：[^()]*?)\)/g, '$1）')
    .replace(/ （/g, '（')
    .replace(/\), （/g, '）（')
    .replace(/（默认：([^（）]*)）（/g, '（默认：$1；');
}

/** commander's error messages, in Chinese. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/, '错误：未知的选项 $1$2'],
  [/^error: unknown command '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/, '错误：未知的命令 $1$2'],
  [/^error: missing required argument '([^']*)'/, '错误：缺少必需的参数 $1'],
  [/^error: option '([^']*)' argument missing/, '错误：选项 $1 缺少取值'],
  [/^error: required option '([^']*)' not specified/, '错误：必须给出选项 $1'],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    '错误：参数太多$1：应有 $2 个，实际给了 $3 个。',
  ],
];

export function translateError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, zh] of ERRORS) {
    const m = pattern.exec(message);
    if (!m) continue;
    return (
      zh.replace(/\$(\d)/g, (_, n: string) => {
        const value = m[Number(n)];
        if (n === '2' && pattern.source.includes('Did you mean'))
          return value ? `（是不是想写 ${value}？）` : '';
        if (n === '1' && pattern.source.includes("for '")) return value ? `（命令 ${value}）` : '';
        return value ?? '';
      }) + message.slice(m[0].length)
    );
  }
  return message.replace(/^error: /, '错误：');
}

/**
 * A commander command whose help and messages are in one language; the subcommands it makes are of the same kind
 * (commander makes them with `createCommand`), so the whole program speaks one language.
 */
export class LocalizedCommand extends Command {
  readonly lang: Lang;

  constructor(name: string | undefined, lang: Lang) {
    super(name);
    this.lang = lang;
  }

  override createCommand(name?: string): LocalizedCommand {
    return new LocalizedCommand(name, this.lang);
  }

  override createHelp(): Help {
    return Object.assign(this.lang === 'zh' ? new ChineseHelp() : new AlignedHelp(), this.configureHelp());
  }
}

/**
 * Sets the help option, the help command and the wording of usage errors in the program's language, before its
 * subcommands are added (commander copies these settings to each subcommand it makes).
 */
export function localizeProgram(
  program: LocalizedCommand,
  write: { out(s: string): void; err(s: string): void },
): void {
  const say = sayIn(program.lang);
  program
    .helpOption('-h, --help', say('显示这条帮助', 'show this help'))
    .helpCommand('help [command]', say('显示某个命令的帮助', 'show the help of a command'))
    .configureOutput({
      writeOut: (s) => write.out(s),
      writeErr: (s) => write.err(s),
      outputError: (s, out) => out(translateError(s, program.lang)),
    });
}
