import type { CountyResult } from '../model/evaluation.ts';
import { countyRows } from './county-rows.ts';
import { encodeRows, type EncodedRows } from './encode-rows.ts';

/** A county's rows and its data, ready to append: plain data, so that a worker thread can make it. */
export interface PreparedStoreCounty {
  county: string;
  /** Its rows, encoded for DuckDB's data chunks. */
  rows: EncodedRows;
  /** The county's data as read (data/county-bytes.ts), from which explain and compare judge it again. */
  data: Uint8Array;
}

/**
 * The rows of one county, and its data as `countyBytes` gave it before it was judged. The rows leave out their run,
 * province and county, which the writer adds.
 */
export function prepareStoreCounty(result: CountyResult, data: Uint8Array): PreparedStoreCounty {
  return { county: result.county.key, rows: encodeRows(countyRows(result)), data };
}
