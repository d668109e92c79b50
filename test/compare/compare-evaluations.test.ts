import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mergeCase, type RawCase } from '../../src/cases/merge-case.ts';
import { compareEvaluations } from '../../src/compare/compare-evaluations.ts';
import { diffRuleSets } from '../../src/compare/diff-rulesets.ts';
import { renderComparisonMarkdown, renderComparisonText } from '../../src/compare/render-comparison.ts';
import { unionDictionary } from '../../src/compare/union-dictionary.ts';
import { buildComparisonXlsx } from '../../src/compare/write-comparison-xlsx.ts';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { Dataset } from '../../src/model/dataset.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { readYamlFile } from '../../src/rules/read-yaml.ts';

async function rules(id: string): Promise<RuleSet> {
  const { ruleset, problems } = await loadRuleSet(id);
  if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  return ruleset;
}

/** A case county (a case file and its bases) as a dataset, with optional changes on top. */
async function caseDataset(file: string, ruleset: RuleSet, change?: Partial<RawCase>): Promise<Dataset> {
  const chain: RawCase[] = [];
  let current: string | undefined = file;
  while (current) {
    const read = await readYamlFile(current);
    const raw = read.yaml?.data as RawCase;
    chain.push(raw);
    current = raw.base ? join(current, '..', raw.base) : undefined;
  }
  let doc = chain.reduceRight<RawCase | undefined>(
    (acc, c) => (acc ? mergeCase(acc, c, ruleset.inputs) : { ...c }),
    undefined,
  ) as RawCase;
  if (change) doc = mergeCase(doc, { name: 'change', expect: {}, ...change }, ruleset.inputs);
  const built = datasetFromInline(doc, ruleset.inputs, file, doc.name);
  if (!built.dataset) throw new Error(built.problems.map((p) => p.message.en).join('\n'));
  return built.dataset;
}

describe('Huadu 2024 under national-2017 and the city-local-2017 overlay', async () => {
  const a = await rules('national-2017');
  const b = await rules('city-local-2017');
  const { dataset, problems } = await loadDataset(
    'data/huadu-2024',
    unionDictionary(a.inputs, b.inputs).dictionary,
  );
  if (!dataset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  const comparison = compareEvaluations(
    await evaluateDataset(a, dataset),
    await evaluateDataset(b, dataset),
    {
      labels: [a.id, b.id],
      ruleDiff: diffRuleSets(a, b),
    },
  );
  const county = comparison.counties[0];

  it('is a comparison of one dataset under two rule sets, the county verdict unchanged', () => {
    expect(comparison.mode).toBe('rules');
    expect(county?.from).toBe('not_recognised');
    expect(county?.to).toBe('not_recognised');
  });

  it('finds the seven primary and junior schools built by 2010 with 2000–2400 pupils, now within the size cap', () => {
    expect(
      county?.changes.map((c) => [c.level, c.indicator, c.subject?.key, c.from, c.to, c.valueFrom]),
    ).toEqual([
      ['member', 'G4', 'HD036', 'not_met', 'met', 2195],
      ['member', 'G4', 'HD039', 'not_met', 'met', 2147],
      ['member', 'G4', 'HD040', 'not_met', 'met', 2148],
      ['member', 'G4', 'HD041', 'not_met', 'met', 2197],
      ['member', 'G4', 'HD042', 'not_met', 'met', 2105],
      ['member', 'G4', 'HD139', 'not_met', 'met', 2056],
      ['member', 'G4', 'HD141', 'not_met', 'met', 2091],
    ]);
  });

  it('attributes each change to the G4 threshold change of its branch, with the bound the formula gave', () => {
    for (const change of county?.changes ?? []) {
      expect(
        change.causes.map((c) =>
          c.kind === 'rule' ? [c.change.indicator, c.change.aspect, c.change.branch] : c.kind,
        ),
      ).toEqual([['G4', 'threshold', 'default']]);
      expect(change.checks?.[0]?.thresholdFrom).toBe('<= 2000');
      expect(change.checks?.[0]?.thresholdTo).toBe('<= (built_year <= 2010 ? 2400 : 2000)（= 2400）');
    }
  });

  it('renders as text, Markdown and a workbook', async () => {
    const text = renderComparisonText(comparison, 'zh');
    expect(text).toContain('结论比较：national-2017 → city-local-2017（同一数据集 huadu-2024，两个规则集）');
    expect(text).toContain('G4：7 个对象的结论变化');
    expect(text).toContain('花都区第36小学 G4 学校规模：未达标 → 达标  (2195)');
    const md = renderComparisonMarkdown(comparison, 'en');
    expect(md.split('\n').filter((l) => l.startsWith('| school |'))).toHaveLength(7);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildComparisonXlsx(comparison, 'zh')).buffer as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概览', '结论变化', '规则变化']);
    expect(book.getWorksheet('结论变化')?.rowCount).toBe(8);
    expect(book.getWorksheet('结论变化')?.getRow(2).getCell(9).value).toBe(2195);
  });
});

