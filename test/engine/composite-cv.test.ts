import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import { weightedCv } from '../../src/engine/weighted-cv.ts';
import type { CountyResult, Finding } from '../../src/model/evaluation.ts';
import { parseMath } from '../../src/formula/restricted-math.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { describeCheckReason, describeFindingReason } from '../../src/explain/words/index.ts';

/** A finding's sentence, as the reports say it. */
const said = (finding: Finding | undefined) =>
  finding ? describeFindingReason(finding.reason) : { zh: '', en: '' };

type Row = Record<string, string | number | boolean | null>;

/** The composite fixture (tiny with measures and a composite CV: primary <= 0.30, junior <= 0.20). */
async function evaluateComposite(units: Row[], reported: unknown[] = []): Promise<CountyResult> {
  const { ruleset, problems } = await loadRuleSet('test/fixtures/rules/composite');
  if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  const doc = {
    county: {
      county_id: 'T1',
      inputs: { pay: 100, civil_pay: 100, survey_rate: 0.9 },
      attestations: { plan: { attested: true, evidence: ['规划'] } },
      reported,
    },
    schools: [{ school_id: 'S1' }, { school_id: 'S2' }],
    units,
  };
  const built = datasetFromInline(doc, ruleset.inputs, 'inline.yaml', 'composite');
  if (!built.dataset) throw new Error(built.problems.map((p) => p.message.en).join('\n'));
  return (await evaluateDataset(ruleset, built.dataset)).counties[0] as CountyResult;
}

/** Two primary units of 500 pupils whose three measures all sit at x·(1 − c) and x·(1 + c): every CV is c. */
function spread(c: number, override: Row = {}): Row[] {
  const unit = (id: string, school: string, f: number): Row => ({
    unit_id: id,
    school_id: school,
    stage: 'primary',
    students: 500,
    teachers: 25 * f,
    floor_area: 2500 * f,
    books: 3500 * f,
  });
  return [
    unit('P1', 'S1', 1 - c),
    { ...unit('P2', 'S2', 1 + c), ...override },
    {
      unit_id: 'J1',
      school_id: 'S2',
      stage: 'junior',
      students: 400,
      teachers: 24,
      floor_area: 2400,
      books: 2800,
    },
  ];
}

function composite(result: CountyResult, group: string) {
  return result.areas
    .flatMap((a) => a.dispersion)
    .find((d) => d.statistic === 'composite_weighted_cv' && d.group === group);
}

