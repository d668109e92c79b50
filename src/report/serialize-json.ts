/**
 * JSON with a stable key order (keys sorted at every level) and a final newline, so that the same value always gives
 * the same bytes whatever order its objects were built in; two-space indent unless `pretty` is false. `undefined`
 * members are left out, as JSON.stringify does.
 */
export function serializeJson(value: unknown, options: { pretty?: boolean } = {}): string {
  return `${JSON.stringify(sortKeys(value), null, options.pretty === false ? undefined : 2)}\n`;
}

/** A copy of a JSON-like value with the keys of every object in sorted order; a number that is not finite is null. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) sorted[key] = sortKeys(member);
    }
    return sorted;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
