import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();

function baseCase() {
  return {
    name: 'a small county',
    expect: { county: 'recognised' },
    county: {
      county_id: '440114',
      county_name: '花都区',
      inputs: { teacher_avg_pay: 24165, civil_servant_avg_pay: { value: 24161, quote: '公务员月均工资为 24161 元' }, near_zone_share_junior: '100%' },
      attestations: { layout_planning: { attested: true, evidence: ['规划.pdf'], statement: '布局合理' } },
      choices: { g14_denominator: 'exclude_special_programmes' },
      reported: [
        { indicator: 'R1', figure: 'cv', group: 'primary', value: '0.390', quote: '小学校际差异系数为 0.390' },
        { indicator: 'R3', figure: 'share_met', group: 'primary', value: '98.20%' },
        { indicator: 'G5', figure: 'claim', value: '小学班额达标率 100%' },
      ],
    },
    schools: [
      { school_id: 'S1', school_name: '一小', school_type: 'primary', school_students: 500 },
      { school_id: 'S2', 学校名称: '二小', 办学类型: '九年一贯制学校', school_students: 900 },
    ],
    units: [
      { unit_id: 'S1-P', school_id: 'S1', stage: 'primary', students: 500, teachers_above_required_degree: 30 },
      { unit_id: 'S2-P', school_id: 'S2', stage: '小学', students: 600 },
      { unit_id: 'S2-J', school_id: 'S2', stage: 'junior', students: 300 },
    ],
    classes: [{ class_id: 'S1-1-1', school_id: 'S1', class_stage: 'primary', grade: 1, class_students: 45 }],
  } as Record<string, unknown>;
}

