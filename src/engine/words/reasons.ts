import type { DataRecord } from '../../model/dataset.ts';
import type { ReasonNote } from '../../model/evaluation.ts';
import type { Text } from '../../model/text.ts';

const LEVEL_WORDS: Record<DataRecord['level'], Text> = {
  county: { zh: '县级数据', en: 'county data' },
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'unit' },
  class: { zh: '班级', en: 'class' },
};

/** “学部 S01-P（石岗小学小学部）” — how a record is named inside a reason. */
export function describeRecord(record: DataRecord): Text {
  const word = LEVEL_WORDS[record.level];
  if (record.level === 'county') return { zh: word.zh, en: word.en };
  const name = record.name && record.name !== record.key ? `${record.key}（${record.name}）` : record.key;
  const nameEn = record.name && record.name !== record.key ? `${record.key} (${record.name})` : record.key;
  return { zh: `${word.zh} ${name}`, en: `${word.en} ${nameEn}` };
}

/** The reasons a verdict can be pending or undecided, in both languages. */
export const reasons = {
  missing(label: Text, where: Text): ReasonNote {
    return {
      code: 'INPUT_MISSING',
      message: { zh: `${where.zh}缺少“${label.zh}”`, en: `${where.en} has no value for '${label.en}'` },
    };
  },
  invalid(label: Text, why: Text, raw: string | undefined): ReasonNote {
    return {
      code: 'INPUT_INVALID',
      message: {
        zh: `“${label.zh}”的值${raw !== undefined ? `“${raw}”` : ''}无法使用：${why.zh}`,
        en: `the value of '${label.en}'${raw !== undefined ? ` ("${raw}")` : ''} cannot be used: ${why.en}`,
      },
    };
  },
  externalPending(label: Text): ReasonNote {
    return {
      code: 'EXTERNAL_PENDING',
      message: {
        zh: `尚无“${label.zh}”的结果（待外部评估）`,
        en: `no result yet for '${label.en}' (external assessment pending)`,
      },
    };
  },
  aggregateMissing(label: Text, missing: number, total: number, examples: string[]): ReasonNote {
    return {
      code: 'INPUT_MISSING',
      message: {
        zh: `${total} 个成员中有 ${missing} 个缺少“${label.zh}”（如 ${examples.join('、')}）`,
        en: `${missing} of ${total} members have no value for '${label.en}' (e.g. ${examples.join(', ')})`,
      },
    };
  },
  zeroDenominator(formula: string): ReasonNote {
    return {
      code: 'ZERO_DENOMINATOR',
      message: {
        zh: `公式 ${formula} 的分母为零（如学生数为 0），无法计算`,
        en: `the formula ${formula} divides by zero (e.g. no students), so it cannot be computed`,
      },
    };
  },
  notFinite(formula: string): ReasonNote {
    return {
      code: 'VALUE_NOT_FINITE',
      message: {
        zh: `公式 ${formula} 的结果超出可表示的数值范围（输入的数值过大），无法计算`,
        en: `the formula ${formula} gives a result too large to represent (an input is far too large)`,
      },
    };
  },
  evaluationFailed(formula: string, error: unknown): ReasonNote {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      code: 'FORMULA_FAILED',
      message: { zh: `公式 ${formula} 计算失败：${detail}`, en: `the formula ${formula} failed: ${detail}` },
    };
  },
  notAttested(label: Text): ReasonNote {
    return {
      code: 'NOT_ATTESTED',
      message: { zh: `“${label.zh}”尚无认定结论`, en: `'${label.en}' has not been attested` },
    };
  },
  noEvidence(label: Text): ReasonNote {
    return {
      code: 'NO_EVIDENCE',
      message: {
        zh: `“${label.zh}”已作认定，但未提供佐证材料`,
        en: `'${label.en}' is attested, but no evidence is given`,
      },
    };
  },
  noThreshold(byLabel: Text, value: string | undefined): ReasonNote {
    return {
      code: value === undefined ? 'INPUT_MISSING' : 'NO_THRESHOLD_FOR_CATEGORY',
      message:
        value === undefined
          ? {
              zh: `缺少“${byLabel.zh}”，无法确定适用的标准`,
              en: `'${byLabel.en}' is missing, so the applicable standard is unknown`,
            }
          : {
              zh: `规则没有为“${byLabel.zh}”= ${value} 规定标准`,
              en: `the rule sets no standard for '${byLabel.en}' = ${value}`,
            },
    };
  },
  noMembers(levelLabel: Text): ReasonNote {
    return {
      code: 'NO_MEMBERS',
      message: { zh: `数据中没有任何${levelLabel.zh}`, en: `the data holds no ${levelLabel.en}` },
    };
  },
  notJudged(): ReasonNote {
    return {
      code: 'NOT_JUDGED',
      message: {
        zh: '本项不设单项标准，只计入所在领域的差异系数',
        en: 'this measure has no standard of its own; it only feeds its area’s coefficient of variation',
      },
    };
  },
};
