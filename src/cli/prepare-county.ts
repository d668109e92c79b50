import { countyBytes, packCounty } from '../data/county-bytes.ts';
import type { Plan } from '../engine/compile-plan.ts';
import { evaluateCounty } from '../engine/evaluate-dataset.ts';
import type { CountyData } from '../model/dataset.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import { summarizeCounty, type CountySummaryRow } from '../report/county-summary.ts';
import { compactCountyLine } from '../result/county-line.ts';
import { prepareStoreCounty, type PreparedStoreCounty } from '../store/prepare-store-county.ts';

/** How a county's result is made ready for its sink: a counties.ndjson line, or a results store's rows. */
export type SinkPlan = { kind: 'ndjson' } | { kind: 'store' };

/** One county made ready: its summary row (with the titles it needs) and what its sink appends. Plain data. */
export interface PreparedCounty {
  row: CountySummaryRow;
  titles: { indicators: Map<string, Text>; areas: Map<string, Text> };
  payload: string | PreparedStoreCounty;
}

/**
 * A county judged and made ready for its sink, where it was judged (this thread or a worker): the same function
 * either way, so that results written by workers are the bytes one thread writes. A results store keeps the county's
 * data as read, so its bytes are taken before the county is judged (judging makes a record's cells on demand, and
 * they are not data); a worker is given them serialized by the thread that read the county (`serialized`), so that
 * a store holds the same bytes on any number of threads.
 */
export async function judgeAndPrepare(
  sink: SinkPlan,
  header: Evaluation,
  county: CountyData,
  plan: Plan,
  serialized?: Uint8Array,
): Promise<PreparedCounty> {
  const data =
    sink.kind === 'store' ? (serialized ? packCounty(serialized) : countyBytes(county)) : undefined;
  const result = await evaluateCounty(county, plan);
  const titles = {
    indicators: new Map(result.indicators.map((i) => [i.indicator, i.title] as const)),
    areas: new Map(result.areas.map((a) => [a.area, a.title] as const)),
  };
  const payload = data ? prepareStoreCounty(result, data) : JSON.stringify(compactCountyLine(header, result));
  return { row: summarizeCounty(result), titles, payload };
}
