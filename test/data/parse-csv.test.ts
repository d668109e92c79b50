import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/parse-csv.ts';

function rows(text: string): { rows: string[][]; unclosed?: number } {
  const out: string[][] = [];
  const result = parseCsv(text, (fields) => out.push(fields));
  return result.unclosedQuoteRow === undefined ? { rows: out } : { rows: out, unclosed: result.unclosedQuoteRow };
}

describe('parseCsv', () => {
  it.each([
    { name: 'LF line ends', text: 'a,b\n1,2\n', expected: [['a', 'b'], ['1', '2']] },
    { name: 'CRLF line ends', text: 'a,b\r\n1,2\r\n', expected: [['a', 'b'], ['1', '2']] },
    { name: 'no final line end', text: 'a,b\n1,2', expected: [['a', 'b'], ['1', '2']] },
    { name: 'empty fields', text: 'a,,c\n,,\n', expected: [['a', '', 'c'], ['', '', '']] },
    { name: 'a quoted separator', text: '"1,234",x\n', expected: [['1,234', 'x']] },
    { name: 'doubled quotes', text: '"say ""hi""",y\n', expected: [['say "hi"', 'y']] },
    { name: 'a line break inside quotes', text: '"a\nb",c\nd,e\n', expected: [['a\nb', 'c'], ['d', 'e']] },
    { name: 'an empty quoted field', text: '"",x\n', expected: [['', 'x']] },
    { name: 'Chinese text', text: '学校名称,学段\n石岗小学,小学\n', expected: [['学校名称', '学段'], ['石岗小学', '小学']] },
  ])('reads $name', ({ text, expected }) => {
    expect(rows(text)).toEqual({ rows: expected });
  });

  it('numbers records as a spreadsheet shows rows, a quoted line break not counting', () => {
    const numbers: number[] = [];
    parseCsv('h\n"a\nb"\nc\n', (_f, row) => numbers.push(row));
    expect(numbers).toEqual([1, 2, 3]);
  });

  it('reports a quote that is never closed', () => {
    expect(rows('a,b\n"open,2\n3,4\n').unclosed).toBe(2);
  });
});
