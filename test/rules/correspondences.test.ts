import { describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { listBundledRuleSets } from '../../src/rules/locate-ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

async function bundled(): Promise<Map<string, RuleSet>> {
  const out = new Map<string, RuleSet>();
  for (const ref of await listBundledRuleSets()) {
    const { ruleset } = await loadRuleSet(ref);
    if (ruleset) out.set(ruleset.id, ruleset);
  }
  return out;
}

describe('the correspondences the bundled rule files declare', () => {
  it('name an indicator that exists in a bundled rule set, with a note in both languages', async () => {
    const sets = await bundled();
    const declared = [...sets.values()].flatMap((set) =>
      set.indicators.flatMap((i) => (i.correspondsTo ?? []).map((c) => ({ from: `${set.id}/${i.id}`, ...c }))),
    );
    expect(declared.length).toBeGreaterThanOrEqual(8);
    const broken = declared.filter(
      (c) => !sets.get(c.ruleset)?.indicators.some((i) => i.id === c.indicator) || !c.note?.zh || !c.note.en,
    );
    expect(broken).toEqual([]);
  });

  it('are unverified: POLICY.md establishes none of the 2012 ↔ 2017 pairs', async () => {
    const sets = await bundled();
    const verified = [...sets.values()].flatMap((set) =>
      set.indicators.filter((i) => i.correspondsTo?.some((c) => c.verified)).map((i) => `${set.id}/${i.id}`),
    );
    expect(verified).toEqual([]);
  });

  it('are declared on both sides, so either rule set carries the other one’s CVs', async () => {
    const sets = await bundled();
    const oneSided = [...sets.values()].flatMap((set) =>
      set.indicators.flatMap((i) =>
        (i.correspondsTo ?? [])
          .filter(
            (c) =>
              !sets
                .get(c.ruleset)
                ?.indicators.find((o) => o.id === c.indicator)
                ?.correspondsTo?.some((back) => back.indicator === i.id),
          )
          .map((c) => `${set.id}/${i.id} → ${c.ruleset}/${c.indicator}`),
      ),
    );
    expect(oneSided).toEqual([]);
  });
});
