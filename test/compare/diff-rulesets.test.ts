import { describe, expect, it } from 'vitest';
import { diffRuleSets } from '../../src/compare/diff-rulesets.ts';
import { renderDiffMarkdown, renderDiffText } from '../../src/compare/render-diff.ts';
import type { RuleChange } from '../../src/model/comparison.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

async function rules(id: string): Promise<RuleSet> {
  const { ruleset, problems } = await loadRuleSet(id);
  if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  return ruleset;
}

/** The changes as compact rows, for toEqual. */
function rows(changes: RuleChange[]) {
  return changes.map((c) => ({
    kind: c.kind,
    aspect: c.aspect,
    indicator: c.indicator,
    check: c.check,
    branch: c.branch,
    from: c.from,
    to: c.to,
  }));
}

describe('diff of national-2012 against national-2017', async () => {
  const diff = diffRuleSets(await rules('national-2012'), await rules('national-2017'));

  it('is not identical and names both documents', () => {
    expect(diff.identical).toBe(false);
    expect(diff.a.document).toBe('教督〔2012〕3号');
    expect(diff.b.document).toBe('教督〔2017〕6号');
  });

  it('compares the dispersion rule of the renamed area: composite → single CVs, 0.65 → 0.50, 0.55 → 0.45', () => {
    const dispersion = diff.changes.filter((c) => c.aspect === 'dispersion');
    expect(rows(dispersion)).toEqual([
      {
        kind: 'changed',
        aspect: 'dispersion',
        indicator: undefined,
        check: undefined,
        branch: undefined,
        from: 'the mean of the single CVs (composite CV)',
        to: 'every single CV',
      },
      {
        kind: 'changed',
        aspect: 'dispersion',
        indicator: undefined,
        check: undefined,
        branch: 'primary',
        from: '<= 0.65',
        to: '<= 0.50',
      },
      {
        kind: 'changed',
        aspect: 'dispersion',
        indicator: undefined,
        check: undefined,
        branch: 'junior',
        from: '<= 0.55',
        to: '<= 0.45',
      },
    ]);
    expect(dispersion[1]?.text.zh).toBe('校际均衡状况 → 资源配置：小学差异系数上限 <= 0.65 → <= 0.50');
    expect(diff.changes.find((c) => c.aspect === 'per_unit')?.text.zh).toContain(
      '（无） → 6 项（共 7 项），其余不低于标准的 85%',
    );
  });

  it('lists the 8 measures as removed, each with its 2017 counterpart where one computes the same thing', () => {
    const removed = diff.changes.filter((c) => c.aspect === 'indicator' && c.kind === 'removed');
    expect(removed.map((c) => c.indicator)).toEqual([
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'GW1',
      'BS1',
    ]);
    expect(removed[0]?.text.zh).toBe(
      '删除 B1 生均教学及辅助用房面积（校际均衡状况，逐学部，不设单项标准、只计入差异系数）；对应 national-2017 的 R4 生均教学及辅助用房面积（公式相同；规则文件声明的对应关系，未核实：两版名称和公式相同（教学及辅助用房面积 ÷ 学生数）；统计口径（如一贯制学校用房的分摊）是否一致，POLICY.md 未作说明，未核实）',
    );
    expect(removed[6]?.text.en).toContain('corresponds to R1');
    expect(removed[6]?.text.en).toContain('same inputs, another formula');
    expect(removed[6]?.text.en).toContain('a correspondence declared in the rule files, unverified');
    // B4 (computers per 100 students) declares no correspondence and computes nothing of 2017.
    expect(removed[3]?.text.en).not.toContain('corresponds to');
  });

  it('an added indicator names its declared correspondence, marked unverified', () => {
    const added = diff.changes.filter((c) => c.aspect === 'indicator' && c.kind === 'added');
    expect(added.find((c) => c.indicator === 'R1')?.text.zh).toContain(
      '对应 national-2012 的 B7 生均高于规定学历教师数（输入相同，公式不同',
    );
    expect(added.find((c) => c.indicator === 'R1')?.text.zh).toContain('规则文件声明的对应关系，未核实');
    expect(added.find((c) => c.indicator === 'R2')?.text.zh).not.toContain('声明的对应关系');
  });

  it('lists the 2017 indicators as added with their thresholds by stage', () => {
    const added = diff.changes.filter((c) => c.aspect === 'indicator' && c.kind === 'added');
    expect(added).toHaveLength(37);
    expect(added.find((c) => c.indicator === 'R1')?.text.zh).toContain('小学 >= 4.2、初中 >= 5.3');
    expect(added.find((c) => c.indicator === 'G1')?.text.zh).toContain('须认定并有佐证');
  });

  it('reports the satisfaction indicator S1 kept its id but changed its title, area and formula', () => {
    expect(rows(diff.changes.filter((c) => c.indicator === 'S1'))).toEqual([
      {
        kind: 'changed',
        aspect: 'title',
        indicator: 'S1',
        check: undefined,
        branch: undefined,
        from: '公众满意度',
        to: '社会认可度',
      },
      {
        kind: 'changed',
        aspect: 'area',
        indicator: 'S1',
        check: undefined,
        branch: undefined,
        from: '公众满意度',
        to: '社会认可度',
      },
      expect.objectContaining({ aspect: 'source' }),
      {
        kind: 'changed',
        aspect: 'formula',
        indicator: 'S1',
        check: 'S1',
        branch: undefined,
        from: 'public_satisfaction_rate',
        to: 'social_recognition_rate',
      },
    ]);
  });

  it('renders as text and Markdown in both languages', () => {
    const zh = renderDiffText(diff, 'zh');
    expect(zh).toContain('规则集比较：national-2012 → national-2017');
    expect(zh).toContain(
      '校际均衡状况 → 资源配置：初中差异系数上限 <= 0.55 → <= 0.45  [rules/national-2017/resource/area.yaml:',
    );
    expect(zh).toMatch(/新增 \d+ 项输入：/);
    const en = renderDiffText(diff, 'en');
    expect(en).toContain('S1 Social recognition: title Public satisfaction → Social recognition');
    const md = renderDiffMarkdown(diff, 'en');
    expect(md).toMatch(/^# Rule set diff: national-2012 → national-2017/);
    expect(md).toContain('## Indicators');
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});

describe('diff of national-2017 against its overlays', () => {
  it('city-local-2017: G7 6000 → 8000, G3 room areas and G4 size by year built, each located in the overlay file', async () => {
    const diff = diffRuleSets(await rules('national-2017'), await rules('city-local-2017'));
    const thresholds = diff.changes.filter((c) => c.aspect === 'threshold');
    expect(rows(thresholds)).toEqual([
      {
        kind: 'changed',
        aspect: 'threshold',
        indicator: 'G3',
        check: 'music_room_area',
        branch: '*',
        from: '>= 96',
        to: '>= (built_year <= 2016 ? 73 : 96)',
      },
      {
        kind: 'changed',
        aspect: 'threshold',
        indicator: 'G3',
        check: 'art_room_area',
        branch: '*',
        from: '>= 90',
        to: '>= (built_year <= 2016 ? 67 : 90)',
      },
      {
        kind: 'changed',
        aspect: 'threshold',
        indicator: 'G4',
        check: 'G4',
        branch: 'default',
        from: '<= 2000',
        to: '<= (built_year <= 2010 ? 2400 : 2000)',
      },
      {
        kind: 'changed',
        aspect: 'threshold',
        indicator: 'G7',
        check: 'G7',
        branch: '*',
        from: '>= 6000',
        to: '>= 8000',
      },
    ]);
    expect(thresholds[3]?.text.zh).toBe('G7 特殊教育学校生均公用经费：标准 >= 6000 → >= 8000');
    expect(thresholds[3]?.at?.a?.file).toBe('rules/national-2017/guarantee/G7.yaml');
    expect(thresholds[3]?.at?.b?.file).toBe('rules/city-local-2017/guarantee/G7.yaml');
    // The sentence names the input by its label; `to` keeps the rule text as written.
    expect(thresholds[2]?.text.zh).toBe(
      'G4 学校规模：其他标准 <= 2000 → <= (建成年份 <= 2010 ? 2400 : 2000)',
    );
    expect(thresholds[2]?.text.en).toMatch(
      /^G4 School size: other threshold <= 2000 → <= \(\S.* <= 2010 \? 2400 : 2000\)$/u,
    );
    expect(thresholds[2]?.text.en).not.toContain('built_year');
  });

  it('hebei-2017: R1–R7 gain the same applies_when, and nothing else about how they are judged changes', async () => {
    const diff = diffRuleSets(await rules('national-2017'), await rules('hebei-2017'));
    const scope = diff.changes.filter((c) => c.aspect === 'applies_when');
    expect(scope.map((c) => c.indicator)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(new Set(scope.map((c) => c.to))).toEqual(
      new Set(['not (school_type == "teaching_point" and students < 50)']),
    );
    expect(scope[0]?.text.en).toBe(
      'R1 Teachers above the required qualification per 100 students: applies when (all members) → not (school_type == "teaching_point" and students < 50)',
    );
    expect(
      diff.changes.filter((c) =>
        ['threshold', 'formula', 'dispersion', 'per_unit', 'tolerance'].includes(c.aspect),
      ),
    ).toEqual([]);
  });

  it('a rule set compared with itself is identical, with no changes', async () => {
    const diff = diffRuleSets(await rules('national-2017'), await rules('national-2017'));
    expect(diff.identical).toBe(true);
    expect(diff.changes).toEqual([]);
    expect(renderDiffText(diff, 'zh')).toContain('两个规则集内容相同');
  });

  it('an overlay that turns indicators into measures reports the role, the removed per-unit rule and thresholds', async () => {
    const diff = diffRuleSets(
      await rules('test/fixtures/rules/tiny'),
      await rules('test/fixtures/rules/composite'),
    );
    expect(diff.changes.filter((c) => c.aspect === 'role').map((c) => [c.indicator, c.from, c.to])).toEqual([
      ['A1', 'indicator', 'measure'],
      ['A2', 'indicator', 'measure'],
      ['A3', 'indicator', 'measure'],
    ]);
    expect(rows(diff.changes.filter((c) => c.aspect === 'per_unit'))).toEqual([
      {
        kind: 'removed',
        aspect: 'per_unit',
        indicator: undefined,
        check: undefined,
        branch: undefined,
        from: '2/3',
        to: undefined,
      },
    ]);
    expect(diff.changes.find((c) => c.indicator === 'A3' && c.aspect === 'threshold')?.text.zh).toBe(
      'A3 生均图书：标准 >= 6 → （无）',
    );
    expect(
      diff.changes
        .filter((c) => c.aspect === 'dispersion' && c.branch === 'primary')
        .map((c) => [c.from, c.to]),
    ).toEqual([['<= 0.50', '<= 0.30']]);
  });
});
