import type { Level } from '../model/level.ts';
import type { InputDictionary } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';

/** Groups in the order the dictionary lists the category's values (小学 before 初中), unknown ones last. */
export function orderGroups(groups: Set<string>, dictionary: InputDictionary, level: Level): string[] {
  const by = dictionary.levels[level]?.group;
  const order = Object.keys((by && dictionary.inputs[by]?.values) ?? {});
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The dictionary's label of a group key of a level (stage `primary` → 小学). */
export function groupLabel(dictionary: InputDictionary, level: Level, group: string): Text {
  const by = dictionary.levels[level]?.group;
  return (by ? dictionary.inputs[by]?.values?.[group] : undefined) ?? { zh: group, en: group };
}
