import type { ReasonNote } from '../../model/evaluation.ts';
import type { Level } from '../../model/level.ts';
import type { InputDictionary } from '../../model/ruleset.ts';
import type { Text } from '../../model/text.ts';
import { groupLabel } from '../order-groups.ts';

/** Why a single or composite CV has no verdict, or is not judged. */
export const dispersionReasons = {
  lacking: (lacking: string[], weightLabel: Text | undefined, weight: string): ReasonNote => ({
    code: 'INPUT_MISSING',
    message: {
      zh: `${lacking.length} 个学部的指标值或“${weightLabel?.zh ?? weight}”缺失（如 ${lacking.slice(0, 5).join('、')}），无法计算差异系数`,
      en: `${lacking.length} units lack the indicator value or '${weightLabel?.en ?? weight}' (e.g. ${lacking.slice(0, 5).join(', ')}), so the coefficient of variation cannot be computed`,
    },
  }),
  zeroMean: (): ReasonNote => ({
    code: 'ZERO_DENOMINATOR',
    message: {
      zh: '加权平均值为零，差异系数无定义',
      en: 'the weighted mean is zero, so the coefficient of variation is undefined',
    },
  }),
  inComposite: (): ReasonNote => ({
    code: 'NOT_JUDGED',
    message: {
      zh: '单项差异系数不设上限，只计入综合差异系数',
      en: 'a single coefficient of variation has no limit; it only enters the composite',
    },
  }),
  noLimit: (dictionary: InputDictionary, level: Level, group: string, composite: boolean): ReasonNote => {
    const label = groupLabel(dictionary, level, group);
    return {
      code: 'NO_THRESHOLD_FOR_CATEGORY',
      message: composite
        ? {
            zh: `规则没有为${label.zh}规定综合差异系数上限`,
            en: `the rule sets no composite limit for ${label.en}`,
          }
        : { zh: `规则没有为${label.zh}规定差异系数上限`, en: `the rule sets no limit for ${label.en}` },
    };
  },
  compositeLacking: (indicators: string[]): ReasonNote => ({
    code: 'INPUT_MISSING',
    message: {
      zh: `${indicators.join('、')} 的差异系数无法计算，综合差异系数也无法计算`,
      en: `the coefficients of variation of ${indicators.join(', ')} cannot be computed, so neither can the composite`,
    },
  }),
};
