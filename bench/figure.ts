/** A benchmark's figure over several runs: the median, with the least and the greatest beside it. */
export interface Figure {
  median: number;
  min: number;
  max: number;
}

/** The figure of the runs' values `xs` (at least one). */
export function figure(xs: number[]): Figure {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}
