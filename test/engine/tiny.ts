import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { CountyResult } from '../../src/model/evaluation.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

let cached: RuleSet | undefined;

/** The engine tests' own small rule set (test/fixtures/rules/tiny). */
export async function tinyRules(): Promise<RuleSet> {
  if (!cached) {
    const { ruleset, problems } = await loadRuleSet('test/fixtures/rules/tiny');
    if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
    cached = ruleset;
  }
  return cached;
}

type Row = Record<string, string | number | boolean | null>;

/** A compliant county of the tiny rule set, with the given changes, evaluated. */
export async function evaluateTiny(
  change: { units?: Row[]; county?: Row; attestations?: Record<string, unknown> } = {},
): Promise<CountyResult> {
  const units: Row[] = [
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
      school_id: 'S2',
      stage: 'primary',
      students: 500,
      teachers: 25,
      floor_area: 2500,
      books: 3500,
    },
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
  for (const row of change.units ?? []) {
    const existing = units.find((u) => u['unit_id'] === row['unit_id']);
    if (existing) Object.assign(existing, row);
    else units.push(row);
  }
  const doc = {
    county: {
      county_id: 'T1',
      county_name: '测试县',
      inputs: { pay: 100, civil_pay: 100, survey_rate: 0.9, ...(change.county ?? {}) },
      attestations: { plan: { attested: true, evidence: ['规划文件'] }, ...(change.attestations ?? {}) },
    },
    schools: [
      { school_id: 'S1', school_name: '一小' },
      { school_id: 'S2', school_name: '二校' },
    ],
    units: units.map((u) => Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined))),
  };
  return evaluateTinyDoc(doc);
}

/** A county written inline (the shape of a YAML case) evaluated under the tiny rule set. */
export async function evaluateTinyDoc(doc: unknown): Promise<CountyResult> {
  const ruleset = await tinyRules();
  const built = datasetFromInline(doc, ruleset.inputs, 'inline.yaml', 'tiny');
  if (!built.dataset) throw new Error(built.problems.map((p) => p.message.en).join('\n'));
  const evaluation = await evaluateDataset(ruleset, built.dataset);
  return evaluation.counties[0] as CountyResult;
}
