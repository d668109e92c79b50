import type { Lang, Text } from '../model/index.ts';
import { localize } from './localize.ts';

// The result file carries group keys, not their labels; these are the stage keys every rule set so far uses.
// An unknown key is shown as it is.
const KNOWN_GROUPS: Record<string, Text> = {
  primary: { zh: '小学', en: 'primary' },
  junior: { zh: '初中', en: 'junior secondary' },
  senior: { zh: '高中', en: 'senior secondary' },
  '*': { zh: '全部', en: 'all' },
};

/** The label of a group key (a stage): `primary` → 小学. */
export function describeGroup(group: string, lang: Lang): string {
  const known = KNOWN_GROUPS[group];
  return known ? localize(known, lang) : group;
}
