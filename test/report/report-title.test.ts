import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { renderText } from '../../src/report/render-text.ts';
import { reportTitle } from '../../src/report/report-words.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

async function evaluateUnder(id: string) {
  const { ruleset } = await loadRuleSet(`rules/${id}`);
  if (!ruleset) throw new Error(`cannot load ${id}`);
  const built = datasetFromInline({ county: { county_id: 'X1' } }, ruleset.inputs, 'inline.yaml', 'x');
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
