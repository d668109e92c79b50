import { deflateSync } from 'node:zlib';
import type { SubjectTrail } from '../explain/index.ts';
import type { Verdict } from '../model/index.ts';

/** The verdicts by their index in the data block, the order the page's script reads them in. */
export const TRAIL_VERDICTS: readonly Verdict[] = [
  'met',
  'within_tolerance',
  'not_met',
  'pending',
  'insufficient_data',
];

const VERDICT_INDEX = new Map(TRAIL_VERDICTS.map((verdict, index) => [verdict, index]));

/** One subject's trail as the block holds it: `[heading, [[title, [[verdict, line, …], …]], …]]`. */
type CompactTrail = [string, [string, [number, ...string[]][]][]];

/**
 * Every subject's trail, written once, as one compact data block the page renders on demand: the trails' lines
 * with their verdicts as small numbers, as JSON, deflated (zlib) and in base64, which the browser inflates with its
 * own DecompressionStream. The text of a county's trails repeats the same phrases thousands of times (file names,
 * "标准…见…第…行"), so it shrinks about twentyfold; the output is the same for the same trails.
 */
export function encodeTrails(trails: ReadonlyMap<string, SubjectTrail>): string {
  const block: Record<string, CompactTrail> = {};
  for (const [key, trail] of trails) {
    block[key] = [
      trail.heading,
      trail.sections.map((section) => [
        section.title,
        section.items.map((item) => [VERDICT_INDEX.get(item.verdict) ?? 0, ...item.lines]),
      ]),
    ];
  }
  return deflateSync(JSON.stringify(block), { level: 6 }).toString('base64');
}
