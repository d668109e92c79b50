/**
 * A worker thread of a VerdictPool (verdict-pool.ts): opens the dataset one county at a time, then takes the next
 * county not yet taken by any thread (a shared counter), judges it on the verdict-only path, and so on; it sends
 * back the verdicts with the counties' places in the dataset.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCountiesOneByOne } from '../data/read-counties-one-by-one.ts';
import type { Problem, RuleSet } from '../model/index.ts';
import { judgeTaken, type VerdictReply } from './verdict-pool.ts';

export interface VerdictWorkerSetup {
  dir: string;
  ruleset: RuleSet;
  /** One Int32: the next county to take, shared by every thread of the pool. */
  next: SharedArrayBuffer;
}

const port = parentPort;
if (port) {
  const { dir, ruleset, next } = workerData as VerdictWorkerSetup;
  void (async () => {
    let reply: VerdictReply;
    try {
      // The verdicts need no dataset hash: this thread's caller has it.
      const opened = await readCountiesOneByOne(dir, ruleset.inputs, 2, false);
      reply =
        opened.stream === undefined
          ? { unreadable: opened.reason ?? '', problems: opened.problems as Problem[] }
          : judgeTaken(opened.stream, ruleset, new Int32Array(next));
    } catch (error) {
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  })();
}
