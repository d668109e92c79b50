import type { Comparison } from '../model/comparison.ts';

/**
 * comparison.json: the comparison as JSON, in the format it has had since compare was written. A cause found below
 * is written as its sentence; the code and ids compare tells such causes apart by (`of`) stay in memory, so that the
 * file keeps its bytes.
 */
export function serializeComparison(comparison: Comparison): string {
  return `${JSON.stringify(comparison, withoutBelowIds, 2)}\n`;
}

function withoutBelowIds(this: unknown, key: string, value: unknown): unknown {
  if (key === 'of' && (this as { kind?: unknown } | null)?.kind === 'below') return undefined;
  return value;
}
