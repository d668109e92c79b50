import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import { weightedCv } from '../../src/engine/weighted-cv.ts';
import type { CheckResult, Evaluation } from '../../src/model/evaluation.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { serializeJson } from '../../src/report/serialize-json.ts';
import { readResult, serializeResult } from '../../src/result/index.ts';
import { tinyRules } from '../engine/tiny.ts';

/**
 * Properties the engine must keep whatever the numbers: seeded (the same cases every run) and bounded run counts,
 * so the suite stays fast and a failure is reproducible from its seed.
 */
const SEED = 20240901;
const runs = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

/** |a − b| within `rel` of their size (or an absolute 1e-12 near zero). */
function close(a: number | null, b: number | null, rel = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

const positive = fc.double({ min: 0.01, max: 1e4, noNaN: true, noDefaultInfinity: true });
const members = fc.array(fc.record({ value: positive, weight: fc.integer({ min: 1, max: 5000 }) }), {
  minLength: 1,
  maxLength: 30,
});

describe('the weighted coefficient of variation', () => {
  it('is unchanged when every value is scaled by the same factor', () => {
    fc.assert(
      fc.property(members, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (ms, k) => {
        const values = ms.map((m) => m.value);
        const weights = ms.map((m) => m.weight);
        const before = weightedCv(values, weights);
        const after = weightedCv(
          values.map((v) => v * k),
          weights,
        );
        return close(before.cv, after.cv, 1e-8) && close((before.mean ?? 0) * k, after.mean);
      }),
      runs(300),
    );
  });

  it('is unchanged when every weight is scaled by the same whole factor', () => {
    fc.assert(
      fc.property(members, fc.integer({ min: 2, max: 1000 }), (ms, k) => {
        const values = ms.map((m) => m.value);
        const before = weightedCv(
          values,
          ms.map((m) => m.weight),
        );
        const after = weightedCv(
          values,
          ms.map((m) => m.weight * k),
        );
        return close(before.cv, after.cv, 1e-8);
      }),
      runs(200),
    );
  });

  it('is 0 when all units have the same value, whatever their weights', () => {
    fc.assert(
      fc.property(
        positive,
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 30 }),
        (x, weights) => {
          const { cv, sd } = weightedCv(
            weights.map(() => x),
            weights,
          );
          return cv !== null && Math.abs(cv) < 1e-12 && sd !== null && sd < 1e-9 * x;
        },
      ),
      runs(300),
    );
  });

  it('has as its weighted mean the county ratio Σ numerator / Σ denominator', () => {
    const unit = fc.record({
      numerator: fc.integer({ min: 0, max: 100_000 }),
      denominator: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 40 }), (units) => {
        const { mean } = weightedCv(
          units.map((u) => u.numerator / u.denominator),
          units.map((u) => u.denominator),
        );
        const ratio =
          units.reduce((a, u) => a + u.numerator, 0) / units.reduce((a, u) => a + u.denominator, 0);
        return close(mean, ratio, 1e-12);
      }),
      runs(300),
    );
  });
});

// ── The engine on the tiny rule set (test/fixtures/rules/tiny) ──────────────────────────────────────────────

type Row = Record<string, string | number>;

const unitRow = fc.record({
  stage: fc.constantFrom('primary', 'junior'),
  school: fc.constantFrom('S1', 'S2', 'S3'),
  students: fc.integer({ min: 1, max: 2000 }),
  teachers: fc.integer({ min: 0, max: 150 }),
  floor_area: fc.integer({ min: 0, max: 20_000 }),
  books: fc.integer({ min: 0, max: 20_000 }),
});
const county = fc.record({
  pay: fc.integer({ min: 1000, max: 30_000 }),
  civil_pay: fc.integer({ min: 1000, max: 30_000 }),
});
const countyData = fc.record({ county, units: fc.array(unitRow, { minLength: 1, maxLength: 6 }) });
type UnitRow = typeof unitRow extends fc.Arbitrary<infer T> ? T : never;
interface CountyData {
  county: { pay: number; civil_pay: number };
  units: UnitRow[];
}

const SCHOOLS: Row[] = [
  { school_id: 'S1', school_name: '一小' },
  { school_id: 'S2', school_name: '二校' },
  { school_id: 'S3', school_name: '三校' },
];

function unitRows(data: CountyData): Row[] {
  return data.units.map((u, i) => ({
    unit_id: `U${i + 1}`,
    school_id: u.school,
    stage: u.stage,
    students: u.students,
    teachers: u.teachers,
    floor_area: u.floor_area,
    books: u.books,
  }));
}

async function evaluate(
  data: CountyData,
  order: { schools?: Row[]; units?: Row[] } = {},
  rules?: RuleSet,
): Promise<Evaluation> {
  const ruleset = rules ?? (await tinyRules());
  const doc = {
    county: {
      county_id: 'T1',
      county_name: '测试县',
      inputs: { pay: data.county.pay, civil_pay: data.county.civil_pay, survey_rate: 0.9 },
      attestations: { plan: { attested: true, evidence: ['规划文件'] } },
    },
    schools: order.schools ?? SCHOOLS,
    units: order.units ?? unitRows(data),
  };
  const built = datasetFromInline(doc, ruleset.inputs, 'inline.yaml', 'property');
  if (!built.dataset) throw new Error(built.problems.map((p) => p.message.en).join('\n'));
  return evaluateDataset(ruleset, built.dataset);
}

