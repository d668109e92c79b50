import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Ctrl-C and SIGTERM stop a long run within moments, even inside a long synchronous step, and leave no temporary file
// or lock behind. The bound is 6 s, for a busy machine; left alone, the run goes on for about 30 s. A long run (more
// than a few megabytes of data) runs its command in a worker thread that the signal stops (src/cli/main.ts); the
// dataset here is the sample with its classes repeated to about 20 MB.
const ROOT = join(import.meta.dirname, '../..');
let work: string;
let dataset: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'junheng-interrupt-'));
  dataset = join(work, 'big');
  cpSync(join(ROOT, 'data/huadu-2024'), dataset, { recursive: true });
  const [header, ...rows] = readFileSync(join(dataset, 'classes.csv'), 'utf8').trimEnd().split('\n');
  const copies: string[] = [header!];
  for (let copy = 0; copy < 60; copy++)
    for (const row of rows) copies.push(row.replace(/^([^,]+),/, `$1-${copy},`));
  writeFileSync(join(dataset, 'classes.csv'), `${copies.join('\n')}\n`);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Stopped {
  signal: NodeJS.Signals | null;
  code: number | null;
  /** Milliseconds from the signal to the process's end. */
  after: number;
}

/** Starts `evaluate` of the big dataset and sends `signal` once `when` holds (polled every 10 ms). */
function interrupt(out: string, signal: NodeJS.Signals, when: () => boolean): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/junheng.js', 'evaluate', dataset, '--out', out], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    let sent = 0;
    const poll = setInterval(() => {
      if (sent === 0 && when()) {
        sent = Date.now();
        child.kill(signal);
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (code, got) => {
      clearInterval(poll);
      if (sent === 0) reject(new Error(`the run ended (code ${code}) before the signal was sent`));
      else resolve({ code, signal: got, after: Date.now() - sent });
    });
  });
}

function leftovers(out: string): string[] {
  return existsSync(out) ? readdirSync(out).filter((name) => name.startsWith('.junheng')) : [];
}

describe('a signal during a long run', () => {
  it('SIGTERM while the data is read and evaluated stops the run within moments', async () => {
    const out = join(work, 'out-term');
    const started = Date.now();
    const stopped = await interrupt(out, 'SIGTERM', () => Date.now() - started > 1500);
    expect(stopped.signal).toBe('SIGTERM');
    expect(stopped.after).toBeLessThan(6000);
    expect(leftovers(out)).toEqual([]);
  }, 60_000);

  it('Ctrl-C while the reports are written removes the lock and every temporary file', async () => {
    const out = join(work, 'out-int');
    const stopped = await interrupt(out, 'SIGINT', () => leftovers(out).length > 0);
    expect(stopped.signal).toBe('SIGINT');
    expect(stopped.after).toBeLessThan(6000);
    expect(leftovers(out)).toEqual([]);
    // Nothing claims a set that is not there.
    expect(existsSync(join(out, 'report-set.json'))).toBe(false);
  }, 120_000);
});

describe('a long run in its worker thread', () => {
  /** Runs the built tool; `env` added to the environment. */
  function junheng(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/junheng.js', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  it('prints, writes and exits exactly as on the main thread', async () => {
    // More than 4 MB in the dataset's folder makes it a long run, in a worker; the padding is not a table.
    const padded = join(work, 'padded');
    cpSync(join(ROOT, 'data/huadu-2024'), padded, { recursive: true });
    writeFileSync(join(padded, 'notes.txt'), 'x'.repeat(5 * 1024 * 1024));
    const inWorker = await junheng(['evaluate', padded, '--out', join(work, 'w')]);
    const onMain = await junheng(['evaluate', padded, '--out', join(work, 'm')], { JUNHENG_NO_WORKER: '1' });
    expect(inWorker.code).toBe(0);
    expect(inWorker.out.replaceAll(join(work, 'w'), 'OUT')).toBe(
      onMain.out.replaceAll(join(work, 'm'), 'OUT'),
    );
    for (const file of ['report.txt', 'result.json', 'report.md', 'report.xlsx', 'report.html'])
      expect(readFileSync(join(work, 'w', file)).equals(readFileSync(join(work, 'm', file))), file).toBe(
        true,
      );
    // A long explain prints every line of its trail, in order, before the process ends.
    const explained = await junheng(['explain', padded, '--subject', 'HD001']);
    const direct = await junheng(['explain', padded, '--subject', 'HD001'], { JUNHENG_NO_WORKER: '1' });
    expect(explained.out.length).toBeGreaterThan(1000);
    expect(explained).toEqual(direct);
    // An invalid input's exit code is the worker's.
    const refused = await junheng(['explain', padded, '--subject', 'NO-SUCH-SCHOOL']);
    expect(refused.code).toBe(2);
    expect(refused).toEqual(
      await junheng(['explain', padded, '--subject', 'NO-SUCH-SCHOOL'], { JUNHENG_NO_WORKER: '1' }),
    );
  }, 120_000);

  it('runs when node was given V8 options, which a worker may not be handed', async () => {
    const version = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--max-opt=1', '--max-old-space-size=512', 'dist/junheng.js', '--version'],
        {
          cwd: ROOT,
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(version).toEqual({
      code: 0,
      out: `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    });
  });
});
