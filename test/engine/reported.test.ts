import { describe, expect, it } from 'vitest';
import type { CountyResult, Finding } from '../../src/model/evaluation.ts';
import { evaluateTinyDoc } from './tiny.ts';
import { describeCheckReason, describeFindingReason } from '../../src/explain/words/index.ts';

/** A finding's sentence, as the reports say it. */
const said = (finding: Finding | undefined) =>
  finding ? describeFindingReason(finding.reason) : { zh: '', en: '' };

function evaluateWith(reported: unknown[], units?: unknown[]): Promise<CountyResult> {
  return evaluateTinyDoc({
    county: {
      county_id: 'T1',
      inputs: { pay: 100, civil_pay: 100 },
      attestations: { plan: { attested: true, evidence: ['规划'] } },
      reported,
    },
    schools: [{ school_id: 'S1' }],
    units: units ?? [
      {
        unit_id: 'P1',
        school_id: 'S1',
        stage: 'primary',
        students: 1000,
        teachers: 50,
        floor_area: 5000,
        books: 7000,
      },
      {
        unit_id: 'P2',
        school_id: 'S1',
        stage: 'primary',
        students: 500,
        teachers: 20,
        floor_area: 2500,
        books: 3500,
      },
    ],
  });
}

describe('published figures are checked against the recomputed ones', () => {
  it.each([
    {
      name: 'a county ratio within its published rounding is confirmed',
      figure: { indicator: 'A1', figure: 'county_value', group: 'primary', value: '4.67' },
      kind: 'confirmed',
    },
    {
      name: 'a county ratio beyond its published rounding is a mismatch',
      figure: { indicator: 'A1', figure: 'county_value', group: 'primary', value: '4.70' },
      kind: 'mismatch',
    },
    {
      name: 'the number of units meeting the standard is compared exactly',
      figure: { indicator: 'A1', figure: 'members_met', group: 'primary', value: 2 },
      kind: 'mismatch',
    },
    {
      name: 'units within tolerance are counted apart from failing ones',
      figure: { indicator: 'A1', figure: 'members_within_tolerance', group: 'primary', value: 1 },
      kind: 'confirmed',
    },
    {
      name: 'a share of 100% must mean every unit, not one that rounds to it',
      figure: { indicator: 'A1', figure: 'share_met', group: 'primary', value: '100%' },
      kind: 'mismatch',
    },
    {
      name: 'a claim of 达标 contradicted by the rules is a finding',
      figure: { indicator: 'A1', figure: 'claim', value: '达标' },
      kind: 'claim_contradicted',
    },
    {
      name: 'a claim about a whole area is checked against the area',
      figure: { indicator: 'resource', figure: 'claim', value: '达标' },
      kind: 'claim_confirmed',
    },
    {
      name: 'a claim without a verdict cannot be checked',
      figure: { indicator: 'A1', figure: 'claim', value: '基本达到' },
      kind: 'unverifiable',
    },
  ])('$name', async ({ figure, kind }) => {
    const county = await evaluateWith([figure]);
    expect(county.findings.map((f) => f.kind)).toEqual([kind]);
  });

  it('a county-level figure with no inputs to recompute it is judged as reported, and says so', async () => {
    const county = await evaluateWith([{ indicator: 'C3', figure: 'value', value: '90%' }]);
    const check = county.indicators.find((i) => i.indicator === 'C3')?.county?.checks[0];
    expect(check?.verdict).toBe('met');
    expect(check?.asReported).toBe(true);
    expect(county.findings[0]?.kind).toBe('as_reported');
  });

  it('a CV published for a stage without unit rows is judged as reported', async () => {
    const county = await evaluateWith(
      [{ indicator: 'A2', figure: 'cv', group: 'junior', value: '0.512' }],
      [
        {
          unit_id: 'P1',
          school_id: 'S1',
          stage: 'primary',
          students: 1000,
          teachers: 50,
          floor_area: 5000,
          books: 7000,
        },
      ],
    );
    const cv = county.areas[0]?.dispersion.find((d) => d.indicator === 'A2' && d.group === 'junior');
    expect(cv?.asReported).toBe(true);
    expect(cv?.verdict).toBe('not_met');
    expect(county.findings[0]?.kind).toBe('as_reported');
  });
});

