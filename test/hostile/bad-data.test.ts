import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import type { Dataset, InputDictionary, Problem } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * The bad-data corpus (test/fixtures/bad-data): one dataset folder per case, each changing one thing of the same
 * small county. Every case is refused with a located problem in both languages, or read correctly; none crashes.
 */
const ROOT = 'test/fixtures/bad-data';

interface Case {
  case: string;
  code: string;
  /** The file the problem names, relative to the case folder. */
  file: string;
  line?: number;
  sheet?: string;
  row?: number;
  cell?: string;
  zh: string;
  en: string;
  /** The dataset is still built, the bad value kept as an invalid cell (evaluated as insufficient data). */
  kept?: { table: 'units' | 'schools'; key: string; input: string } | 'county';
}

// prettier-ignore
const CASES: Case[] = [
  // dataset.yaml: syntax
  { case: 'yaml-unclosed-quote', code: 'DATA_YAML_INVALID', file: 'dataset.yaml', line: 5, zh: '引号或括号没有闭合', en: 'never closed' },
  { case: 'yaml-tab', code: 'DATA_YAML_INVALID', file: 'dataset.yaml', line: 5, zh: '不能用制表符 Tab', en: 'not tabs' },
  { case: 'yaml-bad-indent', code: 'DATA_YAML_INVALID', file: 'dataset.yaml', line: 5, zh: '缩进不对', en: 'bad YAML indentation' },
  { case: 'yaml-duplicate-key', code: 'DATA_YAML_DUPLICATE_KEY', file: 'dataset.yaml', line: 9, zh: '重复的键', en: 'a key is repeated' },
  { case: 'yaml-custom-tag', code: 'DATA_YAML_CUSTOM_TAG', file: 'dataset.yaml', line: 5, zh: '不支持自定义 YAML 标签', en: 'custom YAML tags' },
  { case: 'yaml-alias-bomb', code: 'DATA_YAML_ALIAS_LIMIT', file: 'dataset.yaml', line: 1, zh: '别名', en: 'alias' },
  // dataset.yaml: keys that name Object's own properties, in YAML and in JSON form
  { case: 'yaml-proto-key', code: 'DATA_UNKNOWN_KEY', file: 'dataset.yaml', line: 11, zh: '未知的键「__proto__」', en: "unknown key '__proto__'" },
  { case: 'json-proto-key', code: 'DATA_UNKNOWN_KEY', file: 'dataset.yaml', line: 4, zh: '未知的键「__proto__」', en: "unknown key '__proto__'" },
  { case: 'yaml-constructor-key', code: 'DATA_UNKNOWN_KEY', file: 'dataset.yaml', line: 6, zh: '未知的键「constructor」', en: "unknown key 'constructor'" },
  { case: 'yaml-prototype-input', code: 'DATA_UNKNOWN_INPUT', file: 'dataset.yaml', line: 10, zh: '没有输入「prototype」', en: "no input 'prototype'" },
  // dataset.yaml: keys and values
  { case: 'yaml-unknown-key', code: 'DATA_UNKNOWN_KEY', file: 'dataset.yaml', line: 10, zh: '是否应为「tables」', en: "did you mean 'tables'?" },
  { case: 'yaml-wrong-type', code: 'DATA_SCHEMA_INVALID', file: 'dataset.yaml', line: 7, zh: '类型应为', en: 'must be number' },
  { case: 'yaml-nan', code: 'DATA_SCHEMA_INVALID', file: 'dataset.yaml', line: 8, zh: '不是有限的数值', en: 'not a finite number' },
  { case: 'yaml-infinity', code: 'DATA_SCHEMA_INVALID', file: 'dataset.yaml', line: 8, zh: '不是有限的数值', en: 'not a finite number' },
  { case: 'yaml-huge-exponent', code: 'DATA_SCHEMA_INVALID', file: 'dataset.yaml', line: 7, zh: '不是有限的数值', en: 'not a finite number' },
  { case: 'yaml-tiny-exponent', code: 'DATA_SCHEMA_INVALID', file: 'dataset.yaml', line: 9, zh: '会被读作 0', en: 'would read as 0' },
  { case: 'yaml-negative-count', code: 'DATA_VALUE_NEGATIVE', file: 'dataset.yaml', line: 10, zh: '「-674」为负数', en: "'-674' is negative", kept: 'county' },
  { case: 'yaml-decimal-count', code: 'DATA_VALUE_NOT_INTEGER', file: 'dataset.yaml', line: 10, zh: '「674.5」不是整数', en: "'674.5' is not a whole number", kept: 'county' },
  // CSV tables
  { case: 'csv-proto-headers', code: 'DATA_UNKNOWN_COLUMN', file: 'schools.csv', row: 1, cell: 'D1', zh: '没有「__proto__」这一列', en: "no column '__proto__'" },
  { case: 'csv-unknown-column', code: 'DATA_UNKNOWN_COLUMN', file: 'units.csv', row: 1, cell: 'D1', zh: '是否应为「students」', en: "did you mean 'students'?" },
  { case: 'csv-duplicate-column', code: 'DATA_DUPLICATE_COLUMN', file: 'units.csv', row: 1, cell: 'E1', zh: '只能有一列', en: 'keep one column' },
  { case: 'csv-wrong-type', code: 'DATA_CATEGORY_UNKNOWN', file: 'schools.csv', row: 3, cell: 'C3', zh: '「高中」不是「办学类型」的可选值', en: "'高中' is not a value of 'School type'", kept: { table: 'schools', key: 'S2', input: 'school_type' } },
  { case: 'csv-huge-exponent', code: 'DATA_VALUE_NOT_A_NUMBER', file: 'units.csv', row: 3, cell: 'D3', zh: '指数过大或过小', en: 'exponent too large or too small', kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-tiny-exponent', code: 'DATA_VALUE_NOT_A_NUMBER', file: 'units.csv', row: 3, cell: 'D3', zh: '指数过大或过小', en: 'exponent too large or too small', kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-nan', code: 'DATA_VALUE_NOT_A_NUMBER', file: 'units.csv', row: 3, cell: 'D3', zh: '「NaN」不是数字', en: "'NaN' is not a number", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-infinity', code: 'DATA_VALUE_NOT_A_NUMBER', file: 'units.csv', row: 3, cell: 'D3', zh: '「Infinity」不是数字', en: "'Infinity' is not a number", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-negative-count', code: 'DATA_VALUE_NEGATIVE', file: 'units.csv', row: 3, cell: 'D3', zh: '「-600」为负数', en: "'-600' is negative", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-decimal-count', code: 'DATA_VALUE_NOT_INTEGER', file: 'units.csv', row: 3, cell: 'D3', zh: '「600.5」不是整数', en: "'600.5' is not a whole number", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-excel-errors', code: 'DATA_EXCEL_ERROR', file: 'units.csv', row: 3, cell: 'D3', zh: 'Excel 错误值「#DIV/0!」', en: "Excel error '#DIV/0!'", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'csv-orphan-unit', code: 'DATA_UNKNOWN_PARENT', file: 'units.csv', row: 4, cell: 'B4', zh: '所属学校「S9」不在学校表中', en: "school 'S9', which is not in the schools table" },
  { case: 'table-outside-folder', code: 'DATA_TABLE_OUTSIDE_DATASET', file: 'dataset.yaml', zh: '不在数据集文件夹内', en: 'lies outside the dataset folder' },
  { case: 'table-symlink-outside', code: 'DATA_TABLE_OUTSIDE_DATASET', file: 'dataset.yaml', zh: '不在数据集文件夹内（符号链接按实际位置判断）', en: 'a symbolic link counts where it leads' },
  { case: 'csv-orphan-class', code: 'DATA_UNKNOWN_PARENT', file: 'classes.csv', row: 3, cell: 'B3', zh: '所属学校「S9」不在学校表中', en: "school 'S9', which is not in the schools table" },
  { case: 'csv-duplicate-school', code: 'DATA_DUPLICATE_KEY', file: 'schools.csv', row: 4, zh: '学校代码「S1」重复（已在第 2 行出现）', en: "'S1' is repeated (first at row 2)" },
  { case: 'csv-unclosed-quote', code: 'DATA_CSV_MALFORMED', file: 'units.csv', row: 3, zh: '引号没有闭合', en: 'never closed' },
  { case: 'csv-empty-file', code: 'DATA_HEADER_MISSING', file: 'units.csv', row: 1, zh: '第 1 行是空的', en: 'row 1 of the school unit table is empty' },
  // Encodings: a file not valid in the encoding decided for it is located at its first bad byte, never re-read
  { case: 'csv-invalid-utf8', code: 'DATA_ENCODING_INVALID', file: 'schools.csv', row: 3, zh: '第 3 行第 5 个字符处的字节 0xFF 不是有效的 UTF-8', en: 'the byte 0xFF at row 3, character 5 is not valid UTF-8' },
  { case: 'csv-not-any-encoding', code: 'DATA_ENCODING_INVALID', file: 'schools.csv', row: 3, zh: '字节 0xFF 也不是有效的 GB18030', en: 'the byte 0xFF at row 3, character 4 is not valid GB18030 either' },
  { case: 'csv-utf16-invalid', code: 'DATA_ENCODING_INVALID', file: 'schools.csv', row: 3, zh: '编码单元 0xD800 不是有效的 UTF-16 LE', en: 'the code unit 0xD800 at row 3, character 4' },
  { case: 'yaml-invalid-utf8', code: 'DATA_ENCODING_INVALID', file: 'dataset.yaml', line: 5, zh: '第 5 行第 18 个字符处的字节 0x95 不是有效的 UTF-8', en: 'is not valid UTF-8; fix it or save it again as UTF-8' },
  // Ids: compared after NFKC; an invisible character is refused where it is
  { case: 'csv-id-invisible', code: 'DATA_ID_INVISIBLE_CHARACTER', file: 'schools.csv', row: 3, cell: 'A3', zh: '含有看不见的字符 U+200B', en: 'holds the invisible character U+200B' },
  // XLSX workbooks (scripts/generate-bad-data-xlsx.ts)
  { case: 'xlsx-merged-cells', code: 'DATA_MERGED_CELL', file: 'data.xlsx', sheet: '学部', row: 2, cell: 'D2', zh: 'D2:D3 是合并单元格', en: 'cells D2:D3 are merged' },
  { case: 'xlsx-error-cells', code: 'DATA_EXCEL_ERROR', file: 'data.xlsx', sheet: '学部', row: 3, cell: 'D3', zh: 'Excel 错误值「#N/A」', en: "Excel error '#N/A'", kept: { table: 'units', key: 'S2-J', input: 'students' } },
  { case: 'xlsx-proto-headers', code: 'DATA_UNKNOWN_COLUMN', file: 'data.xlsx', sheet: '学校', row: 1, cell: 'D1', zh: '没有「__proto__」这一列', en: "no column '__proto__'" },
  { case: 'xlsx-blank-first-row', code: 'DATA_HEADER_MISSING', file: 'data.xlsx', sheet: '学部', row: 1, zh: '第 1 行须是列名', en: 'row 1 must hold the column headers' },
];

