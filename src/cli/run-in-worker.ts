import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { removePaths, type PendingChange } from '../files/write-atomic.ts';
import { YOUNG_GENERATION_MB } from './start-worker.ts';

/** What the worker is started with: the command line, and whether the user's terminal is a TTY (a worker's is not). */
export interface WorkerStart {
  argv: string[];
  isTTY: boolean;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the command line in a worker thread (the module at `entry`, cli-worker.ts) and waits for it. A signal stops
 * the worker at once, even inside a long synchronous step, removes the temporary files and locks it had open
 * (the worker tells of each as it takes or drops it), then ends the process as the signal would have. The exit code
 * is the worker's.
 */
export async function runInWorker(entry: URL, argv: string[]): Promise<void> {
  const pending = new Set<string>();
  const start: WorkerStart = { argv, isTTY: Boolean(process.stdout.isTTY) };
  // The worker inherits Node's options; its heap may grow as far as this thread's (a --max-old-space-size given to
  // node holds for the command too).
  const heapMb = Math.ceil(getHeapStatistics().heap_size_limit / (1024 * 1024));
  const worker = new Worker(entry, {
    workerData: start,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.on('message', (change: PendingChange) => {
    if (change.op === 'add') pending.add(change.path);
    else pending.delete(change.path);
  });
  const handlers = new Map<NodeJS.Signals, () => void>();
  const stopHandlers = (): void => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  for (const signal of SIGNALS) {
    const handler = (): void => {
      stopHandlers();
      void worker.terminate().finally(() => {
        removePaths(pending);
        process.kill(process.pid, signal);
      });
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  const code = await new Promise<number>((resolve) => {
    worker.on('error', (error) => {
      process.stderr.write(
        `出错了 / error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      resolve(2);
    });
    worker.on('exit', resolve);
  });
  stopHandlers();
  removePaths(pending);
  process.exitCode = code;
}