describe('a report without school rows', () => {
  const counts = (indicator: string, met: number, within = 0) => [
    { indicator, figure: 'members_met', group: 'primary', value: met },
    { indicator, figure: 'members_within_tolerance', group: 'primary', value: within },
    { indicator, figure: 'members_total', group: 'primary', value: met + within },
  ];

  it('is judged on its published counts, marked as reported, and the per-unit rule follows when it must', async () => {
    const county = await evaluateWith(
      [
        ...counts('A1', 10, 2),
        ...counts('A2', 12),
        ...counts('A3', 12),
        { indicator: 'A1', figure: 'cv', group: 'primary', value: '0.2' },
        { indicator: 'A2', figure: 'cv', group: 'primary', value: '0.2' },
        { indicator: 'A3', figure: 'cv', group: 'primary', value: '0.2' },
      ],
      [],
    );
    const a1 = county.indicators.find((i) => i.indicator === 'A1');
    expect(a1?.asReported).toBe(true);
    expect(a1?.verdict).toBe('within_tolerance');
    expect(a1?.reason?.code).toBe('AS_REPORTED');
    expect(county.areas[0]?.verdict).toBe('met');
    expect(county.findings.every((f) => f.kind === 'as_reported')).toBe(true);
  });

  it('cannot infer the per-unit rule when two indicators have units within tolerance', async () => {
    const county = await evaluateWith(
      [...counts('A1', 10, 2), ...counts('A2', 10, 2), ...counts('A3', 12)],
      [],
    );
    expect(county.areas[0]?.verdict).toBe('insufficient_data');
  });

  it('a published failing unit fails the indicator', async () => {
    const county = await evaluateWith(
      [{ indicator: 'A3', figure: 'members_not_met', group: 'primary', value: 1 }],
      [],
    );
    expect(county.indicators.find((i) => i.indicator === 'A3')?.verdict).toBe('not_met');
  });
});

describe('a published monitoring table: mean, standard deviation and CV', () => {
  const table = (sd: string) => [
    { indicator: 'A1', figure: 'mean', group: 'primary', value: '4.00' },
    { indicator: 'A1', figure: 'sd', group: 'primary', value: sd },
    { indicator: 'A1', figure: 'cv', group: 'primary', value: '0.31' },
  ];
  const kinds = (county: CountyResult, kind: string) => county.findings.filter((f) => f.kind === kind);

  it.each([
    { name: 'sd / mean within the three roundings agrees with the CV', sd: '1.24', kind: 'consistent' },
    // 1.255 / 4.005 = 0.3134 still reaches 0.31 + 0.005; 1.265 / 4.005 = 0.3159 does not.
    { name: 'sd / mean at the edge of the roundings still agrees', sd: '1.26', kind: 'consistent' },
    { name: 'sd / mean just beyond the roundings is inconsistent', sd: '1.27', kind: 'inconsistent' },
    { name: 'a mismatching sd is inconsistent', sd: '2.00', kind: 'inconsistent' },
  ])('$name', async ({ sd, kind }) => {
    const county = await evaluateWith(table(sd), []);
    const checked = county.findings.filter((f) => f.kind === 'consistent' || f.kind === 'inconsistent');
    expect(checked.map((f) => [f.indicator, f.group, f.kind])).toEqual([['A1', 'primary', kind]]);
  });

  it('without school rows the mean and sd are recorded, not recomputed and not judged on', async () => {
    const county = await evaluateWith(table('1.24'), []);
    const sd = county.findings.find((f) => f.figure === 'sd');
    expect(sd?.kind).toBe('as_reported');
    expect(said(sd).en).toContain('recorded only, not recomputed and not judged on');
    expect(said(sd).zh).not.toContain('评判（');
  });

  it('with school rows the mean, sd and n are recomputed from them', async () => {
    const county = await evaluateWith([
      { indicator: 'A1', figure: 'mean', group: 'primary', value: '4.67' },
      { indicator: 'A1', figure: 'sd', group: 'primary', value: '0.50' },
      { indicator: 'A1', figure: 'n', group: 'primary', value: 2 },
      { indicator: 'A1', figure: 'n', group: 'primary', value: 3 },
    ]);
    const cv = county.areas[0]?.dispersion.find((d) => d.indicator === 'A1' && d.group === 'primary');
    // Teachers per 100: 5.0 (1000 pupils) and 4.0 (500): mean 4.667, sd 0.471.
    expect(cv?.sd).toBeCloseTo(0.4714, 4);
    expect(county.findings.map((f) => [f.figure, f.kind])).toEqual([
      ['mean', 'confirmed'],
      ['sd', 'mismatch'],
      ['n', 'confirmed'],
      ['n', 'mismatch'],
    ]);
  });

  it.each([
    {
      name: 'a mean below the standard shows some unit is below it',
      mean: '4.10',
      kind: 'mean_short_of_standard',
    },
    {
      name: 'a mean above the standard is said not to decide any unit',
      mean: '4.30',
      kind: 'mean_meets_standard',
    },
    { name: 'a mean at the standard meets it', mean: '4.205', kind: 'mean_meets_standard' },
    { name: 'a mean within its rounding of the standard decides nothing', mean: '4.2', kind: 'unverifiable' },
  ])('$name', async ({ mean, kind }) => {
    const county = await evaluateWith(
      [{ indicator: 'A1', figure: 'mean', group: 'primary', value: mean }],
      [],
    );
    const compared = county.findings.filter((f) => f.figure === 'mean' && f.kind !== 'as_reported');
    expect(compared.map((f) => f.kind)).toEqual([kind]);
    // A finding, not a verdict: the indicator stays undecided without counts.
    expect(county.indicators.find((i) => i.indicator === 'A1')?.verdict).toBe('insufficient_data');
    expect(said(kinds(county, kind)[0]).zh).toContain('小学');
  });

  it('a county ratio short of the standard is compared too, and said in plain words', async () => {
    const county = await evaluateWith(
      [{ indicator: 'A1', figure: 'county_value', group: 'junior', value: '5.00' }],
      [],
    );
    const finding = kinds(county, 'mean_short_of_standard')[0];
    expect(said(finding).zh).toContain('初中');
    expect(said(finding).zh).toContain('至少有一个学部低于标准，具体几个无从得知');
    expect(said(finding).en).toContain('how many is unknown');
  });

  it('with school rows the mean is not compared with the standard: the units are judged themselves', async () => {
    const county = await evaluateWith([{ indicator: 'A1', figure: 'mean', group: 'primary', value: '4.67' }]);
    expect(county.findings.map((f) => f.kind)).toEqual(['confirmed']);
  });

  it('published counts use the group labels of the dictionary', async () => {
    const county = await evaluateWith(
      [
        { indicator: 'A1', figure: 'members_met', group: 'primary', value: 3 },
        { indicator: 'A1', figure: 'members_total', group: 'primary', value: 5 },
      ],
      [],
    );
    const note = county.indicators.find((i) => i.indicator === 'A1')?.reason;
    expect(note).toMatchObject({ code: 'AS_REPORTED', kind: 'as_reported', decided: false });
    const reason = note && describeCheckReason(note);
    expect(reason?.zh).toContain('报告公布的达标数不足以判断：小学只公布了达标数、总数');
    expect(reason?.zh).not.toContain('primary');
  });
});

