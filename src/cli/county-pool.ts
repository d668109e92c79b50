import type { Worker } from 'node:worker_threads';
import { serializeCounty } from '../data/county-bytes.ts';
import { startWorker } from './start-worker.ts';
import type { CountyData } from '../model/index.ts';
import type { WorkerSetup } from './county-worker.ts';
import type { PreparedCounty } from './prepare-county.ts';

/** A county judged, with its place in the dataset. */
export interface Ready {
  position: number;
  prepared: PreparedCounty;
}

type Reply = { position: number; prepared: PreparedCounty } | { position: number; error: string };

/**
 * Worker threads that judge counties: `submit` sends a county to the least busy worker (waiting while every worker
 * has two in hand), and `take` hands back the prepared counties in the order they were submitted — the dataset's
 * order — however the workers finish.
 */
export class CountyPool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly done = new Map<number, PreparedCounty>();
  private readonly order: number[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private closing = false;

  constructor(count: number, setup: WorkerSetup) {
    for (let n = 0; n < count; n++) {
      const worker = startWorker('county-worker', setup);
      worker.on('message', (reply: Reply) => {
        this.busy[n] = (this.busy[n] ?? 1) - 1;
        if ('error' in reply) this.failure ??= new Error(reply.error);
        else this.done.set(reply.position, reply.prepared);
        this.notify();
      });
      worker.on('error', (error) => {
        this.failure ??= error;
        this.notify();
      });
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing)
          this.failure ??= new Error(`a county worker stopped (exit code ${code})`);
        this.notify();
      });
      this.workers.push(worker);
      this.busy.push(0);
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async wait(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /**
   * Sends a county, handing every county ready in order to `take` first; waits while every worker holds two, or
   * while four counties per worker wait to be taken in order (a slow county at the head holds the others back, and
   * they must not pile up in memory).
   */
  async submit(position: number, county: CountyData, take: (ready: Ready) => Promise<void>): Promise<void> {
    for (;;) {
      for (const ready of this.ready()) await take(ready);
      if (this.failure) throw this.failure;
      const least = this.busy.indexOf(Math.min(...this.busy));
      if ((this.busy[least] ?? 0) < 2 && this.order.length < 4 * this.workers.length) {
        this.busy[least] = (this.busy[least] ?? 0) + 1;
        this.order.push(position);
        // Sent serialized, as a structured clone would be, so that the worker can keep the very bytes (a store does).
        const serialized = serializeCounty(county);
        (this.workers[least] as Worker).postMessage({ position, county: serialized });
        return;
      }
      // Nothing to take and no room: the next reply (the county at the head is being judged) changes that.
      await this.wait();
    }
  }

  /** Hands every county still being judged to `take`, in order, as each is ready. */
  async drain(take: (ready: Ready) => Promise<void>): Promise<void> {
    for (;;) {
      for (const ready of this.ready()) await take(ready);
      if (this.order.length === 0) return;
      await this.wait();
    }
  }

  /** The prepared counties that are ready, in submission order (none while the next one is still being judged). */
  private ready(): Ready[] {
    const out: Ready[] = [];
    while (this.order.length > 0 && this.done.has(this.order[0] as number)) {
      const position = this.order.shift() as number;
      out.push({ position, prepared: this.done.get(position) as PreparedCounty });
      this.done.delete(position);
    }
    return out;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