/** Cases read correctly, with what must be true of the result. */
const GOOD = [
  'csv-bom',
  'csv-gb18030',
  'csv-utf16le',
  'csv-utf16be',
  'csv-empty-rows',
  'natural-forms',
  'xlsx-natural-forms',
];

let dict: InputDictionary;
beforeAll(async () => {
  const { ruleset, problems } = await loadRuleSet('national-2017');
  if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  dict = ruleset.inputs;
});

const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();

/** Loading must never touch Object.prototype, whatever keys the files hold. */
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
  expect(Object.prototype.constructor).toBe(Object);
}

async function load(name: string): Promise<{ dataset?: Dataset; problems: Problem[] }> {
  return loadDataset(`${ROOT}/${name}`, dict);
}

describe('the bad-data corpus: one dataset per case', () => {
  const rows = CASES.map((c) => ({
    ...c,
    at: [
      c.file,
      c.line !== undefined ? `line ${c.line}` : '',
      c.sheet ?? '',
      c.cell ?? (c.row !== undefined ? `row ${c.row}` : ''),
    ]
      .filter((s) => s !== '')
      .join(' '),
  }));
  it.each(rows)('$case is reported as $code at $at', async (c) => {
    const { dataset, problems } = await load(c.case);
    expectNoPollution();
    const problem = problems.find((p) => p.code === c.code && (c.cell === undefined || p.cell === c.cell));
    expect(problem, `codes: ${problems.map((p) => p.code).join(', ')}`).toBeDefined();
    expect(problem?.severity).toBe('error');
    expect(problem?.file).toBe(`${ROOT}/${c.case}/${c.file}`);
    expect({ line: problem?.line, sheet: problem?.sheet, row: problem?.row, cell: problem?.cell }).toEqual({
      line: c.line,
      sheet: c.sheet,
      row: c.row,
      cell: c.cell,
    });
    expect(problem?.message.zh).toContain(c.zh);
    expect(problem?.message.en).toContain(c.en);
    // The message itself says where, so a person reading one line of output can find the cell.
    if (c.row !== undefined) expect(problem?.message.zh).toContain(`第 ${c.row} 行`);
    if (c.kept === undefined) {
      expect(dataset).toBeUndefined();
    } else {
      const county = dataset?.counties[0];
      const kept =
        c.kept === 'county' ? { table: undefined, key: undefined, input: 'special_school_students' } : c.kept;
      const record =
        kept.table === undefined ? county?.record : county?.[kept.table].find((r) => r.key === kept.key);
      const cell = record?.values[kept.input];
      expect(cell?.value).toBeNull();
      expect(cell?.invalid?.zh).toContain(c.zh);
    }
  });

  it('csv-proto-headers and xlsx-proto-headers name each of __proto__, constructor and prototype', async () => {
    for (const name of ['csv-proto-headers', 'xlsx-proto-headers']) {
      const { problems } = await load(name);
      expect(problems.map((p) => [p.code, p.cell])).toEqual([
        ['DATA_UNKNOWN_COLUMN', 'D1'],
        ['DATA_UNKNOWN_COLUMN', 'E1'],
        ['DATA_UNKNOWN_COLUMN', 'F1'],
      ]);
    }
    expectNoPollution();
  });

  it('the alias bomb is refused before it is expanded (387 million strings: expanded, it would not end in the test)', async () => {
    const { dataset, problems } = await load('yaml-alias-bomb');
    expect(dataset).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['DATA_YAML_ALIAS_LIMIT']);
  });

  it.each(GOOD)('%s is read without an error', async (name) => {
    const { dataset, problems } = await load(name);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset?.counties[0]?.schools.map((s) => [s.key, s.name])).toEqual([
      ['S1', '第一小学'],
      ['S2', '第二中学'],
    ]);
    expectNoPollution();
  });

  it.each(['csv-utf16le', 'csv-utf16be'])(
    '%s is read as UTF-16, with a warning that says so',
    async (name) => {
      const { problems } = await load(name);
      expect(problems.map((p) => [p.code, p.severity, p.file])).toEqual([
        ['DATA_CSV_ENCODING_UTF16', 'warning', `${ROOT}/${name}/schools.csv`],
      ]);
      expect(problems[0]?.message.en).toContain(name.endsWith('le') ? 'UTF-16 LE' : 'UTF-16 BE');
    },
  );

  it('a GB18030 CSV from Chinese Excel is read, with a warning that says how', async () => {
    const { dataset, problems } = await load('csv-gb18030');
    expect(problems.map((p) => [p.code, p.severity, p.file])).toEqual([
      ['DATA_CSV_ENCODING_GB18030', 'warning', `${ROOT}/csv-gb18030/schools.csv`],
    ]);
    expect(dataset?.counties[0]?.schools.map((s) => s.values['school_type']?.value)).toEqual([
      'primary',
      'junior',
    ]);
  });

  it('a CSV with a byte-order mark reads its first header (学校代码) as the school key', async () => {
    const { dataset } = await load('csv-bom');
    expect(dataset?.counties[0]?.schools[0]?.values['school_id']?.source).toMatchObject({
      row: 2,
      cell: 'A2',
      column: '学校代码',
    });
  });

  it('empty rows are skipped and the rows after them keep their own row numbers', async () => {
    const { dataset } = await load('csv-empty-rows');
    const county = dataset?.counties[0];
    expect(county?.schools.map((s) => s.source.row)).toEqual([3, 7]);
    expect(county?.units.map((u) => [u.key, u.source.row])).toEqual([
      ['S1-P', 2],
      ['S2-J', 4],
    ]);
  });

  it.each([
    { name: 'natural-forms', file: 'units.csv', sheet: undefined },
    { name: 'xlsx-natural-forms', file: 'data.xlsx', sheet: '学部' },
  ])(
    '$name: 1,200 and ６００ are read as numbers and the reading is noted on the cell',
    async ({ name, sheet }) => {
      const { dataset } = await load(name);
      const units = dataset?.counties[0]?.units ?? [];
      const students = units.map((u) => u.values['students']);
      expect(students.map((c) => c?.value)).toEqual([1200, 600]);
      expect(students.map((c) => c?.raw)).toEqual(['1,200', '６００']);
      expect(students[0]?.note).toEqual({
        zh: '千位分隔符「1,200」已去除',
        en: "thousands separators in '1,200' removed",
      });
      expect(students[1]?.note).toEqual({
        zh: '全角字符「６００」按半角读取',
        en: "full-width characters in '６００' read as half-width",
      });
      expect(students[1]?.source.sheet).toBe(sheet);
      expect(units.map((u) => u.group)).toEqual(['primary', 'junior']);
    },
  );

  it('natural-forms: ９５％ and 95% in dataset.yaml are the ratio 0.95, each noted', async () => {
    const { dataset } = await load('natural-forms');
    const values = dataset?.counties[0]?.record.values;
    expect(values?.['near_zone_share_junior']).toMatchObject({
      value: 0.95,
      raw: '９５％',
      note: { zh: '全角字符「９５％」按半角读取；百分数「９５％」读作 0.95' },
    });
    expect(values?.['near_zone_share_primary']).toMatchObject({
      value: 0.95,
      raw: '95%',
      note: { en: "percentage '95%' read as 0.95" },
    });
  });
});
