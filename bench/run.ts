/**
 * `npm run bench [-- --scale 0.1 --full]`: the synthetic nation (bench/synthetic-nation.ts), written as a dataset
 * folder under out/bench/, loaded from its files and evaluated in one run by
 *   (a) the full path with json-rules-engine (the reference),
 *   (b) the full path with the compiled evaluator, trails streamed to NDJSON, and the verdict-only path (the same
 *       plan and interpreter with the null recorder),
 *   (c) a hand-written plain TypeScript baseline of the national-2017 resource rules (bench/plain-baseline.ts),
 *   (e) the built tool's `evaluate --verdicts-only` on one thread and on two (bench/verdicts-cli.ts);
 *   (d) the same paths reading the files one county at a time (bench/one-by-one.ts), each in a process of its own,
 *       from the files to the last county, with its own peak memory.
 * Prints times, ratios and peak memory. Timings are noisy on a shared machine: compare ratios within one run.
 *
 * The full paths are slow at national scale, so by default they run on an evenly spread sample of counties and the
 * nation's time is extrapolated (said so in the output); --full runs them on every county.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setLimits } from '../src/limits.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import { compilePlan } from '../src/engine/compile-plan.ts';
import { CompiledEvaluator } from '../src/engine/compiled-evaluator.ts';
import { countyVerdicts } from '../src/engine/county-verdicts.ts';
import { evaluateCounty, evaluateDataset } from '../src/engine/evaluate-dataset.ts';
import { JsonRulesEvaluator } from '../src/engine/json-rules-evaluator.ts';
import type { ThresholdEvaluator } from '../src/engine/threshold-evaluator.ts';
import type { CountyData } from '../src/model/dataset.ts';
import type { RuleSet } from '../src/model/ruleset.ts';
import { CountyStreamWriter } from '../src/report/write-county-stream.ts';
import { loadRuleSet } from '../src/rules/load-ruleset.ts';
import { plainResourceVerdict } from './plain-baseline.ts';
import { benchVerdictsCli } from './verdicts-cli.ts';
import { writeNation } from './synthetic-nation.ts';

interface Args {
  scale: number;
  seed: number;
  out: string;
  full: boolean;
  /** Share of counties the json-rules-engine full path runs on. */
  jreSample: number;
  /** Share of counties the compiled full path (with trails to disk) runs on. */
  trailSample: number;
  repeat: number;
  /** The old-space limit (MB) of the one-county-at-a-time processes. */
  oneByOneHeapMB: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('scale') ?? 1);
  const full = argv.includes('--full');
  return {
    scale,
    seed: Number(get('seed') ?? 20240901),
    out: resolve(get('out') ?? 'out/bench'),
    full,
    jreSample: full ? 1 : Number(get('jre-sample') ?? Math.min(1, 0.01 / scale)),
    trailSample: full ? 1 : Number(get('trail-sample') ?? Math.min(1, 0.1 / scale)),
    repeat: Number(get('repeat') ?? 7),
    oneByOneHeapMB: Number(get('one-by-one-heap') ?? 1024),
  };
}

const MB = 1024 * 1024;

function memory(): { heapMB: number; rssMB: number; maxRssMB: number } {
  const m = process.memoryUsage();
  return {
    heapMB: Math.round(m.heapUsed / MB),
    rssMB: Math.round(m.rss / MB),
    maxRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  };
}

