/**
 * A worker thread of `evaluate --workers n`: judges the counties it is sent, one after another, and sends back each
 * county prepared for its sink (judgeAndPrepare), with the county's place in the dataset. Started by county-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { countyFromSerialized } from '../data/county-bytes.ts';
import { compilePlan } from '../engine/compile-plan.ts';
import type { Evaluation, RuleSet } from '../model/index.ts';
import { chooseEvaluator } from './choose-evaluator.ts';
import { rowBuffers } from '../store/encode-rows.ts';
import { judgeAndPrepare, type SinkPlan } from './prepare-county.ts';

export interface WorkerSetup {
  ruleset: RuleSet;
  evaluator: string;
  plan: SinkPlan;
  header: Evaluation;
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const plan = compilePlan(setup.ruleset, chooseEvaluator(setup.evaluator));
  port.on('message', (message: { position: number; county: Uint8Array }) => {
    void (async () => {
      try {
        const county = countyFromSerialized(message.county);
        const prepared = await judgeAndPrepare(setup.plan, setup.header, county, plan, message.county);
        // A store's encoded rows are moved, not copied (their buffers are their own); its data is copied: a small
        // Buffer may be a view of Node's shared pool.
        const payload = prepared.payload;
        port.postMessage(
          { position: message.position, prepared },
          typeof payload === 'string' ? [] : rowBuffers(payload.rows),
        );
      } catch (error) {
        port.postMessage({
          position: message.position,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    })();
  });
}