describe('a county with a 40-pupil teaching point under national-2017 and hebei-2017', async () => {
  const a = await rules('national-2017');
  const b = await rules('hebei-2017');
  const dataset = await caseDataset('rules/hebei-2017/cases/_base.yaml', a);
  const comparison = compareEvaluations(
    await evaluateDataset(a, dataset),
    await evaluateDataset(b, dataset),
    {
      ruleDiff: diffRuleSets(a, b),
    },
  );
  const county = comparison.counties[0];
  const find = (level: string, indicator?: string, key?: string) =>
    county?.changes.find(
      (c) =>
        c.level === level && (!indicator || c.indicator === indicator) && (!key || c.subject?.key === key),
    );

  it('turns 不予认定 into 认定, and says it is because the resource area is now met', () => {
    expect([county?.from, county?.to]).toEqual(['not_recognised', 'recognised']);
    const top = find('county');
    expect(top?.causes.map((c) => c.text.zh)).toEqual(['资源配置：未达标 → 达标']);
  });

  it('the teaching point is no longer judged: its R1 result is absent, caused by the applies_when change', () => {
    const r1 = find('member', 'R1', 'U05');
    expect([r1?.from, r1?.to]).toEqual(['not_met', 'absent']);
    expect(r1?.causes.map((c) => (c.kind === 'rule' ? c.change.aspect : c.kind))).toEqual(['applies_when']);
    const unit = find('per_unit', undefined, 'U05');
    expect([unit?.from, unit?.to]).toEqual(['not_met', 'absent']);
  });

  it('the resource area change lists the changes below it', () => {
    const area = find('area');
    expect([area?.area, area?.from, area?.to]).toEqual(['resource', 'not_met', 'met']);
    expect(area?.causes.some((c) => c.kind === 'below' && c.text.zh.includes('逐学部规则'))).toBe(true);
  });
});

describe('two datasets under one rule set', async () => {
  const ruleset = await rules('national-2017');
  const before = await caseDataset('rules/national-2017/cases/_base.yaml', ruleset);
  const after = await caseDataset('rules/national-2017/cases/_base.yaml', ruleset, {
    units: [{ unit_id: 'U01', pe_art_teachers: 7 }],
    county: { inputs: { special_school_public_funds: 400000 } },
  });
  const comparison = compareEvaluations(
    await evaluateDataset(ruleset, before),
    await evaluateDataset(ruleset, after),
    {
      labels: ['2023', '2024'],
    },
  );
  const county = comparison.counties[0];

  it('is a data comparison with no rule diff', () => {
    expect(comparison.mode).toBe('data');
    expect(comparison.ruleDiff).toBeUndefined();
    expect([county?.from, county?.to]).toEqual(['recognised', 'not_recognised']);
  });

  it('attributes a unit verdict to the input cell that changed, with the value delta', () => {
    const r3 = county?.changes.find((c) => c.level === 'member' && c.indicator === 'R3');
    expect([r3?.subject?.key, r3?.from, r3?.to, r3?.valueFrom, r3?.valueTo]).toEqual([
      'U01',
      'met',
      'not_met',
      1.2,
      0.7,
    ]);
    expect(r3?.delta).toBeCloseTo(-0.5, 12);
    const cause = r3?.causes[0];
    expect(cause?.kind).toBe('input');
    if (cause?.kind !== 'input') return;
    expect([cause.input, cause.from, cause.to]).toEqual(['pe_art_teachers', 12, 7]);
    expect(cause.text.zh).toContain('“体育、艺术（美术、音乐）专任教师数”12 → 7');
  });

  it('attributes a county indicator to its county inputs', () => {
    const g7 = county?.changes.find((c) => c.level === 'indicator' && c.indicator === 'G7');
    expect([g7?.from, g7?.to, g7?.valueFrom, g7?.valueTo]).toEqual(['met', 'not_met', 7500, 5000]);
    expect(
      g7?.causes.filter((c) => c.kind === 'input').map((c) => c.kind === 'input' && [c.input, c.from, c.to]),
    ).toEqual([['special_school_public_funds', 600000, 400000]]);
  });

  it('the same dataset twice changes nothing', async () => {
    const same = compareEvaluations(
      await evaluateDataset(ruleset, before),
      await evaluateDataset(ruleset, before),
    );
    expect(same.counties[0]?.changes).toEqual([]);
    expect(renderComparisonText(same, 'en')).toContain('No verdict changed.');
  });
});