/** A ratio taken pass by pass: its median, then its range. */
function ratioText(r: { median: number; min: number; max: number }): string {
  return `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

/** Every k-th county, so that a sample spreads over the whole nation. */
function sampleOf(counties: CountyData[], share: number): CountyData[] {
  if (share >= 1) return counties;
  const step = Math.max(1, Math.round(1 / share));
  return counties.filter((_, i) => i % step === 0);
}

/** The rule set with only the area that has a per-unit rule (national-2017's resource area) and its indicators. */
function resourceOnly(ruleset: RuleSet): RuleSet {
  const areas = ruleset.areas.filter((a) => a.perUnit);
  const ids = new Set(areas.flatMap((a) => a.indicators));
  return { ...ruleset, areas, indicators: ruleset.indicators.filter((i) => ids.has(i.id)) };
}

async function fullPath(
  ruleset: RuleSet,
  counties: CountyData[],
  evaluator: ThresholdEvaluator,
  stream?: CountyStreamWriter,
): Promise<number> {
  const plan = compilePlan(ruleset, evaluator);
  const t = performance.now();
  for (const county of counties) {
    const result = await evaluateCounty(county, plan);
    if (stream) await stream.write(result);
  }
  return performance.now() - t;
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  if (process.argv.includes('--one-county')) {
    (await import('./one-county.ts')).runOneCounty(process.argv.slice(2));
    return;
  }
  if (process.argv.includes('--html')) {
    await (await import('./html-ready.ts')).benchHtmlReady(process.argv.slice(2));
    return;
  }
  if (process.argv.includes('--store')) {
    await (await import('./store.ts')).benchStore(process.argv.slice(2));
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const dir = join(args.out, `nation-${args.seed}-${args.scale}`);
  const log = (line = '') => process.stdout.write(`${line}\n`);
  log(
    `junheng bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 1024 ** 3)} GB`,
  );

  // The nation, generated once per seed and scale (it is big: never commit it).
  const marker = join(dir, 'size.json');
  let size: Awaited<ReturnType<typeof writeNation>>;
  if (existsSync(marker)) size = JSON.parse(await readFile(marker, 'utf8')) as typeof size;
  else {
    const [made, ms] = await timeAsync(() => writeNation(dir, { seed: args.seed, scale: args.scale }));
    size = made;
    await writeFile(marker, JSON.stringify(size));
    log(`generated ${dir} in ${fmt(ms)}`);
  }
  log(
    `nation: ${size.counties} counties, ${size.schools} schools, ${size.units} units, ${size.classes} classes, ${(size.bytes / MB).toFixed(0)} MB of files`,
  );

  // (d) one county at a time, each measurement in a fresh process (before this one holds the whole nation).
  const oneByOne = (mode: string, extra: string[] = []) => {
    const child = spawnSync(
      process.execPath,
      // A limited old space: the live data is one county; without a limit V8 lets garbage grow the heap to gigabytes.
      [
        `--max-old-space-size=${args.oneByOneHeapMB}`,
        '--import',
        'tsx',
        join(dirname(fileURLToPath(import.meta.url)), 'one-by-one.ts'),
        '--dir',
        dir,
        '--mode',
        mode,
        ...extra,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`one-by-one ${mode} failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
      openMs: number;
      totalMs: number;
      counties: number;
      evaluated: number;
      countyVerdicts: Record<string, number>;
      bytes: number;
      maxRssMB: number;
    };
  };
  await mkdir(args.out, { recursive: true });
  const streamVerdicts = oneByOne('verdicts');
  // (e) the built tool, every verdict from the files, on one thread and on two.
  const cli = benchVerdictsCli(dir);
  const every = Math.max(1, Math.round(1 / args.trailSample));
  const streamTrails = oneByOne('trails', [
    '--out',
    join(args.out, 'counties-one-by-one.ndjson'),
    '--every',
    String(every),
  ]);

  const loadedRules = await loadRuleSet('national-2017');
  if (!loadedRules.ruleset) throw new Error('national-2017 did not load');
  const ruleset = loadedRules.ruleset;

  // Load from the input files. The nation's classes table has 3.7 million rows, over the default limit of a table
  // read whole (a user raises it with --limits; read one county at a time, below, it does not apply).
  setLimits({ tableRows: 10_000_000 });
  const [loaded, loadMs] = await timeAsync(() => loadDataset(dir, ruleset.inputs));
  const dataset = loaded.dataset;
  if (!dataset) throw new Error(loaded.problems.map((p) => p.message.en).join('\n'));
  const afterLoad = memory();
  log(`load: ${fmt(loadMs)} (heap ${afterLoad.heapMB} MB, rss ${afterLoad.rssMB} MB)`);
  const counties = dataset.counties;

  // (c) the plain baseline of the resource rules, (b) the verdict-only path on the same rules and on every verdict of
  // the rule set: one pass of each in turn, `repeat` times, so that a ratio is taken pass by pass (the machine's speed
  // drifts during a run; a block of one kind of pass and then a block of the other would carry the drift).
  const resourcePlan = compilePlan(resourceOnly(ruleset));
  const resourceArea = ruleset.areas.find((a) => a.perUnit)?.id ?? '';
  const plan = compilePlan(ruleset);
  const baselineRuns: number[] = [];
  const resourceRuns: number[] = [];
  const allRuns: number[] = [];
  let baseline: string[] = [];
  let resourceVerdicts: string[] = [];
  const tally: Record<string, number> = { recognised: 0, not_recognised: 0, undetermined: 0 };
  for (let i = 0; i < args.repeat; i++) {
    const [plain, baseMs] = time(() => counties.map(plainResourceVerdict));
    baseline = plain;
    baselineRuns.push(baseMs);
    const [resource, resourceMs] = time(() =>
      counties.map((c) => countyVerdicts(resourcePlan, c).areas[resourceArea] ?? ''),
    );
    resourceVerdicts = resource;
    resourceRuns.push(resourceMs);
    const [verdicts, allMs] = time(() => counties.map((c) => countyVerdicts(plan, c).verdict));
    allRuns.push(allMs);
    if (i === 0) for (const v of verdicts) tally[v] = (tally[v] ?? 0) + 1;
  }
  const disagree = baseline.filter(
    (v, i) =>
      (v === 'undecided' ? 'undecided' : v) !==
      (/^(pending|insufficient_data)$/.test(resourceVerdicts[i] ?? '') ? 'undecided' : resourceVerdicts[i]),
  ).length;
  const pairRatios = (runs: number[]) => {
    const ratios = runs.map((ms, i) => ms / (baselineRuns[i] as number));
    return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
  };
  const resourcePairs = pairRatios(resourceRuns);
  const allPairs = pairRatios(allRuns);
  const afterFast = memory();

  // (b) the compiled full path with every trail streamed to disk, on a sample (or all) of the counties.
  const trailCounties = sampleOf(counties, args.trailSample);
  const header = await evaluateDataset(
    ruleset,
    { ...dataset, counties: [] },
    { evaluator: new CompiledEvaluator() },
  );
  await mkdir(args.out, { recursive: true });
  const streamFile = join(args.out, 'counties.ndjson');
  const stream = await CountyStreamWriter.open(streamFile, header);
  const trailMs = await fullPath(ruleset, trailCounties, new CompiledEvaluator(), stream);
  const [, closeMs] = await timeAsync(() => stream.close());
  const streamBytes = statSync(streamFile).size;
  const afterTrails = memory();

  // (a) json-rules-engine and (b) compiled on the same sample, trails built but not written.
  const jreCounties = sampleOf(counties, args.jreSample);
  const jreMs = await fullPath(ruleset, jreCounties, new JsonRulesEvaluator());
  const compiledMs = await fullPath(ruleset, jreCounties, new CompiledEvaluator());
  const peak = memory();

  const units = (cs: CountyData[]) => cs.reduce((n, c) => n + c.units.length, 0);
  const perNation = (ms: number, cs: CountyData[]) => (ms * size.units) / Math.max(1, units(cs));
  const base = median(baselineRuns);
  const res = median(resourceRuns);
  const all = median(allRuns);
  const trailNation = perNation(trailMs + closeMs, trailCounties);
  const results = {
    machine: {
      node: process.version,
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 1024 ** 3),
    },
    nation: size,
    loadMs,
    baselineMs: base,
    fastResourceMs: res,
    fastAllMs: all,
    fastResourceRatio: resourcePairs.median,
    fastAllRatio: allPairs.median,
    fastResourcePairs: resourcePairs,
    fastAllPairs: allPairs,
    baselineAgreement: { counties: counties.length, disagree },
    countyVerdicts: tally,
    trails: {
      counties: trailCounties.length,
      units: units(trailCounties),
      ms: trailMs + closeMs,
      bytes: streamBytes,
      nationMs: trailNation,
      nationBytes: (streamBytes * size.units) / Math.max(1, units(trailCounties)),
      endToEndNationMs: loadMs + trailNation,
    },
    jsonRulesEngine: {
      counties: jreCounties.length,
      units: units(jreCounties),
      ms: jreMs,
      compiledMs,
      ratio: jreMs / compiledMs,
      nationMs: perNation(jreMs, jreCounties),
      compiledNationMs: perNation(compiledMs, jreCounties),
      vsBaseline: perNation(jreMs, jreCounties) / base,
    },
    memory: { afterLoad, afterFast, afterTrails, peak },
    verdictsCli: cli,
    oneByOne: {
      heapLimitMB: args.oneByOneHeapMB,
      verdicts: streamVerdicts,
      trails: {
        ...streamTrails,
        every,
        // Reading a county is part of its time; opening (one pass over the files) is paid once.
        nationMs:
          streamTrails.openMs +
          ((streamTrails.totalMs - streamTrails.openMs) * streamTrails.counties) /
            Math.max(1, streamTrails.evaluated),
        nationBytes: (streamTrails.bytes * streamTrails.counties) / Math.max(1, streamTrails.evaluated),
      },
    },
  };
  const sampled = (n: number) =>
    n < counties.length ? ` (sample of ${n} counties, whole dataset extrapolated)` : '';
  log('');
  log(`(c) plain baseline, resource rules:        ${fmt(base)}`);
  log(
    `(b) verdict-only path, resource rules:     ${fmt(res)}  = ${ratioText(resourcePairs)} baseline; ${disagree} of ${counties.length} county verdicts differ`,
  );
  log(
    `(b) verdict-only path, every verdict:      ${fmt(all)}  = ${ratioText(allPairs)} baseline  → ${JSON.stringify(tally)}`,
  );
  log(`    (times: medians of ${args.repeat} passes; ratios: pass by pass, median (min–max))`);
  log(
    `(b) compiled full path, trails to disk:    ${fmt(trailMs + closeMs)} for ${units(trailCounties)} units, ${(streamBytes / MB).toFixed(0)} MB${sampled(trailCounties.length)}`,
  );
  log(
    `    whole dataset: ${fmt(trailNation)}, ${(results.trails.nationBytes / 1024 ** 3).toFixed(1)} GB; end to end with loading ${fmt(loadMs + trailNation)}`,
  );
  log(
    `(a) json-rules-engine full path:           ${fmt(jreMs)} vs compiled ${fmt(compiledMs)} = ${(jreMs / compiledMs).toFixed(1)}×${sampled(jreCounties.length)}`,
  );
  log(
    `    whole dataset: ${fmt(results.jsonRulesEngine.nationMs)} = ${results.jsonRulesEngine.vsBaseline.toFixed(0)}× the baseline (compiled ${fmt(results.jsonRulesEngine.compiledNationMs)})`,
  );
  log(`memory: after load heap ${afterLoad.heapMB} MB; peak RSS ${peak.maxRssMB} MB`);
  const ob = results.oneByOne;
  log(
    `(d) one county at a time, every verdict:   ${fmt(ob.verdicts.totalMs)} from the files (opening ${fmt(ob.verdicts.openMs)}), peak RSS ${ob.verdicts.maxRssMB} MB → ${JSON.stringify(ob.verdicts.countyVerdicts)}`,
  );
  log(
    `(d) one county at a time, trails to disk:  ${fmt(ob.trails.totalMs)} for ${ob.trails.evaluated} of ${ob.trails.counties} counties, ${(ob.trails.bytes / MB).toFixed(0)} MB, peak RSS ${ob.trails.maxRssMB} MB`,
  );
  log(
    `    whole dataset: ${fmt(ob.trails.nationMs)} end to end, ${(ob.trails.nationBytes / 1024 ** 3).toFixed(1)} GB`,
  );
  log(
    `(e) built tool, evaluate --verdicts-only:  ${fmt(cli.oneThread.wallMs)} wall on one thread (${fmt(cli.oneThread.cpuMs)} CPU, peak RSS ${cli.oneThread.rssMB} MB); ${fmt(cli.twoThreads.wallMs)} on two (${fmt(cli.twoThreads.cpuMs)} CPU, ${cli.twoThreads.rssMB} MB)`,
  );
  log(
    `    two threads / one, wall, pair by pair: ${cli.wallRatio.median.toFixed(2)} (${cli.wallRatio.min.toFixed(2)}–${cli.wallRatio.max.toFixed(2)}, ${cli.pairs} pairs); summaries ${cli.sameSummaries ? 'the same bytes' : 'DIFFER'}`,
  );
  await writeFile(join(args.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${join(args.out, 'results.json')}`);
}

// A national dataset needs a larger heap than node's default: run again with one, once.
if (process.env['JUNHENG_BENCH_CHILD'] === undefined) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', self, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, JUNHENG_BENCH_CHILD: '1' } },
  );
  process.exitCode = child.status ?? 1;
} else {
  await main();
}
