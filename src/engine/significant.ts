/**
 * Rounds to 12 significant digits before a comparison, so that floating-point noise in a computed ratio
 * (42 / 1000 * 100 = 4.2000000000000002) never decides a verdict. Published figures have 2 to 4 decimals;
 * 12 significant digits keep every real difference.
 */
export function toComparable<T>(value: T): T {
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(12)) as T;
}
