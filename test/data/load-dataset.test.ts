import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dataset-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const YAML = `id: t
county:
  county_id: "440114"
  county_name: 花都区
  inputs:
    teacher_avg_pay: { value: 24165, quote: 月均工资收入为 24165 元 }
    near_zone_share_junior: 95%
tables: { schools: schools.csv, units: units.csv, classes: classes.csv }
`;
const SCHOOLS = '学校代码,学校名称,办学类型,是否村小学或教学点\nS1,"一小, 东校区",小学,是\nS2,二中,junior,否\n';
const UNITS = 'unit_id,school_id,stage,students\nS1-P,S1,小学,"1,234"\nS2-J,S2,初中,６００\n';
const CLASSES = 'class_id,school_id,class_stage,grade,class_students\nS1-1-1,S1,primary,1,45\n';

describe('loadDataset', () => {
  it('reads dataset.yaml and CSV tables with Chinese headers, labels and typed forms, keeping every source', async () => {
    const dir = await folder({ 'dataset.yaml': YAML, 'schools.csv': `\uFEFF${SCHOOLS.replace(/\n/g, '\r\n')}`, 'units.csv': UNITS, 'classes.csv': CLASSES });
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(problems).toEqual([]);
    const county = dataset?.counties[0];
    expect(county?.record.values['teacher_avg_pay']?.source).toMatchObject({ path: 'county/inputs/teacher_avg_pay', line: 6, quote: '月均工资收入为 24165 元' });
    expect(county?.record.values['near_zone_share_junior']?.value).toBe(0.95);
    expect(county?.schools.map((s) => [s.key, s.name, s.values['school_type']?.value, s.values['is_village_school']?.value])).toEqual([
      ['S1', '一小, 东校区', 'primary', true],
      ['S2', '二中', 'junior', false],
    ]);
    expect(county?.units.map((u) => [u.key, u.group, u.values['students']?.value])).toEqual([
      ['S1-P', 'primary', 1234],
      ['S2-J', 'junior', 600],
    ]);
    expect(county?.units[1]?.values['students']?.note?.zh).toContain('全角');
    expect(county?.units[0]?.values['students']?.source).toMatchObject({ row: 2, column: 'students', cell: 'D2' });
    expect(county?.schools[0]?.values['school_name']?.source).toMatchObject({ row: 2, column: '学校名称', cell: 'B2' });
    expect(dataset?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a GB18030 (GBK) CSV and says so in a warning', async () => {
    const dir = await folder({ 'dataset.yaml': YAML, 'schools.csv': iconv.encode(SCHOOLS, 'gb18030'), 'units.csv': UNITS, 'classes.csv': CLASSES });
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['DATA_CSV_ENCODING_GB18030', 'warning']]);
    expect(dataset?.counties[0]?.schools[0]?.name).toBe('一小, 东校区');
  });

  it('hashes the files: the same bytes give the same hash, one changed byte another', async () => {
    const files = { 'dataset.yaml': YAML, 'schools.csv': SCHOOLS, 'units.csv': UNITS, 'classes.csv': CLASSES };
    const a = await loadDataset(await folder(files), dict);
    const b = await loadDataset(await folder(files), dict);
    const c = await loadDataset(await folder({ ...files, 'classes.csv': CLASSES.replace(',45', ',44') }), dict);
    expect(a.dataset?.hash).toBe(b.dataset?.hash);
    expect(c.dataset?.hash).not.toBe(a.dataset?.hash);
  });

  it('distributes the rows of a multi-county dataset by their county key', async () => {
    const yaml = 'id: m\ncounties:\n  - { county_id: A, county_name: 甲县 }\n  - { county_id: B, county_name: 乙县 }\ntables: { schools: s.csv, units: u.csv }\n';
    const dir = await folder({
      'dataset.yaml': yaml,
      's.csv': 'county_id,school_id,school_name,school_type\nA,S1,a1,primary\nB,S1,b1,primary\n',
      'u.csv': 'county_id,unit_id,school_id,stage,students\nA,S1-P,S1,primary,10\nB,S1-P,S1,primary,20\n',
    });
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(problems).toEqual([]);
    expect(dataset?.counties.map((c) => [c.key, c.name, c.schools.map((s) => s.name), c.units.map((u) => u.values['students']?.value)])).toEqual([
      ['A', '甲县', ['a1'], [10]],
      ['B', '乙县', ['b1'], [20]],
    ]);
  });

  const good = { 'dataset.yaml': YAML, 'schools.csv': SCHOOLS, 'units.csv': UNITS, 'classes.csv': CLASSES };
  it.each([
    { code: 'DATA_YAML_INVALID', files: { 'dataset.yaml': 'id: t\ncounty: [\n' }, fragment: 'line' },
    { code: 'DATA_UNKNOWN_KEY', files: { 'dataset.yaml': YAML.replace('tables:', 'table:') }, fragment: "did you mean 'tables'?" },
    { code: 'DATA_SCHEMA_INVALID', files: { 'dataset.yaml': YAML.replace('tables:', '  reported: [{ indicator: R1, figure: ratio, value: 1 }]\ntables:') }, fragment: 'county/reported/0/figure' },
    { code: 'DATA_UNKNOWN_COLUMN', files: { 'units.csv': UNITS.replace('students', 'studens') }, fragment: "did you mean 'students'?" },
    { code: 'DATA_DUPLICATE_COLUMN', files: { 'units.csv': 'unit_id,school_id,stage,students,在校学生数\nS1-P,S1,primary,1,1\n' }, fragment: 'keep one column' },
    { code: 'DATA_COLUMN_MISSING', files: { 'units.csv': 'unit_id,stage,students\nS1-P,primary,1\n' }, fragment: "'school_id'" },
    { code: 'DATA_DUPLICATE_KEY', files: { 'units.csv': `${UNITS}S1-P,S1,primary,5\n` }, fragment: "'S1-P' is repeated (first at row 2)" },
    { code: 'DATA_UNKNOWN_PARENT', files: { 'classes.csv': `${CLASSES}S9-1-1,S9,primary,1,30\n` }, fragment: "school 'S9'" },
    { code: 'DATA_KEY_MISSING', files: { 'classes.csv': `${CLASSES},S1,primary,1,30\n` }, fragment: 'class_id' },
    { code: 'DATA_CSV_MALFORMED', files: { 'classes.csv': `${CLASSES}"S1-1-2,S1,primary,1,30\n` }, fragment: 'never closed' },
    { code: 'DATA_FILE_UNREADABLE', files: { 'classes.csv': undefined }, fragment: 'cannot read' },
    { code: 'DATA_UNKNOWN_INPUT', files: { 'dataset.yaml': YAML.replace('teacher_avg_pay', 'teacher_avg_py') }, fragment: "did you mean 'teacher_avg_pay'?" },
  ])('reports $code with no dataset', async ({ code, files, fragment }) => {
    const merged = Object.fromEntries(Object.entries({ ...good, ...files }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const { dataset, problems } = await loadDataset(await folder(merged), dict);
    expect(dataset).toBeUndefined();
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems.map((p) => p.message.en))).toBeDefined();
    expect(`${problem?.message.en} ${problem?.path ?? ''}`).toContain(fragment);
    expect(problem?.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a full-width colon in dataset.yaml is shown at its line with what to type, in Chinese only', async () => {
    const { problems } = await loadDataset(await folder({ ...good, 'dataset.yaml': YAML.replace(/^id: /m, 'id：') }), dict);
    const problem = problems.find((p) => p.code === 'DATA_YAML_INVALID');
    expect(problem?.message.zh).toMatch(/第 \d+ 行「id：.*」：键后面的冒号要用英文冒号/);
    expect(problem?.message.zh).not.toMatch(/[A-Za-z]+ [a-z]+ [a-z]+/);
  });

  it.each([
    { code: 'DATA_VALUE_NOT_A_NUMBER', value: 'abc', cell: 'D3' },
    { code: 'DATA_EXCEL_ERROR', value: '#DIV/0!', cell: 'D3' },
    { code: 'DATA_VALUE_NEGATIVE', value: '-5', cell: 'D3' },
    { code: 'DATA_VALUE_NOT_INTEGER', value: '5.5', cell: 'D3' },
  ])('keeps the dataset and an invalid cell for $code at $cell', async ({ code, value, cell }) => {
    const { dataset, problems } = await loadDataset(await folder({ ...good, 'units.csv': UNITS.replace('６００', value) }), dict);
    expect(problems.map((p) => [p.code, p.row, p.cell])).toEqual([[code, 3, cell]]);
    expect(problems[0]?.message.zh).toContain('第 3 行「students」列（D3）');
    const invalid = dataset?.counties[0]?.units[1]?.values['students'];
    expect(invalid?.value).toBeNull();
    expect(invalid?.raw).toBe(value);
  });

  it('collects the problems of every file in one run', async () => {
    const { problems } = await loadDataset(
      await folder({ ...good, 'units.csv': UNITS.replace('６００', 'x'), 'classes.csv': `${CLASSES}S9-1-1,S9,primary,1,30\n`, 'schools.csv': SCHOOLS.replace(',是\n', ',也许\n') }),
      dict,
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['DATA_UNKNOWN_PARENT', 'DATA_VALUE_NOT_A_NUMBER', 'DATA_VALUE_NOT_BOOLEAN']);
  });
});
