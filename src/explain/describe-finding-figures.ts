import { VERDICT_LABELS } from '../model/index.ts';
import type { Finding, Lang } from '../model/index.ts';
import { distinctDecimals, formatNumber, formatPlain } from './format-number.ts';
import { localize, say } from './localize.ts';

/** The numbers of a published figure and its recomputation, printed alike so that they can be compared. */
export interface FindingFigures {
  reported: string;
  /** Empty when nothing was recomputed. */
  recomputed: string;
  /** Empty when there is no difference to show. */
  difference: string;
  /** What the published rounding allows (±), empty when the figure is exact or the difference is not numeric. */
  allowed: string;
  /** True when the difference lies beyond what the published rounding allows. */
  beyondRounding: boolean;
}

/**
 * A finding's figures as a reader compares them: the recomputed value in the unit and with the decimals of the
 * published one (a percentage when the report printed one, "99.9%" beside "100%", never "0.999"), the difference
 * in percentage points for percentages and with enough decimals not to read as the allowance it exceeds, and a
 * recomputed verdict in words.
 */
export function describeFindingFigures(finding: Finding, lang: Lang): FindingFigures {
  const percent = typeof finding.reported === 'string' && /[%％]\s*$/u.test(finding.reported);
  const scale = percent ? 100 : 1;
  const decimals = publishedDecimals(finding.reported);
  const { recomputed, difference, allowed } = finding;
  const points = (text: string) =>
    percent ? say(lang, `${text} 个百分点`, `${text} percentage points`) : text;

  let recomputedText = '';
  if (recomputed === null) recomputedText = say(lang, '无法计算', 'not computable');
  else if (typeof recomputed === 'string') recomputedText = describeRecomputedWord(recomputed, lang);
  else if (typeof recomputed === 'number') {
    recomputedText = `${formatRecomputed(recomputed * scale, decimals, lang)}${percent ? '%' : ''}`;
  }

  let differenceText = '';
  let allowedText = '';
  if (difference !== undefined) {
    const size = Math.abs(difference * scale);
    const bound = (allowed ?? 0) * scale;
    const places = bound > 0 ? distinctDecimals(size, bound, 4) : 4;
    const shown = formatPlain(difference * scale, lang, places);
    // A difference that prints as zero is zero to the reader: no sign, no unit.
    differenceText = /^-?0$/u.test(shown) ? '0' : points(`${difference > 0 ? '+' : ''}${shown}`);
    if (bound > 0) allowedText = points(`±${formatPlain(bound, lang, 6)}`);
  }
  return {
    reported:
      typeof finding.reported === 'number' ? formatPlain(finding.reported, lang, 6) : finding.reported,
    recomputed: recomputedText,
    difference: differenceText,
    allowed: allowedText,
    beyondRounding: difference !== undefined && Math.abs(difference) > (allowed ?? 0),
  };
}

/**
 * A recomputed value with two decimals more than the published figure, trailing zeros dropped down to its
 * decimals: 8505.905 beside 8505.90, 2534.7752 beside 2534.79, 100.00 beside 99.98.
 */
function formatRecomputed(value: number, decimals: number, lang: Lang): string {
  const text = formatNumber(value, decimals + 2, lang);
  const [whole, fraction = ''] = text.split('.');
  const kept = fraction.replace(/0+$/u, '').padEnd(decimals, '0');
  return kept ? `${whole}.${kept}` : (whole ?? text);
}

/** Decimals of a published figure as printed: "98.20%" has 2, "5.36" has 2, 17 has none. */
function publishedDecimals(reported: number | string): number {
  const text = String(reported).replace(/[%％\s]/gu, '');
  return /\.(\d+)$/u.exec(text)?.[1]?.length ?? 0;
}

/** A recomputed claim is a verdict key (`met`): it is shown in words. */
function describeRecomputedWord(word: string, lang: Lang): string {
  return Object.hasOwn(VERDICT_LABELS, word)
    ? localize(VERDICT_LABELS[word as keyof typeof VERDICT_LABELS], lang)
    : word;
}

/**
 * How many published figures the findings are about: a figure may have more than one finding (a county mean is
 * checked and also compared with the standard; a CV is checked and also against its sd / mean).
 */
export function countPublishedFigures(findings: readonly Finding[]): number {
  return new Set(
    findings.map(
      (f) =>
        `${f.source.file}\u0000${f.source.sheet ?? ''}\u0000${f.source.path ?? ''}\u0000${f.source.line ?? ''}`,
    ),
  ).size;
}