describe('national-2012 against national-2017 on one dataset', () => {
  it('reads the dataset once with both dictionaries and reports the county verdicts of both methods', async () => {
    const a = await rules('national-2012');
    const b = await rules('national-2017');
    const union = unionDictionary(a.inputs, b.inputs);
    expect(union.problems).toEqual([]);
    const dataset = await caseDataset('rules/national-2017/cases/_base.yaml', {
      ...b,
      inputs: union.dictionary,
    });
    const comparison = compareEvaluations(
      await evaluateDataset(a, dataset),
      await evaluateDataset(b, dataset),
      {
        ruleDiff: diffRuleSets(a, b),
      },
    );
    const county = comparison.counties[0];
    // The 2017 base county has no 2012-only inputs (computers, books …): 2012's verdict is undetermined.
    expect([county?.from, county?.to]).toEqual(['undetermined', 'recognised']);
    const b1 = county?.changes.find((c) => c.level === 'member' && c.indicator === 'B1');
    expect(b1?.to).toBe('absent');
    expect(b1?.causes[0]?.kind).toBe('rule');
  });
});

describe('a coefficient of variation that changed between two datasets', async () => {
  const ruleset = await rules('national-2017');
  const before = await caseDataset('rules/national-2017/cases/cv-primary-at-050.yaml', ruleset);
  const after = await caseDataset('rules/national-2017/cases/cv-primary-above-050.yaml', ruleset);
  const comparison = compareEvaluations(
    await evaluateDataset(ruleset, before),
    await evaluateDataset(ruleset, after),
  );
  const cv = comparison.counties[0]?.changes.find((c) => c.level === 'dispersion');

  it('names the CV, its values and the unit whose value moved', () => {
    expect([cv?.indicator, cv?.group, cv?.from, cv?.to]).toEqual(['R6', 'primary', 'met', 'not_met']);
    expect(cv?.valueFrom).toBeCloseTo(0.5, 4);
    expect(cv?.valueTo).toBeCloseTo(0.5058, 4);
    expect(cv?.causes.map((c) => c.text.zh)).toEqual(['石岗村小（小学） R6 10500 → 10600']);
  });
});

