import { isMainThread } from 'node:worker_threads';
import { runInWorker } from './run-in-worker.ts';

const argv = process.argv.slice(2);
// A command runs in a worker thread, so that Ctrl-C and SIGTERM stop it within moments even in the middle of a long
// synchronous step; this thread loads nothing but what starts the worker. A short run (bin/junheng.js says so: help,
// a rule set, at most a few megabytes of data) runs on the main thread, which answers a signal between its steps,
// each far under a second, and saves the worker's start (about 0.07 s of CPU); so does JUNHENG_NO_WORKER=1, and so
// does a run from the sources (`npm run dev`: the TypeScript loader does not reach a worker).
const shortRun = (globalThis as Record<symbol, unknown>)[Symbol.for('junheng.shortRun')] === true;
const fromSources = import.meta.url.endsWith('.ts');
if (isMainThread && !shortRun && !fromSources && !process.env['JUNHENG_NO_WORKER']) {
  // Built, this is dist/junheng.js beside dist/cli-worker.js.
  await runInWorker(new URL('./cli-worker.js', import.meta.url), argv);
} else {
  const { cleanUpOnInterrupt } = await import('./clean-up-on-interrupt.ts');
  const { run } = await import('./program.ts');
  cleanUpOnInterrupt();
  await run(argv);
}
