import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seededRandom, writeNation } from '../../bench/synthetic-nation.ts';
import type { RawCase } from '../../src/cases/merge-case.ts';
import { mergeCase } from '../../src/cases/merge-case.ts';
import { runCases } from '../../src/cases/run-cases.ts';
import { ColumnRecord } from '../../src/data/column-table.ts';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { unionDictionary } from '../../src/compare/union-dictionary.ts';
import fc from 'fast-check';
import { compilePlan, type Plan } from '../../src/engine/compile-plan.ts';
import { CompiledEvaluator } from '../../src/engine/compiled-evaluator.ts';
import { CountyContext } from '../../src/engine/county-context.ts';
import { countyVerdicts } from '../../src/engine/county-verdicts.ts';
import { evaluateCounty } from '../../src/engine/evaluate-dataset.ts';
import { JsonRulesEvaluator } from '../../src/engine/json-rules-evaluator.ts';
import { PlanFormula } from '../../src/engine/plan-formula.ts';
import type { ComparisonSpec } from '../../src/engine/threshold-evaluator.ts';
import type { CountyData, DataRecord, Dataset } from '../../src/model/dataset.ts';
import type { CountyResult } from '../../src/model/evaluation.ts';
import type { Operator, RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import { readYamlFile } from '../../src/rules/read-yaml.ts';

// json-rules-engine is the reference; the compiled evaluator must agree with it exactly, and a plan run with the
// null recorder (verdicts only) must give every verdict the same plan gives with the trail recorder.

const RULE_SETS = ['national-2017', 'national-2012', 'hebei-2017', 'city-local-2017'];

let ruleset: RuleSet;
const rulesets = new Map<string, RuleSet>();
let huadu: Record<string, CountyData> = {};
let dir: string;
let nation: Dataset;
let sample: Dataset;

beforeAll(async () => {
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error(loaded.problems.map((p) => p.message.en).join('\n'));
  ruleset = loaded.ruleset;
  for (const id of RULE_SETS) {
    const other = await loadRuleSet(id);
    if (!other.ruleset) throw new Error(other.problems.map((p) => p.message.en).join('\n'));
    rulesets.set(id, other.ruleset);
    // Huadu is written for national-2017: read under another rule set with both dictionaries, as `evaluate` does.
    const dictionary =
      id === 'national-2017'
        ? ruleset.inputs
        : unionDictionary(other.ruleset.inputs, ruleset.inputs).dictionary;
    const read = await loadDataset('data/huadu-2024', dictionary);
    const county = read.dataset?.counties[0];
    if (!county) throw new Error(read.problems.map((p) => p.message.en).join('\n'));
    huadu = { ...huadu, [id]: county };
  }
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
async function caseCounties(ruleset: RuleSet): Promise<{ name: string; county: CountyData }[]> {
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
    const rules = compilePlan(ruleset, reference).compiled;
    compiled.prepare(rules.specs);
    const unitChecks = ruleset.indicators
      .filter((i) => i.level === 'unit')
      .flatMap((indicator) =>
        indicator.checks.map((check) => ({
          indicator,
          check,
          formula: new PlanFormula(check.value!, rules.formulas, ruleset.inputs),
        })),
      );
    let units = 0;
    let comparisons = 0;
    for (const county of nation.counties) {
      const reader = new CountyContext(county, ruleset.inputs);
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
    const reference = compilePlan(ruleset, new JsonRulesEvaluator());
    const compiled = compilePlan(ruleset, new CompiledEvaluator());
    for (const county of sample.counties) {
      const a = await evaluateCounty(county, reference);
      const b = await evaluateCounty(county, compiled);
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

/** The verdicts of a county by the null recorder and by the trail recorder, side by side. */
async function bothRuns(plan: Plan, county: CountyData) {
  return {
    verdictsOnly: countyVerdicts(plan, county),
    trail: verdictsOf(await evaluateCounty(county, plan)),
  };
}

/** Each county's verdicts without a trail are those of the run with one. */
async function expectTrailVerdicts(plan: Plan, counties: CountyData[]): Promise<void> {
  for (const county of counties) {
    const { verdictsOnly, trail } = await bothRuns(plan, county);
    expect(verdictsOnly).toEqual(trail);
  }
}

/** The county with its school, unit and class rows removed: only its published counts and CVs are left. */
function asReportedOnly(county: CountyData): CountyData {
  return { ...county, schools: [], units: [], classes: [] };
}

describe('the null recorder against the trail recorder', () => {
  it.each(RULE_SETS)('gives the trail verdicts on every case of %s', async (id) => {
    const rules = rulesets.get(id) as RuleSet;
    const plan = compilePlan(rules);
    const cases = await caseCounties(rules);
    expect(cases.length).toBeGreaterThan(5);
    for (const { name, county } of cases) {
      const { verdictsOnly, trail } = await bothRuns(plan, county);
      expect({ case: name, ...verdictsOnly }).toEqual({ case: name, ...trail });
    }
  });

  it.each(RULE_SETS)(
    'gives the trail verdicts on Huadu under %s, with and without its school rows',
    async (id) => {
      const plan = compilePlan(rulesets.get(id) as RuleSet);
      const county = huadu[id] as CountyData;
      expect(county.units.length).toBeGreaterThan(0);
      await expectTrailVerdicts(plan, [county, asReportedOnly(county)]);
    },
  );

  it('judges Huadu without its school rows on the published counts, with or without a trail: not recognised', async () => {
    const plan = compilePlan(ruleset);
    const verdicts = countyVerdicts(plan, asReportedOnly(huadu['national-2017'] as CountyData));
    expect(verdicts.verdict).toBe('not_recognised');
    expect(['R1', 'R2', 'R4', 'R5', 'R6', 'R7'].map((id) => verdicts.indicators[id])).toEqual(
      Array(6).fill('met'),
    );
    expect(verdicts.indicators['R3']).toBe('within_tolerance');
  });

  it('gives the trail verdicts for a sample nation and 60 counties of the random units', async () => {
    const plan = compilePlan(ruleset);
    await expectTrailVerdicts(plan, [...sample.counties, ...nation.counties.slice(0, 60)]);
  });

  it('gives the trail verdicts on fuzzed counties: rows, inputs, attestations, choices and published figures changed', async () => {
    const plans = new Map(RULE_SETS.map((id) => [id, compilePlan(rulesets.get(id) as RuleSet)]));
    const bases = [
      ...RULE_SETS.map((id) => ({ id, county: huadu[id] as CountyData })),
      ...sample.counties.slice(0, 4).map((county) => ({ id: 'national-2017', county })),
    ];
    const levels = ['schools', 'units', 'classes'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          base: fc.nat({ max: bases.length - 1 }),
          emptied: fc.subarray([...levels]),
          seed: fc.integer(),
          dropShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
          attest: fc.constantFrom('keep', 'yes', 'no', 'unknown', 'no-evidence'),
          choices: fc.constantFrom('keep', 'none', 'other'),
          dropReported: fc.boolean(),
        }),
        async (f) => {
          const { id, county } = bases[f.base] as (typeof bases)[number];
          const random = seededRandom(f.seed);
          const dropSome = (record: CountyData['record']): CountyData['record'] => {
            const values = { ...record.values };
            for (const name of Object.keys(values)) if (random() < f.dropShare) delete values[name];
            // A record held in columns may make its key when asked (a getter, not an own property): copied by name.
            return { ...record, key: record.key, values };
          };
          const fuzzed: CountyData = {
            ...county,
            record: dropSome(county.record),
            schools: f.emptied.includes('schools') ? [] : county.schools.map(dropSome),
            units: f.emptied.includes('units') ? [] : county.units.map(dropSome),
            classes: f.emptied.includes('classes') ? [] : county.classes,
            attestations: Object.fromEntries(
              Object.entries(county.attestations).map(([name, a]) => [
                name,
                f.attest === 'keep'
                  ? a
                  : {
                      ...a,
                      attested:
                        f.attest === 'yes' || f.attest === 'no-evidence'
                          ? true
                          : f.attest === 'no'
                            ? false
                            : null,
                      evidence: f.attest === 'no-evidence' ? [] : a.evidence,
                    },
              ]),
            ),
            choices:
              f.choices === 'keep'
                ? county.choices
                : f.choices === 'none'
                  ? {}
                  : Object.fromEntries(
                      (plans.get(id) as Plan).ruleset.indicators
                        .flatMap((i) => i.checks.flatMap((c) => (c.choice ? [c.choice] : [])))
                        .map((c) => {
                          const options = [...Object.keys(c.options), 'unknown-option'];
                          const option = options[Math.floor(random() * options.length)] as string;
                          return [c.id, { option, source: county.record.source }];
                        }),
                    ),
            reported: f.dropReported ? county.reported.filter(() => random() < 0.5) : county.reported,
          };
          const { verdictsOnly, trail } = await bothRuns(plans.get(id) as Plan, fuzzed);
          expect(verdictsOnly).toEqual(trail);
        },
      ),
      { numRuns: 60, seed: 19 },
    );
  });
});

/**
 * The sample nation's tables with cells blanked, made stray (a category no branch names, a word where a number goes)
 * or invalid: blank and stray cells stay in the table's columns, an invalid one makes its row a record of cells, so a
 * county's records are held in columns and in cells side by side.
 */
async function corruptTables(
  from: string,
  to: string,
  seed: number,
  invalid = true,
  /** When given, only these columns are blanked (an optional input's blank keeps its row in columns). */
  optional?: ReadonlySet<string>,
  /** Rows in a random order: a county's rows are then scattered among the table's. */
  shuffle = false,
): Promise<void> {
  const random = seededRandom(seed);
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    const text = await readFile(join(from, name), 'utf8');
    if (!name.endsWith('.csv')) {
      await writeFile(join(to, name), text);
      continue;
    }
    const [header = '', ...rows] = text.split('\n');
    const lines = rows.filter((line) => line !== '');
    if (shuffle)
      for (let i = lines.length - 1; i > 0; i--) {
        const k = Math.floor(random() * (i + 1));
        [lines[i], lines[k]] = [lines[k] as string, lines[i] as string];
      }
    const columns = header.split(',');
    const out = lines.map((line) => {
      const cells = line.split(',');
      if (cells.length !== columns.length) return line;
      return cells
        .map((cell, c) => {
          if ((columns[c] as string).endsWith('_id')) return cell;
          const r = random();
          if (r < 0.04 && (optional === undefined || optional.has(columns[c] as string))) return '';
          if (!invalid) return cell;
          if (r < 0.05) return 'senior';
          if (r < 0.055) return 'x';
          if (r < 0.06) return '-3';
          return cell;
        })
        .join(',');
    });
    await writeFile(join(to, name), [header, ...out].join('\n'));
  }
}

/**
 * The sample nation's tables written to `name` by `write` (with the dictionary of rule set `id`, the national one's
 * inputs beside its own), read back: the rule set, the counties and all their records.
 */
async function corruptedSample(
  id: string,
  name: string,
  write: (to: string, dictionary: RuleSet['inputs']) => Promise<void>,
): Promise<{ rules: RuleSet; counties: CountyData[]; records: DataRecord[] }> {
  const rules = rulesets.get(id) as RuleSet;
  const dictionary =
    id === 'national-2017' ? ruleset.inputs : unionDictionary(rules.inputs, ruleset.inputs).dictionary;
  const to = join(dir, name);
  await write(to, dictionary);
  const read = await loadDataset(to, dictionary);
  if (!read.dataset) throw new Error(read.problems.map((p) => p.message.en).join('\n'));
  const counties = read.dataset.counties;
  return { rules, counties, records: counties.flatMap((c) => [...c.schools, ...c.units, ...c.classes]) };
}

describe('records held in columns, judged from their columns without a trail', () => {
  it.each(RULE_SETS)(
    'gives the trail verdicts for blanked cells, every record in columns, under %s',
    async (id) => {
      const { rules, counties, records } = await corruptedSample(id, `blanked-${id}`, (to, dictionary) => {
        const optional = new Set(
          Object.entries(dictionary.inputs).flatMap(([name, def]) => (def.required === true ? [] : [name])),
        );
        // National-2017's tables in a random order as well: a county's rows are not consecutive in the table's columns.
        return corruptTables(
          join(dir, 'sample'),
          to,
          RULE_SETS.indexOf(id) + 31,
          false,
          optional,
          id === 'national-2017',
        );
      });
      expect(records.every((r) => r instanceof ColumnRecord)).toBe(true);
      const plan = compilePlan(rules);
      // Each formula of an indicator judged by row runs once over a county's rows of a level.
      const loops = vi.spyOn(PlanFormula.prototype, 'evaluateRows');
      try {
        await expectTrailVerdicts(plan, counties);
        if (plan.indicators.some((i) => i.byRow)) {
          expect(loops.mock.calls.length).toBeGreaterThan(counties.length);
          expect(loops.mock.results.every((r) => r.value === true)).toBe(true);
        }
      } finally {
        loops.mockRestore();
      }
    },
  );

  it('engages for the unit and class indicators of the national rules', () => {
    const plan = compilePlan(ruleset);
    const byRow = plan.indicators.filter((i) => i.byRow).map((i) => i.indicator.level);
    expect(byRow.length).toBeGreaterThan(8);
    expect(new Set(byRow)).not.toContain('county');
    expect(sample.counties[0]?.units[0]).toBeInstanceOf(ColumnRecord);
  });

  it.each(RULE_SETS)(
    'gives the trail verdicts for blanked, stray and invalid cells of the sample nation under %s',
    async (id) => {
      const { rules, counties, records } = await corruptedSample(id, `corrupt-${id}`, (to) =>
        corruptTables(join(dir, 'sample'), to, RULE_SETS.indexOf(id) + 11),
      );
      const inColumns = records.filter((r) => r instanceof ColumnRecord).length;
      // Both kinds of record, in the same counties.
      expect(inColumns).toBeGreaterThan(records.length / 2);
      expect(inColumns).toBeLessThan(records.length);
      const plan = compilePlan(rules);
      // Records of cells among them: the runs of rows between are judged as loops, the rest record by record.
      const rowRuns = vi.spyOn(PlanFormula.prototype, 'evaluateRow');
      const loops = vi.spyOn(PlanFormula.prototype, 'evaluateRows');
      try {
        await expectTrailVerdicts(plan, counties);
        if (plan.indicators.some((i) => i.byRow)) {
          expect(rowRuns.mock.calls.length).toBeGreaterThan(100);
          expect(loops.mock.calls.length).toBeGreaterThan(counties.length * 4);
        }
      } finally {
        rowRuns.mockRestore();
        loops.mockRestore();
      }
    },
  );
});
