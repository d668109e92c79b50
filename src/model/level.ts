import type { Text } from './text.ts';

/** Levels at which data is held and rules are judged, outermost first. */
export type Level = 'county' | 'school' | 'unit' | 'class';

export const LEVELS: readonly Level[] = ['county', 'school', 'unit', 'class'];

export const LEVEL_LABELS: Record<Level, Text> = {
  county: { zh: '县（区）', en: 'county' },
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'school unit' },
  class: { zh: '班级', en: 'class' },
};
