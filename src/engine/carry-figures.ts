import type { CountyData, ReportedFigure } from '../model/dataset.ts';
import type { RuleSet } from '../model/ruleset.ts';

/**
 * Figures that can be carried across a correspondence: a coefficient of variation does not change when an
 * indicator is scaled (per student or per 100 students), while a mean, a standard deviation or a count against
 * another standard does.
 */
const CARRIED_FIGURES: ReadonlySet<ReportedFigure['figure']> = new Set(['cv']);

/**
 * The county's published figures as this rule set reads them: a figure published for an indicator this rule set
 * does not have, which one of its indicators declares it corresponds to (`corresponds_to`), becomes a figure of
 * that indicator, marked with where it came from, and placed after the county's own figures. Everything else is
 * left as it is.
 */
export function carryFigures(county: CountyData, ruleset: RuleSet): CountyData {
  const own = new Set(ruleset.indicators.map((i) => i.id));
  let changed = false;
  const reported = county.reported.map((figure) => {
    if (own.has(figure.indicator) || !CARRIED_FIGURES.has(figure.figure)) return figure;
    for (const indicator of ruleset.indicators) {
      const to = indicator.correspondsTo?.find((c) => c.indicator === figure.indicator);
      if (!to) continue;
      changed = true;
      const carried: ReportedFigure = {
        ...figure,
        indicator: indicator.id,
        carriedFrom: { ruleset: to.ruleset, indicator: to.indicator, verified: to.verified },
      };
      if (to.note && carried.carriedFrom) carried.carriedFrom.note = to.note;
      return carried;
    }
    return figure;
  });
  if (!changed) return county;
  // A figure published for this rule set's own indicator comes first: it is the one judged on when both exist.
  return {
    ...county,
    reported: [...reported.filter((f) => !f.carriedFrom), ...reported.filter((f) => f.carriedFrom)],
  };
}
