import type { Text } from './text.ts';

/** The one verdict vocabulary used everywhere (DESIGN.md §4). */
export type Verdict = 'met' | 'within_tolerance' | 'not_met' | 'pending' | 'insufficient_data';

/** A county's overall verdict. */
export type CountyVerdict = 'recognised' | 'not_recognised' | 'undetermined';

export const VERDICT_LABELS: Record<Verdict, Text> = {
  met: { zh: '达标', en: 'met' },
  within_tolerance: { zh: '未达标（不低于标准85%）', en: 'below the standard, within tolerance' },
  not_met: { zh: '未达标', en: 'not met' },
  pending: { zh: '待评估', en: 'pending' },
  insufficient_data: { zh: '数据不足', en: 'insufficient data' },
};

export const COUNTY_VERDICT_LABELS: Record<CountyVerdict, Text> = {
  recognised: { zh: '认定', en: 'recognised' },
  not_recognised: { zh: '不予认定', en: 'not recognised' },
  undetermined: { zh: '待定', en: 'undetermined' },
};
