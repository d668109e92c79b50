import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.ts';
import { DatasetRefusedError, type CountyStream } from '../data/read-counties-one-by-one.ts';
import { compilePlan } from '../engine/compile-plan.ts';
import { countyVerdicts, type CountyVerdicts } from '../engine/county-verdicts.ts';
import type { Problem, RuleSet } from '../model/index.ts';
import type { VerdictWorkerSetup } from './verdict-worker.ts';

/** What a thread of the pool found: verdicts by place in the dataset, or why it stopped. */
export type VerdictReply =
  | { verdicts: [number, CountyVerdicts][] }
  | { verdicts: [number, CountyVerdicts][]; refused: Problem[]; position: number }
  | { unreadable: string; problems: Problem[] }
  | { error: string };

/**
 * Takes counties from the shared counter one after another and judges each on the verdict-only path (the plan with
 * the null recorder), until none is left or one is refused. Every thread of a pool runs this on its own stream.
 */
export function judgeTaken(stream: CountyStream, ruleset: RuleSet, next: Int32Array): VerdictReply {
  const plan = compilePlan(ruleset);
  const verdicts: [number, CountyVerdicts][] = [];
  const total = stream.heads.length;
  for (;;) {
    const position = Atomics.add(next, 0, 1);
    if (position >= total) return { verdicts };
    try {
      verdicts.push([position, countyVerdicts(plan, stream.county(position))]);
    } catch (error) {
      if (!(error instanceof DatasetRefusedError)) throw error;
      // The others stop at their next county.
      Atomics.store(next, 0, total);
      return { verdicts, refused: error.problems, position };
    }
  }
}

/**
 * Every county's verdicts (no trails) of a many-county dataset on several threads: worker threads, started as
 * soon as the rule set is known, open the files themselves while this thread opens them too; then every thread
 * takes the next county not yet taken (a shared counter), so that no county crosses between threads and a thread
 * still starting takes fewer. The verdicts are merged in the dataset's county order: the same as one thread gives.
 */
export class VerdictPool {
  private readonly next = new SharedArrayBuffer(4);
  private readonly replies: Promise<VerdictReply>[];
  private readonly workers: Worker[] = [];

  /** Starts `helpers` worker threads on the dataset folder `dir`. */
  constructor(
    dir: string,
    private readonly ruleset: RuleSet,
    helpers: number,
  ) {
    this.replies = Array.from({ length: helpers }, () => {
      const worker = startWorker('verdict-worker', {
        dir,
        ruleset,
        next: this.next,
      } satisfies VerdictWorkerSetup);
      this.workers.push(worker);
      return new Promise<VerdictReply>((resolve, reject) => {
        worker.once('message', (reply: VerdictReply) => {
          resolve(reply);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`a verdict worker stopped (exit code ${code})`));
        });
      });
    });
  }

  /**
   * Joins the workers with this thread's own stream of the same dataset and returns every county's verdicts in
   * order. Throws DatasetRefusedError at the first refused county in the dataset's order.
   */
  async run(stream: CountyStream): Promise<CountyVerdicts[]> {
    const own = judgeTaken(stream, this.ruleset, new Int32Array(this.next));
    const replies = [own, ...(await Promise.all(this.replies))];
    let refused: { problems: Problem[]; position: number } | undefined;
    for (const reply of replies) {
      if ('error' in reply) throw new Error(reply.error);
      if ('refused' in reply && (refused === undefined || reply.position < refused.position))
        refused = { problems: reply.refused, position: reply.position };
    }
    if (refused !== undefined) throw new DatasetRefusedError(refused.problems);
    const all: CountyVerdicts[] = [];
    for (const reply of replies) {
      // A worker that could not read the files took nothing: this thread read them, so it took the rest.
      if ('unreadable' in reply) continue;
      for (const [position, verdicts] of (reply as { verdicts: [number, CountyVerdicts][] }).verdicts)
        all[position] = verdicts;
    }
    return all;
  }

  /** Stops the workers (the dataset turned out not to be readable one county at a time). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
