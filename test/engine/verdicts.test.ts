import { describe, expect, it } from 'vitest';
import { evaluateTiny } from './tiny.ts';

function unitCheck(result: Awaited<ReturnType<typeof evaluateTiny>>, indicator: string, unit: string) {
  const member = result.indicators
    .find((i) => i.indicator === indicator)
    ?.members.find((m) => m.subject.key === unit);
  return member?.checks[0];
}

describe('tolerance boundaries of a resource indicator (primary A1 >= 4.2, tolerance 85%)', () => {
  it.each([
    { name: 'exactly at the standard is met', teachers: 42, verdict: 'met' },
    { name: 'just above the standard is met', teachers: 42.01, verdict: 'met' },
    { name: 'just below the standard is within tolerance', teachers: 41.99, verdict: 'within_tolerance' },
    { name: 'exactly 85% of the standard is within tolerance', teachers: 35.7, verdict: 'within_tolerance' },
    { name: 'just below 85% of the standard is not met', teachers: 35.69, verdict: 'not_met' },
  ])('$name', async ({ teachers, verdict }) => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers }] });
    const check = unitCheck(result, 'A1', 'P1');
    expect(check?.verdict).toBe(verdict);
    expect(check?.threshold?.text).toBe('>= 4.2');
    expect(check?.tolerance?.bound).toBeCloseTo(3.57, 10);
    expect(check?.conditions.map((c) => c.role)).toEqual(['standard', 'tolerance']);
  });

  it('a missing input gives insufficient data with the reason, never a pass or a fail', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: null }] });
    const check = unitCheck(result, 'A1', 'P1');
    expect(check?.verdict).toBe('insufficient_data');
    expect(check?.reason?.code).toBe('INPUT_MISSING');
    expect(check?.reason).toMatchObject({ kind: 'input_missing', label: { zh: '教师数' } });
  });

  it('a unit with zero students gives insufficient data (zero denominator)', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', students: 0 }] });
    expect(unitCheck(result, 'A1', 'P1')?.reason?.code).toBe('ZERO_DENOMINATOR');
    expect(unitCheck(result, 'A1', 'P1')?.verdict).toBe('insufficient_data');
  });

  it('a non-number in a numeric column gives insufficient data with the cell named', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: 'abc' }] });
    const check = unitCheck(result, 'A1', 'P1');
    expect(check?.verdict).toBe('insufficient_data');
    expect(check?.reason?.code).toBe('INPUT_INVALID');
    expect(check?.reason).toMatchObject({ kind: 'input_invalid', raw: 'abc' });
  });
});

describe('the per-unit rule (at least 2 of 3 met, the rest not below 85%)', () => {
  it('one indicator within tolerance and the rest met: the unit passes', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: 40 }] });
    const unit = result.areas[0]?.perUnit?.results.find((r) => r.subject.key === 'P1');
    expect(unit?.verdict).toBe('met');
    expect(unit?.withinTolerance).toEqual(['A1']);
  });

  it('two indicators within tolerance in one unit: the unit fails', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: 40, floor_area: 4300 }] });
    const unit = result.areas[0]?.perUnit?.results.find((r) => r.subject.key === 'P1');
    expect(unit?.verdict).toBe('not_met');
    expect(result.areas[0]?.verdict).toBe('not_met');
    expect(result.verdict).toBe('not_recognised');
  });

  it('one indicator below 85%: the unit fails even with the rest met', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: 30 }] });
    expect(result.areas[0]?.perUnit?.failing.map((s) => s.key)).toEqual(['P1']);
  });
});

describe('county checks', () => {
  it('a compliant county is recognised', async () => {
    const result = await evaluateTiny();
    expect(result.verdict).toBe('recognised');
  });

  it('a comparison between two inputs records both inputs in the trail', async () => {
    const result = await evaluateTiny({ county: { pay: 99 } });
    const check = result.indicators.find((i) => i.indicator === 'C2')?.county?.checks[0];
    expect(check?.verdict).toBe('not_met');
    expect(check?.threshold?.bound).toBe(100);
    expect(check?.threshold?.boundInputs?.[0]?.name).toBe('civil_pay');
    expect(check?.toPass?.input).toBe('pay');
    expect(check?.toPass?.to).toBe(100);
  });

  it('a missing external survey leaves the county undetermined, not refused', async () => {
    const result = await evaluateTiny({ county: { survey_rate: null } });
    expect(result.indicators.find((i) => i.indicator === 'C3')?.verdict).toBe('pending');
    expect(result.verdict).toBe('undetermined');
  });

  it('an attestation without evidence is not met silently: it lacks data', async () => {
    const result = await evaluateTiny({ attestations: { plan: { attested: true, evidence: [] } } });
    const check = result.indicators.find((i) => i.indicator === 'C1')?.county?.checks[0];
    expect(check?.verdict).toBe('insufficient_data');
    expect(check?.reason?.code).toBe('NO_EVIDENCE');
  });

  it('a county-level percentage threshold compares ratios (85% = 0.85)', async () => {
    const at = await evaluateTiny({ county: { survey_rate: 0.85 } });
    const below = await evaluateTiny({ county: { survey_rate: 0.8499 } });
    expect(at.indicators.find((i) => i.indicator === 'C3')?.verdict).toBe('met');
    expect(below.indicators.find((i) => i.indicator === 'C3')?.verdict).toBe('not_met');
  });
});

describe('dispersion', () => {
  it('the weighted CV of each stage is judged against its own limit and names its largest contributors', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P2', teachers: 100 }] });
    const cv = result.areas[0]?.dispersion.find((d) => d.indicator === 'A1' && d.group === 'primary');
    expect(cv?.threshold?.text).toBe('<= 0.50');
    expect(cv?.value).toBeGreaterThan(0.5);
    expect(cv?.verdict).toBe('not_met');
    expect(cv?.top[0]?.subject.key).toBeDefined();
  });
});

describe('values that cannot be computed', () => {
  it('an overflowing result is not blamed on a zero denominator', async () => {
    const result = await evaluateTiny({ units: [{ unit_id: 'P1', teachers: 1e308 }] });
    const check = result.indicators
      .find((i) => i.indicator === 'A1')
      ?.members.find((m) => m.subject.key === 'P1')?.checks[0];
    expect(check?.verdict).toBe('insufficient_data');
    expect(check?.reason?.code).toBe('VALUE_NOT_FINITE');
  });
});
