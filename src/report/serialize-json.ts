/**
 * JSON with a stable key order (keys sorted at every level), compact (or with a two-space indent when `pretty`) and a
 * final newline, so that the same
 * evaluation always gives the same bytes whatever order the engine built its objects in. `undefined` members are
 * left out, as JSON.stringify does.
 */
export function serializeJson(value: unknown, pretty = false): string {
  return `${JSON.stringify(sortKeys(value), null, pretty ? 2 : undefined)}\n`;
}

function sortKeys(value: unknown): unknown {
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
