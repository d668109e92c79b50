import { parentPort, workerData } from 'node:worker_threads';
import { watchPendingPaths } from '../files/write-atomic.ts';
import { processIo } from './cli-context.ts';
import type { WorkerStart } from './run-in-worker.ts';
import { run } from './program.ts';

// The command itself, run in a worker thread by main.ts: the main thread stays free to answer Ctrl-C and SIGTERM at
// once, however long a synchronous step of the command takes.
const start = workerData as WorkerStart;
watchPendingPaths((change) => parentPort?.postMessage(change));
process.exitCode = await run(start.argv, { ...processIo, isTTY: start.isTTY });
