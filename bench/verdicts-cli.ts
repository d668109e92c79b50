/**
 * (e) of bench/run.ts: the built tool (`bin/junheng.js`, built by scripts/build.mjs) judging every verdict of the
 * nation from its files, `evaluate --verdicts-only`, on one thread and on two (`--workers 2`), alternately, each run
 * a process of its own wrapped by bench/timed-process.mjs (its CPU time and peak memory); wall time from here. The
 * ratio is taken pair by pair, so that it holds when the shared machine's speed drifts; the summaries of the two
 * must be the same bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type Figure } from './figure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface VerdictsCliFigures {
  pairs: number;
  oneThread: { wallMs: number; cpuMs: number; rssMB: number };
  twoThreads: { wallMs: number; cpuMs: number; rssMB: number };
  /** Wall time of two threads over one, per pair (median, min, max). */
  wallRatio: Figure;
  sameSummaries: boolean;
}

function runOnce(
  dir: string,
  workers: number,
  out: string,
): { wallMs: number; cpuMs: number; rssMB: number } {
  const timing = join(tmpdir(), `junheng-timing-${process.pid}-${workers}.jsonl`);
  rmSync(timing, { force: true });
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bench/timed-process.mjs'),
      join(ROOT, 'bin/junheng.js'),
      'evaluate',
      dir,
      '--verdicts-only',
      '--workers',
      String(workers),
      '--out',
      out,
      '--quiet',
    ],
    { encoding: 'utf8', env: { ...process.env, JUNHENG_TIMING: timing } },
  );
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`evaluate --verdicts-only failed: ${child.stderr}`);
  const line = JSON.parse(readFileSync(timing, 'utf8').trim().split('\n').pop() ?? '{}') as {
    cpuMs: number;
    maxRssKB: number;
  };
  return { wallMs, cpuMs: line.cpuMs, rssMB: Math.round(line.maxRssKB / 1024) };
}

export function benchVerdictsCli(dir: string, pairs = 3): VerdictsCliFigures {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const outOne = join(tmpdir(), `junheng-verdicts-1-${process.pid}`);
  const outTwo = join(tmpdir(), `junheng-verdicts-2-${process.pid}`);
  const one: ReturnType<typeof runOnce>[] = [];
  const two: ReturnType<typeof runOnce>[] = [];
  // One warm-up of each (the file cache), not counted.
  runOnce(dir, 1, outOne);
  runOnce(dir, 2, outTwo);
  for (let i = 0; i < pairs; i++) {
    one.push(runOnce(dir, 1, outOne));
    two.push(runOnce(dir, 2, outTwo));
  }
  const ratios = one.map((a, i) => (two[i] as typeof a).wallMs / a.wallMs);
  const summarize = (runs: ReturnType<typeof runOnce>[]) => ({
    wallMs: figure(runs.map((r) => r.wallMs)).median,
    cpuMs: figure(runs.map((r) => r.cpuMs)).median,
    rssMB: Math.max(...runs.map((r) => r.rssMB)),
  });
  const same = ['summary.csv', 'summary.md', 'summary.json'].every((f) =>
    readFileSync(join(outOne, f)).equals(readFileSync(join(outTwo, f))),
  );
  return {
    pairs,
    oneThread: summarize(one),
    twoThreads: summarize(two),
    wallRatio: figure(ratios),
    sameSummaries: same,
  };
}
