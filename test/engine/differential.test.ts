import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, writeNation } from '../../bench/synthetic-nation.ts';
import type { RawCase } from '../../src/cases/merge-case.ts';
import { mergeCase } from '../../src/cases/merge-case.ts';
import { runCases } from '../../src/cases/run-cases.ts';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { compileRuleSet } from '../../src/engine/compile-ruleset.ts';
import { CompiledEvaluator } from '../../src/engine/compiled-evaluator.ts';
import { CountyContext } from '../../src/engine/county-context.ts';
import { evaluateCounty } from '../../src/engine/evaluate-dataset.ts';
import { FastEvaluator } from '../../src/engine/fast/fast-evaluator.ts';
import { FastFormula } from '../../src/engine/fast/fast-formula.ts';
import { RecordReader } from '../../src/engine/fast/record-reader.ts';
import { JsonRulesEvaluator } from '../../src/engine/json-rules-evaluator.ts';
import type { ComparisonSpec } from '../../src/engine/threshold-evaluator.ts';
import type { CountyData, Dataset } from '../../src/model/dataset.ts';
import type { CountyResult } from '../../src/model/evaluation.ts';
import type { Operator, RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { readYamlFile } from '../../src/rules/read-yaml.ts';

// json-rules-engine is the reference; the compiled evaluator and the verdict-only path must agree with it exactly.

let ruleset: RuleSet;
let dir: string;
let nation: Dataset;
let sample: Dataset;

beforeAll(async () => {
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error(loaded.problems.map((p) => p.message.en).join('\n'));
  ruleset = loaded.ruleset;
  dir = await mkdtemp(join(tmpdir(), 'junheng-differential-'));
  // About 100,000 units in 1,160 counties; no class table (G5 is then insufficient data everywhere, which the
  // classes of the sample below cover).
  await writeNation(join(dir, 'units'), { seed: 20170426, scale: 0.4, classes: false });
  const read = await loadDataset(join(dir, 'units'), ruleset.inputs);
  if (!read.dataset) throw new Error(read.problems.map((p) => p.message.en).join('\n'));
  nation = read.dataset;
  // A small nation with its classes: 29 counties, about 2,500 units and 40,000 classes.
  await writeNation(join(dir, 'sample'), { seed: 20170427, scale: 0.01 });
  const readSample = await loadDataset(join(dir, 'sample'), ruleset.inputs);
  if (!readSample.dataset) throw new Error(readSample.problems.map((p) => p.message.en).join('\n'));
  sample = readSample.dataset;
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fact at the bound, at 85% of it, with float noise, far off, or not a number at all. */
function randomValue(random: () => number, bound: number): number | boolean | string {
  const r = random();
  if (r < 0.2) return bound;
  if (r < 0.35) return bound * 0.85;
  if (r < 0.5) return (bound * Math.round(random() * 1000)) / 1000 + 1e-15;
  if (r < 0.55) return random() < 0.5;
  if (r < 0.6) return 'primary';
  return random() * bound * 2;
}

/** The county of every case of the rule set, built as the case runner builds it (the base chain merged). */
async function caseCounties(): Promise<{ name: string; county: CountyData }[]> {
  const out: { name: string; county: CountyData }[] = [];
  for (const caseDir of ruleset.caseDirs) {
    for (const name of (await readdir(caseDir))
      .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
      .sort()) {
      const chain: RawCase[] = [];
      let file = join(caseDir, name);
      for (;;) {
        const read = await readYamlFile(file);
        if (!read.yaml) break;
        const doc = read.yaml.data as RawCase;
        chain.push(doc);
        if (!doc.base) break;
        file = join(file, '..', doc.base);
      }
      const doc = chain.reduceRight<RawCase | undefined>(
        (acc, c) => (acc ? mergeCase(acc, c, ruleset.inputs) : { ...c }),
        undefined,
      );
      const built = datasetFromInline(doc, ruleset.inputs, name, name);
      const county = built.dataset?.counties[0];
      if (county) out.push({ name, county });
    }
  }
  return out;
}

/** The verdicts a county result holds, in the shape the verdict-only path gives them. */
function verdictsOf(result: CountyResult) {
  const indicators: Record<string, string> = {};
  const open: { indicator: string; verdict: string; failing?: number }[] = [];
  for (const i of result.indicators) {
    indicators[i.indicator] = i.verdict;
    if (i.verdict === 'met' || i.verdict === 'within_tolerance') continue;
    open.push(
      i.level === 'county'
        ? { indicator: i.indicator, verdict: i.verdict }
        : { indicator: i.indicator, verdict: i.verdict, failing: i.failing.length },
    );
  }
  return {
    county: result.county.key,
    name: result.county.name,
    verdict: result.verdict,
    areas: Object.fromEntries(result.areas.map((a) => [a.area, a.verdict])),
    indicators,
    open,
  };
}

describe('the compiled evaluator against json-rules-engine', () => {
  it('gives identical condition records for 100,000 random comparisons at and around their bounds', async () => {
    const random = seededRandom(42);
    const operators: Operator[] = ['>=', '>', '<=', '<', '==', '!='];
    const specs: ComparisonSpec[] = operators.flatMap((operator) => [
      { id: `${operator}`, operator, params: { check: operator } },
      { id: `${operator}/85`, operator, toleranceShare: 0.85, params: { check: operator } },
    ]);
    const reference = new JsonRulesEvaluator();
    const compiled = new CompiledEvaluator();
    reference.prepare(specs);
    compiled.prepare(specs);
    const bounds = [4.2, 5.3, 0.9, 2000, 0.5, 0.45, 1, 0, 100, 0.95];
    let differences = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const spec = specs[i % specs.length] as ComparisonSpec;
      const bound = bounds[Math.floor(random() * bounds.length)] as number;
      const value = randomValue(random, bound);
      const facts = { value, bound };
      const [a, b] = [await reference.compare(spec.id, facts), await compiled.compare(spec.id, facts)];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differences++;
        expect(b).toEqual(a);
      }
    }
    expect(differences).toBe(0);
  });

  it('gives identical condition records for every unit-level comparison of 100,000 random units', async () => {
    const reference = new JsonRulesEvaluator();
    const compiled = new CompiledEvaluator();
    const rules = compileRuleSet(ruleset, reference);
    compiled.prepare(rules.specs);
    const unitChecks = ruleset.indicators
      .filter((i) => i.level === 'unit')
      .flatMap((indicator) =>
        indicator.checks.map((check) => ({
          indicator,
          check,
          formula: new FastFormula(check.value!, rules.formulas, ruleset.inputs),
        })),
      );
    let units = 0;
    let comparisons = 0;
    for (const county of nation.counties) {
      const reader = new RecordReader(county, ruleset.inputs);
      for (const unit of county.units) {
        units++;
        for (const { indicator, check, formula } of unitChecks) {
          const outcome = formula.evaluate(reader, unit);
          const branch = check.threshold.branches[unit.group ?? '*'] ? (unit.group ?? '*') : '*';
          const bound = check.threshold.branches[branch]?.bound;
          if (outcome.state !== 'ok' || bound === undefined) continue;
          const id = `${indicator.id}/${check.id}/${branch}`;
          const facts = { value: outcome.value, bound };
          const [a, b] = [await reference.compare(id, facts), await compiled.compare(id, facts)];
          comparisons++;
          if (JSON.stringify(a) !== JSON.stringify(b)) expect(b).toEqual(a);
        }
      }
    }
    expect(units).toBeGreaterThanOrEqual(100_000);
    expect(comparisons).toBeGreaterThan(600_000);
  });

  it('gives identical county results, trails included, for a sample nation with classes', async () => {
    const reference = compileRuleSet(ruleset, new JsonRulesEvaluator());
    const compiled = compileRuleSet(ruleset, new CompiledEvaluator());
    for (const county of sample.counties) {
      const ctx = new CountyContext(county, ruleset.inputs);
      const a = await evaluateCounty(ctx, reference);
      const b = await evaluateCounty(ctx, compiled);
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(b).toEqual(a);
    }
  });

  it('gives identical results on every case of the rule set', async () => {
    const [a, b] = [
      await runCases(ruleset, { evaluator: new JsonRulesEvaluator() }),
      await runCases(ruleset, { evaluator: new CompiledEvaluator() }),
    ];
    expect(a.cases.length).toBeGreaterThan(50);
    expect(b.cases.map((c) => c.result)).toEqual(a.cases.map((c) => c.result));
    expect(b.cases.flatMap((c) => c.failures)).toEqual(a.cases.flatMap((c) => c.failures));
  });
});

describe('the verdict-only path against the full path', () => {
  it('gives the full path verdicts on every case of the rule set', async () => {
    const full = compileRuleSet(ruleset, new CompiledEvaluator());
    const fast = new FastEvaluator(ruleset);
    const cases = await caseCounties();
    expect(cases.length).toBeGreaterThan(50);
    for (const { name, county } of cases) {
      const expected = verdictsOf(await evaluateCounty(new CountyContext(county, ruleset.inputs), full));
      expect({ case: name, ...fast.evaluateCounty(county) }).toEqual({ case: name, ...expected });
    }
  });

  it('gives the full path verdicts for a sample nation and 60 counties of the random units', async () => {
    const full = compileRuleSet(ruleset, new CompiledEvaluator());
    const fast = new FastEvaluator(ruleset);
    for (const county of [...sample.counties, ...nation.counties.slice(0, 60)]) {
      const expected = verdictsOf(await evaluateCounty(new CountyContext(county, ruleset.inputs), full));
      expect(fast.evaluateCounty(county)).toEqual(expected);
    }
  });
});