/** Every check of every subject, by `indicator/check/subject`. */
function checks(evaluation: Evaluation): Map<string, CheckResult> {
  const all = new Map<string, CheckResult>();
  for (const c of evaluation.counties) {
    for (const indicator of c.indicators) {
      for (const subject of [...(indicator.county ? [indicator.county] : []), ...indicator.members]) {
        for (const check of subject.checks)
          all.set(`${check.indicator}/${check.check}/${check.subject.key}`, check);
      }
    }
  }
  return all;
}

/** Every verdict of an evaluation — county, areas, indicators, checks — keyed and sorted: its meaning, not its order. */
function verdicts(evaluation: Evaluation): [string, string][] {
  const out: [string, string][] = [];
  for (const c of evaluation.counties) {
    out.push([`county/${c.county.key}`, c.verdict]);
    for (const a of c.areas) out.push([`area/${a.area}`, a.verdict]);
    for (const i of c.indicators) out.push([`indicator/${i.indicator}`, i.verdict]);
  }
  for (const [key, check] of checks(evaluation)) out.push([`check/${key}`, check.verdict]);
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('the engine on random counties of the tiny rule set', () => {
  it('raising an input of a >= check never turns met into not met', async () => {
    const raise = fc.record({
      unit: fc.nat(),
      teachers: fc.integer({ min: 1, max: 100 }),
      pay: fc.integer({ min: 1, max: 5000 }),
    });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(countyData, raise, async (data, up) => {
        const i = up.unit % data.units.length;
        const raised: CountyData = {
          county: { ...data.county, pay: data.county.pay + up.pay },
          units: data.units.map((u, j) => (j === i ? { ...u, teachers: u.teachers + up.teachers } : u)),
        };
        const before = checks(await evaluate(data));
        const after = checks(await evaluate(raised));
        for (const [key, check] of before) {
          const reads = check.inputs.some((input) => input.name === 'teachers' || input.name === 'pay');
          if (check.threshold?.operator !== '>=' || !reads || check.verdict !== 'met') continue;
          expect(after.get(key)?.verdict, key).toBe('met');
          compared++;
        }
      }),
      runs(40),
    );
    // The property held on checks that were met to begin with, not vacuously.
    expect(compared).toBeGreaterThan(40);
  });

  it('the order of the rows never changes a verdict', async () => {
    await fc.assert(
      fc.asyncProperty(
        countyData.chain((data) =>
          fc.record({
            data: fc.constant(data),
            units: fc.shuffledSubarray(unitRows(data), { minLength: data.units.length }),
            schools: fc.shuffledSubarray(SCHOOLS, { minLength: SCHOOLS.length }),
          }),
        ),
        async ({ data, units, schools }) => {
          const inOrder = verdicts(await evaluate(data));
          const shuffled = verdicts(await evaluate(data, { units, schools }));
          expect(shuffled).toEqual(inOrder);
        },
      ),
      runs(30),
    );
  });

  it('thresholds typed as staff type them (≥ ４.２, ≤ ０.４５, 85％) judge every county as >= 4.2, <= 0.45, 85% do', async () => {
    const { ruleset: natural } = await loadRuleSet('test/fixtures/rules/natural-thresholds');
    if (!natural) throw new Error('test/fixtures/rules/natural-thresholds does not load');
    await fc.assert(
      fc.asyncProperty(countyData, async (data) => {
        const plain = await evaluate(data);
        const typed = await evaluate(data, {}, natural);
        expect(verdicts(typed)).toEqual(verdicts(plain));
        // The trail keeps the threshold as written beside the comparison it was read as.
        for (const check of checks(typed).values()) {
          if (check.indicator !== 'A1' || check.threshold === undefined) continue;
          const { text, operator, bound } = check.threshold;
          expect([text, operator, bound]).toEqual(
            check.threshold.branch === 'primary' ? ['≥ ４.２', '>=', 4.2] : ['≥5.3', '>=', 5.3],
          );
        }
      }),
      runs(20),
    );
  });

  it('the same inputs give byte-identical JSON, and result.json reads back to the evaluation', async () => {
    await fc.assert(
      fc.asyncProperty(countyData, async (data) => {
        const evaluation = await evaluate(data);
        const again = await evaluate(structuredClone(data));
        expect(serializeJson(again)).toBe(serializeJson(evaluation));
        const file = serializeResult(evaluation);
        expect(serializeResult(again)).toBe(file);
        expect(readResult(JSON.parse(file))).toStrictEqual(JSON.parse(JSON.stringify(evaluation)));
      }),
      runs(20),
    );
  });
});
