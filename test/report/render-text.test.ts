import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../src/report/index.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';
import { huaduEvaluation } from './fixtures/huadu-evaluation.ts';

const evaluation = buildEvaluation();

describe('renderText', () => {
  it.each(['zh', 'en'] as const)('the fixture county reads as the snapshot (%s)', (lang) => {
    expect(renderText(evaluation, { lang, color: false })).toMatchSnapshot();
  });

  it('colour codes appear only when asked for', () => {
    expect(renderText(evaluation, { lang: 'zh', color: false })).not.toContain('\u001b[');
    expect(renderText(evaluation, { lang: 'zh', color: true })).toContain('\u001b[31m不予认定');
  });

  it('the county verdict comes before the areas, and failures before pending items', () => {
    const text = renderText(evaluation, { lang: 'zh', color: false });
    const order = [
      '花都区：不予认定',
      '资源配置  未达标',
      '未达标及原因',
      '低于标准但不低于85%（容差内）',
      '待评估及数据不足',
      '报告核查',
    ];
    const positions = order.map((heading) => text.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('the Huadu sample reads with its verdict, the failing G4 schools and the report mismatches', async () => {
    const text = renderText(await huaduEvaluation(), { lang: 'zh', color: false });
    expect(text).toMatch(/广州市花都区：(不予认定|待定|认定)/);
    expect(text).toContain('校际差异系数 小学（≤ 0.5）');
    expect(text).toContain('未达标及原因');
    expect(text).toContain('报告核查');
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
  });

  it.each([
    { lang: 'zh' as const, row: '（九年一贯制学校、十二年一贯制学校 ≤ 2500；其他 ≤ 2000） 179/196' },
    { lang: 'en' as const, row: '(nine-year school, twelve-year school ≤ 2500; others ≤ 2000) 179/196' },
  ])(
    'G4 of the Huadu sample shows every threshold that applied, by school type ($lang)',
    async ({ lang, row }) => {
      const huadu = await huaduEvaluation();
      expect(renderText(huadu, { lang, color: false })).toContain(row);
      expect(renderMarkdown(huadu, lang)).toContain(row.replace(/^[（(]|[）)] 179\/196$/gu, ''));
    },
  );

  it('the English reports carry no Chinese punctuation of their own', async () => {
    const huadu = await huaduEvaluation();
    const texts = [huadu, evaluation].flatMap((each) => [
      renderText(each, { lang: 'en', color: false }),
      renderMarkdown(each, 'en'),
    ]);
    // Names and quotations from the data keep their own punctuation; none may sit against an English word.
    for (const text of texts)
      expect(text).not.toMatch(/[A-Za-z)][（），、；：。]|[（），、；：。][A-Za-z(]/u);
  });
});

describe('renderMarkdown', () => {
  it.each(['zh', 'en'] as const)('the fixture county reads as the snapshot (%s)', (lang) => {
    expect(renderMarkdown(evaluation, lang)).toMatchSnapshot();
  });

  it('the Huadu sample has a table row for every indicator', async () => {
    const huadu = await huaduEvaluation();
    const markdown = renderMarkdown(huadu, 'zh');
    for (const indicator of huadu.counties[0]!.indicators)
      expect(markdown).toContain(`| ${indicator.indicator} |`);
    expect(markdown).not.toMatch(/undefined|NaN|\[object Object\]/);
  });
});
