import type { CountyResult, Evaluation } from '../model/evaluation.ts';
import { compactEvaluation } from './compact.ts';
import type { CompactCounty, CompactResult } from './compact-result.ts';
import { readResult, ResultFormatError } from './read-result.ts';

/**
 * One county of a many-county stream (counties.ndjson) in format version 2: the county's compact result with the
 * rule constants and places it refers to, so that every line can be read on its own with the stream's header.
 */
export interface CompactCountyLine {
  kind: 'county';
  rules: CompactResult['rules'];
  places: CompactResult['places'];
  county: CompactCounty;
}

/** The stream line of one county; `header` is the evaluation the stream's first line describes. */
export function compactCountyLine(header: Evaluation, county: CountyResult): CompactCountyLine {
  const { rules, places, counties } = compactEvaluation({ ...header, counties: [county] });
  return { kind: 'county', rules, places, county: counties[0] as CompactCounty };
}

/**
 * Reads one county line of counties.ndjson back to its CountyResult, given the stream's parsed first line
 * (`kind: 'header'`): checked against schemas/result.schema.json as a one-county result.json, then inflated.
 */
export function readCountyLine(header: unknown, line: unknown): CountyResult {
  const record = (value: unknown, kind: string): Record<string, unknown> => {
    if (value === null || typeof value !== 'object' || (value as Record<string, unknown>)['kind'] !== kind)
      throw new ResultFormatError(`not a counties.ndjson ${kind} line`);
    const { kind: _kind, ...rest } = value as Record<string, unknown>;
    return rest;
  };
  const { county, ...tables } = record(line, 'county');
  const evaluation = readResult({ ...record(header, 'header'), ...tables, counties: [county] });
  return evaluation.counties[0] as CountyResult;
}
