import { LEVEL_LABELS } from '../model/index.ts';
import type { Lang, Level } from '../model/index.ts';

const EN_PLURALS: Record<Level, string> = {
  county: 'counties',
  school: 'schools',
  unit: 'school units',
  class: 'classes',
};

/** A count of members with their level's noun: "3 个班级" / "3 classes", "1 school unit". */
export function countLevel(count: number, level: Level, lang: Lang): string {
  if (lang === 'zh') return `${count} ${level === 'school' ? '所' : '个'}${LEVEL_LABELS[level].zh}`;
  return `${count} ${count === 1 ? LEVEL_LABELS[level].en : EN_PLURALS[level]}`;
}
