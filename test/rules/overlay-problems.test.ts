import { describe, expect, it } from 'vitest';
import { parseMath } from '../../src/formula/restricted-math.ts';
import { unknownCategoryValues } from '../../src/rules/check-category-values.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/** Problems of overlays, measures and category values: one broken fixture each, code, file, line and message words. */
const CASES = [
  {
    fixture: 'formula-category-value-unknown',
    code: 'FORMULA_CATEGORY_VALUE_UNKNOWN',
    file: 'formula-category-value-unknown/resource/A1.yaml',
    line: 3,
    zh: '“stage”没有取值“primay”；是否应为“primary”？',
    en: "did you mean 'primary'? Allowed: primary, junior",
  },
  {
    fixture: 'measure-threshold',
    code: 'MEASURE_THRESHOLD',
    file: 'rules/tiny/resource/A1.yaml',
    line: 7,
    zh: 'threshold: null',
    en: 'write threshold: null',
  },
  {
    fixture: 'measure-without-dispersion',
    code: 'MEASURE_WITHOUT_DISPERSION',
    file: 'measure-without-dispersion/county/C1.yaml',
    line: 1,
    zh: '领域 county 没有 dispersion',
    en: 'area county has no dispersion',
  },
];

describe('overlay and measure problems', () => {
  it.each(CASES)('$fixture is refused with $code at $file:$line', async ({ fixture, code, file, line, zh, en }) => {
    const { ruleset, problems } = await loadRuleSet(`test/fixtures/broken-rules/${fixture}`);
    expect(ruleset).toBeUndefined();
    const problem = problems.find((p) => p.code === code);
    expect(problem, `codes: ${problems.map((p) => p.code).join(', ')}`).toBeDefined();
    expect(problem?.file?.endsWith(file)).toBe(true);
    expect(problem?.line).toBe(line);
    expect(problem?.message.zh).toContain(zh);
    expect(problem?.message.en).toContain(en);
  });

  it('a misspelt category value is the only problem reported for the fixture', async () => {
    const { problems } = await loadRuleSet('test/fixtures/broken-rules/formula-category-value-unknown');
    expect(problems.map((p) => p.code)).toEqual(['FORMULA_CATEGORY_VALUE_UNKNOWN']);
  });

  it('a patched node is located in the file that wrote it: the overlay for its own keys, the base for the rest', async () => {
    const { ruleset } = await loadRuleSet('hebei-2017');
    const r1 = ruleset?.indicators.find((i) => i.id === 'R1');
    expect(r1?.appliesWhen?.at.file).toBe('rules/hebei-2017/resource/R1.yaml');
    expect(r1?.checks[0]?.value?.at.file).toBe('rules/national-2017/resource/R1.yaml');
    expect(r1?.checks[0]?.threshold.branches['primary']?.at.file).toBe('rules/national-2017/resource/R1.yaml');
    expect(r1?.files).toEqual(['rules/national-2017/resource/R1.yaml', 'rules/hebei-2017/resource/R1.yaml']);
    expect(r1?.origin).toBe('hebei-2017');
    expect(ruleset?.indicators.find((i) => i.id === 'G1')?.origin).toBe('national-2017');
  });

  it('the content hash ignores where files lie and which layer wrote what', async () => {
    const a = await loadRuleSet('national-2017');
    const b = await loadRuleSet('hebei-2017');
    expect(a.ruleset?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.ruleset?.hash).not.toBe(b.ruleset?.hash);
    expect((await loadRuleSet('rules/national-2017')).ruleset?.hash).toBe(a.ruleset?.hash);
  });
});

describe('category values in formulas', () => {
  it.each([
    { formula: 'school_type == "teaching_point"', expected: [] },
    { formula: '"junior" != school_type', expected: [] },
    { formula: 'school_type == "teaching_piont"', expected: ["did you mean 'teaching_point'?"] },
    { formula: 'school_type == "小学教学点"', expected: ["did you mean 'teaching_point'?"] },
    { formula: 'students == 50', expected: [] },
  ])('$formula', async ({ formula, expected }) => {
    const { ruleset } = await loadRuleSet('national-2017');
    if (!ruleset) throw new Error('national-2017 does not load');
    const found = unknownCategoryValues(parseMath(formula), ruleset.inputs).map((t) => t.en);
    expect(found.length).toBe(expected.length);
    for (const [i, words] of expected.entries()) expect(found[i]).toContain(words);
  });
});
