import type { CheckReason, RecordName, ReportedGroupCounts } from '../../model/reason.ts';
import type { Text } from '../../model/text.ts';

const LEVEL_WORDS: Record<RecordName['level'], Text> = {
  county: { zh: '县级数据', en: 'county data' },
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'unit' },
  class: { zh: '班级', en: 'class' },
};

/** “学部 S01-P（石岗小学小学部）” — how a record is named inside a reason. */
export function describeRecord(record: RecordName): Text {
  const word = LEVEL_WORDS[record.level];
  if (record.level === 'county') return { zh: word.zh, en: word.en };
  const name = record.name && record.name !== record.key ? `${record.key}（${record.name}）` : record.key;
  const nameEn = record.name && record.name !== record.key ? `${record.key} (${record.name})` : record.key;
  return { zh: `${word.zh} ${name}`, en: `${word.en} ${nameEn}` };
}

/** The sentence of a check's, an indicator's or a coefficient's reason, in both languages. */
export function describeCheckReason(reason: CheckReason): Text {
  switch (reason.kind) {
    case 'input_missing': {
      const where = describeRecord(reason.record);
      return {
        zh: `${where.zh}缺少“${reason.label.zh}”`,
        en: `${where.en} has no value for '${reason.label.en}'`,
      };
    }
    case 'members_missing':
      return {
        zh: `${reason.total} 个成员中有 ${reason.missing} 个缺少“${reason.label.zh}”（如 ${reason.examples.join('、')}）`,
        en: `${reason.missing} of ${reason.total} members have no value for '${reason.label.en}' (e.g. ${reason.examples.join(', ')})`,
      };
    case 'input_invalid': {
      const { label, why, raw } = reason;
      return {
        zh: `“${label.zh}”的值${raw !== undefined ? `“${raw}”` : ''}无法使用：${why.zh}`,
        en: `the value of '${label.en}'${raw !== undefined ? ` ("${raw}")` : ''} cannot be used: ${why.en}`,
      };
    }
    case 'external_pending':
      return {
        zh: `尚无“${reason.label.zh}”的结果（待外部评估）`,
        en: `no result yet for '${reason.label.en}' (external assessment pending)`,
      };
    case 'zero_denominator':
      return {
        zh: `公式 ${reason.formula} 的分母为零（如学生数为 0），无法计算`,
        en: `the formula ${reason.formula} divides by zero (e.g. no students), so it cannot be computed`,
      };
    case 'not_finite':
      return {
        zh: `公式 ${reason.formula} 的结果超出可表示的数值范围（输入的数值过大），无法计算`,
        en: `the formula ${reason.formula} gives a result too large to represent (an input is far too large)`,
      };
    case 'formula_failed':
      return {
        zh: `公式 ${reason.formula} 计算失败：${reason.detail}`,
        en: `the formula ${reason.formula} failed: ${reason.detail}`,
      };
    case 'not_attested':
      return { zh: `“${reason.label.zh}”尚无认定结论`, en: `'${reason.label.en}' has not been attested` };
    case 'no_evidence':
      return {
        zh: `“${reason.label.zh}”已作认定，但未提供佐证材料`,
        en: `'${reason.label.en}' is attested, but no evidence is given`,
      };
    case 'category_missing':
      return {
        zh: `缺少“${reason.label.zh}”，无法确定适用的标准`,
        en: `'${reason.label.en}' is missing, so the applicable standard is unknown`,
      };
    case 'no_threshold':
      return {
        zh: `规则没有为“${reason.label.zh}”= ${reason.value} 规定标准`,
        en: `the rule sets no standard for '${reason.label.en}' = ${reason.value}`,
      };
    case 'no_members':
      return { zh: `数据中没有任何${reason.levelLabel.zh}`, en: `the data holds no ${reason.levelLabel.en}` };
    case 'measure':
      return {
        zh: '本项不设单项标准，只计入所在领域的差异系数',
        en: 'this measure has no standard of its own; it only feeds its area’s coefficient of variation',
      };
    case 'as_reported':
      return describeAsReported(reason.decided, reason.groups);
    case 'cv_inputs_missing':
      return {
        zh: `${reason.members} 个学部的指标值或“${reason.weightLabel.zh}”缺失（如 ${reason.examples.join('、')}），无法计算差异系数`,
        en: `${reason.members} units lack the indicator value or '${reason.weightLabel.en}' (e.g. ${reason.examples.join(', ')}), so the coefficient of variation cannot be computed`,
      };
    case 'cv_zero_mean':
      return {
        zh: '加权平均值为零，差异系数无定义',
        en: 'the weighted mean is zero, so the coefficient of variation is undefined',
      };
    case 'cv_in_composite':
      return {
        zh: '单项差异系数不设上限，只计入综合差异系数',
        en: 'a single coefficient of variation has no limit; it only enters the composite',
      };
    case 'cv_no_limit':
      return reason.composite
        ? {
            zh: `规则没有为${reason.groupLabel.zh}规定综合差异系数上限`,
            en: `the rule sets no composite limit for ${reason.groupLabel.en}`,
          }
        : {
            zh: `规则没有为${reason.groupLabel.zh}规定差异系数上限`,
            en: `the rule sets no limit for ${reason.groupLabel.en}`,
          };
    case 'composite_parts_missing':
      return {
        zh: `${reason.indicators.join('、')} 的差异系数无法计算，综合差异系数也无法计算`,
        en: `the coefficients of variation of ${reason.indicators.join(', ')} cannot be computed, so neither can the composite`,
      };
  }
}

