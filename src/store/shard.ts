import type { Text } from '../model/text.ts';

/** One share of the counties: the `index`-th of `count` (1-based), as `--shard index/count` says. */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n` with 1 ≤ i ≤ n, else the message of a usage error. */
export function parseShard(text: string): Shard | { error: Text } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 1_000_000)
    return {
      error: {
        zh: `--shard 的值“${text}”无效：应为 i/n（1 ≤ i ≤ n），例如 1/3`,
        en: `--shard: '${text}' is not allowed: give i/n with 1 ≤ i ≤ n, e.g. 1/3`,
      },
    };
  return { index, count };
}

/** FNV-1a (32 bit) over the UTF-16 code units of a text: small, fast and the same on every machine. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let n = 0; n < text.length; n++) {
    hash ^= text.charCodeAt(n);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * True when the county belongs to the shard: the FNV-1a hash of its key, mod n, is i − 1. The share depends on the
 * county key only — not on the order of the dataset or on the other counties — so n machines, each given the same
 * dataset and one i, evaluate every county exactly once.
 */
export function inShard(countyKey: string, shard: Shard): boolean {
  return stableHash(countyKey) % shard.count === shard.index - 1;
}
