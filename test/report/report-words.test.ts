import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { renderText } from '../../src/report/render-text.ts';
import { reportTitle } from '../../src/report/report-words.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

async function evaluateUnder(id: string, reported: unknown[] = []) {
  const { ruleset } = await loadRuleSet(`rules/${id}`);
  if (!ruleset) throw new Error(`cannot load ${id}`);
  const county = reported.length > 0 ? { county_id: 'X1', reported } : { county_id: 'X1' };
  const built = datasetFromInline({ county }, ruleset.inputs, 'inline.yaml', 'x');
  if (!built.dataset) throw new Error('cannot build the dataset');
  return evaluateDataset(ruleset, built.dataset);
}

describe('report titles come from the document the rule set encodes', () => {
  it.each([
    {
      id: 'national-2012',
      zh: '县域义务教育均衡发展督导评估结果（国家标准，2012，基本均衡）',
      en: 'basic balance',
    },
    { id: 'national-2017', zh: '县域义务教育优质均衡发展督导评估结果（国家标准，2017）', en: 'high-quality' },
    {
      id: 'hebei-2017',
      zh: '河北省县域义务教育优质均衡发展督导评估结果（叠加于国家2017办法，未核实）',
      en: 'Hebei',
    },
  ])('$id', async ({ id, zh, en }) => {
    const evaluation = await evaluateUnder(id);
    expect(reportTitle(evaluation, 'zh')).toBe(zh);
    expect(reportTitle(evaluation, 'en')).toContain(en);
    expect(renderText(evaluation, { lang: 'zh', color: false }).split('\n')[0]).toBe(zh);
    expect(renderMarkdown(evaluation, 'zh').split('\n')[0]).toBe(`# ${zh}`);
  });

  it('a 2012 report never reads as a 优质均衡 one', async () => {
    const evaluation = await evaluateUnder('national-2012');
    expect(renderText(evaluation, { lang: 'zh', color: false })).not.toContain('优质均衡');
  });
});

describe('reports of published figures without school rows', () => {
  it('say there are no per-unit rows instead of 0/0', async () => {
    const evaluation = await evaluateUnder('national-2017', [
      { indicator: 'R1', figure: 'cv', group: 'primary', value: '0.31' },
    ]);
    const text = renderText(evaluation, { lang: 'zh', color: false });
    expect(text).toContain('没有逐校数据，未逐校判定');
    expect(text).not.toContain('0/0');
    expect(renderMarkdown(evaluation, 'en')).toContain('no per-unit rows, not judged unit by unit');
  });

  it('show a single CV under a composite rule as entering it, and the composite limit on the stage line', async () => {
    const evaluation = await evaluateUnder('national-2012', [
      { indicator: 'B7', figure: 'cv', group: 'primary', value: '0.31' },
      { indicator: 'composite', figure: 'cv', group: 'primary', value: '0.42' },
    ]);
    const markdown = renderMarkdown(evaluation, 'zh');
    expect(markdown).toContain('| B7 | 0.310 计入综合差异系数（报告数，未复算）');
    expect(markdown).toContain('| 综合 | 0.420 / ≤ 0.65 达标（报告数，未复算）');
    expect(renderText(evaluation, { lang: 'zh', color: false })).toContain('校际差异系数 小学（≤ 0.65）');
    const html = renderHtml(evaluation, 'en');
    expect(html).toContain('enters the composite (as reported, not recomputed)</span>');
    expect(html).toMatch(/<tr><td[^>]*>composite<\/td>/u);
  });

  it('count published figures, not findings, when a figure has two (checked, and compared with the standard)', async () => {
    const evaluation = await evaluateUnder('national-2017', [
      { indicator: 'R2', figure: 'county_value', group: 'junior', value: '0.80' },
      { indicator: 'R2', figure: 'cv', group: 'junior', value: '0.30' },
    ]);
    expect(evaluation.counties[0]?.findings).toHaveLength(3);
    const text = renderText(evaluation, { lang: 'zh', color: false });
    expect(text).toContain('核查了报告中的 2 个数字：按报告数（无法重算） 2 处，均值未达标准 1 处。');
    expect(text).toContain('至少有一个学部低于标准，具体几个无从得知');
  });
});
