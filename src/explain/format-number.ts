import type { Lang, Text } from '../model/index.ts';
import { localize } from './localize.ts';

/**
 * Numbers as a report prints them: a fixed number of decimals, no thousands separator in Chinese
 * (the seed report prints "157296 人"), separators in English.
 */
export function formatNumber(value: number, decimals: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '—';
  // A report prints the same few bounds and counts thousands of times: each is rounded once.
  const cache = formatted(decimals, lang);
  let text = cache.get(value);
  if (text === undefined) {
    const fixed = roundHalfAway(value, decimals).toFixed(decimals);
    text = fixed === `-${(0).toFixed(decimals)}` ? fixed.slice(1) : fixed;
    if (lang === 'en') text = groupThousands(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(value, text);
  }
  return text;
}

const CACHE_LIMIT = 4096;
const caches: Record<Lang, Map<number, string>[]> = { zh: [], en: [] };

/** The numbers already printed with `decimals` places in `lang`. */
function formatted(decimals: number, lang: Lang): Map<number, string> {
  const byDecimals = caches[lang];
  return (byDecimals[decimals] ??= new Map());
}

/** Up to `maxDecimals` decimals with trailing zeros dropped: 0.9 stays 0.9, 2000 stays 2000, 5628.6 stays 5628.6. */
export function formatPlain(value: number, lang: Lang, maxDecimals = 4): string {
  if (!Number.isFinite(value)) return '—';
  let text = formatNumber(value, maxDecimals, lang);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text;
}

/** A ratio as a percentage: 0.9111 → "91%", with `decimals` places (0.982 → "98.20%" with 2). */
export function formatPercent(ratio: number, lang: Lang, decimals = 0): string {
  return `${formatNumber(ratio * 100, decimals, lang)}%`;
}

/** A ratio as a percentage with trailing zeros dropped: 0.95 → "95%", 0.855 → "85.5%". */
export function formatPercentPlain(ratio: number, lang: Lang): string {
  return `${formatPlain(ratio * 100, lang, 2)}%`;
}

/**
 * The decimals needed so that `value` and `other` print differently when they differ
 * (0.8999 beside 0.9 prints as 0.8999, not as 0.90), starting from `decimals`, at most 6.
 */
export function distinctDecimals(value: number, other: number, decimals: number): number {
  if (value === other) return decimals;
  let d = decimals;
  while (d < 6 && roundHalfAway(value, d) === roundHalfAway(other, d)) d += 1;
  return d;
}

/**
 * A quantity with its unit, as a Chinese report would print it: large sums of yuan in 万元 or 亿元
 * (3987100 元 → 398.71 万元), whole numbers as they are, fractions with at most two decimals.
 */
export function formatQuantity(value: number, unit: Text | undefined, lang: Lang): string {
  const unitText = localize(unit, lang);
  if (unit && unit.zh === '元' && Math.abs(value) >= 100_000) {
    if (lang === 'zh') {
      return Math.abs(value) >= 100_000_000
        ? `${formatNumber(value / 100_000_000, 4, lang)} 亿元`
        : `${formatNumber(value / 10_000, 2, lang)} 万元`;
    }
    return `${formatNumber(value, 0, lang)} yuan`;
  }
  const number = Number.isInteger(value) ? formatNumber(value, 0, lang) : formatPlain(value, lang, 2);
  return unitText ? `${number} ${unitText}` : number;
}

function roundHalfAway(value: number, decimals: number): number {
  // A whole number is its own rounding (most inputs are counts): no scaling, no string round trip.
  if (Number.isSafeInteger(value)) return value;
  const factor = 10 ** decimals;
  // toPrecision(15) removes the binary noise of e.g. 1.005 * 100 before rounding.
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}
