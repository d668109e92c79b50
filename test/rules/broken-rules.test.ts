import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/** One broken rule set per error code: the code, the file and line it points at, and words of its message. */
const CASES = [
  { fixture: 'yaml-syntax', code: 'YAML_SYNTAX', file: 'resource/A1.yaml', line: 4, zh: 'YAML 语法错误', en: 'YAML syntax error' },
  { fixture: 'yaml-tab', code: 'YAML_SYNTAX', file: 'resource/A1.yaml', line: 3, zh: '制表符', en: 'not tabs' },
  { fixture: 'yaml-duplicate-key', code: 'YAML_DUPLICATE_KEY', file: 'resource/A1.yaml', line: 6, zh: '重复的键“value”', en: "duplicate key 'value'" },
  { fixture: 'yaml-custom-tag', code: 'YAML_CUSTOM_TAG', file: 'resource/A1.yaml', line: 5, zh: '自定义 YAML 标签', en: 'custom YAML tags' },
  { fixture: 'yaml-alias-bomb', code: 'YAML_ALIAS_LIMIT', file: 'resource/A1.yaml', line: 1, zh: '别名', en: 'alias' },
  { fixture: 'rule-unknown-key', code: 'RULE_UNKNOWN_KEY', file: 'resource/A1.yaml', line: 6, zh: '是否应为“threshold”', en: "did you mean 'threshold'" },
  { fixture: 'rule-missing-key', code: 'RULE_MISSING_KEY', file: 'resource/A1.yaml', line: 1, zh: '缺少必填的键“source”', en: "missing required key 'source'" },
  { fixture: 'rule-wrong-type', code: 'RULE_WRONG_TYPE', file: 'resource/A1.yaml', line: 3, zh: '/source/verified', en: 'expected boolean' },
  { fixture: 'rule-value-not-allowed', code: 'RULE_VALUE_NOT_ALLOWED', file: 'resource/A1.yaml', line: 4, zh: '是否应为“unit”', en: "did you mean 'unit'" },
  { fixture: 'threshold-malformed', code: 'THRESHOLD_MALFORMED', file: 'resource/A1.yaml', line: 6, zh: '“at least 4.2”写法不对', en: 'threshold "at least 4.2" is malformed' },
  { fixture: 'rule-id-mismatch', code: 'RULE_ID_MISMATCH', file: 'resource/A1.yaml', line: 1, zh: '与文件名“A1.yaml”不一致', en: "does not match the file name 'A1.yaml'" },
  { fixture: 'rule-duplicate-id', code: 'RULE_DUPLICATE_ID', file: 'resource/A1.yaml', line: 7, zh: '检查 id“one”', en: "check id 'one'" },
  { fixture: 'formula-syntax', code: 'FORMULA_SYNTAX', file: 'resource/A1.yaml', line: 5, zh: '无法解析', en: 'cannot be parsed' },
  { fixture: 'formula-unknown-name', code: 'FORMULA_UNKNOWN_NAME', file: 'resource/A1.yaml', line: 5, zh: '是否应为“students”', en: "did you mean 'students'" },
  { fixture: 'formula-forbidden-function', code: 'FORMULA_FORBIDDEN_FUNCTION', file: 'resource/A1.yaml', line: 5, zh: '不允许的函数“evaluate”', en: "function 'evaluate'" },
  { fixture: 'formula-forbidden-import', code: 'FORMULA_FORBIDDEN_FUNCTION', file: 'resource/A1.yaml', line: 5, zh: '不允许的函数“import”', en: "function 'import'" },
  { fixture: 'formula-forbidden-syntax', code: 'FORMULA_FORBIDDEN_SYNTAX', file: 'resource/A1.yaml', line: 5, zh: '属性访问', en: 'property access' },
  { fixture: 'formula-level-mismatch', code: 'FORMULA_LEVEL_MISMATCH', file: 'county/C2.yaml', line: 5, zh: 'sum(students)', en: 'sum(students)' },
  { fixture: 'threshold-by-unknown', code: 'THRESHOLD_BY_UNKNOWN', file: 'resource/A1.yaml', line: 6, zh: '是否应为“stage”', en: "did you mean 'stage'" },
  { fixture: 'threshold-branch-unknown', code: 'THRESHOLD_BRANCH_UNKNOWN', file: 'resource/A1.yaml', line: 6, zh: '是否应为“primary”', en: "did you mean 'primary'" },
  { fixture: 'threshold-missing', code: 'THRESHOLD_MISSING', file: 'resource/A1.yaml', line: 1, zh: '缺少阈值', en: 'has no threshold' },
  { fixture: 'check-value-missing', code: 'CHECK_VALUE_MISSING', file: 'resource/A1.yaml', line: 1, zh: 'value（公式）', en: 'exactly one of value' },
  { fixture: 'check-ambiguous', code: 'CHECK_AMBIGUOUS', file: 'county/C1.yaml', line: 1, zh: '只能写其中一项', en: 'write only one of them' },
  { fixture: 'attestation-unknown', code: 'ATTESTATION_UNKNOWN', file: 'county/C1.yaml', line: 5, zh: '是否应为“plan”', en: "did you mean 'plan'" },
  { fixture: 'choice-default-unknown', code: 'CHOICE_DEFAULT_UNKNOWN', file: 'resource/A1.yaml', line: 9, zh: '是否应为“all”', en: "did you mean 'all'" },
  { fixture: 'area-indicator-unlisted', code: 'AREA_INDICATOR_UNLISTED', file: 'resource/A4.yaml', line: 1, zh: '不在 resource/area.yaml', en: 'not listed in resource/area.yaml' },
  { fixture: 'area-indicator-missing', code: 'AREA_INDICATOR_MISSING', file: 'resource/area.yaml', line: 3, zh: '没有文件 A5.yaml', en: 'resource/A5.yaml does not exist' },
  { fixture: 'area-weight-unknown', code: 'AREA_WEIGHT_UNKNOWN', file: 'resource/area.yaml', line: 5, zh: '是否应为“students”', en: "did you mean 'students'" },
  { fixture: 'area-per-unit-invalid', code: 'AREA_PER_UNIT_INVALID', file: 'resource/area.yaml', line: 4, zh: '超过本领域的指标数 3', en: "more than the area's 3 indicators" },
  { fixture: 'input-category-no-values', code: 'INPUT_CATEGORY_NO_VALUES', file: 'inputs.yaml', line: 4, zh: '须用 values 列出可选值', en: 'must list its values' },
  { fixture: 'input-level-reference-invalid', code: 'INPUT_LEVEL_REFERENCE_INVALID', file: 'inputs.yaml', line: 2, zh: '是否应为“stage”', en: "did you mean 'stage'" },
  { fixture: 'overlay-unknown-indicator', code: 'OVERLAY_UNKNOWN_INDICATOR', file: 'ruleset.yaml', line: 5, zh: '指标 Z9', en: 'indicator Z9' },
  { fixture: 'extends-cycle-a', code: 'EXTENDS_CYCLE', file: 'extends-cycle-b/ruleset.yaml', line: 4, zh: '形成循环', en: 'form a cycle' },
  { fixture: 'ruleset-not-found', code: 'RULESET_NOT_FOUND', file: 'ruleset.yaml', line: 4, zh: '内置规则集', en: 'Bundled' },
  // Hostile and careless input (issue 8): each is refused at its line, never loaded, never a crash.
  { fixture: 'yaml-bad-indent', code: 'YAML_SYNTAX', file: 'resource/A1.yaml', line: 7, zh: '缩进不对', en: 'bad indentation' },
  { fixture: 'constructor-key', code: 'RULE_UNKNOWN_KEY', file: 'resource/A1.yaml', line: 7, zh: '未知的键“constructor”', en: "unknown key 'constructor'" },
  { fixture: 'prototype-key', code: 'RULE_UNKNOWN_KEY', file: 'resource/A1.yaml', line: 7, zh: '未知的键“prototype”', en: "unknown key 'prototype'" },
  { fixture: 'proto-key-json', code: 'RULE_UNKNOWN_KEY', file: 'resource/A1.yaml', line: 8, zh: '未知的键“__proto__”', en: "unknown key '__proto__'" },
  { fixture: 'threshold-huge-exponent', code: 'THRESHOLD_MALFORMED', file: 'resource/A1.yaml', line: 6, zh: '“>= 1e999”写法不对', en: 'threshold ">= 1e999" is malformed' },
  { fixture: 'threshold-infinity', code: 'FORMULA_NUMBER_INVALID', file: 'resource/A1.yaml', line: 6, zh: '不是有限的数值', en: 'not a finite number' },
  { fixture: 'formula-huge-exponent', code: 'FORMULA_NUMBER_INVALID', file: 'resource/A1.yaml', line: 5, zh: '“1e999”不是有限的数值', en: "'1e999', which is not a finite number" },
  { fixture: 'formula-nan', code: 'FORMULA_NUMBER_INVALID', file: 'resource/A1.yaml', line: 5, zh: '“NaN”不是有限的数值', en: "'NaN', which is not a finite number" },
  { fixture: 'formula-forbidden-parse', code: 'FORMULA_FORBIDDEN_FUNCTION', file: 'resource/A1.yaml', line: 5, zh: '不允许的函数“parse”', en: "function 'parse'" },
  { fixture: 'formula-forbidden-create-unit', code: 'FORMULA_FORBIDDEN_FUNCTION', file: 'resource/A1.yaml', line: 5, zh: '不允许的函数“createUnit”', en: "function 'createUnit'" },
  { fixture: 'formula-bracket-access', code: 'FORMULA_FORBIDDEN_SYNTAX', file: 'resource/A1.yaml', line: 5, zh: '属性访问', en: 'property access' },
  { fixture: 'formula-assignment', code: 'FORMULA_FORBIDDEN_SYNTAX', file: 'resource/A1.yaml', line: 5, zh: '赋值', en: 'assignment' },
  { fixture: 'file-encoding-invalid', code: 'FILE_ENCODING_INVALID', file: 'resource/A1.yaml', line: 2, zh: '第 2 行第 15 个字符处的字节 0xFE 不是有效的 UTF-8', en: 'the byte 0xFE at row 2, character 15 is not valid UTF-8' },
  { fixture: 'extends-outside-root', code: 'EXTENDS_OUTSIDE_ROOT', file: 'ruleset.yaml', line: 4, zh: 'extends“/etc”指向规则集目录之外', en: 'extends "/etc" points outside' },
  { fixture: 'formula-too-long', code: 'LIMIT_FORMULA_LENGTH', file: 'resource/A1.yaml', line: 5, zh: '超过上限 2000', en: 'exceeds the limit of 2000' },
  { fixture: 'formula-too-deep', code: 'LIMIT_FORMULA_DEPTH', file: 'resource/A1.yaml', line: 5, zh: '嵌套层数（100）超过上限 64', en: 'nesting depth' },
  { fixture: 'formula-deep-chain', code: 'LIMIT_FORMULA_DEPTH', file: 'resource/A1.yaml', line: 5, zh: '嵌套层数（200）超过上限 64', en: 'exceeds the limit of 64' },
  { fixture: 'threshold-type-mismatch', code: 'THRESHOLD_TYPE_MISMATCH', file: 'resource/A1.yaml', line: 6, zh: '“4.2 or true”得到的是是/否，不能用 >= 比较', en: 'which gives a yes/no value; >= needs a number' },
  { fixture: 'formula-type-arithmetic', code: 'FORMULA_TYPE_MISMATCH', file: 'resource/A1.yaml', line: 5, zh: '运算符“/”需要数，而“stage”是文字（类别）', en: "operator '/' needs a number, but 'stage' is text (a category)" },
  { fixture: 'formula-type-comparison', code: 'FORMULA_TYPE_MISMATCH', file: 'resource/A1.yaml', line: 5, zh: '比较了文字（类别）“stage”和数“4”，两者永远不相等', en: 'they are never equal' },
  { fixture: 'formula-type-function', code: 'FORMULA_TYPE_MISMATCH', file: 'resource/A1.yaml', line: 5, zh: '函数 sum() 需要数', en: 'function sum() needs a number' },
  { fixture: 'formula-type-boolean-sum', code: 'FORMULA_TYPE_MISMATCH', file: 'resource/A1.yaml', line: 5, zh: '“(students > 0)”是是/否值', en: "'(students > 0)' is a yes/no value" },
  { fixture: 'formula-function-definition', code: 'FORMULA_FORBIDDEN_SYNTAX', file: 'resource/A1.yaml', line: 5, zh: '函数定义', en: 'function definition' },
];

