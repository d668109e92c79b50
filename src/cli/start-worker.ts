import { Worker } from 'node:worker_threads';

/**
 * Starts one of the tool's worker threads: `dist/<name>.js` when the caller is a chunk of the built tool
 * (dist/chunks/); from src/ (development, tests) `src/cli/<name>.ts`, loaded after tsx's loader is registered in
 * the worker.
 */
export function startWorker(name: 'county-worker' | 'verdict-worker', workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL(`../${name}.js`, import.meta.url), { workerData });
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true, workerData });
}
