import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// An input refused at a limit is refused within 500 MB of memory, however far past the limit it is: the built tool
// runs in a process of its own, which records its peak memory as the operating system counts it.
const ROOT = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'junheng-refused-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const exec = promisify(execFile);

/** The sample with some of its files replaced, built at test time. */
function dataset(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'data/huadu-2024'), dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function validate(dir: string): Promise<{ code: number; err: string; peakMB: number }> {
  const timing = join(work, `${Math.random().toString(36).slice(2)}.jsonl`);
  const result = await exec(
    process.execPath,
    ['bench/timed-process.mjs', 'bin/junheng.js', 'validate', dir],
    {
      cwd: ROOT,
      env: { ...process.env, JUNHENG_TIMING: timing },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).then(
    (done) => ({ code: 0, err: done.stderr + done.stdout }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      err: failed.stderr + failed.stdout,
    }),
  );
  const { maxRssKB } = JSON.parse(readFileSync(timing, 'utf8').trim().split('\n').at(-1)!) as {
    maxRssKB: number;
  };
  return { ...result, peakMB: maxRssKB / 1024 };
}

describe('refused inputs stay within 500 MB', () => {
  it('a class table of 2 million rows, twice the row limit', async () => {
    const rows = ['class_id,school_id,class_name,class_stage,grade,class_students'];
    for (let i = 0; i < 2_000_000; i++) rows.push(`HD001-X-${i},HD001,班${i},primary,1,45`);
    const refused = await validate(dataset('rows', { 'classes.csv': `${rows.join('\n')}\n` }));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_TABLE_ROWS');
    expect(refused.peakMB).toBeLessThan(500);
  }, 120_000);

  it('a dataset.yaml of a million keys, five times the key limit', async () => {
    const yaml = readFileSync(join(ROOT, 'data/huadu-2024/dataset.yaml'), 'utf8');
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `k${i}: ${i}\n`).join('');
    const refused = await validate(dataset('keys', { 'dataset.yaml': `${yaml}\n${keys}` }));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_YAML_KEYS');
    expect(refused.peakMB).toBeLessThan(500);
  }, 120_000);

  it('a 50 MB cell', async () => {
    const schools = readFileSync(join(ROOT, 'data/huadu-2024/schools.csv'), 'utf8').split('\n');
    schools[1] = schools[1]!.replace(/^([^,]*),([^,]*),/, `$1,${'长'.repeat((50 * 1024 * 1024) / 3)},`);
    const refused = await validate(dataset('cell', { 'schools.csv': schools.join('\n') }));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('LIMIT_CELL_CHARS');
    expect(refused.peakMB).toBeLessThan(500);
  }, 120_000);
});
