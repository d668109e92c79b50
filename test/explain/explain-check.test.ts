import { describe, expect, it } from 'vitest';
import { explainCheck, explainCounty, explainSubject } from '../../src/explain/index.ts';
import type { CheckResult, Lang } from '../../src/model/index.ts';
import { buildEvaluation } from '../report/fixtures/build-evaluation.ts';

const evaluation = buildEvaluation();
const county = evaluation.counties[0]!;

function check(indicator: string, subject: string): CheckResult {
  const result = county.indicators.find((candidate) => candidate.indicator === indicator);
  const member = result?.county ?? result?.members.find((candidate) => candidate.subject.key === subject);
  const found = member?.checks[0];
  if (!found) throw new Error(`no check ${indicator} on ${subject}`);
  return found;
}

describe('explainCheck', () => {
  it.each([
    {
      name: 'a primary unit at 91% of the R3 standard is explained as within tolerance with its cells',
      check: check('R3', 'U017'),
      lang: 'zh' as Lang,
      fragments: [
        '石岗小学（小学部）R3 每百名学生拥有体育、艺术专任教师数 0.82 < 0.9，达到标准的 91%（不低于85%），属容差内。',
        '体育、艺术专任教师数 5 人（units.csv 第17行 H列）',
        '学生数 610 人（units.csv 第17行 E列）',
        '容差下限为标准的85%即 0.765',
        '体育、艺术专任教师增加 1 人（5 → 6）即可达标。',
      ],
    },
    {
      name: 'a unit at 78% of the R3 standard is explained as below 85%, not met',
      check: check('R3', 'U023'),
      lang: 'zh' as Lang,
      fragments: [
        '0.70 < 0.9，仅达到标准的 78%（低于85%），未达标。',
        'rules/national-2017/resource/R3.yaml 第17行',
      ],
    },
    {
      name: 'a met unit reads met in English with its cells',
      check: check('R3', 'U031'),
      lang: 'en' as Lang,
      fragments: ['1.07 ≥ 0.9, met.', 'Sports and arts teachers 15 teachers (units.csv, row 31, column H)'],
    },
    {
      name: 'a class over its size limit is explained with the class and what it would take',
      check: check('G5', 'C023-3-2'),
      lang: 'zh' as Lang,
      fragments: [
        '新华第五小学 三（2）班 G5 班额 48 > 45，未达标。',
        'classes.csv 第48行 E列',
        '班级学生减少 3 人（48 → 45）即可达标。',
      ],
    },
    {
      name: 'a percentage check shows percentages and the definition choice with its alternative',
      check: check('Q2', '440114'),
      lang: 'zh' as Lang,
      fragments: [
        '96.12% ≥ 95%，达标。',
        '采用“剔除经批准延缓入学人数”（数据集指定',
        '若采用“全部适龄残疾儿童少年”，结果为 94.14%（未达标）',
      ],
    },
    {
      name: 'a pending external result is pending with its reason, never a fail',
      check: check('S1', '440114'),
      lang: 'zh' as Lang,
      fragments: ['花都区 S1 社会认可度调查：待评估，尚无“社会认可度”的结果（待外部评估）。'],
    },
    {
      name: 'a missing input is insufficient data with the missing cell named',
      check: check('Q4', 'S023'),
      lang: 'en' as Lang,
      fragments: [
        "insufficient data, school S023 (新华第五小学) has no value for 'annual public-funds budget'",
        'Annual public-funds budget missing (schools.csv, row 23, column N)',
      ],
    },
    {
      name: 'a comparison between two inputs names the other input as the bound',
      check: check('G8', '440114'),
      lang: 'zh' as Lang,
      fragments: [
        '14230 ≥ 公务员月平均工资 13980，达标',
        '公务员月平均工资 13980 元/月（dataset.yaml 第23行）',
        '标准“>= 公务员月平均工资”见 rules/national-2017/guarantee/G8.yaml 第15行',
      ],
    },
  ])('$name', ({ check: subject, lang, fragments }) => {
    const text = explainCheck(subject, lang);
    for (const fragment of fragments) expect(text).toContain(fragment);
    expect(text).not.toMatch(/[{}]|undefined|NaN|\bnull\b/);
  });

  it('a check explained without detail is one sentence', () => {
    expect(explainCheck(check('R3', 'U017'), 'zh', { detail: false })).toBe(
      '石岗小学（小学部）R3 每百名学生拥有体育、艺术专任教师数 0.82 < 0.9，达到标准的 91%（不低于85%），属容差内。',
    );
  });
});

describe('explainSubject and explainCounty', () => {
  it('a school is explained with its units, classes and the per-unit rule', () => {
    const text = explainSubject(evaluation, 'S023', undefined, 'zh');
    expect(text).toContain('新华第五小学 — 学校');
    expect(text).toContain(
      '资源配置（每校规则）：未达标。7 项中 5 项达标（要求至少 6 项）；R6（91.9%） 低于标准但不低于 85%；R3（78.1%） 低于标准的 85%。',
    );
    expect(text).toContain('新华第五小学 三（2）班 G5');
    expect(text).toContain('Q4 教师培训经费占公用经费比例：数据不足');
  });

  it('one indicator of a subject can be asked for alone', () => {
    const text = explainSubject(evaluation, 'U017', 'R3', 'en');
    expect(text).toContain('R3 Sports and arts teachers per 100 students 0.82 < 0.9');
    expect(text).not.toContain('R1 ');
  });

  it('an unknown subject gets a hint instead of an error', () => {
    expect(explainSubject(evaluation, '石岗', undefined, 'zh')).toContain('相近的：石岗小学');
  });

  it.each(['zh', 'en'] as const)('the county is explained from the top down (%s)', (lang) => {
    expect(explainCounty(county, lang, evaluation.groupLabels)).toMatchSnapshot();
  });
});
