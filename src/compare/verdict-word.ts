import type { Text } from '../model/text.ts';
import { COUNTY_VERDICT_LABELS, VERDICT_LABELS } from '../model/verdict.ts';

/** A verdict (or `absent`) in words. */
export function verdictWord(v: string): Text {
  if (v === 'absent') return { zh: '不评（无此项或不适用）', en: 'not judged' };
  return (
    (VERDICT_LABELS as Record<string, Text>)[v] ??
    (COUNTY_VERDICT_LABELS as Record<string, Text>)[v] ?? { zh: v, en: v }
  );
}
