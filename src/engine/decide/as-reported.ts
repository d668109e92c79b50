import type { ReportedFigure } from '../../model/dataset.ts';
import type { ReportedGroupCounts } from '../../model/reason.ts';
import type { Verdict } from '../../model/verdict.ts';
import { combineVerdicts } from '../../model/verdict.ts';

/** The published counts that decide an indicator judged per member when there are no member rows. */
export const COUNT_FIGURES: ReadonlySet<ReportedFigure['figure']> = new Set([
  'members_met',
  'members_within_tolerance',
  'members_not_met',
  'members_total',
  'share_met',
]);

/** How one group's published counts were read: the counts of the result's reason (without the group's label) and the verdict they give. */
export type ReportedGroup = Omit<ReportedGroupCounts, 'label'> & { verdict: Verdict };

/**
 * With no member rows (a report that publishes only counts), an indicator judged per member is judged on the
 * published counts: any member failing decides; all members meeting (or 100%) is met; the rest within tolerance.
 * Undefined when nothing was published for it. Only the counts decide: a CV, mean or standard deviation says
 * nothing about how many units meet.
 */
export function judgeAsReported(
  indicator: string,
  reported: readonly ReportedFigure[],
): { verdict: Verdict; groups: ReportedGroup[] } | undefined {
  const own = reported.filter(
    (r) => r.indicator === indicator && typeof r.value === 'number' && COUNT_FIGURES.has(r.figure),
  );
  if (own.length === 0) return undefined;
  const groups: ReportedGroup[] = [];
  for (const group of new Set(own.map((r) => r.group ?? '*'))) {
    const figure = (kind: ReportedFigure['figure']) =>
      own.find((r) => (r.group ?? '*') === group && r.figure === kind)?.value as number | undefined;
    const counts: Omit<ReportedGroup, 'group' | 'verdict' | 'basis'> = {};
    const met = figure('members_met');
    const total = figure('members_total');
    const notMet = figure('members_not_met');
    const within = figure('members_within_tolerance');
    const share = figure('share_met');
    if (met !== undefined) counts.met = met;
    if (total !== undefined) counts.total = total;
    if (notMet !== undefined) counts.notMet = notMet;
    if (within !== undefined) counts.within = within;
    if (share !== undefined) counts.share = share;
    if (notMet !== undefined && notMet > 0)
      groups.push({ group, verdict: 'not_met', basis: 'failing', ...counts });
    else if ((met !== undefined && total !== undefined && met === total) || share === 1)
      groups.push({ group, verdict: 'met', basis: 'all_met', ...counts });
    else if (met !== undefined && within !== undefined && (total === undefined || met + within === total))
      groups.push({ group, verdict: within > 0 ? 'within_tolerance' : 'met', basis: 'counted', ...counts });
    else groups.push({ group, verdict: 'insufficient_data', basis: 'partial', ...counts });
  }
  return { verdict: combineVerdicts(groups.map((g) => g.verdict)), groups };
}
