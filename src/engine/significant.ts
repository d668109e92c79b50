/**
 * Rounds to 12 significant digits before a comparison, so that floating-point noise in a computed ratio
 * (42 / 1000 * 100 = 4.2000000000000002) never decides a verdict. Published figures have 2 to 4 decimals;
 * 12 significant digits keep every real difference.
 */
export function toComparable<T>(value: T): T {
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return value;
  return roundTo12(value) as T;
}

/** Exact powers of ten, 10^0 to 10^22. */
const POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * `Number(value.toPrecision(12))` without making a string, where arithmetic gives the same double: a whole number of
 * at most 12 digits is its own rounding; otherwise the value times a power of ten is rounded to a 12-digit whole
 * number and divided back, which is exact when the product is not near a half (the product's own rounding error is
 * below 10^-4) and the value not near a power of ten (where the count of digits is uncertain). Anything else, and
 * values outside 10^-9 to 10^12, go through toPrecision. significant.test.ts holds the two equal.
 */
function roundTo12(value: number): number {
  const a = value < 0 ? -value : value;
  if (a < 1e12 && Number.isInteger(a)) return value;
  if (a >= 1e-9 && a < 1e12) {
    const e = Math.floor(Math.log10(a));
    const lower = e >= 0 ? (POWERS[e] as number) : 1 / (POWERS[-e] as number);
    const nearPower = Math.abs(a / lower - 1) < 1e-9 || Math.abs(a / (lower * 10) - 1) < 1e-9;
    const k = 11 - e;
    if (!nearPower && k >= 0 && k <= 22) {
      const scale = POWERS[k] as number;
      const x = a * scale;
      const fraction = x - Math.floor(x);
      if (Math.abs(fraction - 0.5) > 1e-3) {
        const rounded = Math.round(x) / scale;
        return value < 0 ? -rounded : rounded;
      }
    }
  }
  return Number(value.toPrecision(12));
}
