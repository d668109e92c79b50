import { describe, expect, it } from 'vitest';
import type { CountyResult } from '../../src/model/evaluation.ts';
import { evaluateTinyDoc } from './tiny.ts';

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