describe('composite coefficient of variation (mean of the single CVs)', () => {
  it.each([
    { name: 'every CV exactly at the 0.30 limit is met', c: 0.3, verdict: 'met' },
    { name: 'every CV just below the limit is met', c: 0.2999, verdict: 'met' },
    { name: 'every CV just above the limit is not met', c: 0.3001, verdict: 'not_met' },
  ])('$name', async ({ c, verdict }) => {
    const result = await evaluateComposite(spread(c));
    const primary = composite(result, 'primary');
    expect(primary?.value).toBeCloseTo(c, 12);
    expect(primary?.verdict).toBe(verdict);
    expect(primary?.threshold?.text).toBe('<= 0.30');
    expect(result.areas.find((a) => a.area === 'resource')?.verdict).toBe(verdict);
  });

  it('equals the mean of the three student-weighted CVs, and single CVs are shown but not judged', async () => {
    const units = spread(0.1, { teachers: 60 });
    const result = await evaluateComposite(units);
    const singles = result.areas
      .flatMap((a) => a.dispersion)
      .filter((d) => d.inComposite && d.group === 'primary');
    expect(singles.map((d) => d.indicator)).toEqual(['A1', 'A2', 'A3']);
    const p = units.filter((u) => u['stage'] === 'primary');
    const cv = (num: string) =>
      weightedCv(
        p.map((u) => (Number(u[num]) * (num === 'teachers' ? 100 : 1)) / Number(u['students'])),
        p.map((u) => Number(u['students'])),
      ).cv as number;
    const expected = (cv('teachers') + cv('floor_area') + cv('books')) / 3;
    expect(singles[0]?.value).toBeCloseTo(cv('teachers'), 12);
    expect(singles.every((d) => d.threshold === undefined && d.reason?.code === 'NOT_JUDGED')).toBe(true);
    const primary = composite(result, 'primary');
    expect(primary?.value).toBeCloseTo(expected, 12);
    expect(primary?.parts?.map((x) => x.indicator)).toEqual(['A1', 'A2', 'A3']);
    expect(primary?.top.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
  });

  it('names the units that pull the composite up, each with its level relative to the means', async () => {
    const result = await evaluateComposite(spread(0.3));
    const top = composite(result, 'primary')?.top ?? [];
    expect(top.map((t) => t.subject.key).sort()).toEqual(['P1', 'P2']);
    expect(top.find((t) => t.subject.key === 'P1')?.value).toBeCloseTo(0.7, 12);
    expect(top.find((t) => t.subject.key === 'P2')?.value).toBeCloseTo(1.3, 12);
    expect(top.map((t) => t.share)).toEqual([0.5, 0.5].map((x) => expect.closeTo(x, 12)));
  });

  it('a single CV far above the composite limit does not fail the area when the mean is within it', async () => {
    // teachers spread 0.9 alone: A1's CV is 0.9, A2 and A3 are 0 → composite 0.3.
    const units = spread(0, {});
    Object.assign(units[0] as Row, { teachers: 25 * 0.1 });
    Object.assign(units[1] as Row, { teachers: 25 * 1.9 });
    const result = await evaluateComposite(units);
    const a1 = result.areas
      .flatMap((a) => a.dispersion)
      .find((d) => d.indicator === 'A1' && d.group === 'primary');
    expect(a1?.value).toBeCloseTo(0.9, 12);
    expect(composite(result, 'primary')?.value).toBeCloseTo(0.3, 12);
    expect(composite(result, 'primary')?.verdict).toBe('met');
  });

  it('a missing input makes the composite insufficient, naming the CV that cannot be computed', async () => {
    const result = await evaluateComposite(spread(0.1, { books: null }));
    const primary = composite(result, 'primary');
    expect(primary?.verdict).toBe('insufficient_data');
    expect(primary?.reason).toMatchObject({ code: 'INPUT_MISSING', kind: 'composite_parts_missing' });
    expect(primary?.reason && 'indicators' in primary.reason && primary.reason.indicators).toContain('A3');
    expect(result.areas.find((a) => a.area === 'resource')?.verdict).toBe('insufficient_data');
  });

  it('measures are computed for every unit, carry no threshold and no per-unit verdict of their own', async () => {
    const result = await evaluateComposite(spread(0.5));
    const a1 = result.indicators.find((i) => i.indicator === 'A1');
    expect(a1?.role).toBe('measure');
    expect(a1?.members.map((m) => m.checks[0]?.threshold)).toEqual([undefined, undefined, undefined]);
    expect(a1?.members.map((m) => m.checks[0]?.reason?.code)).toEqual([
      'NOT_JUDGED',
      'NOT_JUDGED',
      'NOT_JUDGED',
    ]);
    expect(result.areas.find((a) => a.area === 'resource')?.perUnit).toBeUndefined();
  });
});

describe('a published composite CV', () => {
  const singles = (a: string, b: string, c: string) => [
    { indicator: 'A1', figure: 'cv', group: 'primary', value: a },
    { indicator: 'A2', figure: 'cv', group: 'primary', value: b },
    { indicator: 'A3', figure: 'cv', group: 'primary', value: c },
  ];
  const published = (value: string) => ({ indicator: 'composite', figure: 'cv', group: 'primary', value });

  it.each([
    {
      name: 'only the composite, within the limit, is judged on as reported and met',
      value: '0.30',
      verdict: 'met',
    },
    {
      name: 'only the composite, above the limit, is judged on as reported and not met',
      value: '0.31',
      verdict: 'not_met',
    },
  ])('$name', async ({ value, verdict }) => {
    const result = await evaluateComposite([], [published(value)]);
    const primary = composite(result, 'primary');
    expect(primary?.verdict).toBe(verdict);
    expect(primary?.asReported).toBe(true);
    expect(result.findings.map((f) => [f.indicator, f.kind])).toEqual([['composite', 'as_reported']]);
    expect(said(result.findings[0]).en).toContain('as reported, not recomputed');
  });

  it.each([
    // (0.21 + 0.30 + 0.33) / 3 = 0.28, each single within ±0.005 and the composite within ±0.005.
    {
      name: 'the mean of the published single CVs agrees with the composite',
      value: '0.28',
      kind: 'consistent',
    },
    { name: 'within the roundings of the singles and the composite', value: '0.29', kind: 'consistent' },
    { name: 'beyond them, the published composite is inconsistent', value: '0.30', kind: 'inconsistent' },
  ])('$name', async ({ value, kind }) => {
    const result = await evaluateComposite([], [...singles('0.21', '0.30', '0.33'), published(value)]);
    expect(composite(result, 'primary')?.value).toBeCloseTo(0.28, 12);
    const found = result.findings.find((f) => f.indicator === 'composite');
    expect(found?.kind).toBe(kind);
  });

  it('with school rows the composite is checked against the recomputed single CVs', async () => {
    const [met, off] = await Promise.all([
      evaluateComposite(spread(0.2), [published('0.20')]),
      evaluateComposite(spread(0.2), [published('0.25')]),
    ]);
    expect(met.findings.map((f) => f.kind)).toEqual(['confirmed']);
    expect(off.findings.map((f) => f.kind)).toEqual(['mismatch']);
  });

  it('without every single CV and without a published composite the composite is not computed', async () => {
    const result = await evaluateComposite([], singles('0.21', '0.30', '0.33').slice(0, 2));
    const primary = composite(result, 'primary');
    expect(primary?.verdict).toBe('insufficient_data');
    expect(primary?.reason && describeCheckReason(primary.reason).zh).toContain('A3');
  });

  it('single CVs published under a composite rule enter it, and say that they are not judged', async () => {
    const result = await evaluateComposite([], singles('0.21', '0.30', '0.33'));
    const a1 = result.findings.find((f) => f.indicator === 'A1');
    expect(said(a1).zh).toContain('计入综合差异系数（未复算');
    expect(composite(result, 'primary')?.verdict).toBe('met');
  });
});

describe('overlay layers', () => {
  it('a patched indicator records the layer that wrote it, and the rule set its extends chain', async () => {
    const { ruleset, problems } = await loadRuleSet('test/fixtures/rules/composite');
    expect(problems).toEqual([]);
    expect(ruleset?.indicators.find((i) => i.id === 'A1')?.origin).toBe('composite');
    expect(ruleset?.indicators.find((i) => i.id === 'C1')?.origin).toBe('tiny');
    expect(ruleset?.layers?.map((l) => l.id)).toEqual(['tiny', 'composite']);
  });
});

describe('rule formulas compare category values as text', () => {
  it.each([
    { school_type: 'teaching_point', students: 49, expected: false },
    { school_type: 'teaching_point', students: 50, expected: true },
    { school_type: 'primary', students: 10, expected: true },
  ])('$school_type with $students pupils → $expected', ({ school_type, students, expected }) => {
    const node = parseMath('not (school_type == "teaching_point" and students < 50)');
    expect(node.compile().evaluate({ school_type, students })).toBe(expected);
    expect(parseMath('stage != "junior"').compile().evaluate({ stage: 'primary' })).toBe(true);
    expect(parseMath('students == 50').compile().evaluate({ students })).toBe(students === 50);
  });
});
