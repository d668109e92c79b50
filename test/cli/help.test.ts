import { afterEach, describe, expect, it } from 'vitest';
import { buildProgram, run } from '../../src/cli/program.ts';
import { helpLanguage, translateError } from '../../src/cli/help-language.ts';
import type { CliIo } from '../../src/cli/cli-context.ts';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
  };
  return io;
}

const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, JUNHENG_LANG: process.env.JUNHENG_LANG };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Every command and subcommand of the program, with its path. */
function commands(lang: 'zh' | 'en') {
  const program = buildProgram(capture(), lang);
  const all: { path: string; command: typeof program }[] = [];
  const walk = (command: typeof program, path: string) => {
    all.push({ path, command });
    for (const sub of command.commands) walk(sub as typeof program, `${path} ${sub.name()}`);
  };
  walk(program, 'junheng');
  return all;
}

describe('the language of the help', () => {
  it('is --lang first, then JUNHENG_LANG, then an English locale, else Chinese', () => {
    expect(helpLanguage([], {})).toBe('zh');
    expect(helpLanguage([], { LANG: 'C.UTF-8' })).toBe('zh');
    expect(helpLanguage([], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(helpLanguage([], { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(helpLanguage([], { LANG: 'en' })).toBe('en');
    expect(helpLanguage([], { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(helpLanguage([], { LANG: 'en_US.UTF-8', JUNHENG_LANG: 'zh' })).toBe('zh');
    expect(helpLanguage(['evaluate', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLanguage(['--lang=zh'], { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(helpLanguage(['--lang', 'fr'], { LANG: 'en_US.UTF-8' })).toBe('en');
  });

  it('Chinese help has no English of commander left: titles, usage words, defaults, the help option', () => {
    for (const { path, command } of commands('zh')) {
      const text = command.helpInformation();
      for (const english of [
        'Usage:',
        'Options:',
        'Commands:',
        'Arguments:',
        'display help',
        '(default:',
        '[options]',
      ])
        expect(text, `${path}: ${english}`).not.toContain(english);
      expect(text, path).toContain('用法：');
      expect(text, path).toContain('显示这条帮助');
    }
  });

  it('every option and argument of every command is explained in both languages, with different words', () => {
    const zh = commands('zh');
    const en = commands('en');
    zh.forEach(({ path, command }, i) => {
      const english = en[i]!.command;
      expect(command.description(), path).not.toBe('');
      expect(english.description(), path).not.toBe(command.description());
      expect(/[\u4e00-\u9fff]/.test(command.description()), path).toBe(true);
      command.options.forEach((option, j) => {
        const other = english.options[j]!;
        expect(option.description, `${path} ${option.flags}`).toMatch(/[\u4e00-\u9fff]/);
        expect(other.description, `${path} ${option.flags}`).not.toMatch(/[\u4e00-\u9fff]/);
        expect(other.description.length, `${path} ${option.flags}`).toBeGreaterThan(8);
      });
      command.registeredArguments.forEach((argument, j) => {
        expect(argument.description, `${path} ${argument.name()}`).toMatch(/[\u4e00-\u9fff]/);
        expect(english.registeredArguments[j]!.description, `${path} ${argument.name()}`).not.toMatch(
          /[\u4e00-\u9fff]/,
        );
      });
    });
  });

  it('--help prints the help in the asked language and exits 0; --version prints the version', async () => {
    delete process.env.JUNHENG_LANG;
    process.env.LANG = 'C.UTF-8';
    const zh = capture();
    expect(await run(['--help'], zh)).toBe(0);
    expect(zh.stdout).toContain('用法： junheng [选项] [命令]');
    expect(zh.stdout).toContain('评估数据集');
    const en = capture();
    expect(await run(['evaluate', '--help', '--lang', 'en'], en)).toBe(0);
    expect(en.stdout).toContain('Usage: junheng evaluate [options] [dataset]');
    expect(en.stdout).toContain('which evaluator makes the threshold comparisons');
    process.env.LANG = 'en_US.UTF-8';
    const locale = capture();
    await run(['explain', '--help'], locale);
    expect(locale.stdout).toContain('Usage: junheng explain');
    const version = capture();
    expect(await run(['--version'], version)).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("commander's mistakes are said in Chinese, with the nearest command, and exit 2", async () => {
    process.env.LANG = 'C.UTF-8';
    delete process.env.JUNHENG_LANG;
    const unknown = capture();
    expect(await run(['evaluat'], unknown)).toBe(2);
    expect(unknown.stderr).toContain('错误：未知的命令 evaluat（是不是想写 evaluate？）');
    const option = capture();
    expect(await run(['evaluate', '--bogus'], option)).toBe(2);
    expect(option.stderr).toContain('错误：未知的选项 --bogus');
    const missing = capture();
    expect(await run(['diff'], missing)).toBe(2);
    expect(missing.stderr).toContain('错误：缺少必需的参数 ruleset-a');
    const english = capture();
    expect(await run(['evaluat', '--lang', 'en'], english)).toBe(2);
    expect(english.stderr).toContain("error: unknown command 'evaluat'");
  });

  it('translates each commander message it knows and keeps anything else readable', () => {
    expect(translateError("error: option '-r, --rules <ruleset>' argument missing", 'zh')).toBe(
      '错误：选项 -r, --rules <ruleset> 缺少取值',
    );
    expect(
      translateError("error: too many arguments for 'diff'. Expected 2 arguments but got 3.", 'zh'),
    ).toBe('错误：参数太多（命令 diff）：应有 2 个，实际给了 3 个。');
    expect(translateError('error: something new', 'zh')).toBe('错误：something new');
    expect(translateError("error: unknown option '--x'", 'en')).toBe("error: unknown option '--x'");
  });
});