/** The reason of an indicator judged on published counts: what each group's counts say. */
function describeAsReported(decided: boolean, groups: ReportedGroupCounts[]): Text {
  const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
  for (const g of groups) {
    const names = g.label ?? { zh: '', en: '' };
    const zh = names.zh;
    const en = names.en ? `${names.en}: ` : '';
    if (g.basis === 'failing') {
      parts.zh.push(`${zh}报告 ${g.notMet} 个未达标`);
      parts.en.push(`${en}${g.notMet} failing as published`);
    } else if (g.basis === 'all_met') {
      parts.zh.push(`${zh}报告全部达标`);
      parts.en.push(`${en}all meeting as published`);
    } else if (g.basis === 'counted') {
      const within = g.within as number;
      parts.zh.push(
        within > 0
          ? `${zh}报告 ${g.met} 个达标、${within} 个低于标准但在容许范围内`
          : `${zh}报告 ${g.met} 个全部达标`,
      );
      parts.en.push(
        within > 0
          ? `${en}${g.met} meeting and ${within} within tolerance as published`
          : `${en}all ${g.met} meeting as published`,
      );
    } else {
      parts.zh.push(
        `${zh}只公布了${[g.met !== undefined ? '达标数' : '', g.total !== undefined ? '总数' : '', g.within !== undefined ? '容许范围内的数量' : '', g.share !== undefined ? '达标比例' : ''].filter(Boolean).join('、')}`,
      );
      parts.en.push(
        `${en}only ${[g.met !== undefined ? 'the number meeting it' : '', g.total !== undefined ? 'the total' : '', g.within !== undefined ? 'the number within tolerance' : '', g.share !== undefined ? 'the share meeting it' : ''].filter(Boolean).join(', ')} published`,
      );
    }
  }
  return decided
    ? {
        zh: `没有逐校数据，按报告公布的达标数评判（未复算）：${parts.zh.join('；')}`,
        en: `no per-school rows; judged on the published counts, as reported, not recomputed: ${parts.en.join('; ')}`,
      }
    : {
        zh: `没有逐校数据，报告公布的达标数不足以判断：${parts.zh.join('；')}`,
        en: `no per-school rows, and the published counts do not decide it: ${parts.en.join('; ')}`,
      };
}
