import type { CountyResult, Evaluation, Text } from '../model/index.ts';
import type { CountyVerdict, Verdict } from '../model/verdict.ts';

/** One indicator of a county that is not met, or not decided, with how many members failed it. */
export interface OpenIndicator {
  indicator: string;
  verdict: Verdict;
  /** Members (units, schools, classes) not met, for indicators judged below the county. */
  failing?: number;
}

/** One county in the summary across counties: small and fixed in size, whatever the county's trail. */
export interface CountySummaryRow {
  county: string;
  name: string;
  verdict: CountyVerdict;
  areas: Record<string, Verdict>;
  /** Indicators not met, pending or lacking data (every other indicator is met or within tolerance). */
  open: OpenIndicator[];
}

/** Per indicator across counties: where it fails and where it is undecided. */
export interface IndicatorTally {
  indicator: string;
  title: Text;
  notMet: string[];
  pending: string[];
  insufficientData: string[];
}

/** The summary of a many-county evaluation: verdict counts, per indicator where it fails, one row per county. */
export interface DatasetSummary {
  format: 'junheng-summary';
  formatVersion: 1;
  engine: Evaluation['engine'];
  ruleset: Evaluation['ruleset'];
  dataset: Evaluation['dataset'];
  areas: { area: string; title: Text }[];
  totals: Record<CountyVerdict, number> & { counties: number };
  indicators: IndicatorTally[];
  counties: CountySummaryRow[];
}

/** The summary row of one county result. */
export function summarizeCounty(result: CountyResult): CountySummaryRow {
  const areas: Record<string, Verdict> = {};
  for (const area of result.areas) areas[area.area] = area.verdict;
  const open: OpenIndicator[] = [];
  for (const indicator of result.indicators) {
    if (indicator.verdict === 'met' || indicator.verdict === 'within_tolerance') continue;
    const entry: OpenIndicator = { indicator: indicator.indicator, verdict: indicator.verdict };
    if (indicator.level !== 'county') entry.failing = indicator.failing.length;
    open.push(entry);
  }
  return { county: result.county.key, name: result.county.name, verdict: result.verdict, areas, open };
}

/**
 * Collects the summary while county results stream past: it keeps one small row per county and the titles of
 * areas and indicators, never a county's trail.
 */
export class SummaryCollector {
  private readonly rows: CountySummaryRow[] = [];
  private readonly titles = new Map<string, Text>();
  private readonly areaTitles = new Map<string, Text>();

  constructor(private readonly header: Evaluation) {}

  add(result: CountyResult): void {
    if (this.titles.size === 0) {
      for (const indicator of result.indicators) this.titles.set(indicator.indicator, indicator.title);
      for (const area of result.areas) this.areaTitles.set(area.area, area.title);
    }
    this.addRow(summarizeCounty(result));
  }

  /** Adds a row made elsewhere (e.g. by the verdict-only path), with the titles it needs. */
  addRow(row: CountySummaryRow, titles?: { indicators: Map<string, Text>; areas: Map<string, Text> }): void {
    if (titles && this.titles.size === 0) {
      for (const [id, title] of titles.indicators) this.titles.set(id, title);
      for (const [id, title] of titles.areas) this.areaTitles.set(id, title);
    }
    this.rows.push(row);
  }

  summary(): DatasetSummary {
    const totals = { counties: this.rows.length, recognised: 0, not_recognised: 0, undetermined: 0 };
    const tallies = new Map<string, IndicatorTally>();
    for (const [indicator, title] of this.titles) {
      tallies.set(indicator, { indicator, title, notMet: [], pending: [], insufficientData: [] });
    }
    for (const row of this.rows) {
      totals[row.verdict]++;
      for (const open of row.open) {
        let tally = tallies.get(open.indicator);
        if (!tally) {
          tally = {
            indicator: open.indicator,
            title: { zh: open.indicator, en: open.indicator },
            notMet: [],
            pending: [],
            insufficientData: [],
          };
          tallies.set(open.indicator, tally);
        }
        if (open.verdict === 'not_met') tally.notMet.push(row.county);
        else if (open.verdict === 'pending') tally.pending.push(row.county);
        else tally.insufficientData.push(row.county);
      }
    }
    const { counties: _counties, ...head } = this.header;
    return {
      format: 'junheng-summary',
      formatVersion: 1,
      engine: head.engine,
      ruleset: head.ruleset,
      dataset: head.dataset,
      areas: [...this.areaTitles].map(([area, title]) => ({ area, title })),
      totals,
      indicators: [...tallies.values()],
      counties: this.rows,
    };
  }
}
