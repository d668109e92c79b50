import { describe, expect, it } from 'vitest';
import { describeGroup, explainCounty, explainSubject } from '../../src/explain/index.ts';
import type { Lang } from '../../src/model/index.ts';
import { renderMarkdown, renderText } from '../../src/report/index.ts';
import { buildEvaluation } from '../report/fixtures/build-evaluation.ts';

const labels = { primary: { zh: '小学段', en: 'primary stage' } };

describe('describeGroup', () => {
  it.each([
    {
      name: 'a key with a label reads as its label in Chinese',
      group: 'primary',
      lang: 'zh',
      text: '小学段',
    },
    {
      name: 'a key with a label reads as its label in English',
      group: 'primary',
      lang: 'en',
      text: 'primary stage',
    },
    { name: 'a key without a label is shown as it is', group: 'junior', lang: 'zh', text: 'junior' },
    { name: 'the all-members key reads as all in Chinese', group: '*', lang: 'zh', text: '全部' },
    { name: 'the all-members key reads as all in English', group: '*', lang: 'en', text: 'all' },
    {
      name: 'a key named like an object property is shown as it is',
      group: 'constructor',
      lang: 'en',
      text: 'constructor',
    },
  ] as { name: string; group: string; lang: Lang; text: string }[])('$name', ({ group, lang, text }) => {
    expect(describeGroup(group, lang, labels)).toBe(text);
  });
});

describe('group labels come from the evaluation', () => {
  const evaluation = { ...buildEvaluation(), groupLabels: labels };

  it.each(['zh', 'en'] as const)('every renderer names groups by the evaluation labels (%s)', (lang) => {
    const own = labels.primary[lang];
    const texts = [
      renderText(evaluation, { lang, color: false }),
      renderMarkdown(evaluation, lang),
      explainCounty(evaluation.counties[0]!, lang, evaluation.groupLabels),
      explainSubject(evaluation, 'U017', undefined, lang),
    ];
    for (const text of texts) {
      expect(text).toContain(own);
      // `junior` has no label here: it is shown as its key, never as a stage name from elsewhere.
      expect(text).not.toMatch(lang === 'zh' ? /初中部|初中（|初中 \d/u : /junior secondary/u);
    }
  });
});
