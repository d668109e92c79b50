import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

// `npm pack` (which builds dist/ through the prepare script), then a global install of the tarball into an empty
// prefix, then the installed command run from an unrelated folder, as a user who installed junheng would.
let work: string;
let junheng: string;
let tarball: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'junheng-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed!.filename);
  const prefix = join(work, 'prefix');
  await run(
    'npm',
    ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball],
    { cwd: work, maxBuffer: 64 * 1024 * 1024 },
  );
  junheng = join(prefix, 'bin', 'junheng');
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the built tool, the rules, the schemas and the sample, and no tests or sources', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/junheng.js');
    expect(files).toContain('package/bin/junheng.js');
    expect(files).toContain('package/rules/national-2017/ruleset.yaml');
    expect(files).toContain('package/schemas/result.schema.json');
    expect(files).toContain('package/data/huadu-2024/dataset.yaml');
    expect(files.some((f) => f.startsWith('package/test/'))).toBe(false);
    expect(files.some((f) => f.startsWith('package/src/'))).toBe(false);
  });

  it('installs globally and says its own version and help from any folder', async () => {
    expect(existsSync(junheng)).toBe(true);
    const elsewhere = await mkdtemp(join(work, 'cwd-'));
    const version = await run(junheng, ['--version'], { cwd: elsewhere });
    expect(version.stdout.trim()).toBe(VERSION);
    const help = await run(junheng, ['--help'], { cwd: elsewhere, env: { ...process.env, LANG: 'C.UTF-8' } });
    expect(help.stdout).toContain('用法：');
    expect(help.stdout).toContain('evaluate');
    const en = await run(junheng, ['--help'], {
      cwd: elsewhere,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    expect(en.stdout).toContain('Usage:');
  });

  it('evaluates the bundled sample from an unrelated folder and writes every report', async () => {
    const elsewhere = await mkdtemp(join(work, 'cwd-'));
    const { stdout, stderr } = await run(junheng, ['evaluate', '--out', 'reports'], {
      cwd: elsewhere,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toContain('广州市花都区');
    expect(stderr).toContain('已写出');
    expect((await readdir(join(elsewhere, 'reports'))).sort()).toEqual(
      ['report-set.json', 'report.html', 'report.md', 'report.txt', 'report.xlsx', 'result.json'].sort(),
    );
  });
});
