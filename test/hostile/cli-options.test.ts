import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError } from '../../src/cli/describe-fs-error.ts';
import { run } from '../../src/cli/program.ts';

/** Every enumerated option is checked against its values; file-system errors are sentences naming path and fix. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join(''), err: err.join('') };
}

const RULES = ['--rules', 'test/fixtures/rules/tiny'];

function expectNoUnexpectedFailure(err: string): void {
  expect(err).not.toMatch(/^(出错了|failed): /m);
  expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('enumerated options are checked against their values', () => {
  const cases: { argv: string[]; option: string; near: string | undefined }[] = [
    { argv: ['evaluate', '--fail-on', 'not_recognized'], option: '--fail-on', near: 'not_recognised' },
    { argv: ['evaluate', '--fail-on', 'recognised,undetermind'], option: '--fail-on', near: 'undetermined' },
    { argv: ['evaluate', '--evaluator', 'constructor'], option: '--evaluator', near: 'compiled' },
    { argv: ['evaluate', '--evaluator', '__proto__'], option: '--evaluator', near: undefined },
    { argv: ['evaluate', '--evaluator', 'compild'], option: '--evaluator', near: 'compiled' },
    { argv: ['evaluate', '--format', 'txt,json'], option: '--format', near: 'text' },
    { argv: ['evaluate', '--format', 'toString'], option: '--format', near: 'text' },
    { argv: ['evaluate', '--lang', 'EN'], option: '--lang', near: 'en' },
    { argv: ['validate', '--lang', 'cn'], option: '--lang', near: 'zh' },
    {
      argv: ['diff', 'national-2017', 'national-2012', '--format', 'markdown'],
      option: '--format',
      near: 'md',
    },
    { argv: ['rules', 'show', 'national-2017', '--format', 'jsn'], option: '--format', near: 'json' },
    { argv: ['compare', 'data/huadu-2024', '--format', 'xls'], option: '--format', near: 'xlsx' },
  ];
  for (const { argv, option, near } of cases) {
    it(`${argv.join(' ')} is a usage error naming ${option}${near ? ` and '${near}'` : ''}`, async () => {
      const zh = await cli(argv);
      expect(zh.code).toBe(2);
      expectNoUnexpectedFailure(zh.err);
      expect(zh.err).toContain(`用法错误: ${option}`);
      if (near) expect(zh.err).toContain(`是否应为“${near}”`);
      else expect(zh.err).not.toContain('是否应为');
      if (option !== '--lang') {
        const en = await cli([...argv, '--lang', 'en']);
        expect(en.code).toBe(2);
        expect(en.err).toContain(`usage error: ${option}`);
        if (near) expect(en.err).toContain(`did you mean '${near}'`);
      }
    });
  }

  it('a known value passes the check (the command goes on to read its inputs)', async () => {
    const r = await cli([
      'evaluate',
      'no-such-dataset',
      '--fail-on',
      'not_recognised',
      '--evaluator',
      'compiled',
    ]);
    expect(r.err).not.toContain('用法错误');
  });
});

describe('explain refuses ids it does not know', () => {
  it('an unknown --indicator exits 2 with the nearest id', async () => {
    const r = await cli(['explain', '--indicator', 'Z9']);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
    expect(r.err).toContain('--indicator 的值“Z9”无效');
    const near = await cli(['explain', '--indicator', 'g5', '--lang', 'en']);
    expect(near.code).toBe(2);
    expect(near.err).toContain("did you mean 'G5'");
  });

  it('an --indicator named constructor is unknown, not a crash', async () => {
    const r = await cli(['explain', '--indicator', 'constructor']);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
  });

  it('an unknown --subject exits 2', async () => {
    const r = await cli(['explain', '--subject', 'no-such-school']);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
  });
});

describe('outputs on special file systems are refused at once', () => {
  for (const out of ['/proc/junheng-x', '/sys/junheng-x', '/dev/junheng-x', '/proc/self/fd']) {
    it(`evaluate --out ${out} exits 2 without hanging`, async () => {
      const started = Date.now();
      const r = await cli(['evaluate', '--out', out]);
      expect(r.code).toBe(2);
      expectNoUnexpectedFailure(r.err);
      expect(r.err).toContain('系统专用的文件系统');
      expect(r.err).toContain(out);
      // Refused before anything is read: far within the time a run of the sample takes, even on a busy machine.
      expect(Date.now() - started).toBeLessThan(15_000);
    });
  }

  it('template --out /dev/null and diff --out /proc/x are refused too', async () => {
    const t = await cli(['template', ...RULES, '--out', '/dev/null', '--lang', 'en']);
    expect(t.code).toBe(2);
    expect(t.err).toContain('special system file system');
    const d = await cli(['diff', 'national-2017', 'national-2012', '--out', '/proc/x']);
    expect(d.code).toBe(2);
    expect(d.err).toContain('系统专用的文件系统');
  });
});

describe('file-system errors are sentences naming the path and the fix', () => {
  it('ENOTDIR: --out under a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-fs-'));
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = join(dir, 'a-file', 'reports');
    const r = await cli(['evaluate', '--out', out, '--format', 'json', '-q']);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
    expect(r.err).toMatch(/是文件而不是文件夹|已存在/);
    expect(r.err).toContain(join(dir, 'a-file'));
  });

  it('EEXIST or ENOTDIR in English: --out is a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-fs-'));
    writeFileSync(join(dir, 'taken'), 'x');
    const r = await cli(['evaluate', '--out', join(dir, 'taken'), '--format', 'json', '-q', '--lang', 'en']);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
    expect(r.err).toMatch(/already exists|is a file, not a folder/);
    expect(r.err).toContain(join(dir, 'taken'));
  });

  it('EISDIR: template --out is a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-fs-'));
    mkdirSync(join(dir, 'folder.xlsx'));
    const r = await cli(['template', ...RULES, '--out', join(dir, 'folder.xlsx')]);
    expect(r.code).toBe(2);
    expectNoUnexpectedFailure(r.err);
    expect(r.err).toMatch(/是一个文件夹|已存在/);
    expect(r.err).toContain(join(dir, 'folder.xlsx'));
  });

  const codes = ['EEXIST', 'EROFS', 'ENOSPC', 'EISDIR', 'EACCES', 'ENOTDIR', 'ENOENT', 'EPERM', 'EDQUOT'];
  for (const code of codes) {
    it(`${code} is described in both languages with the path`, () => {
      const error = Object.assign(new Error(`${code}: raw`), { code, path: '/x/out' });
      const zh = describeFsError(error, 'zh');
      const en = describeFsError(error, 'en');
      expect(zh).toContain('/x/out');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toContain('/x/out');
      expect(en).not.toContain('raw');
      expect(zh).not.toEqual(en);
    });
  }

  it('a non-file-system error is left to the general handler', () => {
    expect(describeFsError(new Error('boom'), 'zh')).toBeUndefined();
    expect(describeFsError(Object.assign(new Error('x'), { code: 'constructor' }), 'zh')).toBeUndefined();
  });
});
