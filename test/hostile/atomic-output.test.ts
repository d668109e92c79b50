import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.ts';
import { writeFileAtomic } from '../../src/files/write-atomic.ts';

/**
 * A report write that is interrupted — the disk fills up, the user presses Ctrl-C, the process is killed — leaves
 * the previous report as it was and no partial file: the reports are written to a temporary file and renamed.
 */
const DATASET = 'test/fixtures/bad-data/natural-forms';
const PREVIOUS = 'PREVIOUS REPORT\n';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** An output folder holding a previous run's reports. */
async function previousReports(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-atomic-'));
  dirs.push(dir);
  await writeFile(join(dir, 'report.txt'), PREVIOUS);
  await writeFile(join(dir, 'result.json'), PREVIOUS);
  return dir;
}

async function expectPreviousIntact(dir: string): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual(['report.txt', 'result.json']);
  expect(await readFile(join(dir, 'report.txt'), 'utf8')).toBe(PREVIOUS);
  expect(await readFile(join(dir, 'result.json'), 'utf8')).toBe(PREVIOUS);
}

/** Makes every FileHandle.writeFile write half its bytes and then fail as a full disk does, until restored. */
async function failWritesHalfway(): Promise<() => void> {
  const probe = await open(process.execPath, 'r');
  const proto = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = proto.writeFile;
  proto.writeFile = async function (this: FileHandle, data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    await original.call(this, bytes.subarray(0, Math.floor(bytes.length / 2)));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  return () => {
    proto.writeFile = original;
  };
}

/** Runs `evaluate` in a child process whose writes stall halfway, and kills it with `signal` once one has. */
async function killMidWrite(
  out: string,
  signal: NodeJS.Signals,
): Promise<{ signal: NodeJS.Signals | null; stalledBytes: number }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/hostile/stalled-evaluate.ts',
      'evaluate',
      DATASET,
      '--out',
      out,
      '--format',
      'text,json',
      '-q',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stalled = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /STALLED (\d+)/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(`the child ended before writing: ${stderr}`)));
  });
  // Half the report is on disk, in a temporary file beside the previous one.
  const during = await readdir(out);
  expect(during.filter((f) => f.startsWith('.junheng-tmp-report.txt-'))).toHaveLength(1);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  child.kill(signal);
  return { signal: await exited, stalledBytes: stalled };
}

describe('interrupted report writes', () => {
  it('a write that fails halfway (disk full) leaves the previous file and no temporary file', async () => {
    const dir = await previousReports();
    const restore = await failWritesHalfway();
    try {
      await expect(writeFileAtomic(join(dir, 'report.txt'), 'NEW REPORT '.repeat(10_000))).rejects.toThrow(
        'ENOSPC',
      );
    } finally {
      restore();
    }
    await expectPreviousIntact(dir);
  });

  it('evaluate on a full disk exits 2 with a message, the previous reports intact and no partial file', async () => {
    const dir = await previousReports();
    const err: string[] = [];
    const restore = await failWritesHalfway();
    let code: number;
    try {
      code = await run(['evaluate', DATASET, '--out', dir, '--format', 'text,json', '-q', '--lang', 'en'], {
        out: () => undefined,
        err: (t) => err.push(t),
        isTTY: false,
      });
    } finally {
      restore();
    }
    expect(code).toBe(2);
    expect(err.join('')).toContain('ENOSPC');
    await expectPreviousIntact(dir);
  });

  it('evaluate killed by SIGTERM (or Ctrl-C) mid-write leaves the previous reports and removes its temporary file', async () => {
    const dir = await previousReports();
    const { signal, stalledBytes } = await killMidWrite(dir, 'SIGTERM');
    expect(signal).toBe('SIGTERM');
    expect(stalledBytes).toBeGreaterThan(1000);
    await expectPreviousIntact(dir);
  }, 60_000);

  it('evaluate killed by SIGKILL mid-write leaves the previous reports; the next run removes the orphaned temporary file', async () => {
    const dir = await previousReports();
    const { signal } = await killMidWrite(dir, 'SIGKILL');
    expect(signal).toBe('SIGKILL');
    // Nothing runs on SIGKILL: the half-written temporary file stays, the report beside it is untouched.
    const left = (await readdir(dir)).filter((f) => f.startsWith('.junheng-tmp-'));
    expect(left).toHaveLength(1);
    expect(await readFile(join(dir, 'report.txt'), 'utf8')).toBe(PREVIOUS);
    const code = await run(['evaluate', DATASET, '--out', dir, '--format', 'text,json', '-q'], {
      out: () => undefined,
      err: () => undefined,
      isTTY: false,
    });
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['report-set.json', 'report.txt', 'result.json']);
    expect(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'))).toHaveProperty('counties');
  }, 60_000);
});
