import type { AreaResult, CountyResult, IndicatorResult } from '../model/index.ts';

/**
 * A county's indicators as the reports list them: under each area, the indicators (and measures) that count
 * towards it; apart, the rest (preconditions and vetoes).
 */
export function groupByArea(county: CountyResult): {
  areas: { area: AreaResult; indicators: IndicatorResult[] }[];
  others: IndicatorResult[];
} {
  const counts = (indicator: IndicatorResult) =>
    indicator.role === 'indicator' || indicator.role === 'measure';
  const areas = county.areas.map((area) => ({
    area,
    indicators: county.indicators.filter((indicator) => indicator.area === area.area && counts(indicator)),
  }));
  const inAreas = new Set(areas.flatMap((a) => a.indicators.map((indicator) => indicator.indicator)));
  return { areas, others: county.indicators.filter((indicator) => !inAreas.has(indicator.indicator)) };
}
