import type { ReportedFigure } from '../model/dataset.ts';
import type { Finding } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';
import { readPublished } from './read-published.ts';

/** Half a unit of the last published decimal: how far a rounded figure may be from the value it stands for. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals + 1e-12;
}

/**
 * The columns of a published monitoring table checked against each other: where the mean, the standard deviation
 * and the CV of one indicator and group are all published, sd / mean must agree with the CV within what the three
 * roundings allow (sd and mean each up to half a unit off, and the CV too). Nothing is recomputed: the finding says
 * whether the three published numbers can belong together.
 */
export function checkPublishedTables(
  reported: ReportedFigure[],
  groupLabel: (group: string) => Text,
): Finding[] {
  const findings: Finding[] = [];
  const key = (f: ReportedFigure) => `${f.indicator}\u0000${f.check ?? ''}\u0000${f.group ?? '*'}`;
  const byKey = new Map<string, Partial<Record<ReportedFigure['figure'], ReportedFigure>>>();
  for (const figure of reported) {
    if (figure.figure !== 'mean' && figure.figure !== 'sd' && figure.figure !== 'cv') continue;
    const entry = byKey.get(key(figure)) ?? {};
    entry[figure.figure] ??= figure;
    byKey.set(key(figure), entry);
  }
  for (const { mean, sd, cv } of byKey.values()) {
    if (!mean || !sd || !cv) continue;
    const [m, s, c] = [readPublished(mean), readPublished(sd), readPublished(cv)];
    if (!m || !s || !c || m.value <= 0) continue;
    const [dm, ds, dc] = [halfUnit(m.decimals), halfUnit(s.decimals), halfUnit(c.decimals)];
    const quotient = s.value / m.value;
    const low = Math.max(0, s.value - ds) / (m.value + dm);
    const high = m.value - dm > 0 ? (s.value + ds) / (m.value - dm) : Infinity;
    const ok = c.value + dc >= low && c.value - dc <= high;
    const finding: Finding = {
      kind: ok ? 'consistent' : 'inconsistent',
      indicator: cv.indicator,
      figure: 'cv',
      reported: cv.text ?? cv.value,
      recomputed: quotient,
      difference: quotient - c.value,
      allowed: Math.max(high - quotient, quotient - low) + dc,
      source: cv.source,
      reason: {
        code: ok ? 'TABLE_AGREES' : 'TABLE_DIFFERS',
        ...(cv.group ? { label: groupLabel(cv.group) } : {}),
        sd: String(sd.text ?? sd.value),
        mean: String(mean.text ?? mean.value),
        quotient: { value: quotient, decimals: Math.min(c.decimals + 2, 8) },
        cv: String(cv.text ?? cv.value),
      },
    };
    if (cv.group) finding.group = cv.group;
    if (cv.check) finding.check = cv.check;
    if (cv.carriedFrom) finding.carriedFrom = cv.carriedFrom;
    findings.push(finding);
  }
  return findings;
}