describe('a figure carried from a corresponding indicator of another rule set', () => {
  it('a CV published for the other indicator is judged here as reported, marked as carried and unverified', async () => {
    const county = await evaluateWith(
      [{ indicator: 'OLD2', figure: 'cv', group: 'junior', value: '0.60' }],
      [],
    );
    const cv = county.areas[0]?.dispersion.find((d) => d.indicator === 'A2' && d.group === 'junior');
    expect(cv?.verdict).toBe('not_met');
    expect(cv?.carriedFrom).toEqual({
      ruleset: 'tiny-old',
      indicator: 'OLD2',
      verified: false,
      note: { zh: '旧版按每名学生计', en: 'the old version counts per student' },
    });
    const finding = county.findings[0];
    expect(finding?.indicator).toBe('A2');
    expect(finding?.carriedFrom?.indicator).toBe('OLD2');
    expect(said(finding).en).toContain('carried from OLD2 of tiny-old');
    expect(said(finding).en).toContain('unverified');
  });

  it('with school rows a carried CV is checked against the recomputed one', async () => {
    const county = await evaluateWith([{ indicator: 'OLD2', figure: 'cv', group: 'primary', value: '0.00' }]);
    expect(county.findings.map((f) => [f.indicator, f.kind])).toEqual([['A2', 'confirmed']]);
  });

  it('a mean is not carried: its unit may differ between the two rule sets', async () => {
    const county = await evaluateWith(
      [{ indicator: 'OLD2', figure: 'mean', group: 'primary', value: '5' }],
      [],
    );
    expect(county.findings.map((f) => [f.indicator, f.kind])).toEqual([['OLD2', 'unverifiable']]);
  });
});

describe('a carried figure beside the county own figure of the same indicator', () => {
  it('the own figure is judged on, and the carried one checked against it', async () => {
    const county = await evaluateWith(
      [
        { indicator: 'OLD2', figure: 'cv', group: 'junior', value: '0.60' },
        { indicator: 'A2', figure: 'cv', group: 'junior', value: '0.40' },
      ],
      [],
    );
    const cv = county.areas[0]?.dispersion.find((d) => d.indicator === 'A2' && d.group === 'junior');
    expect([cv?.value, cv?.verdict, cv?.carriedFrom]).toEqual([0.4, 'met', undefined]);
    expect(county.findings.map((f) => [f.indicator, f.carriedFrom?.indicator, f.kind])).toEqual([
      ['A2', undefined, 'as_reported'],
      ['A2', 'OLD2', 'inconsistent'],
    ]);
    expect(said(county.findings[1]).en).toContain('the rules used 0.40');
  });

  // 0.40 stands for 0.395–0.405 and 0.404 for 0.4035–0.4045: they overlap; 0.406 (0.4055–0.4065) does not.
  it.each([
    { carried: '0.404', kind: 'consistent' },
    { carried: '0.406', kind: 'inconsistent' },
  ])('a carried $carried beside the own 0.40 is $kind', async ({ carried, kind }) => {
    const county = await evaluateWith(
      [
        { indicator: 'A2', figure: 'cv', group: 'junior', value: '0.40' },
        { indicator: 'OLD2', figure: 'cv', group: 'junior', value: carried },
      ],
      [],
    );
    expect(county.findings.map((f) => f.kind)).toEqual(['as_reported', kind]);
  });
});
