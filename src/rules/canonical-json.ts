import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown, omit: ReadonlySet<string> = new Set()): string {
  return JSON.stringify(sortKeys(value, omit));
}

function sortKeys(value: unknown, omit: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, omit));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (omit.has(key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v, omit);
  }
  return out;
}

/** sha256 of a string, hex. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
