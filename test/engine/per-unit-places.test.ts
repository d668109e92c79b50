import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom, writeNation } from '../../bench/synthetic-nation.ts';
import { compilePlan, type Plan, type PlanArea } from '../../src/engine/compile-plan.ts';
import { CountyContext } from '../../src/engine/county-context.ts';
import { decidePerUnit } from '../../src/engine/decide/per-unit-rule.ts';
import { evaluateDispersion, type Compare } from '../../src/engine/evaluate-dispersion.ts';
import { weightedCv } from '../../src/engine/weighted-cv.ts';
import { evaluatePerUnit } from '../../src/engine/evaluate-per-unit.ts';
import { NULL_RECORDER, type IndicatorOutcome, type MemberOutcome } from '../../src/engine/recorder.ts';
import { interpretCounty } from '../../src/engine/interpret-county.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import type { CountyData, DataRecord } from '../../src/model/dataset.ts';
import { worseVerdict, type Verdict } from '../../src/model/verdict.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

// The per-unit rule tallies each member by its record's key, in the order members first appear. It takes a
// member's place from its position when the record there is the same: members that differ from indicator to
// indicator (left out, reordered, a copy of a record) must give the tally by key all the same.

const VERDICTS: Verdict[] = [
  'met',
  'met',
  'met',
  'within_tolerance',
  'not_met',
  'pending',
  'insufficient_data',
];

let plan: Plan;
let area: PlanArea;
beforeAll(async () => {
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error('national-2017 did not load');
  plan = compilePlan(loaded.ruleset);
  area = plan.areas.find((a) => a.area.perUnit) as PlanArea;
});

/** The rule as written, tallied by key. */
function byKey(judged: { outcome: IndicatorOutcome }[], atLeastMet: number): Verdict[] {
  const tallies = new Map<string, { met: number; notMet: number; count: number; worst: Verdict }>();
  for (const { outcome } of judged)
    for (const member of outcome.members) {
      let t = tallies.get(member.record.key);
      if (!t) tallies.set(member.record.key, (t = { met: 0, notMet: 0, count: 0, worst: 'met' }));
      if (member.verdict === 'met') t.met++;
      else if (member.verdict === 'not_met') t.notMet++;
      else if (member.verdict !== 'within_tolerance') {
        t.count++;
        t.worst = worseVerdict(t.worst, member.verdict);
      }
    }
  return [...tallies.values()].map((t) =>
    decidePerUnit(t.met, { count: t.count, worst: t.worst }, atLeastMet, t.met >= atLeastMet, t.notMet === 0),
  );
}

describe('the per-unit rule over members that differ between indicators', () => {
  it('tallies each record by its key, whatever the members of each indicator', () => {
    const random = seededRandom(1203);
    const rule = area.area.perUnit as NonNullable<PlanArea['area']['perUnit']>;
    const plans = area.indicators;
    let misaligned = 0;
    for (let n = 0; n < 3_000; n++) {
      const units = 1 + Math.floor(random() * 12);
      const records: DataRecord[] = Array.from({ length: units }, (_, i) => ({
        level: 'unit',
        key: `U${i}`,
        values: {},
        source: { file: 't.csv', row: i + 2 },
      }));
      const judged = plans.map((p) => {
        let chosen = records.filter(() => random() < 0.9);
        if (random() < 0.2) chosen = [...chosen].sort(() => random() - 0.5);
        // A copy of a record (the same key, another object), as a reader of another table could give.
        if (random() < 0.1 && chosen.length > 0) chosen[0] = { ...(chosen[0] as DataRecord) };
        const members: MemberOutcome[] = chosen.map((record) => ({
          record,
          verdict: VERDICTS[Math.floor(random() * VERDICTS.length)] as Verdict,
          values: [],
        }));
        if (chosen.some((r, i) => r !== records[i])) misaligned++;
        return { plan: p, outcome: { verdict: 'met' as Verdict, members, failing: 0 } };
      });
      const compare = () => {
        throw new Error('counts are decided without running a comparison');
      };
      expect(evaluatePerUnit(area, judged, compare, NULL_RECORDER, [])).toEqual(
        byKey(judged, rule.atLeastMet),
      );
    }
    expect(misaligned).toBeGreaterThan(1_000);
  });
});

describe('the weighted CV over members that differ from the level’s records', () => {
  it('weighs each member by its own record, whatever its place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junheng-cv-places-'));
    await writeNation(dir, { seed: 5, scale: 0.001, classes: false });
    const read = await loadDataset(dir, plan.ruleset.inputs);
    await rm(dir, { recursive: true, force: true });
    const county = read.dataset?.counties[0] as CountyData;
    expect(county.units.length).toBeGreaterThan(20);
    const run = interpretCounty(plan, county);
    const dispersed = plan.areas.find((a) => a.area.dispersion) as PlanArea;
    const weight = (dispersed.area.dispersion as { weight: string }).weight;
    const compare: Compare = (comparison, value, bound) => comparison.run({ value, bound });
    const copy = (record: DataRecord): DataRecord =>
      (record as { toJSON?: () => DataRecord }).toJSON?.() ?? { ...record };
    const random = seededRandom(7);
    let compared = 0;
    for (let n = 0; n < 200; n++) {
      const own = dispersed.indicators.map((p) => {
        const outcome = run.indicators.get(p.indicator.id) as IndicatorOutcome;
        return { plan: p, outcome: { ...outcome, members: outcome.members.filter(() => random() < 0.8) } };
      });
      // The same members, each with a copy of its record: none is the level's record at its place.
      const copied = own.map(({ plan: p, outcome }) => ({
        plan: p,
        outcome: { ...outcome, members: outcome.members.map((m) => ({ ...m, record: copy(m.record) })) },
      }));
      const ctx = new CountyContext(county, plan.ruleset.inputs);
      const a = evaluateDispersion(dispersed, own, ctx, compare, false);
      const b = evaluateDispersion(dispersed, copied, ctx, compare, false);
      expect(a).toEqual(b);
      // Each CV as the rule defines it: the members of the group, each weighted by its own record.
      for (const d of a) {
        const o = own.find((x) => x.plan.indicator.id === d.indicator);
        if (!o || d.value === null) continue;
        const members = o.outcome.members.filter((m) => (m.record.group ?? '*') === d.group);
        const at = o.plan.checks.findIndex((c) => c.check.id === d.check);
        const cv = weightedCv(
          members.map((m) => m.values[at] as number),
          members.map((m) => ctx.value(m.record, weight) as number),
          false,
        );
        expect(d.value).toBe(cv.cv);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });
});
