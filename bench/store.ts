/**
 * `npm run bench -- --store [--scale 0.05]`: the results store of the synthetic nation (bench/synthetic-nation.ts,
 * county ids shaped as division codes so that the store partitions by province). The built tool (`bin/junheng.js`)
 * runs in processes of its own, each wrapped by bench/timed-process.mjs for its CPU time and peak memory:
 *   (1) `evaluate --format json` of the whole scale, trails streamed to counties.ndjson (the path before the store),
 *   (2) `evaluate --store nation.duckdb`, the same with `--workers 2`, (3) `evaluate --format parquet`, (4) `explain
 *   --store` of one school.
 * Times and sizes are extrapolated to the whole nation by counties (the evaluation is county after county, so
 * they grow with the counties); peak memory is as measured (one county at a time: it does not grow with them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeNation, type NationSize } from './synthetic-nation.ts';

const NATION_COUNTIES = 2900;
const MB = 1024 * 1024;

interface Timed {
  wallS: number;
  cpuS: number;
  peakRssMB: number;
}

function timed(args: string[]): Timed {
  const timing = join(resolve('out/bench'), `.timing-${process.pid}.jsonl`);
  rmSync(timing, { force: true });
  const start = performance.now();
  const child = spawnSync(process.execPath, ['bench/timed-process.mjs', 'bin/junheng.js', ...args], {
    env: { ...process.env, JUNHENG_TIMING: timing },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wallS = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`junheng ${args.join(' ')} exited ${child.status}`);
  const line = JSON.parse(readFileSync(timing, 'utf8').trim().split('\n').pop() as string) as {
    cpuMs: number;
    maxRssKB: number;
  };
  rmSync(timing, { force: true });
  return { wallS, cpuS: line.cpuMs / 1000, peakRssMB: Math.round(line.maxRssKB / 1024) };
}

function bytesOf(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((n, name) => n + bytesOf(join(path, name)), 0);
}

export async function benchStore(argv: string[]): Promise<void> {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('scale') ?? 0.05);
  const seed = Number(get('seed') ?? 20240901);
  const out = resolve(get('out') ?? 'out/bench');
  const dir = join(out, `nation-codes-${seed}-${scale}`);
  await mkdir(out, { recursive: true });
  if (!existsSync(join(out, '..', '..', 'dist', 'junheng.js')) && !existsSync('dist/junheng.js'))
    spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const size: NationSize = await writeNation(dir, { seed, scale, divisionCodes: true });
  const factor = NATION_COUNTIES / size.counties;
  console.log(
    `nation at --scale ${scale}: ${size.counties} counties, ${size.units} units, ${size.classes} classes; ` +
      `figures × ${factor.toFixed(1)} for the nation`,
  );
  const work = join(out, 'store');
  rmSync(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const store = join(work, 'nation.duckdb');
  const parquet = join(work, 'parquet');
  const ndjson = join(work, 'ndjson');
  const rows: { step: string; timed: Timed; bytes?: number }[] = [];
  rows.push({
    step: 'evaluate, trails to counties.ndjson (before)',
    timed: timed(['evaluate', dir, '--format', 'json', '--out', ndjson, '--quiet']),
    bytes: bytesOf(join(ndjson, 'counties.ndjson')),
  });
  rows.push({
    step: 'evaluate --store (DuckDB)',
    timed: timed(['evaluate', dir, '--store', store, '--quiet']),
    bytes: bytesOf(store),
  });
  rows.push({
    step: 'evaluate --store --workers 2 (DuckDB)',
    timed: timed(['evaluate', dir, '--store', `${store}.workers`, '--quiet', '--workers', '2']),
    bytes: bytesOf(`${store}.workers`),
  });
  rows.push({
    step: 'evaluate --format parquet',
    timed: timed(['evaluate', dir, '--format', 'parquet', '--out', parquet, '--quiet']),
    bytes: bytesOf(parquet),
  });
  const school = readFileSync(join(dir, 'schools.csv'), 'utf8').split('\n')[1]?.split(',')[0] ?? '';
  rows.push({
    step: `explain --store --subject ${school}`,
    timed: timed(['explain', '--store', store, '--subject', school]),
  });
  const lines = rows.map(({ step, timed: t, bytes }) => {
    const scaled = step.startsWith('explain') ? 1 : factor;
    const size =
      bytes === undefined
        ? ''
        : `, ${(bytes / MB).toFixed(1)} MB (nation ≈ ${((bytes * scaled) / MB / 1024).toFixed(2)} GB)`;
    return (
      `${step}: ${t.wallS.toFixed(1)} s wall, ${t.cpuS.toFixed(1)} s CPU (nation ≈ ${(t.wallS * scaled).toFixed(0)} s wall), ` +
      `peak RSS ${t.peakRssMB} MB${size}`
    );
  });
  for (const line of lines) console.log(line);
  await writeFile(
    join(out, 'store.json'),
    `${JSON.stringify({ scale, seed, size, factor, rows }, null, 2)}\n`,
  );
}
