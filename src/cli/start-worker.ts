import { Worker } from 'node:worker_threads';

/**
 * The young generation of a thread that builds trails, in MB (V8's default is 48 on 64-bit machines: 16 MB
 * semi-spaces). A county's trail is millions of short-lived objects; with 32 MB semi-spaces fewer of them survive a
 * scavenge only to be collected later. Measured on the synthetic nation at --scale 0.05, evaluate --store: 0.77–0.83
 * of the CPU time, the peak memory no higher; on the verdict path alone it made no difference on one thread and
 * 1.08 of the wall time on two, so the verdict workers keep V8's default.
 */
export const YOUNG_GENERATION_MB = 96;

/**
 * Starts one of the tool's worker threads: `dist/<name>.js` when the caller is a chunk of the built tool
 * (dist/chunks/); from src/ (development, tests) `src/cli/<name>.ts`, loaded after tsx's loader is registered in
 * the worker.
 */
export function startWorker(name: 'county-worker' | 'verdict-worker', workerData: unknown): Worker {
  const resourceLimits = name === 'county-worker' ? { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } : {};
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`../${name}.js`, import.meta.url), { workerData, resourceLimits });
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}
