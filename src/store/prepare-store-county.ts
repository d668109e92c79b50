import { gzipSync } from 'node:zlib';
import type { CountyResult, Evaluation } from '../model/evaluation.ts';
import { compactCountyLine } from '../result/county-line.ts';
import { countyRows, type CountyRows } from './county-rows.ts';

/** A county's rows and its compressed trail, ready to append: plain data, so that a worker thread can make it. */
export interface PreparedStoreCounty {
  county: string;
  rows: CountyRows;
  trail: Uint8Array;
}

/**
 * The rows and the trail of one county; `header` is the evaluation without its counties. The rows leave out their
 * run, province and county, which the writer adds.
 */
export function prepareStoreCounty(header: Evaluation, result: CountyResult): PreparedStoreCounty {
  // gzip at its fastest level: a trail's JSON repeats itself, a tenth of it is stored at some 300 MB/s.
  const trail = gzipSync(JSON.stringify(compactCountyLine(header, result)), { level: 1 });
  return { county: result.county.key, rows: countyRows(result), trail };
}
