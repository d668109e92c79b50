/**
 * One measurement of the synthetic nation read one county at a time (src/data/read-counties-one-by-one.ts), run in
 * a process of its own by bench/run.ts so that its peak memory is its own:
 *   --mode verdicts   open the files, then every county's verdicts on the verdict-only path (the plan with the null
 *                     recorder), county by county;
 *   --mode trails     open the files, then every county through the compiled full path, its result with every trail
 *                     streamed to NDJSON (as `junheng evaluate` writes counties.ndjson); `--every k` takes every k-th
 *                     county only (the others are not read).
 * Prints one line of JSON: times from the files to the last county, the county verdicts, the peak RSS.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { compilePlan } from '../src/engine/compile-plan.ts';
import { CompiledEvaluator } from '../src/engine/compiled-evaluator.ts';
import { evaluateCounty, evaluateDataset } from '../src/engine/evaluate-dataset.ts';
import { countyVerdicts } from '../src/engine/county-verdicts.ts';
import { readCountiesOneByOne } from '../src/data/read-counties-one-by-one.ts';
import { CountyStreamWriter } from '../src/report/write-county-stream.ts';
import { loadRuleSet } from '../src/rules/load-ruleset.ts';
import { VerdictPool } from '../src/cli/verdict-pool.ts';

/** A digest of every county's verdicts, in county order: one thread and several must give the same. */
function digest(all: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(all)).digest('hex').slice(0, 16);
}

const argv = process.argv.slice(2);
const get = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = get('dir') ?? '';
const mode = get('mode') ?? 'verdicts';
const out = get('out') ?? '';
/** Read and evaluate every k-th county only (the trails of the whole nation are ≈ 10 GB). */
const every = Number(get('every') ?? 1);
/** Verdicts on this many worker threads (verdict-pool.ts), each reading its share of the counties. */
const workers = Number(get('workers') ?? 1);

const { ruleset } = await loadRuleSet('national-2017');
if (!ruleset) throw new Error('national-2017 did not load');
const start = performance.now();
if (mode === 'verdicts' && workers > 1) {
  const pool = new VerdictPool(dir, ruleset, workers - 1);
  const own = await readCountiesOneByOne(dir, ruleset.inputs);
  if (!own.stream) throw new Error(`not readable one county at a time: ${own.reason ?? ''}`);
  const all = await pool.run(own.stream);
  const tally: Record<string, number> = { recognised: 0, not_recognised: 0, undetermined: 0 };
  for (const v of all) tally[v.verdict] = (tally[v.verdict] ?? 0) + 1;
  const totalMs = performance.now() - start;
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ mode, workers, totalMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, counties: all.length, evaluated: all.length, countyVerdicts: tally, bytes: 0, maxRssMB: Math.round(usage.maxRSS / 1024), digest: digest(all) })}\n`,
  );
  process.exit(0);
}
const opened = await readCountiesOneByOne(dir, ruleset.inputs);
if (!opened.stream) throw new Error(`not readable one county at a time: ${opened.reason ?? ''}`);
const openMs = performance.now() - start;
const stream = opened.stream;
const tally: Record<string, number> = { recognised: 0, not_recognised: 0, undetermined: 0 };
let bytes = 0;
let verdictDigest: string | undefined;
if (mode === 'verdicts') {
  const plan = compilePlan(ruleset);
  const all = [];
  for (const county of stream.counties()) {
    const verdicts = countyVerdicts(plan, county);
    all.push(verdicts);
    tally[verdicts.verdict] = (tally[verdicts.verdict] ?? 0) + 1;
  }
  verdictDigest = digest(all);
} else {
  const evaluator = new CompiledEvaluator();
  const plan = compilePlan(ruleset, evaluator);
  const header = await evaluateDataset(ruleset, stream.dataset, { evaluator });
  const writer = await CountyStreamWriter.open(out, header);
  for (const county of stream.counties((_, i) => i % every === 0)) {
    const result = await evaluateCounty(county, plan);
    tally[result.verdict] = (tally[result.verdict] ?? 0) + 1;
    await writer.write(result);
  }
  await writer.close();
  bytes = statSync(out).size;
}
const totalMs = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({
    mode,
    openMs,
    totalMs,
    counties: stream.heads.length,
    evaluated: (tally['recognised'] ?? 0) + (tally['not_recognised'] ?? 0) + (tally['undetermined'] ?? 0),
    countyVerdicts: tally,
    bytes,
    maxRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
    ...(verdictDigest === undefined ? {} : { digest: verdictDigest }),
  })}\n`,
);
