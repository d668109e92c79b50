import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDES, withTypoTable } from '../../scripts/typo-table.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * The mistakes an officer makes typing a rule by hand (test/fixtures/typos/, one folder each): every one is refused
 * at its line, the message shows the line as written and what to type instead, in the user's language.
 */
const CASES = [
  { fixture: 'bare-number', code: 'THRESHOLD_MALFORMED', line: 7, zh: '阈值要写成带比较符号的文字，并加引号', fix: 'threshold: ">= 6"', en: 'quoted text with a comparison' },
  { fixture: 'unquoted-comparison', code: 'YAML_SYNTAX', line: 7, zh: '以比较符号开头的值（阈值）要加英文引号', fix: 'threshold: ">= 6"', en: 'must be in double quotes' },
  { fixture: 'comma-decimal', code: 'THRESHOLD_MALFORMED', line: 7, zh: '小数点要用英文句点', fix: 'threshold: ">= 6.5"', en: "a decimal point is '.'" },
  { fixture: 'full-width-comma', code: 'THRESHOLD_MALFORMED', line: 7, zh: '小数点要用英文句点', fix: 'threshold: ">= 6.5"', en: "a decimal point is '.'" },
  { fixture: 'split-comparison', code: 'THRESHOLD_MALFORMED', line: 7, zh: '比较符号的两个字符之间不能有空格', fix: 'threshold: ">= 6"', en: 'no space inside' },
  { fixture: 'no-bound', code: 'THRESHOLD_MALFORMED', line: 7, zh: '比较符号后面缺少标准值', fix: 'threshold: ">= 4.5"', en: 'no bound' },
  { fixture: 'reversed-comparison', code: 'THRESHOLD_MALFORMED', line: 7, zh: '比较符号写反了', fix: 'threshold: ">= 6"', en: 'reversed' },
  { fixture: 'no-operator', code: 'THRESHOLD_MALFORMED', line: 7, zh: '阈值缺少比较符号', fix: 'threshold: ">= 6"', en: 'no comparison' },
  { fixture: 'chinese-quotes', code: 'THRESHOLD_MALFORMED', line: 7, zh: '不能用中文引号', fix: 'threshold: ">= 6"', en: 'not Chinese quotes' },
  { fixture: 'chinese-closing-quote', code: 'YAML_SYNTAX', line: 7, zh: '前后两个都要是英文引号', fix: 'threshold: ">= 6"', en: 'both quotes' },
  { fixture: 'full-width-colon', code: 'YAML_SYNTAX', line: 8, zh: '键后面的冒号要用英文冒号', fix: 'decimals: 2', en: "the ASCII ':'" },
  { fixture: 'no-space-after-colon', code: 'YAML_SYNTAX', line: 8, zh: '之后要加一个空格', fix: 'decimals: 2', en: 'put a space after' },
  { fixture: 'full-width-digit', code: 'RULE_WRONG_TYPE', line: 8, zh: '数字和符号要用半角', fix: 'decimals: 2', en: 'half-width' },
  { fixture: 'tab-indent', code: 'YAML_SYNTAX', line: 4, zh: '缩进不能用制表符（Tab）', fix: '  zh: 生均图书', en: 'not tabs' },
  { fixture: 'percent-on-count', code: 'THRESHOLD_UNIT_MISMATCH', line: 8, zh: '的单位是“册/生”，不是比例', fix: '">= 6"', en: "is 'books per student', not a ratio" },
  { fixture: 'plain-on-ratio', code: 'THRESHOLD_UNIT_MISMATCH', line: 8, zh: '的单位是“%”（比例）', fix: '">= 95%"', en: 'is not a percentage' },
  { fixture: 'check-key-typo', code: 'RULE_UNKNOWN_KEY', line: 8, zh: '是否应为“label”？此处允许的键：id、label、value', fix: 'label', en: "did you mean 'label'? Allowed here: id, label, value" },
  { fixture: 'input-key-typo', code: 'RULE_UNKNOWN_KEY', line: 8, zh: '是否应为“label”？此处允许的键：level、type、label', fix: 'label', en: "did you mean 'label'? Allowed here: level, type, label" },
];

/** English words a Chinese message must not carry: whatever is quoted (the line as written, a key) aside. */
function englishProse(zh: string): string[] {
  const unquoted = zh.replace(/「[^」]*」|"[^"]*"|“[^”]*”|'[^']*'/g, '');
  return unquoted.match(/[A-Za-z]+(?: [A-Za-z]+){2,}/g) ?? [];
}

describe('common typing mistakes in a rule file', () => {
  it('every fixture folder has a row here', () => {
    expect(readdirSync('test/fixtures/typos').sort()).toEqual(CASES.map((c) => c.fixture).sort());
  });

  it.each(CASES)('$fixture is refused with $code at line $line, with the line and its fix', async ({ fixture, code, line, zh, fix, en }) => {
    const { ruleset, problems } = await loadRuleSet(`test/fixtures/typos/${fixture}`);
    expect(ruleset).toBeUndefined();
    const problem = problems.find((p) => p.code === code);
    expect(problem, problems.map((p) => `${p.code} ${p.message.zh}`).join('\n')).toBeDefined();
    expect(problem?.line).toBe(line);
    const file = readdirSync(`test/fixtures/typos/${fixture}`).includes('inputs.yaml')
      ? `test/fixtures/typos/${fixture}/inputs.yaml`
      : `test/fixtures/typos/${fixture}/resource/A3.yaml`;
    expect(problem?.file).toBe(file);
    const written = (readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim();
    expect(problem?.message.zh).toContain(zh);
    expect(problem?.message.en).toContain(en);
    expect(problem?.message.zh).toContain(fix);
    if (code !== 'RULE_UNKNOWN_KEY') {
      expect(problem?.message.zh).toContain(`第 ${line} 行「${written}」`);
      expect(problem?.message.en).toContain(`line ${line} (${written})`);
    }
    for (const p of problems) expect(englishProse(p.message.zh), p.message.zh).toEqual([]);
  });
});

describe('the table of mistakes in the rule-authoring guides', () => {
  it.each(['zh', 'en'] as const)('is generated from the fixtures and up to date (%s; npx tsx scripts/typo-table.ts)', async (lang) => {
    const text = readFileSync(GUIDES[lang], 'utf8');
    expect(text).toBe(await withTypoTable(lang, text));
    expect(text.match(/^\| .* \| `[A-Z_]+` .* \|$/gm)).toHaveLength(CASES.length);
  });
});