describe('an overlay that also raises the nine-year branch of G4: each school cites the branch that applied to it', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'junheng-')), 'nine-year-3000');
  mkdirSync(dir);
  const base = readFileSync('rules/city-local-2017/ruleset.yaml', 'utf8')
    .replace(/^id: .*$/mu, 'id: nine-year-3000')
    .replace(/^extends: .*$/mu, 'extends: city-local-2017');
  writeFileSync(join(dir, 'ruleset.yaml'), base);
  mkdirSync(join(dir, 'guarantee'));
  writeFileSync(
    join(dir, 'guarantee', 'G4.yaml'),
    ['id: G4', 'patch: true', 'threshold:', '  nine_year: "<= 3000"', ''].join('\n'),
  );
  const a = await rules('national-2017');
  const b = await rules(dir);
  const { dataset, problems } = await loadDataset(
    'data/huadu-2024',
    unionDictionary(a.inputs, b.inputs).dictionary,
  );
  if (!dataset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  const comparison = compareEvaluations(
    await evaluateDataset(a, dataset),
    await evaluateDataset(b, dataset),
    { labels: [a.id, b.id], ruleDiff: diffRuleSets(a, b) },
  );
  const county = comparison.counties[0]!;
  const changes = county.changes.filter((change) => change.indicator === 'G4');
  const nineYear = changes.filter((change) => change.checks?.[0]?.thresholdFrom === '<= 2500');
  const others = changes.filter((change) => change.checks?.[0]?.thresholdFrom === '<= 2000');

  it('a nine-year school cites the nine-year branch and its line, never the default branch', () => {
    expect(nineYear.length).toBeGreaterThan(0);
    for (const change of nineYear) {
      const rules = change.causes.flatMap((cause) => (cause.kind === 'rule' ? [cause.change] : []));
      expect(rules.map((rule) => rule.branch)).toEqual(['nine_year']);
      expect(rules[0]!.text.zh).toContain('九年一贯制学校标准 <= 2500 → <= 3000');
      expect(rules[0]!.at?.b).toMatchObject({
        file: expect.stringMatching(/guarantee\/G4\.yaml$/u),
        line: 4,
      });
    }
  });

  it('a primary or junior school still cites the default branch, at the line where the default is written', () => {
    expect(others.length).toBeGreaterThan(0);
    for (const change of others) {
      const rules = change.causes.flatMap((cause) => (cause.kind === 'rule' ? [cause.change] : []));
      expect(rules.map((rule) => rule.branch)).toEqual(['default']);
      expect(rules[0]!.at?.b).toMatchObject({ file: 'rules/city-local-2017/guarantee/G4.yaml', line: 13 });
    }
  });

  it.each(['zh', 'en'] as const)('ends with why the county verdict did not change (%s)', (lang) => {
    expect(county.from).toBe(county.to);
    const lines = renderComparisonText(comparison, lang).trimEnd().split('\n');
    const last = lines.at(-1)!.trim();
    expect(last).toBe(county.why![lang]);
    expect(last).toMatch(
      lang === 'zh' ? /^县域结论未变，仍为“不予认定”，因为/u : /^The county verdict is unchanged: /u,
    );
    expect(last).toContain(lang === 'zh' ? 'G5 班级学生数（班额）' : 'G5 Class size');
  });
});

describe('a published CV carried across a declared correspondence', () => {
  it('is judged under the other rule set, said to be carried and unverified; single 2012 CVs are not compared', async () => {
    const [r2012, r2017] = [await rules('national-2012'), await rules('national-2017')];
    const doc = {
      county: {
        county_id: 'X1',
        reported: [
          { indicator: 'B7', figure: 'cv', group: 'primary', value: '0.52' },
          { indicator: 'B1', figure: 'cv', group: 'primary', value: '0.30' },
        ],
      },
    };
    const built = datasetFromInline(
      doc,
      unionDictionary(r2012.inputs, r2017.inputs).dictionary,
      'x.yaml',
      'x',
    );
    if (!built.dataset) throw new Error('no dataset');
    const [a, b] = [await evaluateDataset(r2012, built.dataset), await evaluateDataset(r2017, built.dataset)];
    const comparison = compareEvaluations(a, b, { ruleDiff: diffRuleSets(r2012, r2017) });
    const changes = comparison.counties[0]?.changes ?? [];
    const r1 = changes.find((c) => c.level === 'dispersion' && c.indicator === 'R1');
    expect([r1?.from, r1?.to, r1?.valueTo]).toEqual(['absent', 'not_met', 0.52]);
    expect(r1?.title.zh).toBe('R1 差异系数（小学）');
    expect(r1?.causes.map((c) => c.text.zh)).toContain(
      '报告为 national-2012 的 B7 公布的差异系数，按对应关系带入（按报告数，未复算；对应关系未核实）',
    );
    expect(changes.some((c) => c.level === 'dispersion' && c.indicator === 'B7')).toBe(false);
  });
});