describe('datasetFromInline', () => {
  it('builds one county with its records, attestations, choices and reported figures', () => {
    const { dataset, problems } = datasetFromInline(baseCase(), dict, 'cases/base.yaml');
    expect(problems).toEqual([]);
    expect(dataset?.id).toBe('base');
    const county = dataset?.counties[0];
    expect(county?.key).toBe('440114');
    expect(county?.name).toBe('花都区');
    expect(county?.record.values['teacher_avg_pay']?.value).toBe(24165);
    expect(county?.record.values['civil_servant_avg_pay']?.source).toEqual({
      file: 'cases/base.yaml',
      path: 'county/inputs/civil_servant_avg_pay',
      quote: '公务员月均工资为 24161 元',
    });
    expect(county?.record.values['near_zone_share_junior']?.value).toBe(1);
    expect(county?.attestations['layout_planning']).toMatchObject({ attested: true, evidence: ['规划.pdf'], statement: '布局合理' });
    expect(county?.choices['g14_denominator']?.option).toBe('exclude_special_programmes');
    expect(county?.reported.map((r) => [r.figure, r.value, r.decimals])).toEqual([
      ['cv', 0.39, 3],
      ['share_met', 0.982, 4],
      ['claim', '小学班额达标率 100%', undefined],
    ]);
    expect(county?.schools.map((s) => [s.key, s.name, s.parentKey])).toEqual([
      ['S1', '一小', '440114'],
      ['S2', '二小', '440114'],
    ]);
    expect(county?.schools[1]?.values['school_type']?.value).toBe('nine_year');
    expect(county?.units.map((u) => [u.key, u.parentKey, u.group])).toEqual([
      ['S1-P', 'S1', 'primary'],
      ['S2-P', 'S2', 'primary'],
      ['S2-J', 'S2', 'junior'],
    ]);
    expect(county?.units[0]?.values['students']?.source).toEqual({ file: 'cases/base.yaml', path: 'units/0/students' });
    expect(county?.units[1]?.values['teachers_above_required_degree']).toBeUndefined();
    expect(county?.classes[0]).toMatchObject({ key: 'S1-1-1', parentKey: 'S1', group: 'primary' });
  });

  it('keeps a bad value as an invalid cell and still builds the dataset', () => {
    const doc = baseCase();
    (doc['units'] as Record<string, unknown>[])[0]!['students'] = '#DIV/0!';
    const { dataset, problems } = datasetFromInline(doc, dict, 'c.yaml');
    expect(problems.map((p) => p.code)).toEqual(['DATA_EXCEL_ERROR']);
    const cell = dataset?.counties[0]?.units[0]?.values['students'];
    expect(cell?.value).toBeNull();
    expect(cell?.invalid?.en).toContain('#DIV/0!');
  });

  it.each([
    {
      name: 'an unknown column',
      change: (d: Record<string, unknown>) => ((d['units'] as Record<string, unknown>[])[0]!['studens'] = 5),
      code: 'DATA_UNKNOWN_COLUMN',
      fragment: "did you mean 'students'?",
    },
    {
      name: 'a duplicate unit key',
      change: (d: Record<string, unknown>) => ((d['units'] as Record<string, unknown>[])[1]!['unit_id'] = 'S1-P'),
      code: 'DATA_DUPLICATE_KEY',
      fragment: "'S1-P' is repeated",
    },
    {
      name: 'a unit of a school that does not exist',
      change: (d: Record<string, unknown>) => ((d['units'] as Record<string, unknown>[])[2]!['school_id'] = 'S3'),
      code: 'DATA_UNKNOWN_PARENT',
      fragment: "school 'S3'",
    },
    {
      name: 'a row without its key',
      change: (d: Record<string, unknown>) => delete (d['classes'] as Record<string, unknown>[])[0]!['class_id'],
      code: 'DATA_KEY_MISSING',
      fragment: 'class_id',
    },
    {
      name: 'an unknown county input',
      change: (d: Record<string, unknown>) => (((d['county'] as Record<string, Record<string, unknown>>)['inputs']!)['teacher_avg_py'] = 1),
      code: 'DATA_UNKNOWN_INPUT',
      fragment: "did you mean 'teacher_avg_pay'?",
    },
    {
      name: 'a unit input given at county level',
      change: (d: Record<string, unknown>) => (((d['county'] as Record<string, Record<string, unknown>>)['inputs']!)['students'] = 1),
      code: 'DATA_INPUT_WRONG_LEVEL',
      fragment: 'school unit table',
    },
    {
      name: 'an unknown attestation',
      change: (d: Record<string, unknown>) =>
        (((d['county'] as Record<string, Record<string, unknown>>)['attestations']!)['layout_planing'] = { attested: true }),
      code: 'DATA_UNKNOWN_ATTESTATION',
      fragment: "did you mean 'layout_planning'?",
    },
    {
      name: 'an unknown key in the county section',
      change: (d: Record<string, unknown>) => ((d['county'] as Record<string, unknown>)['input'] = {}),
      code: 'DATA_UNKNOWN_KEY',
      fragment: "did you mean 'inputs'?",
    },
  ])('reports $name as $code and gives no dataset', ({ change, code, fragment }) => {
    const doc = baseCase();
    change(doc);
    const { dataset, problems } = datasetFromInline(doc, dict, 'c.yaml');
    expect(dataset).toBeUndefined();
    expect(problems.map((p) => p.code)).toContain(code);
    const problem = problems.find((p) => p.code === code);
    expect(problem?.message.en).toContain(fragment);
    expect(problem?.file).toBe('c.yaml');
  });

  it('collects every problem of a document in one run', () => {
    const doc = baseCase();
    const units = doc['units'] as Record<string, unknown>[];
    units[0]!['students'] = 'abc';
    units[1]!['students'] = -3;
    units[2]!['school_id'] = 'S9';
    const { problems } = datasetFromInline(doc, dict, 'c.yaml');
    expect(problems.map((p) => p.code).sort()).toEqual(['DATA_UNKNOWN_PARENT', 'DATA_VALUE_NEGATIVE', 'DATA_VALUE_NOT_A_NUMBER']);
  });

  it('reports a missing required value but keeps the record', () => {
    const doc = baseCase();
    delete (doc['units'] as Record<string, unknown>[])[0]!['stage'];
    const { dataset, problems } = datasetFromInline(doc, dict, 'c.yaml');
    expect(problems.map((p) => p.code)).toEqual(['DATA_REQUIRED_MISSING']);
    expect(dataset?.counties[0]?.units[0]?.group).toBeUndefined();
  });

  it('accepts a case without county identity', () => {
    const { dataset, problems } = datasetFromInline({ county: { inputs: { full_time_teachers: 10 } } }, dict, 'x.yaml', 'x');
    expect(problems).toEqual([]);
    expect(dataset?.counties[0]?.key).toBe('county');
    expect(dataset?.counties[0]?.schools).toEqual([]);
  });
});