describe('broken rule sets: one fixture per error code', () => {
  it.each(CASES)('$fixture is refused with $code at $file:$line', async ({ fixture, code, file, line, zh, en }) => {
    const { ruleset, problems } = await loadRuleSet(`test/fixtures/broken-rules/${fixture}`);
    expect(ruleset).toBeUndefined();
    const problem = problems.find((p) => p.code === code);
    expect(problem, `codes: ${problems.map((p) => p.code).join(', ')}`).toBeDefined();
    expect(problem?.file?.endsWith(file)).toBe(true);
    expect(problem?.line).toBe(line);
    expect(problem?.column).toBeGreaterThanOrEqual(1);
    expect(problem?.message.zh).toContain(zh);
    expect(problem?.message.en).toContain(en);
  });

  it('reports every problem of a rule set in one run, not only the first', async () => {
    const { problems } = await loadRuleSet('test/fixtures/broken-rules/yaml-syntax');
    expect(problems.length).toBeGreaterThanOrEqual(1);
    const many = await loadRuleSet('test/fixtures/broken-rules/many-problems');
    expect(new Set(many.problems.map((p) => p.code))).toEqual(
      new Set(['FORMULA_UNKNOWN_NAME', 'THRESHOLD_MALFORMED', 'RULE_UNKNOWN_KEY']),
    );
  });

  it('the yaml alias bomb is refused before it is expanded (expanded, it would not end within the test)', async () => {
    const { ruleset, problems } = await loadRuleSet('test/fixtures/broken-rules/yaml-alias-bomb');
    expect(ruleset).toBeUndefined();
    expect(problems.map((p) => p.code)).toContain('YAML_ALIAS_LIMIT');
  });

  it('a __proto__ key in a rule file pollutes nothing', async () => {
    const { problems } = await loadRuleSet('test/fixtures/broken-rules/proto-key');
    expect(problems.some((p) => p.code === 'RULE_UNKNOWN_KEY' && p.message.en.includes('__proto__'))).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(['proto-key', 'proto-key-json', 'constructor-key', 'prototype-key'])('%s leaves Object.prototype untouched', async (fixture) => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    await loadRuleSet(`test/fixtures/broken-rules/${fixture}`);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });
});
