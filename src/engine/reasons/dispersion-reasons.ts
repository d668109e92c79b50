import type { Level } from '../../model/level.ts';
import type { CheckReason } from '../../model/reason.ts';
import type { InputDictionary } from '../../model/ruleset.ts';
import type { Text } from '../../model/text.ts';
import { groupLabel } from '../order-groups.ts';

/** Why a single or composite CV has no verdict, or is not judged, as codes and data. */
export const dispersionReasons = {
  lacking: (lacking: string[], weightLabel: Text | undefined, weight: string): CheckReason => ({
    code: 'INPUT_MISSING',
    kind: 'cv_inputs_missing',
    members: lacking.length,
    examples: lacking.slice(0, 5),
    weight,
    weightLabel: weightLabel ?? { zh: weight, en: weight },
  }),
  zeroMean: (): CheckReason => ({ code: 'ZERO_DENOMINATOR', kind: 'cv_zero_mean' }),
  inComposite: (): CheckReason => ({ code: 'NOT_JUDGED', kind: 'cv_in_composite' }),
  noLimit: (dictionary: InputDictionary, level: Level, group: string, composite: boolean): CheckReason => ({
    code: 'NO_THRESHOLD_FOR_CATEGORY',
    kind: 'cv_no_limit',
    composite,
    group,
    groupLabel: groupLabel(dictionary, level, group),
  }),
  compositeLacking: (indicators: string[]): CheckReason => ({
    code: 'INPUT_MISSING',
    kind: 'composite_parts_missing',
    indicators,
  }),
};
