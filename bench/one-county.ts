/**
 * `npm run bench -- --one-county [--runs 5]`: the main job on the bundled sample, as a user runs it, and its split.
 *   - whole process, from the built tool (`node bin/junheng.js`): `--help`, and `evaluate` of the bundled dataset with
 *     every report written; CPU time (user + system) and peak resident memory as the operating system counts them;
 *   - the split, in a fresh process each run (bench/one-county-phases.ts, from the sources): the rule set, the
 *     dataset, the evaluation and each report writer.
 * Each figure is the median of the runs (min–max beside it). Results also go to out/bench/one-county.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type Figure } from './figure.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOALS = { helpCpuMs: 500, evaluateCpuMs: 2000, evaluateRssMB: 300 };

function timedProcess(args: string[], runs: number): { cpuMs: Figure; rssMB: Figure } {
  const dir = mkdtempSync(join(tmpdir(), 'junheng-bench-'));
  const file = join(dir, 'timing.ndjson');
  try {
    for (let i = 0; i <= runs; i++) {
      // The first run warms the file cache and is not counted.
      const env = { ...process.env, JUNHENG_TIMING: i === 0 ? join(dir, 'warmup.ndjson') : file };
      const result = spawnSync(
        process.execPath,
        [join(ROOT, 'bench/timed-process.mjs'), join(ROOT, 'bin/junheng.js'), ...args],
        {
          cwd: dir,
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      if (result.status !== 0)
        throw new Error(`junheng ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
    }
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { cpuMs: number; maxRssKB: number });
    return { cpuMs: figure(rows.map((r) => r.cpuMs)), rssMB: figure(rows.map((r) => r.maxRssKB / 1024)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function phases(dataset: string, rules: string, runs: number): Record<string, Figure> {
  const all: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'junheng-phases-'));
    try {
      const text = execFileSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'bench/one-county-phases.ts'), dataset, rules, out],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const { phases: row } = JSON.parse(text.trim().split('\n').pop()!) as {
        phases: Record<string, number>;
      };
      for (const [name, ms] of Object.entries(row)) (all[name] ??= []).push(ms);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return Object.fromEntries(Object.entries(all).map(([name, xs]) => [name, figure(xs)]));
}

export function runOneCounty(argv: string[]): void {
  const i = argv.indexOf('--runs');
  const runs = i >= 0 ? Number(argv[i + 1]) : 5;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    junheng: { defaultRules: string; defaultDataset: string };
  };
  const dataset = join(ROOT, manifest.junheng.defaultDataset);
  const rules = manifest.junheng.defaultRules;
  const log = (line = ''): void => void process.stdout.write(`${line}\n`);
  log(
    `junheng bench, one county — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${runs} runs each`,
  );
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const show = (f: Figure, unit: string, digits = 0): string =>
    `${f.median.toFixed(digits)} ${unit} (${f.min.toFixed(digits)}–${f.max.toFixed(digits)})`;
  const help = timedProcess(['--help'], runs);
  const evaluate = timedProcess(['evaluate', dataset, '--out', 'out', '-q'], runs);
  log('');
  log('whole process, built tool (CPU = user + system):');
  log(
    `  junheng --help          CPU ${show(help.cpuMs, 'ms')}, peak ${show(help.rssMB, 'MB')}   goal ≤ ${GOALS.helpCpuMs} ms`,
  );
  log(
    `  junheng evaluate (all 5 reports)  CPU ${show(evaluate.cpuMs, 'ms')}, peak ${show(evaluate.rssMB, 'MB')}   goal ≤ ${GOALS.evaluateCpuMs} ms, ≤ ${GOALS.evaluateRssMB} MB`,
  );
  const split = phases(dataset, rules, runs);
  log('');
  log('split, CPU per phase (fresh process per run, from the sources):');
  for (const [name, f] of Object.entries(split)) log(`  ${name.padEnd(28)} ${show(f, 'ms')}`);
  const results = { node: process.version, runs, help, evaluate, split, goals: GOALS };
  mkdirSync(join(ROOT, 'out/bench'), { recursive: true });
  writeFileSync(join(ROOT, 'out/bench/one-county.json'), `${JSON.stringify(results, null, 2)}\n`);
}
