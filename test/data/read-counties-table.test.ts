import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { readCountiesOneByOne } from '../../src/data/read-counties-one-by-one.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'counties-table-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const YAML = 'id: t\ntables: { counties: counties.csv, schools: s.csv }\n';
const SCHOOLS = 'county_id,school_id,school_name,school_type\nA,S1,a1,primary\nB,S1,b1,primary\n';
/** Headers by name and by Chinese label, an attestation with its evidence, one county's pay left blank. */
const COUNTIES = [
  'county_id,县（区）名称,义务教育教师平均工资收入,civil_servant_avg_pay,学校规划布局合理，符合国家规定要求,layout_planning_evidence,unified_building_standard',
  'A,甲县,8200,8000,是,布局规划（2021—2035）；专项方案;调整通知、批复,true',
  'B,乙县,,8000,否,,',
].join('\n');

describe('a counties table', () => {
  it('gives each county its inputs and attestations, from headers by name or by label', async () => {
    const dir = await folder({ 'dataset.yaml': YAML, 'counties.csv': COUNTIES, 's.csv': SCHOOLS });
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(problems).toEqual([]);
    const [a, b] = dataset?.counties ?? [];
    expect(a?.key).toBe('A');
    expect(a?.record.values['teacher_avg_pay']?.value).toBe(8200);
    expect(a?.record.values['teacher_avg_pay']?.source).toMatchObject({ file: expect.stringContaining('counties.csv'), row: 2, cell: 'C2' });
    expect(a?.attestations['layout_planning']).toMatchObject({
      attested: true,
      evidence: ['布局规划（2021—2035）', '专项方案', '调整通知', '批复'],
      source: { row: 2, cell: 'E2' },
    });
    expect(a?.attestations['unified_building_standard']?.attested).toBe(true);
    expect(b?.name).toBe('乙县');
    expect(b?.record.values['teacher_avg_pay']).toBeUndefined();
    expect(b?.attestations['layout_planning']).toMatchObject({ attested: false, evidence: [] });
    expect(b?.attestations['unified_building_standard']).toBeUndefined();
    expect(a?.schools.map((s) => s.values['school_name']?.value)).toEqual(['a1']);
    // Read one county at a time, the same counties.
    const opened = await readCountiesOneByOne(dir, dict);
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(plain([...(opened.stream?.counties() ?? [])])).toEqual(plain(dataset?.counties));
    expect(opened.stream?.dataset.hash).toBe(dataset?.hash);
  });

  it('counts in the dataset hash', async () => {
    const one = await loadDataset(await folder({ 'dataset.yaml': YAML, 'counties.csv': COUNTIES, 's.csv': SCHOOLS }), dict);
    const two = await loadDataset(
      await folder({ 'dataset.yaml': YAML, 'counties.csv': COUNTIES.replace('8200', '8201'), 's.csv': SCHOOLS }),
      dict,
    );
    expect(one.dataset?.hash).toBeDefined();
    expect(two.dataset?.hash).not.toBe(one.dataset?.hash);
  });

  it.each([
    {
      case: 'an attestation that is neither yes nor no',
      counties: COUNTIES.replace('A,甲县,8200,8000,是', 'A,甲县,8200,8000,也许'),
      code: 'DATA_VALUE_NOT_BOOLEAN',
      at: { row: 2, cell: 'E2' },
    },
    {
      case: 'an unknown column',
      counties: COUNTIES.replace('civil_servant_avg_pay', 'civil_servant_avg_pai'),
      code: 'DATA_UNKNOWN_COLUMN',
      at: { row: 1, cell: 'D1' },
    },
    {
      case: 'a negative pay',
      counties: COUNTIES.replace('8200', '-8200'),
      code: 'DATA_VALUE_NEGATIVE',
      at: { row: 2, cell: 'C2' },
    },
    {
      case: 'a county twice',
      counties: `${COUNTIES}\nA,甲县又,1,1,是,,`,
      code: 'DATA_DUPLICATE_KEY',
      at: { row: 4 },
    },
  ])('locates $case in the counties table', async ({ counties, code, at }) => {
    const dir = await folder({ 'dataset.yaml': YAML, 'counties.csv': counties, 's.csv': SCHOOLS });
    const { problems } = await loadDataset(dir, dict);
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem).toMatchObject({ file: expect.stringContaining('counties.csv'), ...at });
    expect(problem?.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a counties table outside the dataset folder', async () => {
    const dir = await folder({ 'dataset.yaml': 'id: t\ntables: { counties: ../counties.csv, schools: s.csv }\n', 's.csv': SCHOOLS });
    const { dataset, problems } = await loadDataset(dir, dict);
    expect(dataset).toBeUndefined();
    expect(problems.map((p) => p.code)).toContain('DATA_TABLE_OUTSIDE_DATASET');
  });

  it('reads a counties sheet of a workbook as it reads the CSV file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('县（区）');
    for (const line of COUNTIES.split('\n'))
      sheet.addRow(line.split(',').map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === '' ? null : v)));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const dir = await folder({
      'dataset.yaml': 'id: t\ntables: { counties: counties.xlsx, schools: s.csv }\n',
      'counties.xlsx': xlsx,
      's.csv': SCHOOLS,
    });
    const fromSheet = await loadDataset(dir, dict);
    expect(fromSheet.problems).toEqual([]);
    const fromCsv = await loadDataset(await folder({ 'dataset.yaml': YAML, 'counties.csv': COUNTIES, 's.csv': SCHOOLS }), dict);
    const values = (d: typeof fromCsv) =>
      d.dataset?.counties.map((c) => ({
        key: c.key,
        name: c.name,
        inputs: Object.fromEntries(Object.entries(c.record.values).map(([k, v]) => [k, v.value])),
        attestations: Object.fromEntries(Object.entries(c.attestations).map(([k, v]) => [k, [v.attested, v.evidence]])),
      }));
    expect(values(fromSheet)).toEqual(values(fromCsv));
    expect(fromSheet.dataset?.counties[0]?.attestations['layout_planning']?.source).toMatchObject({ sheet: '县（区）', cell: 'E2' });
  });
});
