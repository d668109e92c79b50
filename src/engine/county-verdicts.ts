import type { CountyData } from '../model/dataset.ts';
import type { CountyVerdict, Verdict } from '../model/verdict.ts';
import type { Plan } from './compile-plan.ts';
import { interpretCounty } from './interpret-county.ts';
import { NULL_RECORDER } from './recorder.ts';

/** One indicator of a county that is not met or not decided, with how many members did not meet it. */
export interface OpenVerdict {
  indicator: string;
  verdict: Verdict;
  failing?: number;
}

/** The verdicts of one county, without trails: what a summary across counties needs. */
export interface CountyVerdicts {
  county: string;
  name: string;
  verdict: CountyVerdict;
  areas: Record<string, Verdict>;
  indicators: Record<string, Verdict>;
  /** Indicators not met, pending or lacking data, in rule-set order. */
  open: OpenVerdict[];
}

/** The verdicts of one county: the plan's interpreter with the null recorder (no trail is built). */
export function countyVerdicts(plan: Plan, county: CountyData): CountyVerdicts {
  const run = interpretCounty(plan, county, NULL_RECORDER);
  const areas: Record<string, Verdict> = {};
  for (const a of run.areas) areas[a.area.area.id] = a.verdict;
  const indicators: Record<string, Verdict> = {};
  const open: OpenVerdict[] = [];
  for (const { indicator } of plan.indicators) {
    const outcome = run.indicators.get(indicator.id);
    if (!outcome) continue;
    indicators[indicator.id] = outcome.verdict;
    if (outcome.verdict === 'met' || outcome.verdict === 'within_tolerance') continue;
    const entry: OpenVerdict = { indicator: indicator.id, verdict: outcome.verdict };
    if (indicator.level !== 'county') entry.failing = outcome.failing;
    open.push(entry);
  }
  return { county: run.ctx.data.key, name: run.ctx.data.name, verdict: run.verdict, areas, indicators, open };
}
