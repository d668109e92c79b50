import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../src/model/index.ts';
import { renderMarkdown, renderText } from '../../src/report/index.ts';
import { showControls, terminalText } from '../../src/text/safe-text.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';

/** The fixture with a school's and the county's names replaced by hostile ones, everywhere they appear. */
function hostile(school: string, county: string): Evaluation {
  const text = JSON.stringify(buildEvaluation())
    .replaceAll(JSON.stringify('新华第五小学').slice(1, -1), JSON.stringify(school).slice(1, -1))
    .replaceAll(JSON.stringify('花都区').slice(1, -1), JSON.stringify(county).slice(1, -1));
  return JSON.parse(text) as Evaluation;
}

const SCHOOL = '新华\n# 伪造的标题\n| 伪造 | 表格 |\u001b[2J\u001b[31m红\u202e反向\u2066<b>&amp;</b>';
const COUNTY = '花都区\r\n## 另一个县';

describe('names from the data cannot act in the outputs', () => {
  it('the text report shows control and bidirectional characters instead of passing them to the terminal', () => {
    for (const color of [false, true]) {
      const text = renderText(hostile(SCHOOL, COUNTY), { lang: 'zh', color });
      expect(text).not.toContain('\u001b[2J');
      expect(text).not.toContain('\u001b[31m红');
      expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\r]/u);
      if (text.includes('新华')) expect(text).toContain('⟨U+001B⟩[2J');
      // The report's own colours stay when asked for, and only then.
      expect(text.includes('\u001b[3')).toBe(color);
    }
  });

  it('the Markdown report cannot be given a heading, a table row or HTML by a name', () => {
    const md = renderMarkdown(hostile(SCHOOL, COUNTY), 'zh');
    const lines = md.split('\n');
    expect(lines.filter((line) => line.startsWith('# '))).toHaveLength(1);
    expect(lines.some((line) => /^#+ 伪造|^#+ 另一个县/u.test(line))).toBe(false);
    expect(lines.some((line) => line.startsWith('| 伪造'))).toBe(false);
    expect(md).not.toContain('<b>');
    for (const char of ['\u001b', '\u202e', '\u2066', '\r']) expect(md).not.toContain(char);
    expect(md).toContain('花都区 \\#\\# 另一个县');
  });

  it('showControls leaves line breaks, tabs and ordinary text alone', () => {
    expect(showControls('甲\t乙\n丙 ABC')).toBe('甲\t乙\n丙 ABC');
    expect(showControls('a\u0007b\u009bc\u200fd')).toBe('a⟨U+0007⟩b⟨U+009B⟩c⟨U+200F⟩d');
    expect(terminalText('\ue000[31m红\ue000[39m \u001b[2J')).toBe('\u001b[31m红\u001b[39m ⟨U+001B⟩[2J');
  });
});
