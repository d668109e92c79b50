import type { Lang, Text } from '../model/index.ts';
import { localize, say } from './localize.ts';

/** The labels of group keys (stage `primary` → 小学), as the evaluation carries them from the rule set's dictionary. */
export type GroupLabels = Readonly<Record<string, Text>>;

/** The group that stands for every member when an indicator is not split by group. */
export const ALL_GROUPS = '*';

/** The label of a group key (a stage): `primary` → 小学; a key without a label is shown as it is. */
export function describeGroup(group: string, lang: Lang, labels: GroupLabels): string {
  if (group === ALL_GROUPS) return say(lang, '全部', 'all');
  const label = Object.hasOwn(labels, group) ? labels[group] : undefined;
  return label ? localize(label, lang) || group : group;
}
